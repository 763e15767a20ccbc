"""Followers and reach.

- ``followers``, ``following``, ``total_posts``: each account id's latest snapshot observed
  before the end of the period (ties on ``observed_at``: the highest value); per
  municipality the sum over its accounts.
- potential reach of a post: the author's followers when it was posted, plus the
  followers of every other account known (anywhere in the warehouse) to have reposted it,
  each reposting account counted once. "Followers when posted" is the follower count the
  post itself carries (``author_followers``), or else the count of the account's snapshot
  nearest in time (on equal distance the earlier one; on equal times the highest count).
  A post whose author's followers are unknown has no reach and is left out of the mean; a
  reposting account whose followers are unknown adds nothing.
- ``potential_reach_mean``: mean potential reach over the account's own posts in the
  period that are not reposts.
- ``relative_reach`` and the per-inhabitant ratios use the municipality's inhabitants
  (reference population of the year the period starts in).
"""

from __future__ import annotations

from meetlat.indicators.registry import DERIVED, indicators, sources
from meetlat.indicators.scope import KEYS, epoch_ms


@sources.register(
    "snapshot", fact=False, title="each account's latest snapshot before the period's end"
)
def latest_snapshot(scope):
    snaps = scope.snapshots
    snaps = snaps.filter(snaps.observed_at < scope.end_at)
    # only the measured accounts' snapshots (the result is joined to them anyway)
    ids = scope.account_map.select("platform", "account_id").distinct()
    snaps = snaps.semi_join(ids, ["platform", "account_id"])
    last = last_observed(snaps, ["platform", "account_id"])
    return scope.account_map.join(last, ["platform", "account_id"]).select(
        *scope.key_columns, *COUNTS
    )


COUNTS = ("followers", "following", "total_posts")  # the counts a snapshot holds


def last_observed(snaps, by: list[str]):
    """Per ``by`` group of snapshots: the latest ``observed_at`` and the counts observed
    then (several snapshots at that same moment: the highest of each count)."""
    newest = snaps.group_by(by).aggregate(last_seen=snaps.observed_at.max())
    last = snaps.join(newest, by).filter(lambda t: t.observed_at == t.last_seen)
    return last.group_by([*by, "observed_at"]).aggregate(
        followers=last.followers.max(),
        following=last.following.max(),
        total_posts=last.total_posts.max(),
    )


def _followers_when_posted(scope, posts):
    """``posts`` (platform, account_id, post_id, created_ms, author_followers) with a column
    ``posted_followers``: the carried count, else the nearest snapshot's.

    Each snapshot is nearest for the times between the midpoints to its neighbours
    (exclusive below, inclusive above, so an exact tie goes to the earlier snapshot); the
    comparison is made on doubled times so midpoints stay whole milliseconds. A post joins
    the one snapshot whose span holds it: an equi-join on the account plus a range filter.
    """
    import ibis

    need = posts.filter(posts.author_followers.isnull())
    need = need.select("platform", "post_id", "account_id", "created_ms")
    snaps = scope.snapshots
    snaps = snaps.filter(snaps.followers.notnull())
    # only the accounts of posts without a carried count: each account's spans depend
    # on its own snapshots alone, so the others are not needed
    authors = need.select(
        author_platform=need.platform, author_account_id=need.account_id
    ).distinct()
    snaps = snaps.semi_join(
        authors,
        [
            snaps.platform == authors.author_platform,
            snaps.account_id == authors.author_account_id,
        ],
    )
    snaps = snaps.group_by("platform", "account_id", obs_ms=epoch_ms(snaps.observed_at)).aggregate(
        followers=snaps.followers.max()
    )  # equal times: the highest count
    window = ibis.window(group_by=[snaps.platform, snaps.account_id], order_by=snaps.obs_ms)
    spans = snaps.select(
        snap_platform=snaps.platform,
        snap_account_id=snaps.account_id,
        snap_followers=snaps.followers,
        low2=snaps.obs_ms + snaps.obs_ms.lag().over(window),  # null: no earlier snapshot
        high2=snaps.obs_ms + snaps.obs_ms.lead().over(window),  # null: no later snapshot
    )
    twice = need.created_ms * 2
    nearest = need.join(
        spans,
        [
            need.platform == spans.snap_platform,
            need.account_id == spans.snap_account_id,
            spans.low2.isnull() | (twice > spans.low2),
            spans.high2.isnull() | (twice <= spans.high2),
        ],
    ).select("platform", "post_id", "snap_followers")
    nearest = nearest.group_by("platform", "post_id").aggregate(
        snap_followers=nearest.snap_followers.max()  # one span per post; max() keeps one row
    )
    joined = posts.left_join(nearest, ["platform", "post_id"])
    return joined.select(
        *[joined[c] for c in posts.columns],
        posted_followers=joined.author_followers.coalesce(joined.snap_followers),
    )


