"""Where the measurement facts are kept and how a measurement reads them.

The facts of an engine live in ``warehouse/_facts/<engine>/``: for DuckDB one database
file (``facts.duckdb``), for Spark one Parquet output per table, beside ``key.json`` (what
they were computed from, see facts.py) and, for DuckDB, the compiled plans (prepared.py).
The tables: one per fact source of the catalog (``sent``, ``replies``, …), ``keys`` (a
whole-number ``account_key`` per registry row), ``account_map`` (registry row → account
id) and ``snapshots`` (the registry accounts' snapshots, the last of each local day).

``FactsScope`` is the Scope a measurement over the facts uses: the same tables and helpers
the indicator families build on, read from the fact tables instead of the warehouse.
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

from meetlat.indicators import catalog
from meetlat.indicators.scope import KEYS, Scope
from meetlat.warehouse import layout
from meetlat.warehouse.connection import duckdb_connection, open_backend, register_table
from meetlat.warehouse.sqltext import sql_list, sql_string

FOLDER = "_facts"
DATABASE = "facts.duckdb"  # the DuckDB engine's facts; Spark's are Parquet
KEY_FILE = "key.json"
SOURCES = catalog.fact_sources()  # the sources kept as facts, in registration order
TABLES = (*SOURCES, "keys", "account_map", "snapshots")


def facts_dir(warehouse: Path, engine: str) -> Path:
    return warehouse / FOLDER / engine


def read_manifest(folder: Path) -> dict:
    """The facts folder's key.json ({} when there is none, or it cannot be read)."""
    try:
        manifest = json.loads((folder / KEY_FILE).read_text())
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def read_key(folder: Path) -> str | None:
    return read_manifest(folder).get("key")


def attach_views(duck, folder: Path, schema: str = "facts", read_only: bool = True) -> None:
    """Attach the facts database of ``folder`` as ``schema`` with a view ``facts_<name>``
    on each table."""
    mode = " (READ_ONLY)" if read_only else ""
    duck.execute(f"ATTACH {sql_string(folder / DATABASE)} AS {schema}{mode}")
    for name in TABLES:
        duck.execute(f"CREATE OR REPLACE VIEW facts_{name} AS SELECT * FROM {schema}.{name}")


def registry_view(duck, warehouse: Path) -> None:
    files = layout.table_files(warehouse, layout.REGISTRY_TABLE)
    if files:  # as warehouse.connection reads it: columns from the files, not the folders
        duck.execute(
            f"CREATE VIEW registry AS SELECT * FROM read_parquet({sql_list(files)}, "
            "union_by_name = true, hive_partitioning = false)"
        )
    else:
        duck.register("registry", layout.table_schema(layout.REGISTRY_TABLE).empty_table())


def open_duckdb(folder: Path, warehouse: Path):
    """A plain DuckDB connection with the fact tables (views ``facts_<name>`` on the
    read-only facts file) and the registry (``registry``)."""
    duck = duckdb_connection()
    attach_views(duck, folder)
    registry_view(duck, warehouse)
    return duck


def connect(folder: Path, warehouse: Path, engine: str):
    """An Ibis backend with the fact tables (``facts_<name>``) and the registry."""
    if engine == "duckdb":
        import ibis

        return ibis.duckdb.from_connection(open_duckdb(folder, warehouse))
    con = open_backend(engine)
    for name in TABLES:
        register_table(con, f"facts_{name}", folder / f"{name}.parquet", engine)
    files = layout.table_files(warehouse, layout.REGISTRY_TABLE)
    register_table(con, "registry", files, engine, layout.table_schema(layout.REGISTRY_TABLE))
    return con


class FactsScope(Scope):
    """A Scope over the measurement facts: one measured account is its ``account_key``;
    the fact sources are the kept rows of the period, the other sources are computed by
    their families from the fact tables (``snapshot`` from ``facts_snapshots``)."""

    @cached_property
    def snapshots(self):
        return self.con.table("facts_snapshots")

    @property
    def key_columns(self) -> tuple[str, ...]:
        return (*KEYS, "account_key")

    def group_columns(self, keys) -> list[str]:
        """One measured account is its integer ``account_key`` (a cheaper group than four
        strings)."""
        return ["account_key"] if tuple(keys) == KEYS else list(keys)

    @cached_property
    def accounts(self):
        """The measured accounts: KEYS and ``account_key``, distinct."""
        return self.con.table("facts_keys").semi_join(self.registry, list(KEYS))

    @cached_property
    def account_map(self):
        amap = self.con.table("facts_account_map")
        return amap.semi_join(self.accounts.select("account_key"), "account_key")

    def build_source(self, name: str):
        if name not in SOURCES:
            return super().build_source(name)
        first, after = self.period_ms()
        table = self.con.table(f"facts_{name}")
        table = table.filter(table.created_ms >= first, table.created_ms < after)
        measured = self.accounts.select("account_key", "municipality_code")
        return table.join(measured, "account_key")
