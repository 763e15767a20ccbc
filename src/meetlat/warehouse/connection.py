"""The Ibis connection that the measurement queries: DuckDB (default) or PySpark.

``connect(ws)`` gives a backend with these tables:

- ``posts``: the canonical posts, each with its newest public metrics
  (likes, reposts, replies, quotes, views; null when never observed);
- ``posts_stored``: the posts without their metrics. A post stored without its author
  shows the author a later import learnt (``post_authors``, see ``AUTHORLESS_SQL``);
- ``post_metrics``, ``accounts``, ``account_snapshots``, ``post_authors``: as stored;
- ``registry``: the accounts registry (municipality, role, status per handle).

A table with no files yet is an empty table of the right schema. Before the tables
are read, an interrupted import is finished or undone (``meetlat.warehouse.recovery``).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from meetlat.warehouse import layout

TABLES = (
    "posts",
    "post_metrics",
    "accounts",
    "account_snapshots",
    "post_authors",
    layout.REGISTRY_TABLE,
)
METRICS = ("likes", "reposts", "replies", "quotes", "views")


def posts_with_authors_sql(posts: str, authors: str) -> str:
    """DuckDB SQL of the posts of relation ``posts`` with the authors learnt later
    (relation ``authors``, the post_authors rows) filled in where a post has none."""
    return (
        "SELECT p.* REPLACE (coalesce(p.account_id, a.account_id) AS account_id, "
        "coalesce(p.handle, a.handle) AS handle) "
        f"FROM {posts} p LEFT JOIN (SELECT platform AS a_platform, post_id AS a_post_id, "
        f"account_id, handle FROM {authors}) a "
        "ON a.a_platform = p.platform AND a.a_post_id = p.post_id"
    )


def _with_authors(posts, authors):
    """The Ibis form of ``posts_with_authors_sql`` (for DuckDB and Spark alike)."""
    import ibis

    learnt = authors.select(
        "platform", "post_id", learnt_account=authors.account_id, learnt_handle=authors.handle
    )
    joined = posts.left_join(learnt, ["platform", "post_id"])
    columns = []
    for column in posts.columns:
        if column == "account_id":
            columns.append(ibis.coalesce(posts.account_id, learnt.learnt_account).name(column))
        elif column == "handle":
            columns.append(ibis.coalesce(posts.handle, learnt.learnt_handle).name(column))
        else:
            columns.append(posts[column])
    return joined.select(*columns)


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


def spark_session(master: str | None = None):
    """A Spark session in UTC (imported only when Spark is asked for): local mode with two
    threads, or the cluster at ``master`` (a master URL, e.g. ``spark://host:7077``)."""
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
        SparkSession.builder.master(master or "local[2]")
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
    learnt = layout.table_files(warehouse, "post_authors")
    for table in TABLES:
        name = table
        if table == "posts":
            name = "posts_files" if learnt else "posts_stored"
        files = layout.table_files(warehouse, table)
        stored[table] = register_table(con, name, files, engine, layout.table_schema(table))
    if learnt:  # only then: a warehouse without such rows reads its posts as they are
        stored["posts"] = con.create_view(
            "posts_stored", _with_authors(stored["posts"], stored["post_authors"]), overwrite=True
        )
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
