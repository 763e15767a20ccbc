"""Incremental facts (facts.update): importing data in any order, with the facts refreshed
after each import, gives the fact tables and the measurement of a rebuild from nothing.

The data are made by Hypothesis so that rows point at each other across imports: replies
whose answered post comes in a later import, reposts of older posts, questions answered
later, snapshots that change the followers a post had when it was posted. Each chunk is
written as new Parquet files, as an import adds them (it never changes a file).
"""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetlat import workspace as workspaces
from meetlat.indicators import facts, factstore
from meetlat.indicators.service import measure
from meetlat.warehouse import schema


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


REGISTRY = [("GM0344", "utrecht", "1", "corporate"), ("GM0363", "amsterdam", "2", "corporate"),
            ("GM0344", "utrechtraad", "3", "council")]  # fmt: skip
AUTHORS = ["1", "2", "3", "10", "11", "12"]
HANDLES = {"1": "utrecht", "2": "amsterdam", "3": "utrechtraad", "10": "jan", "11": "piet",
           "12": "klaas"}  # fmt: skip
START = utc("2014-03-28 00:00")  # the days around the start of summer time
SPAN_MINUTES = 6 * 24 * 60
BYS = ("account", "municipality")
PERIODS = [(date(2014, 3, 28), date(2014, 4, 3)), (date(2014, 3, 30), date(2014, 3, 31))]


@st.composite
def datasets(draw):
    """(posts, snapshots, chunk of each post, chunk of each snapshot, number of chunks)."""
    count = draw(st.integers(3, 14))
    chunks = draw(st.integers(2, 4))
    ids = [str(100 + i) for i in range(count)]
    posts = []
    for post_id in ids:
        author = draw(st.sampled_from(AUTHORS))
        kind = draw(st.sampled_from(["original", "reply", "reply", "repost", "quote"]))
        minute = draw(st.integers(0, SPAN_MINUTES))
        target = draw(st.sampled_from([*ids, "999"]))  # any post, or one never stored
        target_author = draw(st.sampled_from([None, *AUTHORS]))
        text = draw(st.sampled_from(["Hoe laat is het open?", "Mooi weer", "graag hulp",
                                     "@utrecht kunt u helpen", "zie https://x.nl ?"]))  # fmt: skip
        mentions = draw(st.lists(st.sampled_from(["utrecht", "amsterdam", "jan"]), max_size=2))
        posts.append(
            {
                "platform": "x",
                "post_id": post_id,
                "account_id": author,
                "handle": HANDLES[author],
                "created_at": START + timedelta(minutes=minute),
                "text": text,
                "kind": kind,
                "in_reply_to_post_id": target if kind == "reply" else None,
                "in_reply_to_account_id": target_author if kind == "reply" else None,
                "repost_of_post_id": target if kind == "repost" else None,
                "quote_of_post_id": target if kind == "quote" else None,
                "mentions": sorted(set(mentions)),
                "author_followers": draw(st.sampled_from([None, None, 50, 200])),
                "embedded": False,
            }
        )
    snapshots = []
    for _ in range(draw(st.integers(0, 8))):
        account = draw(st.sampled_from(AUTHORS))
        snapshots.append(
            {
                "platform": "x",
                "account_id": account,
                "handle": HANDLES[account],
                "observed_at": START + timedelta(minutes=draw(st.integers(0, SPAN_MINUTES))),
                "followers": draw(st.integers(0, 1000)),
                "following": draw(st.integers(0, 50)),
                "total_posts": draw(st.integers(0, 5000)),
            }
        )
    post_chunks = [draw(st.integers(0, chunks - 1)) for _ in posts]
    snap_chunks = [draw(st.integers(0, chunks - 1)) for _ in snapshots]
    order = draw(st.permutations(range(chunks)))
    return posts, snapshots, post_chunks, snap_chunks, order


def _write(table: str, rows: list[dict], path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema.TABLES[table]), path)


def _import(ws, posts, snapshots) -> None:
    """New files, as an import writes them: posts per month partition, one file per table."""
    part = f"part-{uuid.uuid4().hex}.parquet"
    months: dict[str, list] = {}
    for row in posts:
        months.setdefault(row["created_at"].strftime("%Y-%m"), []).append(row)
    for month, rows in months.items():
        _write("posts", rows, ws.warehouse / "posts" / "platform=x" / f"month={month}" / part)
    if snapshots:
        _write("account_snapshots", snapshots, ws.warehouse / "account_snapshots" / part)


def _start(root):
    ws = workspaces.init(root)
    registry = [
        {"municipality_code": code, "platform": "x", "handle": handle, "role": role,
         "active_from": None, "active_to": None, "status": "active"}
        for code, handle, _, role in REGISTRY
    ]  # fmt: skip
    path = ws.warehouse / "registry" / "accounts.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(registry, schema=schema.REGISTRY), path)
    accounts = [{"platform": "x", "account_id": i, "handle": h} for _, h, i, _ in REGISTRY]
    _write("accounts", accounts, ws.warehouse / "accounts" / "part-0.parquet")
    return ws


def fact_tables(warehouse) -> dict[str, pd.DataFrame]:
    """Every fact table, its rows in one order."""
    duck = factstore.open_duckdb(facts.facts_dir(warehouse, "duckdb"), warehouse)
    out = {}
    for name in factstore.TABLES:
        frame = duck.sql(f"SELECT * FROM facts_{name}").df()
        frame = frame.sort_values(list(frame.columns)).reset_index(drop=True)
        out[name] = frame
    duck.close()
    return out


def _same_facts(left: dict, right: dict) -> None:
    for name in factstore.TABLES:
        pd.testing.assert_frame_equal(left[name], right[name], obj=f"facts {name}")