@sources.register("reach", title="the own posts that are not reposts, with their reach")
def reach(scope):
    sent = scope.source("sent")
    own = sent.filter(sent.kind != "repost")
    posts = scope.posts
    own_posts = own.select(*KEYS, "account_id", "post_id", "created_ms", "author_followers")
    own_followers = _followers_when_posted(scope, own_posts)

    reposts = posts.filter(posts.kind == "repost", posts.repost_of_post_id.notnull())
    targets = own.select(
        target_platform=own.platform, target_post_id=own.post_id, author_id=own.account_id
    ).distinct()
    reposts = reposts.join(
        targets,
        [
            reposts.platform == targets.target_platform,
            reposts.repost_of_post_id == targets.target_post_id,
        ],
    ).filter(lambda t: t.account_id != t.author_id)
    reposts = reposts.select(
        "platform",
        "account_id",
        "post_id",
        "author_followers",
        "target_post_id",
        created_ms=epoch_ms(reposts.created_at),
    )
    reposters = _followers_when_posted(scope, reposts)
    per_reposter = reposters.group_by(["platform", "target_post_id", "account_id"]).aggregate(
        followers=reposters.posted_followers.max()
    )
    per_post = per_reposter.group_by(
        platform=per_reposter.platform, post_id=per_reposter.target_post_id
    ).aggregate(reposter_followers=per_reposter.followers.sum())
    joined = own_followers.left_join(per_post, ["platform", "post_id"])
    return joined.select(
        *KEYS,
        "post_id",  # so that an update can replace the rows of some posts
        "created_ms",
        potential_reach=joined.posted_followers
        + joined.reposter_followers.coalesce(0).cast("int64"),
    )


@indicators.register(
    "followers",
    unit="accounts",
    definition="followers in the latest snapshot before the end of the period",
    higher_is_better=True,
    source="snapshot",
    dtype="Int64",
)
def followers(t):
    return t.followers.sum()


@indicators.register(
    "following",
    unit="accounts",
    definition="accounts followed, in the latest snapshot before the end of the period",
    higher_is_better=True,
    source="snapshot",
    dtype="Int64",
)
def following(t):
    return t.following.sum()


@indicators.register(
    "total_posts",
    unit="posts",
    definition="posts since the account was made, in the latest snapshot before the end",
    higher_is_better=True,
    source="snapshot",
    dtype="Int64",
)
def total_posts(t):
    return t.total_posts.sum()


@indicators.register(
    "potential_reach_mean",
    unit="accounts",
    definition="mean over own non-repost posts of the author's followers when posted plus "
    "the followers of the accounts that reposted it",
    higher_is_better=True,
    source="reach",
)
def potential_reach_mean(t):
    return t.potential_reach.mean()


def _per_inhabitant(value, row):
    return value.cast("float64") / row.inhabitants.nullif(0).cast("float64")


@indicators.register(
    "relative_reach",
    unit="ratio",
    definition="potential_reach_mean ÷ inhabitants",
    higher_is_better=True,
    source=DERIVED,
    context=("inhabitants", "population_year"),
)
def relative_reach(row):
    return _per_inhabitant(row.potential_reach_mean, row)


@indicators.register(
    "followers_per_inhabitant_pct",
    unit="%",
    definition="100 × followers ÷ inhabitants",
    higher_is_better=True,
    source=DERIVED,
    context=("inhabitants",),
)
def followers_per_inhabitant_pct(row):
    return 100.0 * _per_inhabitant(row.followers, row)


@indicators.register(
    "following_per_inhabitant_pct",
    unit="%",
    definition="100 × following ÷ inhabitants",
    higher_is_better=True,
    source=DERIVED,
    context=("inhabitants",),
)
def following_per_inhabitant_pct(row):
    return 100.0 * _per_inhabitant(row.following, row)


@indicators.register(
    "posts_per_inhabitant_pct",
    unit="%",
    definition="100 × total_posts ÷ inhabitants",
    higher_is_better=True,
    source=DERIVED,
    context=("inhabitants",),
)
def posts_per_inhabitant_pct(row):
    return 100.0 * _per_inhabitant(row.total_posts, row)
