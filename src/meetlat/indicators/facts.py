"""Measurement facts: the indicator sources computed once over all data, kept, and brought
up to date for the days an import touched.

A measurement reduces *source* tables (one row per sent post, timed reply, inbound
question, post with its reach) to one row per account. Those rows do not depend on the
measured period: a reply's reaction time, a post's potential reach or whether a question
was answered are the same whatever period is asked. Only *which* rows belong to the
period does (their ``created_ms``). So the fact sources (registry: ``fact=True``) are
computed once over every stored day for every registry row (the *facts*) and a
measurement filters them by time and by the asked registry rows, then aggregates them
with the same indicator expressions (factstore.FactsScope).

The facts of an engine live in ``warehouse/_facts/<engine>/`` (factstore.py) with
``key.json``: the *base* (a hash of the indicator code, the DuckDB and holidays versions,
the office hours and the registry files), the warehouse files the facts were computed
from, and ``key``, the hash of both. When the key no longer matches they are stale:

- when only new warehouse files came (an import adds files, it never changes one), the
  facts are *updated*: the rows of the new posts are computed, and so are again the rows
  of the stored posts that the new rows point into or that point into them (replies
  whose answered post came later, questions answered later, posts reposted later, posts
  whose author's snapshots came later: see ``AFFECTED``); each fact row names its post,
  so those rows are replaced; the daily snapshots of the (account, day) pairs with new
  snapshots are merged. The update runs kept SQL plans (``update-plans/``), no Ibis;
- otherwise (the base changed, a file changed or went, or a new row ties a registry
  handle to an account id the facts do not know) they are *rebuilt* from nothing.

Either way the result equals a rebuild (a property test checks it). ``meetlat import``
and ``meetlat accounts import`` refresh the facts at once, a measurement before it reads
them. An update or rebuild writes a new folder and swaps it in, so a reader sees the old
facts or the new, never half. See docs/adr/0003 and 0005.

Besides the sources: ``keys``, ``account_map`` (registry row → account id) and
``snapshots``, the registry accounts' snapshots compacted to the last observation of each
Europe/Amsterdam day (exact for "the latest snapshot before the end of the period", as a
period ends at local midnight); in the DuckDB file also ``clock``, the office-hours clock
an update uses (not a measured table).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from importlib.metadata import version
from pathlib import Path

from meetlat.indicators import factstore, officehours, prepared
from meetlat.indicators.factstore import (  # noqa: F401  (the names of old)
    DATABASE,
    FOLDER,
    SOURCES,
    TABLES,
    connect,
    facts_dir,
    open_duckdb,
)
from meetlat.indicators.periods import AMSTERDAM, as_ms, epoch_ms, local_midnight_utc
from meetlat.indicators.reach import COUNTS, last_observed
from meetlat.indicators.registry import sources
from meetlat.indicators.scope import KEYS, Scope, handle_map
from meetlat.warehouse import layout
from meetlat.warehouse.connection import connect as connect_warehouse
from meetlat.warehouse.connection import (
    duckdb_connection,
    posts_with_authors_sql,
)
from meetlat.warehouse.recovery import recover
from meetlat.warehouse.sqltext import sql_list, sql_string

FACT_SOURCES = SOURCES
# the tables the facts are computed from (public metrics are not: a re-import that only
# adds newer likes and views leaves the facts as they are); the registry is in the base
WAREHOUSE_TABLES = ("posts", "accounts", "account_snapshots", "post_authors")
# besides meetlat.indicators itself: the code whose meaning the facts take in
DEPENDS_ON = ("platforms/ids.py", "warehouse/connection.py", "warehouse/schema.py")
DAY_MS = 86_400_000


def _code_hash() -> str:
    """The code the facts were computed with: any change makes them stale. Also the
    versions of the holidays package, which decides the office-hours calendar, and of
    DuckDB, whose dialect the kept plans are written in."""
    import duckdb

    digest = hashlib.sha256(version("holidays").encode())
    digest.update(f"duckdb {duckdb.__version__}".encode())
    package = Path(__file__).parent
    paths = sorted(package.glob("*.py")) + [package.parent / p for p in DEPENDS_ON]
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def inputs(warehouse: Path, engine: str) -> dict:
    """What the facts of ``engine`` depend on: ``base`` (a hash of the code, versions,
    office hours and registry files: when it changes the facts are rebuilt) and ``files``
    (relative path → size:mtime:inode of every warehouse file they read)."""
    hours = officehours.configured()
    parts = [engine, _code_hash(), repr(hours)]
    for path in layout.table_files(warehouse, layout.REGISTRY_TABLE):
        parts.append(f"{path.relative_to(warehouse).as_posix()}:{_stamp(path)}")
    files = {}
    for table in WAREHOUSE_TABLES:
        for path in layout.table_files(warehouse, table):
            files[path.relative_to(warehouse).as_posix()] = _stamp(path)
    return {"base": hashlib.sha256("\n".join(parts).encode()).hexdigest(), "files": files}


def _key_of(state: dict) -> str:
    lines = [state["base"], *(f"{p}:{s}" for p, s in sorted(state["files"].items()))]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def key(warehouse: Path, engine: str) -> str:
    """The hash of everything the facts of ``engine`` depend on."""
    return _key_of(inputs(warehouse, engine))


def _read_key(folder: Path) -> str | None:
    return factstore.read_key(folder)


def is_fresh(warehouse: Path, engine: str) -> bool:
    return _read_key(facts_dir(warehouse, engine)) == key(warehouse, engine)


class FactsUnavailable(RuntimeError):
    """The facts are stale and cannot be written (a read-only or full disk): measure the
    warehouse itself instead (the same figures, computed the slow way)."""


def ensure(warehouse: Path, engine: str) -> Path:
    """The folder of fresh facts for ``engine``, updated or built first when stale."""
    recover(warehouse.parent)  # finish or undo an interrupted import first
    folder = facts_dir(warehouse, engine)
    state = inputs(warehouse, engine)
    if _read_key(folder) != _key_of(state):
        try:
            _bring_up_to_date(warehouse, engine, state, plans=False)
        except OSError as error:
            raise FactsUnavailable(f"{warehouse / FOLDER}: {error}") from error
    return folder


def refresh(warehouse: Path, engine: str = "duckdb", starting=None) -> float | None:
    """Bring the facts of ``engine`` up to date when they are stale: the seconds it took,
    or None when they were fresh already. ``starting`` (no arguments) is called first."""
    state = inputs(warehouse, engine)
    if _read_key(facts_dir(warehouse, engine)) == _key_of(state):
        return None
    if starting is not None:
        starting()
    began = time.perf_counter()
    _bring_up_to_date(warehouse, engine, state, plans=True)
    return time.perf_counter() - began


def _bring_up_to_date(warehouse: Path, engine: str, state: dict, plans: bool) -> Path:
    """Update the facts for the new files when that is possible, else rebuild them."""
    old = factstore.read_manifest(facts_dir(warehouse, engine))
    added = new_files(old, state)
    if added is not None and engine == "duckdb":
        updated = update(warehouse, engine, old, state, added)
        if updated is not None:
            return updated
    return build(warehouse, engine, plans=plans, wanted=state)


def new_files(old: dict, state: dict) -> dict | None:
    """The warehouse files added since the facts ``old`` were made, per table; None when
    the facts cannot be updated (none yet, another base, a file changed or went)."""
    if old.get("base") != state["base"] or not isinstance(old.get("files"), dict):
        return None
    before, now = old["files"], state["files"]
    if any(now.get(path) != stamp for path, stamp in before.items()):
        return None
    added: dict[str, list[str]] = {table: [] for table in WAREHOUSE_TABLES}
    for path in sorted(set(now) - set(before)):
        added[path.split("/", 1)[0]].append(path)
    if added["post_authors"]:
        return None  # authors given to stored posts (rare: a repaired archive): rebuild
    return added


def data_span(con) -> tuple[date, date]:
    """The first and last Europe/Amsterdam day of any stored post or snapshot."""
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


def _manifest(state: dict, first: date, last: date) -> str:
    return json.dumps(
        {
            "key": _key_of(state),
            "base": state["base"],
            "files": state["files"],
            "first_day": str(first),
            "last_day": str(last),
        }
    )


def build(
    warehouse: Path, engine: str, plans: bool = False, wanted: dict | str | None = None
) -> Path:
    """Compute every fact table over all stored days and swap the folder in. ``plans``:
    also compile the DuckDB measurement plans of every shape (prepared.py), as an import
    does; a measurement that finds stale facts compiles only the plan it needs.
    ``wanted``: the inputs() the caller has just computed (else they are computed here)."""
    state = wanted if isinstance(wanted, dict) else inputs(warehouse, engine)
    con = connect_warehouse(warehouse.parent, engine)
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
        tables = {name: encode(name, scope.source(name), keys, engine) for name in SOURCES}
        tables |= {"keys": keys, "account_map": amap, "snapshots": daily_snapshots(scope)}
        if engine == "duckdb":  # the clock an update needs, kept (see _clock_rows)
            clock = officehours.calendar_table(last + CLOCK_MARGIN)
            tables[CLOCK] = _small_table(con, "meetlat_clock_kept", clock, engine)
        writer = _write_duckdb if engine == "duckdb" else _write_parquet
        writer(con, tables, scratch)
        if plans and engine == "duckdb":
            prepared.precompile(scratch, warehouse)
            precompile_update(scratch, warehouse)
        (scratch / factstore.KEY_FILE).write_text(_manifest(state, first, last))
        _swap(scratch, facts_dir(warehouse, engine))
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return facts_dir(warehouse, engine)


def account_keys(con, scope, engine: str):
    """Every registry row's KEYS with a whole number ``account_key`` (in KEYS order)."""
    import pyarrow as pa

    rows = sorted(scope.registry.to_pyarrow().to_pylist(), key=lambda r: [r[k] for k in KEYS])
    columns = {k: pa.array([r[k] for r in rows], pa.string()) for k in KEYS}
    columns["account_key"] = pa.array(range(len(rows)), pa.int64())
    return _small_table(con, "meetlat_keys", pa.table(columns), engine)


