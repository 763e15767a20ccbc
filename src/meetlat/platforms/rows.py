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
