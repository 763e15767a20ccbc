"""Inbound questions and the share the account answered.

An inbound question of an account is a post created in the period by another account
that replies to the account (``in_reply_to_account_id`` is one of its ids) or mentions
its handle, and whose text asks something by the rule below. It is answered when the
account replied to it (a post of the account, at any time in the warehouse, with
``in_reply_to_post_id`` = the question).

The question rule (Dutch) is ``questionrule.asks_something``: see questionrule.py.
Per municipality a question addressed to several of its accounts counts once,
and is answered when one of the accounts it was addressed to replied.
"""

from __future__ import annotations

from meetlat.indicators.questionrule import asks_something
from meetlat.indicators.registry import indicators, sources
from meetlat.indicators.scope import KEYS, epoch_ms


def addressed(scope):
    """The posts in the period by other accounts that reply to or mention a measured
    account: KEYS, q_post_id, author_id, created_ms (one row per post and account)."""
    posts = scope.in_period(scope.posts)
    amap = scope.account_map
    by_reply = posts.join(
        amap,
        [posts.platform == amap.platform, posts.in_reply_to_account_id == amap.account_id],
    ).select(
        *[amap[k] for k in KEYS],
        q_post_id=posts.post_id,
        author_id=posts.account_id,
        created_ms=epoch_ms(posts.created_at),
    )
    mentioned = posts.filter(posts.mentions.length() > 0).select(
        "platform",
        "post_id",
        "account_id",
        created_ms=epoch_ms(posts.created_at),
        mention=posts.mentions.unnest(),
    )
    reg = scope.registry
    by_mention = mentioned.join(
        reg,
        [mentioned.platform == reg.platform, mentioned.mention.lower() == reg.handle],
    ).select(
        *[reg[k] for k in KEYS],
        q_post_id=mentioned.post_id,
        author_id=mentioned.account_id,
        created_ms=mentioned.created_ms,
    )
    addressed = by_reply.union(by_mention).distinct()
    own_ids = amap.select(*KEYS, author_id=amap.account_id)
    addressed = addressed.anti_join(own_ids, [*KEYS, "author_id"])
    return addressed


@sources.register("questions", title="the questions addressed to the accounts")
def questions(scope):
    posts = scope.in_period(scope.posts)
    amap = scope.account_map
    to_accounts = addressed(scope)
    # the question rule runs once per addressed post (not per addressed account); a post
    # asks when any stored copy of it (same platform, id and author) asks
    ids = to_accounts.select(
        a_platform=to_accounts.platform,
        a_post_id=to_accounts.q_post_id,
        a_author=to_accounts.author_id,
    ).distinct()
    texts = posts.join(
        ids,
        [
            posts.platform == ids.a_platform,
            posts.post_id == ids.a_post_id,
            posts.account_id == ids.a_author,
        ],
    )
    # an aggregate, so that the engine runs the rule after the join (a plain filter
    # would be pushed below it, onto every post of the period)
    texts = texts.group_by(
        platform=texts.a_platform, q_post_id=texts.a_post_id, author_id=texts.a_author
    ).aggregate(asks=asks_something(texts.text).any())
    texts = texts.filter(texts.asks).select("platform", "q_post_id", "author_id")
    asked = to_accounts.semi_join(texts, ["platform", "q_post_id", "author_id"])

    everything = scope.posts.drop("handle")  # the registry's handle is the key
    replies = everything.filter(everything.in_reply_to_post_id.notnull())
    # only the replies to the asked posts (a semi-join before the join and the distinct,
    # so the replies to anything else are dropped as they are read)
    asked_ids = asked.select(a_platform=asked.platform, a_post_id=asked.q_post_id).distinct()
    replies = replies.semi_join(
        asked_ids,
        [
            replies.platform == asked_ids.a_platform,
            replies.in_reply_to_post_id == asked_ids.a_post_id,
        ],
    )
    answers = (
        replies.join(amap, ["platform", "account_id"])
        .select(*KEYS, q_post_id=replies.in_reply_to_post_id, answered=True)
        .distinct()
    )
    joined = asked.left_join(answers, [*KEYS, "q_post_id"])
    return joined.select(
        *[joined[k] for k in KEYS],
        "created_ms",
        question=joined.platform.concat(":", joined.q_post_id),
        answered=joined.answered.coalesce(False),
    )


@indicators.register(
    "inbound_questions",
    unit="posts",
    definition="posts by other accounts in the period that reply to or mention the account "
    "and ask something (question rule in the docs)",
    higher_is_better=None,
    source="questions",
    dtype="int",
)
def inbound_questions(t):
    return t.question.nunique()


@indicators.register(
    "questions_answered_pct",
    unit="%",
    definition="100 × inbound questions the account replied to ÷ inbound_questions",
    higher_is_better=True,
    source="questions",
)
def questions_answered_pct(t):
    import ibis

    answered = ibis.ifelse(t.answered, t.question, ibis.null(t.question.type())).nunique()
    return 100.0 * answered.cast("float64") / t.question.nunique().nullif(0).cast("float64")