def _small_table(con, name: str, table, engine: str):
    import ibis

    if engine == "spark":  # a view: a Spark table would be written to disk
        return con.create_view(name, ibis.memtable(table), overwrite=True)
    return con.create_table(name, table, overwrite=True)


def encode(name: str, table, keys, engine: str = "duckdb"):
    """A source table as stored: ``account_key`` instead of the KEYS strings, and the
    question key (``platform:post_id``) as a whole number. On DuckDB that number is a
    63-bit hash of the key, so the same question always gets the same number whatever
    else is stored and an update gives the numbers of a rebuild (two questions sharing a
    number is as likely as guessing a random 63-bit number); Spark's facts are always
    rebuilt whole and number the questions in order (dense rank)."""
    import ibis

    joined = table.join(keys, list(KEYS))
    rest = [c for c in table.columns if c not in KEYS]
    encoded = joined.select("account_key", *rest)
    if name == "questions" and engine == "duckdb":
        encoded = encoded.mutate(question=question_number(encoded.question))
    elif name == "questions":
        encoded = encoded.mutate(question=ibis.dense_rank().over(order_by=encoded.question))
    return encoded


def question_number(text):
    """Ibis (DuckDB): the whole number, 0 … 2^63 − 1, that stands for a question key."""
    import ibis

    digest = text.hash()  # DuckDB's 64-bit hash(), read as a signed number
    return ibis.ifelse(digest < 0, -(digest + 1), digest)


