"""The canonical tables of the warehouse, as Arrow schemas.

Every platform reader produces rows of these shapes (plain dicts with these keys);
the importer turns them into Arrow batches and Parquet files. Times are UTC
(``timestamp[us, UTC]``); ids are exact strings, never numbers.
"""

from __future__ import annotations

import pyarrow as pa

PLATFORMS = ("x", "mastodon", "bluesky", "facebook")
ROLES = ("corporate", "council", "theme", "executive", "other")
STATUSES = ("active", "parked", "closed")
POST_KINDS = ("original", "reply", "repost", "quote")

UTC_TIME = pa.timestamp("us", tz="UTC")
STRINGS = pa.list_(pa.string())

# One row per post, identified by (platform, post_id). Written once, never changed.
POSTS = pa.schema(
    [
        ("platform", pa.string()),
        ("post_id", pa.string()),
        ("account_id", pa.string()),  # the platform's id of the author
        ("handle", pa.string()),  # the author's handle when the source carries it
        ("created_at", UTC_TIME),
        ("text", pa.string()),
        ("language", pa.string()),
        ("kind", pa.string()),  # original | reply | repost | quote
        ("in_reply_to_post_id", pa.string()),
        ("in_reply_to_account_id", pa.string()),
        ("repost_of_post_id", pa.string()),
        ("quote_of_post_id", pa.string()),
        ("conversation_id", pa.string()),
        ("mentions", STRINGS),  # handles, lower case, without @
        ("hashtags", STRINGS),  # without #, as written
        ("urls", STRINGS),  # expanded where the source gives them
        ("author_followers", pa.int64()),  # author's followers at collection time, if carried
        ("embedded", pa.bool_()),  # true when the post only came inside another record
        ("source_file", pa.string()),  # sha256 of the archived file it came from
        ("record_hash", pa.string()),  # sha256 of the record, back to the archive
    ]
)

# Public metrics are observations: one row per time a post was seen. The newest
# observation of a post gives its current metrics; older ones are kept.
POST_METRICS = pa.schema(
    [
        ("platform", pa.string()),
        ("post_id", pa.string()),
        ("observed_at", UTC_TIME),
        ("likes", pa.int64()),
        ("reposts", pa.int64()),
        ("replies", pa.int64()),
        ("quotes", pa.int64()),
        ("views", pa.int64()),
        ("source_file", pa.string()),
    ]
)

# Accounts seen in the data (authors, mentioned users, users of includes blocks).
# Municipality, role and status come from the registry (`meetlat accounts import`).
ACCOUNTS = pa.schema(
    [
        ("platform", pa.string()),
        ("account_id", pa.string()),
        ("handle", pa.string()),
        ("display_name", pa.string()),
        ("created_at", UTC_TIME),
        ("source_file", pa.string()),
    ]
)

# One row per observation of an account's counts; never overwritten.
ACCOUNT_SNAPSHOTS = pa.schema(
    [
        ("platform", pa.string()),
        ("account_id", pa.string()),
        ("handle", pa.string()),
        ("observed_at", UTC_TIME),
        ("followers", pa.int64()),
        ("following", pa.int64()),
        ("total_posts", pa.int64()),
        ("source_file", pa.string()),
    ]
)

# The author of a post that was stored without one (an X archive's tweets.js imported
# without its account.js), learnt from a later import of the same post with its author.
# One row per post, the first one learnt; the posts of ``connect()`` show this author.
POST_AUTHORS = pa.schema(
    [
        ("platform", pa.string()),
        ("post_id", pa.string()),
        ("account_id", pa.string()),
        ("handle", pa.string()),
        ("created_at", UTC_TIME),  # the post's own, so the days it touches are known
        ("source_file", pa.string()),  # sha256 of the archived file that named the author
    ]
)

# The accounts registry: which account belongs to which municipality, in which role.
REGISTRY = pa.schema(
    [
        ("municipality_code", pa.string()),  # GM####
        ("platform", pa.string()),
        ("handle", pa.string()),  # lower case, without @
        ("role", pa.string()),
        ("active_from", pa.date32()),
        ("active_to", pa.date32()),
        ("status", pa.string()),
    ]
)

TABLES = {
    "posts": POSTS,
    "post_metrics": POST_METRICS,
    "accounts": ACCOUNTS,
    "account_snapshots": ACCOUNT_SNAPSHOTS,
    "post_authors": POST_AUTHORS,
}
