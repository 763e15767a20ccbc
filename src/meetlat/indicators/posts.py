"""Posts sent and interaction: what the measured accounts published in the period.

The source ``sent`` has one row per post of a measured account created in the period,
with flags for its kind. A reply's answered account is ``in_reply_to_account_id``, or,
when the source did not carry it, the author of the answered post if that post is in the
warehouse. A reply whose answered account is the replying account itself is a thread
(a self-reply); a reply whose answered account is unknown counts as a reply to another
account.
"""

from __future__ import annotations

from meetlat.indicators.registry import DERIVED, indicators, sources
from meetlat.indicators.scope import KEYS, epoch_ms


@sources.register("sent", shared=True, title="the accounts' posts sent")
def sent(scope):
    posts = scope.posts
    # the registry's handle is the key; the author handle a post carries is not needed
    own = scope.in_period(posts).drop("handle").join(scope.account_map, ["platform", "account_id"])
    # the answered posts that are in the warehouse: only those the replies point to (a
    # semi-join), one row per post (a post is stored once; min() keeps it deterministic)
    asked = own.filter(own.in_reply_to_post_id.notnull()).select(
        asked_platform=own.platform, asked_post_id=own.in_reply_to_post_id
    )
    found = posts.semi_join(
        asked,
        [posts.platform == asked.asked_platform, posts.post_id == asked.asked_post_id],
    )
    parents = found.group_by(
        parent_platform=found.platform, parent_post_id=found.post_id
    ).aggregate(parent_account_id=found.account_id.min(), parent_created_at=found.created_at.min())
    joined = own.left_join(
        parents,
        [
            own.platform == parents.parent_platform,
            own.in_reply_to_post_id == parents.parent_post_id,
        ],
    )
    is_reply = joined.kind == "reply"
    answered_account = joined.in_reply_to_account_id.coalesce(joined.parent_account_id)
    is_self = is_reply & answered_account.notnull() & (answered_account == joined.account_id)
    return joined.select(
        *KEYS,
        "account_id",
        "post_id",
        "kind",
        "in_reply_to_post_id",
        "author_followers",
        created_ms=epoch_ms(joined.created_at),
        parent_ms=epoch_ms(joined.parent_created_at),
        is_self_reply=is_self,
        is_reply_to_other=is_reply & ~is_self,
    )


def _count(condition):
    return condition.cast("int64").sum().coalesce(0)


@indicators.register(
    "posts_sent",
    unit="posts",
    definition="every post the account published in the period: originals, replies "
    "(threads included), reposts and quotes",
    higher_is_better=None,
    source="sent",
    dtype="int",
)
def posts_sent(t):
    return t.count()


@indicators.register(
    "originals",
    unit="posts",
    definition="posts of kind original",
    higher_is_better=None,
    source="sent",
    dtype="int",
)
def originals(t):
    return _count(t.kind == "original")


@indicators.register(
    "replies_sent",
    unit="posts",
    definition="replies to another account's post (threads excluded)",
    higher_is_better=True,
    source="sent",
    dtype="int",
)
def replies_sent(t):
    return _count(t.is_reply_to_other)


@indicators.register(
    "self_replies",
    unit="posts",
    definition="replies to the account's own posts (threads)",
    higher_is_better=None,
    source="sent",
    dtype="int",
)
def self_replies(t):
    return _count(t.is_self_reply)


@indicators.register(
    "reposts_sent",
    unit="posts",
    definition="reposts (retweets, boosts) of any post",
    higher_is_better=None,
    source="sent",
    dtype="int",
)
def reposts_sent(t):
    return _count(t.kind == "repost")


@indicators.register(
    "quotes_sent",
    unit="posts",
    definition="quote posts",
    higher_is_better=None,
    source="sent",
    dtype="int",
)
def quotes_sent(t):
    return _count(t.kind == "quote")


@indicators.register(
    "interaction_pct",
    unit="%",
    definition="100 × replies_sent ÷ posts_sent; empty when nothing was sent",
    higher_is_better=True,
    source=DERIVED,
)
def interaction_pct(row):
    return 100.0 * row.replies_sent.cast("float64") / row.posts_sent.nullif(0).cast("float64")