def _columns_sql(table) -> str:
    """Each column as the type Ibis gives it (DuckDB widens sums to HUGEINT)."""
    from ibis.backends.sql.datatypes import DuckDBType

    return ", ".join(
        f'CAST("{c}" AS {DuckDBType.to_string(t)}) AS "{c}"' for c, t in table.schema().items()
    )


def _write_duckdb(con, tables: dict, folder: Path) -> None:
    """DuckDB: one database file (read faster than Parquet); sources in time order, so
    a short period reads only the blocks of its days."""
    con.raw_sql(f"ATTACH {sql_string(folder / DATABASE)} AS facts_out")
    try:
        for name, table in tables.items():
            order = " ORDER BY created_ms" if name in SOURCES else ""
            sql = con.compile(table)
            con.raw_sql(
                f"CREATE TABLE facts_out.{name} AS SELECT {_columns_sql(table)} FROM ({sql}){order}"
            )
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
    snaps = scope.snapshots
    ids = scope.account_map.select("platform", "account_id").distinct()
    snaps = snaps.semi_join(ids, ["platform", "account_id"])
    snaps = snaps.mutate(hour=officehours.hour_of(epoch_ms(snaps.observed_at)))
    clock = scope.clock.select("hour", "day_ms")
    snaps = snaps.left_join(clock, "hour")
    day = snaps.day_ms.coalesce(snaps.hour)  # outside the clock: its own hour (never merged)
    snaps = snaps.mutate(day=day)
    last = last_observed(snaps, ["platform", "account_id", "day"])
    return last.select("platform", "account_id", "observed_at", *COUNTS)


