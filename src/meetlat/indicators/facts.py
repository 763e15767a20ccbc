"""Measurement facts: the indicator sources computed once over all data, kept as Parquet.

A measurement reduces *source* tables (one row per sent post, timed reply, inbound
question, post with its reach) to one row per account. Those rows do not depend on the
measured period: a reply's reaction time, a post's potential reach or whether a question
was answered are the same whatever period is asked. Only *which* rows belong to the
period does (their ``created_ms``). So the sources are computed once over every stored
day for every registry row (the *facts*) and a measurement filters them by time and by
the asked registry rows, then aggregates them with the same indicator expressions.

The facts of an engine live in ``warehouse/_facts/<engine>/`` with ``key.json``: a hash
of everything they were computed from (the warehouse and registry files, the office
hours, the indicator code). When the key no longer matches they are stale and are
rebuilt before the next measurement; ``meetlat import`` and ``meetlat accounts import``
rebuild them at once. A build writes a new folder and swaps it in, so a reader sees the
old facts or the new, never half. See docs/adr/0003-measurement-facts.md.

Besides the sources: ``account_map`` (registry row → account id) and ``snapshots``, the
registry accounts' snapshots compacted to the last observation of each Europe/Amsterdam
day (exact for "the latest snapshot before the end of the period", as a period ends at
local midnight).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from meetlat.indicators.scope import FACT_SOURCES, KEYS
from meetlat.warehouse import layout

FOLDER = "_facts"
DATABASE = "facts.duckdb"  # the DuckDB engine's facts; Spark's are Parquet
TABLES = (*FACT_SOURCES, "keys", "account_map", "snapshots")
# the tables the facts are computed from (public metrics are not: a re-import that only
# adds newer likes and views leaves the facts as they are)
WAREHOUSE_TABLES = ("posts", "accounts", "account_snapshots", "registry")


def facts_dir(warehouse: Path, engine: str) -> Path:
    return warehouse / FOLDER / engine


# besides meetlat.indicators itself: the code whose meaning the facts take in
DEPENDS_ON = ("platforms/ids.py", "warehouse/connection.py", "warehouse/schema.py")


def _code_hash() -> str:
    """The code the facts were computed with: any change makes them stale. Also the
    version of the holidays package, which decides the office-hours calendar."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("holidays").encode())
    package = Path(__file__).parent
    paths = sorted(package.glob("*.py")) + [package.parent / p for p in DEPENDS_ON]
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(warehouse: Path, engine: str) -> str:
    """The hash of everything the facts of ``engine`` depend on."""
    from meetlat.indicators import officehours

    hours = officehours.configured()
    parts = [engine, _code_hash(), repr(hours)]
    for table in WAREHOUSE_TABLES:
        for path in layout.table_files(warehouse, table):
            stat = path.stat()
            relative = path.relative_to(warehouse).as_posix()
            parts.append(f"{relative}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _read_key(folder: Path) -> str | None:
    try:
        return json.loads((folder / "key.json").read_text())["key"]
    except (OSError, ValueError, KeyError):
        return None


def is_fresh(warehouse: Path, engine: str) -> bool:
    return _read_key(facts_dir(warehouse, engine)) == key(warehouse, engine)


class FactsUnavailable(RuntimeError):
    """The facts are stale and cannot be written (a read-only or full disk): measure the
    warehouse itself instead (the same figures, computed the slow way)."""


def ensure(warehouse: Path, engine: str) -> Path:
    """The folder of fresh facts for ``engine``, built first when missing or stale."""
    from meetlat.warehouse.recovery import recover

    recover(warehouse.parent)  # finish or undo an interrupted import first
    folder = facts_dir(warehouse, engine)
    wanted = key(warehouse, engine)
    if _read_key(folder) != wanted:
        try:
            build(warehouse, engine, wanted=wanted)
        except OSError as error:
            raise FactsUnavailable(f"{warehouse / FOLDER}: {error}") from error
    return folder


def refresh(warehouse: Path, engine: str = "duckdb", starting=None) -> float | None:
    """Rebuild the facts of ``engine`` when they are stale: the seconds it took, or None
    when they were fresh already. ``starting`` (no arguments) is called before a rebuild."""
    import time

    wanted = key(warehouse, engine)
    if _read_key(facts_dir(warehouse, engine)) == wanted:
        return None
    if starting is not None:
        starting()
    began = time.perf_counter()
    build(warehouse, engine, plans=True, wanted=wanted)
    return time.perf_counter() - began


def data_span(con) -> tuple[date, date]:
    """The first and last Europe/Amsterdam day of any stored post or snapshot."""
    from meetlat.indicators.scope import AMSTERDAM

    moments = []
    for name, column in (("posts_stored", "created_at"), ("account_snapshots", "observed_at")):
        table = con.table(name)
        row = table.aggregate(first=table[column].min(), last=table[column].max()).execute()
        moments += [v for v in row.iloc[0].tolist() if v is not None and v == v]
    if not moments:
        today = datetime.now(UTC).astimezone(AMSTERDAM).date()
        return today, today
    days = [m.to_pydatetime().astimezone(AMSTERDAM).date() for m in moments]
    return min(days), max(days)


def build(warehouse: Path, engine: str, plans: bool = False, wanted: str | None = None) -> Path:
    """Compute every fact table over all stored days and swap the folder in. ``plans``:
    also compile the DuckDB measurement plans of every shape (prepared.py), as an import
    does; a measurement that finds stale facts compiles only the plan it needs.
    ``wanted``: the key() the caller has just computed (else it is computed here)."""
    from meetlat.indicators.registry import load_all
    from meetlat.indicators.scope import Scope
    from meetlat.warehouse.connection import connect

    load_all()
    wanted = wanted or key(warehouse, engine)
    con = connect(warehouse.parent, engine)
    first, last = data_span(con)
    scope = Scope(con, first, last, engine=engine, whole_registry=True)
    root = warehouse / FOLDER
    root.mkdir(parents=True, exist_ok=True)
    scratch = root / f".{engine}-{uuid.uuid4().hex}"
    scratch.mkdir()
    try:
        keys = account_keys(con, scope, engine)
        amap = scope.account_map
        amap = amap.join(keys, list(KEYS)).select(*KEYS, "account_key", "account_id")
        tables = {name: encode(name, scope.source(name), keys) for name in FACT_SOURCES}
        tables |= {"keys": keys, "account_map": amap, "snapshots": daily_snapshots(scope)}
        writer = _write_duckdb if engine == "duckdb" else _write_parquet
        writer(con, tables, scratch)
        if plans and engine == "duckdb":
            from meetlat.indicators import prepared

            prepared.precompile(scratch, warehouse)
        (scratch / "key.json").write_text(
            json.dumps({"key": wanted, "first_day": str(first), "last_day": str(last)})
        )
        _swap(scratch, facts_dir(warehouse, engine))
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return facts_dir(warehouse, engine)


def account_keys(con, scope, engine: str):
    """Every registry row's KEYS with a whole number ``account_key`` (in KEYS order)."""
    import ibis
    import pyarrow as pa

    rows = sorted(scope.registry.to_pyarrow().to_pylist(), key=lambda r: [r[k] for k in KEYS])
    columns = {k: pa.array([r[k] for r in rows], pa.string()) for k in KEYS}
    columns["account_key"] = pa.array(range(len(rows)), pa.int64())
    table = ibis.memtable(pa.table(columns))
    if engine == "spark":  # a view: a Spark table would be written to disk
        return con.create_view("meetlat_keys", table, overwrite=True)
    return con.create_table("meetlat_keys", table, overwrite=True)


def encode(name: str, table, keys):
    """A source table as stored: ``account_key`` instead of the KEYS strings, and the
    question key as a whole number (the same questions stay equal, others differ)."""
    import ibis

    joined = table.join(keys, list(KEYS))
    rest = [c for c in table.columns if c not in KEYS]
    encoded = joined.select("account_key", *rest)
    if name == "questions":
        encoded = encoded.mutate(question=ibis.dense_rank().over(order_by=encoded.question))
    return encoded


def _write_duckdb(con, tables: dict, folder: Path) -> None:
    """DuckDB: one database file (read faster than Parquet); sources in time order, so
    a short period reads only the blocks of its days."""
    from ibis.backends.sql.datatypes import DuckDBType

    from meetlat.warehouse.sqltext import sql_string

    con.raw_sql(f"ATTACH {sql_string(folder / DATABASE)} AS facts_out")
    try:
        for name, table in tables.items():
            order = " ORDER BY created_ms" if name in FACT_SOURCES else ""
            # each column as the type Ibis gives it (DuckDB widens sums to HUGEINT)
            columns = ", ".join(
                f'CAST("{c}" AS {DuckDBType.to_string(t)}) AS "{c}"'
                for c, t in table.schema().items()
            )
            sql = con.compile(table)
            con.raw_sql(f"CREATE TABLE facts_out.{name} AS SELECT {columns} FROM ({sql}){order}")
    finally:
        con.raw_sql("DETACH facts_out")


def _write_parquet(con, tables: dict, folder: Path) -> None:
    """Spark: one Parquet output per table."""
    for name, table in tables.items():
        con.to_parquet(table, str(folder / f"{name}.parquet"))


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` in the place of ``target`` (renames only; the old folder is removed)."""
    old = None
    if target.exists():
        old = target.with_name(f".old-{target.name}-{uuid.uuid4().hex}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def daily_snapshots(scope):
    """The registry accounts' snapshots, one row per account id and local day: the last
    observation of that day (on equal times the highest counts)."""
    from meetlat.indicators.officehours import hour_of
    from meetlat.indicators.reach import COUNTS, last_observed
    from meetlat.indicators.scope import epoch_ms

    snaps = scope.snapshots
    ids = scope.account_map.select("platform", "account_id").distinct()
    snaps = snaps.semi_join(ids, ["platform", "account_id"])
    snaps = snaps.mutate(hour=hour_of(epoch_ms(snaps.observed_at)))
    clock = scope.clock.select("hour", "day_ms")
    snaps = snaps.left_join(clock, "hour")
    day = snaps.day_ms.coalesce(snaps.hour)  # outside the clock: its own hour (never merged)
    snaps = snaps.mutate(day=day)
    last = last_observed(snaps, ["platform", "account_id", "day"])
    return last.select("platform", "account_id", "observed_at", *COUNTS)


def open_duckdb(folder: Path, warehouse: Path):
    """A plain DuckDB connection with the fact tables (views ``facts_<name>`` on the
    read-only facts file) and the registry (``registry``)."""
    from meetlat.warehouse.connection import duckdb_connection
    from meetlat.warehouse.sqltext import sql_list, sql_string

    duck = duckdb_connection()
    duck.execute(f"ATTACH {sql_string(folder / DATABASE)} AS facts (READ_ONLY)")
    for name in TABLES:
        duck.execute(f"CREATE VIEW facts_{name} AS SELECT * FROM facts.{name}")
    files = layout.table_files(warehouse, layout.REGISTRY_TABLE)
    if files:  # as warehouse.connection reads it: columns from the files, not the folders
        duck.execute(
            f"CREATE VIEW registry AS SELECT * FROM read_parquet({sql_list(files)}, "
            "union_by_name = true, hive_partitioning = false)"
        )
    else:
        duck.register("registry", layout.table_schema(layout.REGISTRY_TABLE).empty_table())
    return duck


def connect(folder: Path, warehouse: Path, engine: str):
    """An Ibis backend with the fact tables (``facts_<name>``) and the registry."""
    if engine == "duckdb":
        import ibis

        return ibis.duckdb.from_connection(open_duckdb(folder, warehouse))
    from meetlat.warehouse.connection import open_backend, register_table

    con = open_backend(engine)
    for name in TABLES:
        register_table(con, f"facts_{name}", folder / f"{name}.parquet", engine)
    files = layout.table_files(warehouse, layout.REGISTRY_TABLE)
    register_table(con, "registry", files, engine, layout.table_schema(layout.REGISTRY_TABLE))
    return con
