"""Deciding duplicates for one staged file, in DuckDB, and writing the finished parts.

Rules (DESIGN.md "The canonical records"):

- posts: a post is (platform, post_id). Within the file the first occurrence counts,
  the record's own post before a copy embedded in another record; a post already in
  the warehouse adds nothing (anti-join of the staged keys against the stored keys of
  the same platforms). Posts are never changed afterwards. A post stored without its
  author (``account_id`` null) that comes again with one gets a ``post_authors`` row
  (the first such row wins); the post itself stays a duplicate.
- post_metrics and account_snapshots: observations. One is added unless an observation
  with exactly the same values (all columns but ``source_file``) is already stored or
  earlier in the file, so importing a file again adds nothing.
- accounts: one row per (platform, account_id), the first one seen. Later sightings add
  nothing here; changed handles and names show in account_snapshots and posts.

Keys are never collected in Python: DuckDB reads the key columns of the stored Parquet
files and joins, spilling to the stage's ``tmp`` folder when memory runs short.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from meetlat.warehouse import layout, schema
from meetlat.warehouse.connection import duckdb_connection
from meetlat.warehouse.sqltext import sql_list, sql_string
from meetlat.warehouse.writer import StagedWriter

MEMORY_LIMIT = "300MB"  # DuckDB's share of the import's memory (it spills beyond it)

OBSERVATION_KEYS = {
    "post_metrics": (
        "platform",
        "post_id",
        "observed_at",
        "likes",
        "reposts",
        "replies",
        "quotes",
        "views",
    ),
    "account_snapshots": (
        "platform",
        "account_id",
        "handle",
        "observed_at",
        "followers",
        "following",
        "total_posts",
    ),
}


@dataclass
class Finished:
    posts_imported: int = 0
    embedded_posts: int = 0
    metrics: int = 0
    accounts: int = 0
    snapshots: int = 0
    authors_filled: int = 0


def _columns(table: str, alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{c}"' for c in schema.TABLES[table].names)


def connect_duckdb(tmp: Path):
    """Meetlat's DuckDB connection, held to the import's memory share (spilling to ``tmp``)."""
    con = duckdb_connection()
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(f"SET temp_directory = {sql_string(tmp)}")
    con.execute("SET preserve_insertion_order = false")
    return con


class Finisher:
    """Runs the duplicate rules over one stage and writes its finished files."""

    def __init__(self, stage, writer: StagedWriter, warehouse: Path):
        self.stage = stage
        self.writer = writer
        self.warehouse = Path(warehouse)
        self.import_id = stage.import_id
        self.con = connect_duckdb(stage.folder / "tmp")

    def close(self) -> None:
        self.con.close()

    def _platforms(self, name: str) -> list[str]:
        glob = self.writer.glob(name)
        if glob is None:
            return []
        rows = self.con.execute(f"SELECT DISTINCT platform FROM read_parquet({sql_string(glob)})")
        return sorted(r[0] for r in rows.fetchall() if r[0] is not None)

    def _stored(self, table: str, platforms: list[str]) -> list[Path]:
        if table in layout.PARTITIONED:
            return layout.platform_files(self.warehouse, table, platforms)
        return layout.table_files(self.warehouse, table)

    def _new_rows(self, table: str, first_by: str, order: str, match: str, key: str) -> str | None:
        """Write the staged rows of ``table`` that are new to ``<stage>/new/<table>.parquet``.

        The first row of every key (lowest ``order``) is found by an aggregate over the
        keys alone, then joined back to its row by (seq, row number in its part): a
        record's rows always sit in one part, so that pair names one staged row. Of the
        stored rows only those whose ``key`` column occurs in the file are compared, so
        DuckDB's hash tables grow with the file, not with the warehouse.
        """
        glob = self.writer.glob(table)
        if glob is None:
            return None
        stored = self._stored(table, self._platforms(table))
        staged = f"read_parquet({sql_string(glob)}, file_row_number = true)"
        winners = (
            f"SELECT unnest(arg_min({{'s': seq, 'r': file_row_number}}, {order})) "
            f"FROM {staged} GROUP BY {first_by}"
        )
        first = self.stage.folder / "new" / f"{table}-first.parquet"
        first.parent.mkdir(parents=True, exist_ok=True)
        self.con.execute(
            f"COPY (SELECT f.* EXCLUDE (file_row_number) FROM {staged} f "
            f"SEMI JOIN ({winners}) w ON w.s = f.seq AND w.r = f.file_row_number) "
            f"TO {sql_string(first)} (FORMAT parquet)"
        )
        if not stored:
            return sql_string(first)
        seen = (
            f"SELECT {first_by} FROM read_parquet({sql_list(stored)}, "
            f"hive_partitioning = false, union_by_name = true) "
            f"WHERE {key} IN (SELECT {key} FROM read_parquet({sql_string(first)}))"
        )
        target = self.stage.folder / "new" / f"{table}.parquet"
        self.con.execute(
            f"COPY (SELECT f.* FROM read_parquet({sql_string(first)}) f "
            f"WHERE NOT EXISTS (SELECT 1 FROM ({seen}) e WHERE {match})) "
            f"TO {sql_string(target)} (FORMAT parquet)"
        )
        return sql_string(target)

    def _write_table(self, table: str, new: str | None, month_of: str | None) -> int:
        """Move the new rows into the stage's commit tree; returns how many there are."""
        if new is None:
            return 0
        count = self.con.execute(f"SELECT count(*) FROM read_parquet({new})").fetchone()[0]
        if not count:
            return 0
        columns = _columns(table)
        if month_of is None:
            target = self.stage.target(f"warehouse/{table}/part-{self.import_id}.parquet")
            self.con.execute(
                f"COPY (SELECT {columns} FROM read_parquet({new})) "
                f"TO {sql_string(target)} (FORMAT parquet)"
            )
            return count
        # One pass writes every partition: DuckDB partitions by (p, month), folders
        # ``p=<platform>/month=<m>/``, which are then moved to ``platform=<platform>/``
        # (a partition column named ``platform`` would leave the files without it).
        month = f"coalesce(strftime({month_of}, '%Y-%m'), 'unknown')"
        written = self.stage.folder / "new" / f"{table}-partitions"
        shutil.rmtree(written, ignore_errors=True)
        self.con.execute(
            f"COPY (SELECT {columns}, platform AS p, {month} AS month FROM read_parquet({new})) "
            f"TO {sql_string(written)} (FORMAT parquet, PARTITION_BY (p, month), "
            f"FILENAME_PATTERN {sql_string('part-' + self.import_id)})"
        )
        for folder in sorted(written.glob("p=*/month=*")):
            platform = folder.parent.name.removeprefix("p=")
            value = folder.name.removeprefix("month=")
            relative = layout.partition_dir(Path("warehouse"), table, platform, value)
            target = self.stage.target(relative / f"part-{self.import_id}.parquet")
            parts = sorted(folder.glob("*.parquet"))
            if len(parts) == 1:
                parts[0].rename(target)
            elif parts:  # DuckDB split a partition: one file per import and partition
                self.con.execute(
                    f"COPY (SELECT * FROM read_parquet({sql_list(parts)})) "
                    f"TO {sql_string(target)} (FORMAT parquet)"
                )
        shutil.rmtree(written, ignore_errors=True)
        return count

    def posts(self) -> tuple[int, int, str | None]:
        new = self._new_rows(
            "posts",
            first_by="platform, post_id",
            order="seq + CASE WHEN embedded THEN 4611686018427387904 ELSE 0 END",
            match="e.platform = f.platform AND e.post_id = f.post_id",
            key="post_id",
        )
        if new is None:
            return 0, 0, None
        own, embedded = self.con.execute(
            f"SELECT count(*) FILTER (WHERE NOT embedded), count(*) FILTER (WHERE embedded) "
            f"FROM read_parquet({new})"
        ).fetchone()
        self._write_table("posts", new, month_of="created_at")
        return own, embedded, new

    def authors(self) -> int:
        """Write a ``post_authors`` row for every post of the file that is stored without an
        author and comes here with one (and has none learnt yet); returns how many."""
        first = self.stage.folder / "new" / "posts-first.parquet"
        if not first.exists():
            return 0
        stored = self._stored("posts", self._platforms("posts"))
        if not stored:
            return 0
        ids = f"SELECT post_id FROM read_parquet({sql_string(first)}) WHERE account_id IS NOT NULL"
        authorless = (
            f"SELECT platform, post_id, bool_or(account_id IS NOT NULL) AS known "
            f"FROM read_parquet({sql_list(stored)}, hive_partitioning = false, "
            f"union_by_name = true) WHERE post_id IN ({ids}) GROUP BY platform, post_id"
        )
        learnt = layout.table_files(self.warehouse, "post_authors")
        already = (
            f"AND NOT EXISTS (SELECT 1 FROM read_parquet({sql_list(learnt)}) a "
            "WHERE a.platform = f.platform AND a.post_id = f.post_id)"
            if learnt
            else ""
        )
        target = self.stage.folder / "new" / "post_authors.parquet"
        self.con.execute(
            f"COPY (SELECT f.platform, f.post_id, f.account_id, f.handle, f.created_at, "
            f"f.source_file FROM read_parquet({sql_string(first)}) f "
            f"JOIN ({authorless}) s ON s.platform = f.platform AND s.post_id = f.post_id "
            f"WHERE f.account_id IS NOT NULL AND NOT s.known {already}) "
            f"TO {sql_string(target)} (FORMAT parquet)"
        )
        return self._write_table("post_authors", sql_string(target), month_of=None)

    def observations(self, table: str, month_of: str | None) -> int:
        keys = OBSERVATION_KEYS[table]
        new = self._new_rows(
            table,
            first_by=", ".join(keys),
            order="seq",
            match=" AND ".join(f"e.{k} IS NOT DISTINCT FROM f.{k}" for k in keys),
            key=keys[1],  # post_id or account_id
        )
        return self._write_table(table, new, month_of=month_of)

    def accounts(self) -> int:
        new = self._new_rows(
            "accounts",
            first_by="platform, account_id",
            order="seq",
            match="e.platform = f.platform AND e.account_id = f.account_id",
            key="account_id",
        )
        return self._write_table("accounts", new, month_of=None)

    def records(self, new_posts: str | None, target: Path) -> None:
        """The archive's record list: line, item, record hash, post and status per record."""
        glob = self.writer.glob("records")
        if glob is None:
            query = (
                "SELECT NULL::BIGINT AS line, NULL::BIGINT AS item, NULL::VARCHAR AS record_hash,"
                " NULL::VARCHAR AS platform, NULL::VARCHAR AS post_id, NULL::VARCHAR AS status "
                "WHERE false"
            )
        else:
            winners = (
                f"(SELECT seq FROM read_parquet({new_posts}) WHERE NOT embedded)"
                if new_posts
                else "(SELECT NULL::BIGINT AS seq WHERE false)"
            )
            query = (
                "SELECT r.line, r.item, r.record_hash, r.platform, r.post_id, "
                "CASE WHEN r.quarantined THEN 'quarantined' "
                "WHEN w.seq IS NOT NULL THEN 'imported' ELSE 'duplicate' END AS status "
                f"FROM read_parquet({sql_string(glob)}) r LEFT JOIN {winners} w "
                "ON w.seq = r.seq ORDER BY r.seq"
            )
        self.con.execute(f"COPY ({query}) TO {sql_string(target)} (FORMAT parquet)")

    def quarantine(self, target: Path, file_name: str, source_file: str) -> bool:
        glob = self.writer.glob("quarantine")
        if glob is None:
            return False
        self.con.execute(
            f"COPY (SELECT ? AS import_id, ? AS file, ? AS source_file, line, item, reason, "
            "record_hash, raw "
            f"FROM read_parquet({sql_string(glob)}) ORDER BY seq) "
            f"TO {sql_string(target)} (FORMAT parquet)",
            [self.import_id, file_name, source_file],
        )
        return True

    def run(self) -> tuple[Finished, str | None]:
        done = Finished()
        done.posts_imported, done.embedded_posts, new_posts = self.posts()
        done.metrics = self.observations("post_metrics", month_of="observed_at")
        done.snapshots = self.observations("account_snapshots", month_of=None)
        done.accounts = self.accounts()
        done.authors_filled = self.authors()
        return done, new_posts