# ---- the update: the days an import touched ----------------------------------------------
# An update runs SQL only: the fact sources of the touched days, compiled from the same
# source functions (over an UpdateScope, whose tables have fixed names) once per code and
# DuckDB version and kept beside the facts as plans (``plans/update-*.sql``, like the
# measurement's, prepared.py). So an import's update neither imports nor compiles Ibis.
SENT = "meetlat_update_sent"  # the raw ``sent`` rows of the touched days (a temp table)
POSTS = "meetlat_update_posts"  # the stored posts of the touched days (a temp table)
# the columns of those posts that the fact sources read (a source that reads another one
# fails to compile, loudly, in the tests); reading fewer columns of the day's row groups
# is half the cost of this step
POST_COLUMNS = ("platform", "post_id", "account_id", "handle", "created_at", "text", "kind",
                "in_reply_to_post_id", "in_reply_to_account_id", "repost_of_post_id",
                "mentions", "author_followers")  # fmt: skip
SNAP_UNION = "meetlat_snap_union"  # the stored and new snapshots of accounts with new ones
CLOCK = "clock"  # the office-hours clock kept in the facts file (not a measured table)
CLOCK_MARGIN = timedelta(days=400)  # the clock kept runs this far past the last day
UPDATE_PLANS = "update-plans"  # the folder of the update's plans, beside the measurement's


def update_plan_path(folder: Path, name: str) -> Path:
    import duckdb

    return folder / UPDATE_PLANS / f"{name}-duckdb{duckdb.__version__}.sql"


class UpdateScope(Scope):
    """The warehouse Scope of an update, as compiled into its plans: the posts of the
    touched days (``meetlat_update_posts``, read from the warehouse once), the registry accounts' ids as the facts have them (``meetlat_amap``), the clock kept
    in the facts, and optionally other snapshot rows (``snapshot_table``) and the raw
    ``sent`` rows already computed (``sent_table``)."""

    def __init__(self, con, snapshot_table="account_snapshots", sent_table=None) -> None:
        super().__init__(con, date(2000, 1, 1), date(2000, 1, 1), whole_registry=True)
        self.snapshot_table, self.sent_table = snapshot_table, sent_table

    def in_period(self, table):
        if not table.equals(self.posts):
            raise ValueError("an update reads the posts of the touched days only")
        return self.con.table(POSTS)

    @cached_property
    def account_map(self):
        return self.con.table("meetlat_amap").select(*KEYS, "account_id")

    @cached_property
    def snapshots(self):
        return self.con.table(self.snapshot_table)

    @cached_property
    def clock(self):
        return self.con.table("meetlat_clock")

    def build_source(self, name: str):
        if name == "sent" and self.sent_table is not None:
            return self.con.table(self.sent_table)
        return sources.get(name).build(self)  # never cached: the plan is one SQL text


def day_ranges(days) -> list[tuple[datetime, datetime]]:
    """Sorted local days as [first, after) UTC instants, neighbouring days joined."""
    ranges: list[list[date]] = []
    for day in sorted(set(days)):
        if ranges and day == ranges[-1][1] + timedelta(days=1):
            ranges[-1][1] = day
        else:
            ranges.append([day, day])
    return [(local_midnight_utc(a), local_midnight_utc(b + timedelta(days=1))) for a, b in ranges]


