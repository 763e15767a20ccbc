"""Canonical rows with every key of their schema, so a reader names only what it knows.

``post_row(platform, post_id, ...)`` and its siblings return plain dicts with exactly the
columns of ``meetlat.warehouse.schema`` (``source_file`` and ``record_hash`` stay None: the
importer fills them in). An unknown keyword is a programming error and raises TypeError.
"""

from __future__ import annotations

from meetlat.warehouse.schema import ACCOUNT_SNAPSHOTS, ACCOUNTS, POST_METRICS, POSTS


def _row(schema, values: dict) -> dict:
    unknown = set(values) - set(schema.names)
    if unknown:
        raise TypeError(f"not a column of the schema: {sorted(unknown)}")
    row = dict.fromkeys(schema.names)
    row.update(values)
    return row


def post_row(**values) -> dict:
    values.setdefault("mentions", [])
    values.setdefault("hashtags", [])
    values.setdefault("urls", [])
    values.setdefault("embedded", False)
    return _row(POSTS, values)


def account_row(**values) -> dict:
    return _row(ACCOUNTS, values)


def snapshot_row(**values) -> dict:
    return _row(ACCOUNT_SNAPSHOTS, values)


def metrics_row(**values) -> dict:
    return _row(POST_METRICS, values)


def count(value) -> int | None:
    """A count as the platforms give it (int, or digits in a string), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None
