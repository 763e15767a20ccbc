"""Where the warehouse tables live inside a workspace.

``<workspace>/warehouse/<table>/`` holds the Parquet files of one table; ``posts`` and
``post_metrics`` are partitioned as ``platform=<p>/month=<YYYY-MM>/part-<id>.parquet``.
Every file under a table folder belongs to the table (files being written live in
``warehouse/_staging/<import-id>/`` until they are complete, so readers never see half
an import; see ``meetlat.warehouse.staging``). ``warehouse/.import.lock`` is held by the
one import that may change the warehouse. The folder names of a partition are not
columns: every file carries all the columns of its table.
"""

from __future__ import annotations

from pathlib import Path

from meetlat.warehouse import schema

REGISTRY_TABLE = "registry"  # the accounts registry: warehouse/registry/accounts.parquet
PARTITIONED = ("posts", "post_metrics")  # platform=<p>/month=<YYYY-MM>/part-<import>.parquet
STAGING = "_staging"  # warehouse/_staging/<import-id>/: one file's import until it is complete
LOCK = ".import.lock"  # held by the one import (or recovery) that may change the warehouse


def table_dir(warehouse: Path, table: str) -> Path:
    return warehouse / table


def table_files(warehouse: Path, table: str) -> list[Path]:
    folder = table_dir(warehouse, table)
    return sorted(folder.rglob("*.parquet")) if folder.exists() else []


def table_schema(table: str):
    return schema.REGISTRY if table == REGISTRY_TABLE else schema.TABLES[table]


def partition_dir(warehouse: Path, table: str, platform: str, month: str) -> Path:
    return table_dir(warehouse, table) / f"platform={platform}" / f"month={month}"


def platform_files(warehouse: Path, table: str, platforms) -> list[Path]:
    """The files of a partitioned table for the given platforms only."""
    files: list[Path] = []
    for platform in sorted(platforms):
        folder = table_dir(warehouse, table) / f"platform={platform}"
        if folder.exists():
            files.extend(sorted(folder.rglob("*.parquet")))
    return files


def staging_root(warehouse: Path) -> Path:
    return warehouse / STAGING


def lock_path(warehouse: Path) -> Path:
    return warehouse / LOCK