# the posts (platform, post_id, created_ms) whose fact rows an import's new rows (views
# new_posts, new_snapshots) change, from the old facts (schema old) and the warehouse
# (posts_stored): the new posts, and the stored rows they point into or that point into them
AFFECTED = """
CREATE TEMP TABLE meetlat_affected AS
WITH np AS (
    SELECT platform, post_id, kind, in_reply_to_post_id, repost_of_post_id FROM new_posts
),
snap_ids AS (SELECT DISTINCT platform, account_id FROM new_snapshots),
-- the stored posts (platform, post_id) that new posts or snapshots point into by id:
-- reposted now, or reposted by an account with new snapshots (the repost carries no
-- count of its own)
pointed AS (
    SELECT platform, repost_of_post_id AS post_id FROM np
    WHERE kind = 'repost' AND repost_of_post_id IS NOT NULL
    UNION
    SELECT p.platform, p.repost_of_post_id FROM posts_stored p
    SEMI JOIN snap_ids n ON n.platform = p.platform AND n.account_id = p.account_id
    WHERE p.kind = 'repost' AND p.author_followers IS NULL AND p.repost_of_post_id IS NOT NULL
),
affected AS (
    -- the new posts themselves
    SELECT platform, post_id, epoch_ms(created_at) AS ms FROM new_posts
    UNION ALL
    -- stored replies whose answered post came now (its author and time)
    SELECT k.platform, s.post_id, s.created_ms FROM old.sent s JOIN meetlat_keys k USING (account_key)
    SEMI JOIN np ON np.platform = k.platform AND np.post_id = s.in_reply_to_post_id
    WHERE s.in_reply_to_post_id IN (SELECT post_id FROM np)
    UNION ALL
    -- stored questions answered now
    SELECT a.platform, a.post_id, q.created_ms FROM old.questions q
    JOIN meetlat_answered a ON a.question = q.question
    WHERE q.question IN (SELECT question FROM meetlat_answered)
    UNION ALL
    -- stored posts pointed into
    SELECT k.platform, s.post_id, s.created_ms FROM old.sent s JOIN meetlat_keys k USING (account_key)
    SEMI JOIN pointed r ON r.platform = k.platform AND r.post_id = s.post_id
    WHERE s.post_id IN (SELECT post_id FROM pointed)
    UNION ALL
    -- stored posts whose author's followers come from snapshots, some of which came now
    SELECT k.platform, s.post_id, s.created_ms FROM old.sent s JOIN meetlat_keys k USING (account_key)
    SEMI JOIN snap_ids n ON n.platform = k.platform AND n.account_id = s.account_id
    WHERE s.author_followers IS NULL AND s.account_id IN (SELECT account_id FROM snap_ids)
)
SELECT DISTINCT platform, post_id, ms FROM affected WHERE ms IS NOT NULL AND post_id IS NOT NULL
"""

# the views of an update session over its tables (see _update_session)
SESSION_VIEWS = f"""
CREATE TEMP TABLE meetlat_keys AS SELECT * FROM old.keys;
CREATE TEMP TABLE meetlat_amap AS SELECT * FROM old.account_map;
CREATE TEMP VIEW meetlat_clock AS SELECT * FROM old.{CLOCK};
CREATE TEMP TABLE {POSTS} AS SELECT {", ".join(POST_COLUMNS)} FROM posts_stored LIMIT 0;
-- the posts whose question numbers are asked for (plan update-question-numbers): first
-- the posts the registry accounts' new posts reply to
CREATE TEMP VIEW meetlat_question_posts AS
SELECT DISTINCT np.platform, np.in_reply_to_post_id AS post_id FROM new_posts np
SEMI JOIN meetlat_amap m ON m.platform = np.platform AND m.account_id = np.account_id
WHERE np.in_reply_to_post_id IS NOT NULL;
-- the new snapshots of the registry accounts' ids, and those with the stored ones
CREATE TEMP TABLE meetlat_new_snaps AS
SELECT * FROM new_snapshots n
SEMI JOIN meetlat_amap m ON m.platform = n.platform AND m.account_id = n.account_id;
-- the local days (as [day_first, day_after) instants) of an account that got new
-- snapshots: only those days' daily rows change
CREATE TEMP TABLE meetlat_snap_days AS
SELECT platform, account_id, timezone('Europe/Amsterdam', day::TIMESTAMP) AS day_first,
       timezone('Europe/Amsterdam', (day + 1)::TIMESTAMP) AS day_after
FROM (SELECT DISTINCT platform, account_id, CAST(timezone('Europe/Amsterdam', observed_at)
      AS DATE) AS day FROM meetlat_new_snaps);
CREATE TEMP VIEW {SNAP_UNION} AS
SELECT platform, account_id, observed_at, {", ".join(COUNTS)} FROM old.snapshots s
SEMI JOIN meetlat_snap_days n ON n.platform = s.platform AND n.account_id = s.account_id
    AND s.observed_at >= n.day_first AND s.observed_at < n.day_after
UNION ALL
SELECT platform, account_id, observed_at, {", ".join(COUNTS)} FROM meetlat_new_snaps;
"""

