"""Inbound questions and the share the account answered.

An inbound question of an account is a post created in the period by another account
that replies to the account (``in_reply_to_account_id`` is one of its ids) or mentions
its handle, and whose text asks something by the rule below. It is answered when the
account replied to it (a post of the account, at any time in the warehouse, with
``in_reply_to_post_id`` = the question).

The question rule (Dutch) is ``questionrule.asks_something``: see questionrule.py.
Per municipality a question addressed to several of its accounts counts once,
and is answered when one of the accounts it was addressed to replied.

The book's reply-time buckets (buckets.py) of the questions are counted in the query on
both clocks (``questions_reply_<bucket>``, ``questions_office_<bucket>``): a question is in
the bucket of the account's first reply to it (``none`` without one). Per municipality
they are sums over its accounts (a question addressed to two of them counts for each).
"""

from __future__ import annotations

from meetlat.indicators import buckets, officehours
from meetlat.indicators.questionrule import asks_something
from meetlat.indicators.reaction import MINUTE_MS, office_ms
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
    # One linear pipeline, so that the addressed posts are computed once (a second use of
    # them, e.g. a semi-join, is inlined by Ibis and computed again: 2.4 times slower).
    # A post asks when any stored copy of it (same platform, id and author) asks; an
    # aggregate, so that the engine runs the rule after the join (a plain filter would be
    # pushed below it, onto every post of the period).
    texts = posts.select(
        t_platform=posts.platform, t_post_id=posts.post_id, t_author=posts.account_id,
        text=posts.text,
    )  # fmt: skip
    texts = to_accounts.join(
        texts,
        [
            to_accounts.platform == texts.t_platform,
            to_accounts.q_post_id == texts.t_post_id,
            to_accounts.author_id == texts.t_author,
        ],
    )
    asked_columns = [*KEYS, "q_post_id", "author_id", "created_ms"]
    asked = texts.group_by(asked_columns).aggregate(asks=asks_something(texts.text).any())
    asked = asked.filter(asked.asks).drop("asks")

    # the account's first reply to each question (its reaction time gives the bucket)
    everything = scope.posts.drop("handle")  # the registry's handle is the key
    replies = everything.filter(everything.in_reply_to_post_id.notnull())
    own = replies.join(amap, ["platform", "account_id"]).select(
        *KEYS, r_post_id=replies.in_reply_to_post_id, r_ms=epoch_ms(replies.created_at)
    )
    joined = asked.left_join(
        own, [*[asked[k] == own[k] for k in KEYS], asked.q_post_id == own.r_post_id]
    )
    joined = joined.group_by(asked_columns).aggregate(reply_ms=joined.r_ms.min())
    joined = joined.select(
        *KEYS,
        "created_ms",
        question=joined.platform.concat(":", joined.q_post_id),
        answered=joined.reply_ms.notnull(),
        reply_ms=joined.reply_ms,
    )
    return with_office_minutes(scope, joined)


def with_office_minutes(scope, table):
    """``table`` (created_ms, reply_ms) with the first reply's reaction time on both
    clocks, ``minutes`` and ``office_minutes`` (reaction.py); both null without a reply,
    or when the reply seems to come before the question (a data error, as for the
    reaction time: such a question is in no time bucket but ``none``)."""
    import ibis

    timed = table.reply_ms.notnull() & (table.reply_ms >= table.created_ms)
    table = table.mutate(
        reply_hour=officehours.hour_of(table.reply_ms),
        asked_hour=officehours.hour_of(table.created_ms),
    )
    clock = scope.clock
    at_reply = clock.select(
        reply_hour=clock.hour, r_open=clock.open_ms, r_close=clock.close_ms, r_cum=clock.cum_ms
    )
    at_asked = clock.select(
        asked_hour=clock.hour, a_open=clock.open_ms, a_close=clock.close_ms, a_cum=clock.cum_ms
    )
    joined = table.left_join(at_reply, "reply_hour").left_join(at_asked, "asked_hour")
    office_reply = office_ms(joined.reply_ms, joined.r_open, joined.r_close, joined.r_cum)
    office_asked = office_ms(joined.created_ms, joined.a_open, joined.a_close, joined.a_cum)
    no_time = ibis.null("float64")
    return joined.select(
        *KEYS,
        "created_ms",
        "question",
        "answered",
        minutes=ibis.ifelse(
            timed, (joined.reply_ms - joined.created_ms).cast("float64") / MINUTE_MS, no_time
        ),
        office_minutes=ibis.ifelse(
            timed, (office_reply - office_asked).cast("float64") / MINUTE_MS, no_time
        ),
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


# ---- the book's reply-time buckets (buckets.py) of the questions, on both clocks -------
BUCKET_WORDS = {
    "15min": "within 15 minutes",
    "1h": "after 15 minutes, within 1 hour",
    "2h": "after 1 hour, within 2 hours",
    "24h": "after 2 hours, within the next day (24 hours; office clock: one working day)",
    "later": "later than that",
    "none": "not at all (no timed reply)",
}


def _bucket_indicator(name: str, office: bool) -> None:
    clock = "office-hours" if office else "24/7"

    def count(t):
        column = t.office_minutes if office else t.minutes
        day = buckets.working_day_minutes(officehours.configured()) if office else None
        return buckets.in_bucket(column, name, day).sum()

    prefix = "questions_office_" if office else "questions_reply_"
    indicators.register(
        prefix + name,
        unit="posts",
        definition=f"inbound questions the account first replied to {BUCKET_WORDS[name]} "
        f"({clock} clock, bucket {name})",
        higher_is_better=None,
        source="questions",
        dtype="int",
    )(count)


for _office in (False, True):
    for _name in buckets.BUCKETS:
        _bucket_indicator(_name, _office)