@pytest.mark.slow  # five imports in random orders, each checked against a rebuild
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=datasets())
def test_updated_facts_equal_a_rebuild_whatever_the_import_order(tmp_path, data):
    posts, snapshots, post_chunks, snap_chunks, order = data
    root = tmp_path / uuid.uuid4().hex
    ws = _start(root)
    facts.refresh(ws.warehouse)
    imports = 0
    calls: list[bool] = []
    original = facts.update

    def counted(*args, **kwargs):
        result = original(*args, **kwargs)
        calls.append(result is not None)
        return result

    facts.update = counted
    try:
        for chunk in order:
            new_posts = [p for p, c in zip(posts, post_chunks, strict=True) if c == chunk]
            new_snaps = [s for s, c in zip(snapshots, snap_chunks, strict=True) if c == chunk]
            _import(ws, new_posts, new_snaps)
            imports += bool(new_posts or new_snaps)
            facts.refresh(ws.warehouse)
            assert facts.is_fresh(ws.warehouse, "duckdb")
            updated = fact_tables(ws.warehouse)
            measured = [measure(ws, *p, by=by) for p in PERIODS for by in BYS]

            shutil.rmtree(ws.warehouse / facts.FOLDER)
            facts.build(ws.warehouse, "duckdb", plans=True)
            _same_facts(updated, fact_tables(ws.warehouse))
            again = [measure(ws, *p, by=by) for p in PERIODS for by in BYS]
            for left, right in zip(measured, again, strict=True):
                pd.testing.assert_frame_equal(left, right)
    finally:
        facts.update = original
    assert sum(calls) == imports  # every import was an update, none a rebuild
    shutil.rmtree(root)


def test_a_new_account_id_of_a_registry_handle_rebuilds(tmp_path):
    ws = _start(tmp_path / "ws")
    post = {"platform": "x", "post_id": "5", "account_id": "1", "handle": "utrecht",
            "created_at": utc("2014-04-01 10:00"), "kind": "original", "mentions": [],
            "embedded": False}  # fmt: skip
    _import(ws, [post], [])
    facts.refresh(ws.warehouse)
    # the handle now shows under another account id: the account map changes
    _import(ws, [post | {"post_id": "6", "account_id": "77"}], [])
    assert (
        facts.update(
            ws.warehouse,
            "duckdb",
            factstore.read_manifest(facts.facts_dir(ws.warehouse, "duckdb")),
            facts.inputs(ws.warehouse, "duckdb"),
            facts.new_files(
                factstore.read_manifest(facts.facts_dir(ws.warehouse, "duckdb")),
                facts.inputs(ws.warehouse, "duckdb"),
            ),
        )
        is None
    )
    facts.refresh(ws.warehouse)
    assert measure(ws, date(2014, 4, 1), date(2014, 4, 1)).posts_sent.tolist() == [2, 0, 0]


def test_a_changed_file_rebuilds_and_an_unchanged_warehouse_is_fresh(tmp_path):
    ws = _start(tmp_path / "ws")
    assert facts.refresh(ws.warehouse) is not None
    assert facts.refresh(ws.warehouse) is None
    manifest = factstore.read_manifest(facts.facts_dir(ws.warehouse, "duckdb"))
    state = facts.inputs(ws.warehouse, "duckdb")
    assert facts.new_files(manifest, state) == {t: [] for t in facts.WAREHOUSE_TABLES}
    path = ws.warehouse / "accounts" / "part-0.parquet"
    path.write_bytes(path.read_bytes())  # rewritten: another inode or time
    state = facts.inputs(ws.warehouse, "duckdb")
    assert facts.new_files(manifest, state) is None  # so the facts are rebuilt


@pytest.mark.parametrize("when", ["summer", "winter"])
def test_day_ranges_follow_local_midnight(when):
    day = date(2014, 3, 30) if when == "summer" else date(2014, 10, 26)
    [(first, after)] = facts.day_ranges([day, day + timedelta(days=1)])
    hours = (after - first) / timedelta(hours=1)
    assert hours == (47 if when == "summer" else 49)
    assert isinstance(first, datetime)


def test_an_update_past_the_kept_clock_makes_a_longer_one(tmp_path):
    """Posts more than the clock's margin after the last day: the update extends the
    office-hours clock it keeps, and its reply times equal a rebuild's."""
    ws = _start(tmp_path / "ws")
    post = {"platform": "x", "post_id": "5", "account_id": "10", "handle": "jan",
            "created_at": utc("2014-04-01 10:00"), "kind": "original", "mentions": [],
            "text": "Hoe laat is het open?", "embedded": False}  # fmt: skip
    _import(ws, [post], [])
    facts.refresh(ws.warehouse)
    later = utc("2016-02-02 09:00")
    reply = post | {"post_id": "6", "account_id": "1", "handle": "utrecht", "kind": "reply",
                    "created_at": later, "in_reply_to_post_id": "7", "text": "Graag gedaan"}  # fmt: skip
    asked = post | {"post_id": "7", "created_at": later - timedelta(hours=20)}
    _import(ws, [reply, asked], [])
    calls = []
    original = facts.update

    def counted(*args, **kwargs):
        result = original(*args, **kwargs)
        calls.append(result is not None)
        return result

    facts.update = counted
    try:
        facts.refresh(ws.warehouse)
    finally:
        facts.update = original
    assert calls == [True]
    updated = fact_tables(ws.warehouse)
    assert updated["replies"].office_minutes.notna().all() and len(updated["replies"]) == 1
    shutil.rmtree(ws.warehouse / facts.FOLDER)
    facts.build(ws.warehouse, "duckdb")
    _same_facts(updated, fact_tables(ws.warehouse))
