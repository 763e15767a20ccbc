"""Fixtures for the indicator tests: a warehouse written row by row, and both engines.

``warehouse.post(...)``, ``.snapshot(...)``, ``.account(...)``, ``.register(...)`` collect
canonical rows; ``.write()`` writes each table as ``<ws>/warehouse/<table>/part.parquet``
(the registry as ``warehouse/registry/accounts.parquet``) with the canonical schemas, so
these tests do not depend on the importer.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from meetlat.warehouse import schema

ENGINES = ["duckdb", pytest.param("spark", marks=pytest.mark.spark)]


def utc(text: str) -> datetime:
    """``2014-04-04 14:50`` (UTC) as an aware datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class WarehouseRows:
    def __init__(self, ws):
        self.ws = ws
        self.rows = {"posts": [], "account_snapshots": [], "accounts": [], "registry": []}

    def post(self, post_id, account_id, created_at, kind="original", platform="x", **extra):
        row = {
            "platform": platform,
            "post_id": str(post_id),
            "account_id": str(account_id),
            "created_at": utc(created_at) if isinstance(created_at, str) else created_at,
            "kind": kind,
            "mentions": [],
            "embedded": False,
        }
        row.update(extra)
        self.rows["posts"].append(row)
        return row

    def snapshot(self, account_id, observed_at, followers, following=None, total_posts=None,
                 platform="x", handle=None):  # fmt: skip
        self.rows["account_snapshots"].append(
            {
                "platform": platform,
                "account_id": str(account_id),
                "handle": handle,
                "observed_at": utc(observed_at),
                "followers": followers,
                "following": following,
                "total_posts": total_posts,
            }
        )

    def account(self, account_id, handle, platform="x"):
        self.rows["accounts"].append(
            {"platform": platform, "account_id": str(account_id), "handle": handle}
        )

    def register(self, code, handle, role="corporate", platform="x", active_from=None,
                 active_to=None, status="active", account_id=None):  # fmt: skip
        self.rows["registry"].append(
            {
                "municipality_code": code,
                "platform": platform,
                "handle": handle.lower(),
                "role": role,
                "active_from": active_from,
                "active_to": active_to,
                "status": status,
            }
        )
        if account_id is not None:
            self.account(account_id, handle, platform)

    def write(self):
        tables = {
            "posts": schema.POSTS,
            "account_snapshots": schema.ACCOUNT_SNAPSHOTS,
            "accounts": schema.ACCOUNTS,
        }
        for name, arrow_schema in tables.items():
            if self.rows[name]:
                folder = self.ws.warehouse / name
                folder.mkdir(parents=True, exist_ok=True)
                table = pa.Table.from_pylist(self.rows[name], schema=arrow_schema)
                pq.write_table(table, folder / "part.parquet")
        if self.rows["registry"]:
            folder = self.ws.warehouse / "registry"
            folder.mkdir(parents=True, exist_ok=True)
            table = pa.Table.from_pylist(self.rows["registry"], schema=schema.REGISTRY)
            pq.write_table(table, folder / "accounts.parquet")
        return self.ws


@pytest.fixture
def warehouse(workspace):
    return WarehouseRows(workspace)


@pytest.fixture(params=ENGINES)
def engine(request):
    return request.param
