"""The Ibis connection that the measurement queries: DuckDB (default) or PySpark.

``connect(ws)`` gives a backend with these tables:

- ``posts``: the canonical posts, each with its newest public metrics
  (likes, reposts, replies, quotes, views; null when never observed);
- ``post_metrics``, ``accounts``, ``account_snapshots``: as stored;
- ``registry``: the accounts registry (municipality, role, status per handle).

A table with no files yet is an empty table of the right schema. Before the tables
are read, an interrupted import is finished or undone (``meetlat.warehouse.recovery``).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from meetlat.warehouse import layout

TABLES = ("posts", "post_metrics", "accounts", "account_snapshots", layout.REGISTRY_TABLE)
METRICS = ("likes", "reposts", "replies", "quotes", "views")


def register_table(con, name: str, files, engine: str, arrow_schema: pa.Schema | None = None):
    """Make the Parquet ``files`` (a list, or one file or Spark output folder) the table
    ``name``; with no files, an empty table of ``arrow_schema``."""
    if isinstance(files, (str, Path)):
        files = [files]
    if not files:
        if engine == "spark":  # a view: a Spark table would be written to ./spark-warehouse
            import ibis

            return con.create_view(name, ibis.memtable(arrow_schema.empty_table()), overwrite=True)
        return con.create_table(name, arrow_schema.empty_table(), overwrite=True)
    paths = [str(f) for f in files]
    if engine == "duckdb":
        # The partition folders (platform=x/month=...) are not columns: every file holds
        # its own columns, so hive partitioning stays off.
        return con.read_parquet(paths, table_name=name, union_by_name=True, hive_partitioning=False)
    # ibis' pyspark read_parquet takes one path only: read the files with Spark itself
    # recursiveFileLookup: no partition columns from the folder names (as for DuckDB)
    frame = (
        con._session.read.option("mergeSchema", "true")
        .option("recursiveFileLookup", "true")
        .parquet(*paths)
    )
    frame.createOrReplaceTempView(name)
    return con.table(name)


def spark_session():
    """A local Spark session in UTC (imported only when Spark is asked for)."""
    import os
    import sys
    import tempfile

    from pyspark.sql import SparkSession

    # Spark's Python workers must be this interpreter (with pyarrow and pandas), not
    # whatever `python3` is first on the PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

    # Spark makes its (unused) table folder at start-up: keep it out of the working folder
    scratch = Path(tempfile.gettempdir()) / "meetlat-spark-warehouse"
    return (
        SparkSession.builder.master("local[2]")
        .appName("meetlat")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.warehouse.dir", str(scratch))
        .getOrCreate()
    )


def duckdb_connection():
    """A plain in-memory DuckDB connection as Meetlat queries with it: its clock in UTC
    and no progress bar (stdout is for results)."""
    import duckdb

    duck = duckdb.connect()
    duck.execute("SET TimeZone = 'UTC'")
    duck.execute("SET enable_progress_bar = false")
    return duck


def open_backend(engine: str):
    """An empty Ibis backend of ``engine`` (duckdb or spark), its clock in UTC."""
    import ibis

    if engine == "duckdb":
        return ibis.duckdb.from_connection(duckdb_connection())
    if engine == "spark":
        return ibis.pyspark.connect(spark_session())
    raise ValueError(f"unknown engine {engine!r}: expected duckdb or spark")


def connect(ws, engine: str = "duckdb"):
    """An Ibis backend over the warehouse of workspace ``ws`` (a Workspace or its root path)."""
    from meetlat.warehouse.recovery import recover

    warehouse = Path(ws.warehouse) if hasattr(ws, "warehouse") else Path(ws) / "warehouse"
    recover(warehouse.parent)  # finish or undo an interrupted import first
    con = open_backend(engine)
    stored = {}
    for table in TABLES:
        name = table if table != "posts" else "posts_stored"
        files = layout.table_files(warehouse, table)
        stored[table] = register_table(con, name, files, engine, layout.table_schema(table))
    _create_posts_view(con, stored["posts"], stored["post_metrics"])
    return con


def _create_posts_view(con, posts, metrics) -> None:
    newest = metrics.group_by(["platform", "post_id"]).aggregate(
        **{m: metrics[m].argmax(metrics.observed_at) for m in METRICS}
    )
    joined = posts.left_join(newest, ["platform", "post_id"]).select(
        *[posts[c] for c in posts.columns], *[newest[m] for m in METRICS]
    )
    con.create_view("posts", joined, overwrite=True)
