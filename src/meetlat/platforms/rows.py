"""Canonical rows with every key of their schema, so a reader names only what it knows.

``post_row(platform, post_id, ...)`` and its siblings return plain dicts with exactly the
columns of ``meetlat.warehouse.schema`` (``source_file`` and ``record_hash`` stay None: the
importer fills them in). An unknown keyword is a programming error and raises TypeError.
"""

from __future__ import annotations

from meetlat.warehouse.schema import ACCOUNT_SNAPSHOTS, ACCOUNTS, POST_METRICS, POSTS

_EMPTY_POST = {**dict.fromkeys(POSTS.names), "embedded": False}
_EMPTY_ACCOUNT = dict.fromkeys(ACCOUNTS.names)
_EMPTY_SNAPSHOT = dict.fromkeys(ACCOUNT_SNAPSHOTS.names)
_EMPTY_METRICS = dict.fromkeys(POST_METRICS.names)


def _row(empty: dict, values: dict) -> dict:
    if not values.keys() <= empty.keys():
        unknown = sorted(set(values) - set(empty))
        raise TypeError(f"not a column of the schema: {unknown}")
    row = empty.copy()
    row.update(values)
    return row


def post_row(**values) -> dict:
    row = _row(_EMPTY_POST, values)
    for key in ("mentions", "hashtags", "urls"):
        if row[key] is None:
            row[key] = []
    return row


def account_row(**values) -> dict:
    return _row(_EMPTY_ACCOUNT, values)


def snapshot_row(**values) -> dict:
    return _row(_EMPTY_SNAPSHOT, values)


def metrics_row(**values) -> dict:
    return _row(_EMPTY_METRICS, values)


def count(value) -> int | None:
    """A count as the platforms give it (int, or digits in a string), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def add_account(
    out,
    *,
    platform: str,
    account_id: str,
    handle: str | None,
    observed_at,
    display_name: str | None = None,
    created_at=None,
    followers: int | None = None,
    following: int | None = None,
    total_posts: int | None = None,
) -> None:
    """Add an account to ``out`` (a Canonical) once, and a snapshot of its counts when the
    source gives any count and an observation time."""
    if not any(row["account_id"] == account_id for row in out.accounts):
        out.accounts.append(
            account_row(
                platform=platform,
                account_id=account_id,
                handle=handle,
                display_name=display_name,
                created_at=created_at,
            )
        )
    if observed_at is None or (followers is None and following is None and total_posts is None):
        return
    out.snapshots.append(
        snapshot_row(
            platform=platform,
            account_id=account_id,
            handle=handle,
            observed_at=observed_at,
            followers=followers,
            following=following,
            total_posts=total_posts,
        )
    )