NEW_TABLES = (("posts", "new_posts"), ("account_snapshots", "new_snapshots"),
              ("accounts", "new_accounts"))  # fmt: skip


def _parquet_view(duck, name: str, files, table: str) -> None:
    """The Parquet ``files`` of warehouse ``table`` as the view ``name`` (empty: a table
    of its schema)."""
    if files:  # as warehouse.connection reads them: columns from the files
        duck.execute(
            f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM read_parquet("
            f"{sql_list(files)}, union_by_name = true, hive_partitioning = false)"
        )
    else:
        duck.register(f"_{name}_empty", layout.table_schema(table).empty_table())
        duck.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _{name}_empty")
        duck.unregister(f"_{name}_empty")


def _update_session(warehouse: Path, folder: Path, added: dict):
    """A DuckDB connection with what an update reads: the warehouse tables the fact
    sources read (the posts without their metrics as ``posts_stored``, accounts,
    snapshots, registry), the ``added`` files (per table) as ``new_posts``,
    ``new_snapshots`` and ``new_accounts``, the facts of ``folder`` as ``old`` and the
    tables and views of SESSION_VIEWS."""
    duck = duckdb_connection()
    learnt = layout.table_files(warehouse, "post_authors")
    for table, name in (("posts", "posts_files" if learnt else "posts_stored"),
                        ("accounts", "accounts"), ("account_snapshots", "account_snapshots"),
                        ("post_authors", "post_authors")):  # fmt: skip
        _parquet_view(duck, name, layout.table_files(warehouse, table), table)
    if learnt:  # the posts with the authors learnt later, as connect() shows them
        duck.execute(
            "CREATE VIEW posts_stored AS " + posts_with_authors_sql("posts_files", "post_authors")
        )
    factstore.registry_view(duck, warehouse)
    for table, name in NEW_TABLES:
        _parquet_view(duck, name, [warehouse / p for p in added.get(table, [])], table)
    duck.execute(f"ATTACH {sql_string(folder / DATABASE)} AS old (READ_ONLY)")
    duck.execute(SESSION_VIEWS)
    return duck


class _Plans:
    """The SQL of the update's steps: read from the plans of the facts folder, or
    compiled now (Ibis over the session) and kept with the new facts (``keep``)."""

    def __init__(self, folder: Path, duck) -> None:
        self.folder, self.duck, self.con, self.compiled = folder, duck, None, {}

    def get(self, name: str, make) -> str:
        try:
            return update_plan_path(self.folder, name).read_text(encoding="utf-8")
        except FileNotFoundError:
            pass
        if name not in self.compiled:
            if self.con is None:
                import ibis

                self.con = ibis.duckdb.from_connection(self.duck)
            self.compiled[name] = make(self.con)
        return self.compiled[name]

    def keep(self, folder: Path) -> None:
        for name, sql in self.compiled.items():
            try:
                prepared.keep(update_plan_path(folder, name), sql)
            except OSError:  # a plan that cannot be written is compiled again next time
                pass


def _select_sql(con, table) -> str:
    return f"SELECT {_columns_sql(table)} FROM ({con.compile(table)})"


def _unknown_sql(con) -> str:
    """A row per registry handle that the new rows tie to an account id the facts do
    not know."""
    base = UpdateScope(con)
    new = [con.table(name) for _table, name in NEW_TABLES]
    known = con.table("meetlat_amap").select(*KEYS, "account_id")
    unknown = handle_map(base.registry, [new[2], new[1], new[0]])
    return str(con.compile(unknown.anti_join(known, [*KEYS, "account_id"])))


def _question_numbers_sql(con) -> str:
    """(platform, post_id, question): the question number of each post of the view
    ``meetlat_question_posts``, as the questions source numbers it."""
    posts = con.table("meetlat_question_posts")
    key = posts.platform.concat(":", posts.post_id)
    return str(con.compile(posts.mutate(question=question_number(key))))


def _source_sql(name: str):
    def make(con) -> str:
        scope = UpdateScope(con, sent_table=SENT)
        return _select_sql(con, encode(name, scope.source(name), con.table("meetlat_keys")))

    return make


def _sent_sql(con) -> str:
    return str(con.compile(UpdateScope(con).source("sent")))


def _snapshots_sql(con) -> str:
    return _select_sql(con, daily_snapshots(UpdateScope(con, snapshot_table=SNAP_UNION)))


def _clock_rows(duck, last: date) -> None:
    """The view ``meetlat_clock`` on a new clock up to CLOCK_MARGIN past ``last`` (a
    longer clock changes no figure: every reply, answered post and snapshot lies before
    its end)."""
    duck.register("meetlat_clock_rows", officehours.calendar_table(last + CLOCK_MARGIN))
    duck.execute("CREATE TEMP TABLE meetlat_longer_clock AS SELECT * FROM meetlat_clock_rows")
    duck.execute("CREATE OR REPLACE TEMP VIEW meetlat_clock AS FROM meetlat_longer_clock")
    duck.unregister("meetlat_clock_rows")


def _clock_end(duck, schema: str) -> int:
    """The first hour (since the epoch) after the clock kept in the facts."""
    return duck.sql(f"SELECT max(hour) + 1 FROM {schema}.{CLOCK}").fetchone()[0]


def precompile_update(folder: Path, warehouse: Path) -> None:
    """Compile the update's plans into the new facts folder ``folder`` (when the facts
    are built with plans, so that the first update after it needs no Ibis)."""
    duck = _update_session(warehouse, folder, {})
    try:
        plans = _Plans(folder, duck)
        _run_plans(duck, plans, compile_only=True)
        plans.keep(folder)
    finally:
        duck.close()


def _run_plans(duck, plans: _Plans, compile_only: bool = False) -> dict:
    """The SQL of every step (compiled when missing). ``sent`` is made a temp table
    first (over no days when only compiling), since the other sources read it."""
    sent = plans.get("update-sent-rows", _sent_sql)
    duck.execute(f"CREATE OR REPLACE TEMP TABLE {SENT} AS {sent}")
    out = {
        "unknown": plans.get("update-unknown", _unknown_sql),
        "question numbers": plans.get("update-question-numbers", _question_numbers_sql),
        "snapshots": plans.get("update-snapshots", _snapshots_sql),
    }
    for name in SOURCES:
        out[name] = plans.get(f"update-source-{name}", _source_sql(name))
    return out


LAST_UPDATE: dict = {}  # seconds of each step of the last update (for the benchmark)


class _Clock:
    def __init__(self, steps: dict) -> None:
        self.steps, self.last = steps, time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        self.steps[step] = round(now - self.last, 3)
        self.last = now


def _local_day(instant: str) -> str:
    """SQL: the Europe/Amsterdam day of a TIMESTAMPTZ."""
    return f"CAST(timezone('Europe/Amsterdam', {instant}) AS DATE)"


def _rows_of_touched(name: str) -> str:
    """The start of the SQL condition (``s`` the fact table, ``… AND (days)`` to follow)
    of the rows of fact source ``name`` that came from the touched posts: by the post's
    id (and its account's platform) or, for questions, by the question's number."""
    if name == "questions":
        return "WHERE s.question IN (SELECT question FROM meetlat_affected_questions) AND"
    return (
        "USING meetlat_keys k, meetlat_affected a WHERE s.account_key = k.account_key "
        "AND k.platform = a.platform AND s.post_id = a.post_id AND"
    )


def _timestamp(moment: datetime) -> str:
    return f"TIMESTAMPTZ '{moment.isoformat()}'"


def update(warehouse: Path, engine: str, old: dict, state: dict, added: dict) -> Path | None:
    """Bring the DuckDB facts up to date for the ``added`` warehouse files (per table) by
    computing the touched days again (see the module's text); None when a rebuild is
    needed instead (a new row ties a registry handle to an account id the facts do not
    know, or the facts keep no clock)."""
    steps = LAST_UPDATE
    steps.clear()
    clock = _Clock(steps)
    folder = facts_dir(warehouse, engine)
    duck = _update_session(warehouse, folder, added)
    try:
        return _update(warehouse, folder, duck, old, state, clock)
    finally:
        duck.close()


def _update(warehouse: Path, folder: Path, duck, old: dict, state: dict, clock) -> Path | None:
    clock("open")
    plans = _Plans(folder, duck)
    if duck.sql(f"SELECT count(*) FROM ({plans.get('update-unknown', _unknown_sql)})").fetchone()[
        0
    ]:
        return None  # an account id the facts do not know: rebuild
    numbers = plans.get("update-question-numbers", _question_numbers_sql)
    duck.execute(f"CREATE TEMP TABLE meetlat_answered AS {numbers}")
    clock("account map")
    duck.execute(AFFECTED)
    days = [r[0] for r in duck.sql(
        f"SELECT DISTINCT {_local_day('make_timestamptz(ms * 1000)')} FROM meetlat_affected"
    ).fetchall()]  # fmt: skip
    steps = LAST_UPDATE
    steps["days"] = len(days)
    steps["posts"] = duck.sql("SELECT count(*) FROM meetlat_affected").fetchone()[0]
    clock("touched posts")
    snap_span = duck.sql(
        f"SELECT min({_local_day('observed_at')}), max({_local_day('observed_at')}) "
        "FROM meetlat_new_snaps"
    ).fetchone()
    first_day, last_day = date.fromisoformat(old["first_day"]), date.fromisoformat(old["last_day"])
    span = [d for d in (*days, *snap_span) if d is not None]
    first, last = min([first_day, *span]), max([last_day, *span])
    ranges = day_ranges(days)
    if ranges:  # the stored rows of the touched posts (their days bound the scan)
        within = " OR ".join(
            f"(p.created_at >= {_timestamp(a)} AND p.created_at < {_timestamp(b)})"
            for a, b in ranges
        )
        duck.execute(
            f"INSERT INTO {POSTS} SELECT {', '.join('p.' + c for c in POST_COLUMNS)} "
            "FROM posts_stored p SEMI JOIN meetlat_affected a "
            f"ON a.platform = p.platform AND a.post_id = p.post_id WHERE {within}"
        )
        duck.execute("CREATE OR REPLACE TEMP VIEW meetlat_question_posts AS "
                     "SELECT DISTINCT platform, post_id FROM meetlat_affected")  # fmt: skip
        duck.execute(f"CREATE TEMP TABLE meetlat_affected_questions AS {numbers}")
    hour_after_last = as_ms(local_midnight_utc(last + timedelta(days=2))) // officehours.HOUR_MS
    longer_clock = _clock_end(duck, "old") < hour_after_last
    if longer_clock:  # the kept clock ends too soon for the new days: a longer one
        _clock_rows(duck, last)
    sqls = _run_plans(duck, plans) if days else {}
    clock("plans and sent")

    root = warehouse / FOLDER
    scratch = root / f".duckdb-{uuid.uuid4().hex}"
    try:
        shutil.copytree(folder, scratch, ignore=shutil.ignore_patterns(factstore.KEY_FILE))
        plans.keep(scratch)
        clock("copy")
        duck.execute(f"ATTACH {sql_string(scratch / DATABASE)} AS facts_out")
        try:
            inside = " OR ".join(
                f"(s.created_ms >= {as_ms(a)} AND s.created_ms < {as_ms(b)})" for a, b in ranges
            )
            for name in SOURCES if days else ():
                duck.execute(f"DELETE FROM facts_out.{name} s {_rows_of_touched(name)} ({inside})")
                duck.execute(f"INSERT INTO facts_out.{name} BY NAME {sqls[name]}")
            clock("sources")
            if snap_span[0] is not None:
                compiled = plans.get("update-snapshots", _snapshots_sql)
                duck.execute(f"CREATE TEMP TABLE meetlat_new_days AS {compiled}")
                duck.execute(
                    "DELETE FROM facts_out.snapshots s USING meetlat_snap_days i WHERE "
                    "i.platform = s.platform AND i.account_id = s.account_id AND "
                    "s.observed_at >= i.day_first AND s.observed_at < i.day_after"
                )
                duck.execute(
                    "INSERT INTO facts_out.snapshots BY NAME SELECT * FROM meetlat_new_days"
                )
            if longer_clock:
                duck.execute(
                    f"CREATE OR REPLACE TABLE facts_out.{CLOCK} AS FROM meetlat_longer_clock"
                )
        finally:
            duck.execute("DETACH facts_out")
        clock("snapshots")
        plans.keep(scratch)  # plans compiled after the copy
        (scratch / factstore.KEY_FILE).write_text(_manifest(state, first, last))
        _swap(scratch, folder)
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return folder
