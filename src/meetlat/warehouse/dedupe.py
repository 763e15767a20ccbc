"""Deciding duplicates for the staged files of one run, in DuckDB, and writing the finished parts.

Rules (DESIGN.md "The canonical records"):

- posts: a post is (platform, post_id). Within the run the first occurrence counts
  (files in their order; within a file the record's own post before a copy embedded in
  another record); a post already in
  the warehouse adds nothing (anti-join of the staged keys against the stored keys of
  the same platforms). Posts are never changed afterwards. A post stored without its
  author (``account_id`` null) that comes again with one gets a ``post_authors`` row
  (the first such row wins); the post itself stays a duplicate.
- post_metrics and account_snapshots: observations. One is added unless an observation
  with exactly the same values (all columns but ``source_file``) is already stored or
  earlier in the run, so importing a file again adds nothing.
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
    """Runs the duplicate rules over the stages of one run at once and writes, for every
    stage, its finished files.

    The stages are taken in their order (the order of the files): the first occurrence of
    a post is the lowest (file, own before embedded, seq), of an observation or account
    the lowest (file, seq), which is what finishing the files one at a time in that order
    decided. Rows already stored before the run add nothing (one anti-join per table
    against the stored files). The staged rows of all files are read as one union with
    the file's number ``f``; the new rows are kept in DuckDB temporary tables (spilling to
    the first stage's ``tmp`` folder) and written with one ``COPY ... PARTITION_BY`` per
    table, then moved into each stage's commit tree.
    """

    def __init__(self, stages: list, writers: list[StagedWriter], warehouse: Path):
        if not stages or len(stages) != len(writers):
            raise ValueError("one writer per stage, at least one stage")
        self.stages = list(stages)
        self.writers = list(writers)
        self.stage = self.stages[0]  # its folder holds the run's scratch files
        self.warehouse = Path(warehouse)
        self.scratch = self.stage.folder / "new"
        self.con = connect_duckdb(self.stage.folder / "tmp")

    def close(self) -> None:
        self.con.close()

    def _staged(self, table: str) -> str | None:
        """The staged rows of ``table`` of every stage, with the stage's number ``f`` and
        the row's number in its part (``file_row_number``), or None when there are none."""
        selects = [
            f"SELECT *, {number} AS f FROM read_parquet({sql_string(glob)}, file_row_number = true)"
            for number, writer in enumerate(self.writers)
            if (glob := writer.glob(table)) is not None
        ]
        if not selects:
            return None
        return "(" + " UNION ALL ".join(selects) + ")"

    def _platforms(self, staged: str) -> list[str]:
        rows = self.con.execute(f"SELECT DISTINCT platform FROM {staged}")
        return sorted(r[0] for r in rows.fetchall() if r[0] is not None)

    def _stored(self, table: str, platforms: list[str]) -> list[Path]:
        if table in layout.PARTITIONED:
            return layout.platform_files(self.warehouse, table, platforms)
        return layout.table_files(self.warehouse, table)

    def _new_rows(self, table: str, first_by: str, order: str, match: str, key: str) -> str | None:
        """Put the staged rows of ``table`` that are new into the temporary table
        ``new_<table>`` (with the stage number ``f``); returns its name, or None.

        The first row of every key (lowest ``order``) is found by an aggregate over the
        keys alone, then joined back to its row by (f, seq, row number in its part): a
        record's rows always sit in one part of one stage, so that triple names one
        staged row. Of the stored rows only those whose ``key`` column occurs in the run
        are compared, so DuckDB's hash tables grow with the run, not with the warehouse.
        """
        staged = self._staged(table)
        if staged is None:
            return None
        stored = self._stored(table, self._platforms(staged))
        first, new = f"first_{table}", f"new_{table}"
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW staged_{table} AS SELECT * FROM {staged}")
        winners = (
            f"SELECT unnest(arg_min({{'f': f, 's': seq, 'r': file_row_number}}, {order})) "
            f"FROM staged_{table} GROUP BY {first_by}"
        )
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {first if stored else new} AS "
            f"SELECT s.* EXCLUDE (file_row_number) FROM staged_{table} s "
            f"SEMI JOIN ({winners}) w ON w.f = s.f AND w.s = s.seq AND w.r = s.file_row_number"
        )
        if not stored:
            return new
        seen = (
            f"SELECT {first_by} FROM read_parquet({sql_list(stored)}, "
            f"hive_partitioning = false, union_by_name = true) "
            f"WHERE {key} IN (SELECT {key} FROM {first})"
        )
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {new} AS SELECT f.* FROM {first} f "
            f"WHERE NOT EXISTS (SELECT 1 FROM ({seen}) e WHERE {match})"
        )
        self.con.execute(f"DROP TABLE {first}")
        return new

    def _per_stage(self, query: str, width: int = 1) -> list[tuple]:
        """``query`` grouped by stage number ``f`` (its first column): ``width`` values per
        stage, zeros for a stage without rows."""
        found = {row[0]: row[1:] for row in self.con.execute(query).fetchall()}
        return [found.get(number, (0,) * width) for number in range(len(self.stages))]

    def _write_table(self, table: str, new: str | None, month_of: str | None) -> list[int]:
        """Move the new rows into the stages' commit trees; returns how many each got."""
        if new is None:
            return [0] * len(self.stages)
        counts = [row[0] for row in self._per_stage(f"SELECT f, count(*) FROM {new} GROUP BY f")]
        if not any(counts):
            return counts
        columns = _columns(table)
        # One pass writes every stage's partitions: DuckDB partitions by (f, p, month),
        # folders ``f=<n>/p=<platform>/month=<m>/``, which are then moved to each stage's
        # ``platform=<platform>/`` (a partition column named ``platform`` would leave the
        # files without it). A table without months is partitioned by stage alone.
        written = self.scratch / f"{table}-partitions"
        shutil.rmtree(written, ignore_errors=True)
        written.parent.mkdir(parents=True, exist_ok=True)
        if month_of is None:
            select, by = f"SELECT {columns}, f AS fn FROM {new}", "fn"
        else:
            month = f"coalesce(strftime({month_of}, '%Y-%m'), 'unknown')"
            select = f"SELECT {columns}, f AS fn, platform AS p, {month} AS month FROM {new}"
            by = "fn, p, month"
        self.con.execute(
            f"COPY ({select}) TO {sql_string(written)} "
            f"(FORMAT parquet, PARTITION_BY ({by}), FILENAME_PATTERN 'part-{{i}}')"
        )
        pattern = "fn=*" if month_of is None else "fn=*/p=*/month=*"
        for folder in sorted(written.glob(pattern)):
            if month_of is None:
                stage = self.stages[int(folder.name.removeprefix("fn="))]
                relative = Path("warehouse") / table
            else:
                stage = self.stages[int(folder.parent.parent.name.removeprefix("fn="))]
                platform = folder.parent.name.removeprefix("p=")
                value = folder.name.removeprefix("month=")
                relative = layout.partition_dir(Path("warehouse"), table, platform, value)
            target = stage.target(relative / f"part-{stage.import_id}.parquet")
            parts = sorted(folder.glob("*.parquet"))
            if len(parts) == 1:
                parts[0].rename(target)
            elif parts:  # DuckDB split a partition: one file per import and partition
                self.con.execute(
                    f"COPY (SELECT * FROM read_parquet({sql_list(parts)})) "
                    f"TO {sql_string(target)} (FORMAT parquet)"
                )
        shutil.rmtree(written, ignore_errors=True)
        return counts

    def posts(self) -> tuple[list[int], list[int], str | None]:
        """New own posts and new embedded posts per stage, and the table of new posts."""
        new = self._new_rows(
            "posts",
            first_by="platform, post_id",
            order="{'f': f, 'e': embedded, 's': seq}",
            match="e.platform = f.platform AND e.post_id = f.post_id",
            key="post_id",
        )
        if new is None:
            nothing = [0] * len(self.stages)
            return nothing, list(nothing), None
        counts = self._per_stage(
            f"SELECT f, count(*) FILTER (WHERE NOT embedded), count(*) FILTER (WHERE embedded) "
            f"FROM {new} GROUP BY f",
            width=2,
        )
        self._write_table("posts", new, month_of="created_at")
        return [c[0] for c in counts], [c[1] for c in counts], new

    def authors(self) -> list[int]:
        """Per stage, the ``post_authors`` rows it adds: a post stored before the run without
        an author that comes in the run with one (the first such copy of the run wins), and
        has no author learnt yet."""
        staged = self._staged("posts")
        if staged is None:
            return [0] * len(self.stages)
        stored = self._stored("posts", self._platforms(staged))
        if not stored or not self._any_authorless(stored):
            return [0] * len(self.stages)
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE authored AS "
            "SELECT unnest(arg_min({'f': f, 'platform': platform, 'post_id': post_id, "
            "'account_id': account_id, 'handle': handle, 'created_at': created_at, "
            "'source_file': source_file}, {'f': f, 'e': embedded, 's': seq})) "
            f"FROM {staged} WHERE account_id IS NOT NULL GROUP BY platform, post_id"
        )
        authorless = (
            f"SELECT platform, post_id FROM read_parquet({sql_list(stored)}, "
            "hive_partitioning = false, union_by_name = true) "
            "WHERE post_id IN (SELECT post_id FROM authored) "
            "GROUP BY platform, post_id HAVING NOT bool_or(account_id IS NOT NULL)"
        )
        learnt = layout.table_files(self.warehouse, "post_authors")
        already = (
            f"AND NOT EXISTS (SELECT 1 FROM read_parquet({sql_list(learnt)}) l "
            "WHERE l.platform = a.platform AND l.post_id = a.post_id)"
            if learnt
            else ""
        )
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE new_post_authors AS SELECT a.* FROM authored a "
            f"SEMI JOIN ({authorless}) s ON s.platform = a.platform AND s.post_id = a.post_id "
            f"WHERE true {already}"
        )
        self._drop("authored")
        counts = self._write_table("post_authors", "new_post_authors", month_of=None)
        self._drop("new_post_authors")
        return counts

    def _any_authorless(self, stored: list) -> bool:
        """Whether any stored post has no author (else no post can learn one, and the
        staged posts' authors need not be gathered: at millions of staged posts that
        gathering alone ran out of DuckDB's memory share)."""
        found = self.con.execute(
            f"SELECT 1 FROM read_parquet({sql_list(stored)}, hive_partitioning = false, "
            "union_by_name = true) WHERE account_id IS NULL LIMIT 1"
        ).fetchone()
        return found is not None

    def observations(self, table: str, month_of: str | None) -> list[int]:
        keys = OBSERVATION_KEYS[table]
        new = self._new_rows(
            table,
            first_by=", ".join(keys),
            order="{'f': f, 's': seq}",
            match=" AND ".join(f"e.{k} IS NOT DISTINCT FROM f.{k}" for k in keys),
            key=keys[1],  # post_id or account_id
        )
        counts = self._write_table(table, new, month_of=month_of)
        self._drop(new)
        return counts

    def accounts(self) -> list[int]:
        new = self._new_rows(
            "accounts",
            first_by="platform, account_id",
            order="{'f': f, 's': seq}",
            match="e.platform = f.platform AND e.account_id = f.account_id",
            key="account_id",
        )
        counts = self._write_table("accounts", new, month_of=None)
        self._drop(new)
        return counts

    def _drop(self, table: str | None) -> None:
        if table is not None:
            self.con.execute(f"DROP TABLE {table}")

    def records(self, number: int, new_posts: str | None, target: Path) -> None:
        """The archive's record list of stage ``number``: line, item, record hash, post and
        status per record."""
        glob = self.writers[number].glob("records")
        if glob is None:
            query = (
                "SELECT NULL::BIGINT AS line, NULL::BIGINT AS item, NULL::VARCHAR AS record_hash,"
                " NULL::VARCHAR AS platform, NULL::VARCHAR AS post_id, NULL::VARCHAR AS status "
                "WHERE false"
            )
        else:
            winners = (
                f"(SELECT seq FROM {new_posts} WHERE f = {number} AND NOT embedded)"
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

    def quarantine(self, number: int, target: Path, file_name: str, source_file: str) -> bool:
        glob = self.writers[number].glob("quarantine")
        if glob is None:
            return False
        self.con.execute(
            f"COPY (SELECT ? AS import_id, ? AS file, ? AS source_file, line, item, reason, "
            "record_hash, raw "
            f"FROM read_parquet({sql_string(glob)}) ORDER BY seq) "
            f"TO {sql_string(target)} (FORMAT parquet)",
            [self.stages[number].import_id, file_name, source_file],
        )
        return True

    def run(self) -> tuple[list[Finished], str | None]:
        """What each stage adds, and the temporary table of new posts (for ``records``)."""
        own, embedded, new_posts = self.posts()
        metrics = self.observations("post_metrics", month_of="observed_at")
        snapshots = self.observations("account_snapshots", month_of=None)
        accounts = self.accounts()
        authors = self.authors()
        done = [
            Finished(own[n], embedded[n], metrics[n], accounts[n], snapshots[n], authors[n])
            for n in range(len(self.stages))
        ]
        return done, new_posts
