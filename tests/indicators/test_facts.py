"""Measurement facts (indicators/facts.py): the same figures as measuring the warehouse
itself, rebuilt whenever what they were computed from changes, and swapped in whole."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from meetlat import accounts
from meetlat.importer import import_paths
from meetlat.indicators import facts
from meetlat.indicators.service import measure
from meetlat.warehouse.connection import connect

Q2 = (date(2014, 4, 1), date(2014, 6, 30))


def _direct(ws, start, end, **kwargs):
    """The measurement computed from the warehouse tables, without facts."""
    return measure(connect(ws.root, kwargs.pop("engine", "duckdb")), start, end, **kwargs)


def _same(left, right):
    pd.testing.assert_frame_equal(left, right, check_exact=False, rtol=1e-12, atol=1e-9)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A small synthetic year (X v2): 12 municipalities, 6,000 posts, imported."""
    from meetlat import workspace
    from meetlat.synth.service import SynthOptions, generate

    root = tmp_path_factory.mktemp("facts")
    made = generate(
        SynthOptions(
            municipalities=12,
            posts=6000,
            format="x-v2",
            out=root / "synthetic",
            seed=7,
            start=date(2014, 1, 1),
            end=date(2014, 12, 31),
        )
    )
    ws = workspace.init(root / "ws")
    accounts.import_file(ws, made.out / "accounts.csv")
    import_paths(ws, [made.out / "posts"])
    return ws


PERIODS = [
    (date(2014, 1, 1), date(2014, 12, 31)),  # the whole year
    Q2,
    (date(2014, 3, 30), date(2014, 3, 30)),  # the day summer time starts (23 hours)
    (date(2014, 10, 26), date(2014, 11, 2)),  # a week from the day winter time starts
]


@pytest.mark.parametrize("start,end", PERIODS)
@pytest.mark.parametrize("by", ["account", "municipality"])
def test_facts_give_the_figures_of_the_warehouse(synthetic, start, end, by):
    from_facts = measure(synthetic, start, end, by=by)
    assert from_facts.posts_sent.sum() > 0
    _same(from_facts, _direct(synthetic, start, end, by=by))


def test_facts_with_a_role_filter(synthetic):
    for roles in (["council"], ["corporate", "council"]):
        _same(measure(synthetic, *Q2, roles=roles), _direct(synthetic, *Q2, roles=roles))


def test_snapshot_of_a_period_end_is_the_last_before_local_midnight(warehouse):
    warehouse.register("GM0344", "utrecht", account_id="1")
    # 30 June 2014 23:30 local = 21:30 UTC (in the period); 1 July 00:30 local = 22:30 UTC
    warehouse.snapshot(1, "2014-06-30 08:00", 90, 5, 1000)
    warehouse.snapshot(1, "2014-06-30 21:30", 100, 6, 1001)
    warehouse.snapshot(1, "2014-06-30 21:30", 99, 7, 1000)  # same moment: highest counts
    warehouse.snapshot(1, "2014-06-30 22:30", 120, 8, 1002)
    ws = warehouse.write()
    row = measure(ws, *Q2).iloc[0]
    assert (row.followers, row.following, row.total_posts) == (100, 7, 1001)
    later = measure(ws, Q2[0], date(2014, 7, 1)).iloc[0]
    assert later.followers == 120
    _same(measure(ws, *Q2), _direct(ws, *Q2))


def _key(ws):
    return json.loads((facts.facts_dir(ws.warehouse, "duckdb") / "key.json").read_text())["key"]


def test_facts_are_rebuilt_when_the_warehouse_or_registry_changes(warehouse):
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.post(1, 1, "2014-04-02 10:00")
    ws = warehouse.write()
    assert measure(ws, *Q2).iloc[0].posts_sent == 1
    first = _key(ws)
    assert facts.is_fresh(ws.warehouse, "duckdb")

    warehouse.post(2, 1, "2014-04-03 10:00")
    warehouse.write()  # the posts file is rewritten
    assert not facts.is_fresh(ws.warehouse, "duckdb")
    assert measure(ws, *Q2).iloc[0].posts_sent == 2
    assert _key(ws) != first

    warehouse.register("GM0344", "utrecht", role="council", account_id="1")
    warehouse.write()  # the registry now has a second row
    rows = measure(ws, *Q2)
    assert sorted(rows.role) == ["corporate", "council"]
    assert rows.posts_sent.tolist() == [2, 2]


def test_facts_follow_the_office_hours_setting(warehouse, monkeypatch):
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.post(10, 2, "2014-04-04 14:50")  # Friday 16:50 local
    warehouse.post(
        11, 1, "2014-04-07 06:40", "reply", in_reply_to_post_id="10", in_reply_to_account_id="2"
    )  # Monday 08:40 local
    ws = warehouse.write()
    assert measure(ws, *Q2).iloc[0].reaction_time_office_mean_min == 20
    monkeypatch.setenv("MEETLAT_OFFICE_HOURS", "08:00-17:00")
    assert measure(ws, *Q2).iloc[0].reaction_time_office_mean_min == 50


def test_a_failed_build_keeps_the_facts_there_were(warehouse, monkeypatch):
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.post(1, 1, "2014-04-02 10:00")
    ws = warehouse.write()
    measure(ws, *Q2)
    before = _key(ws)
    warehouse.post(2, 1, "2014-04-03 10:00")
    warehouse.write()

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(facts, "daily_snapshots", broken)
    with pytest.raises(RuntimeError):
        facts.build(ws.warehouse, "duckdb")
    assert _key(ws) == before  # the old facts are whole and still there
    leftovers = [p.name for p in (ws.warehouse / facts.FOLDER).iterdir()]
    assert leftovers == ["duckdb"]  # no half-written folder stays behind
    monkeypatch.undo()
    assert measure(ws, *Q2).iloc[0].posts_sent == 2  # stale: rebuilt before measuring


def test_empty_registry_and_warehouse(workspace):
    rows = measure(workspace, *Q2)
    assert rows.empty
    assert facts.is_fresh(workspace.warehouse, "duckdb")


@pytest.mark.spark
def test_spark_facts_agree_with_duckdb_facts(synthetic):
    _same(measure(synthetic, *Q2, engine="spark"), measure(synthetic, *Q2))


def test_built_facts_carry_the_compiled_plans_and_measuring_needs_no_ibis(warehouse):
    import subprocess
    import sys

    from meetlat.indicators import prepared

    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.post(1, 1, "2014-04-02 10:00")
    ws = warehouse.write()
    assert facts.refresh(ws.warehouse) is not None  # as after `meetlat import`
    folder = facts.facts_dir(ws.warehouse, "duckdb")
    plans = sorted(p.name.split("-duckdb")[0] for p in (folder / prepared.PLANS).iterdir())
    shapes = ["account-all", "account-roles", "municipality-all", "municipality-roles"]
    assert plans == sorted(
        f"{kind}-{shape}" for kind in ("measure", "registry") for shape in shapes
    )
    code = (
        "import sys; from datetime import date; from meetlat.indicators.service import measure; "
        f"rows = measure({str(ws.root)!r}, date(2014, 4, 1), date(2014, 6, 30), roles=['corporate']); "
        "print(int(rows.posts_sent.sum()), 'ibis' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "False"]


def test_facts_that_cannot_be_written_leave_the_slow_way(warehouse, monkeypatch):
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.post(1, 1, "2014-04-02 10:00")
    ws = warehouse.write()

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(ws.warehouse / facts.FOLDER))

    monkeypatch.setattr(facts, "build", read_only)
    assert measure(ws, *Q2).iloc[0].posts_sent == 1  # measured from the warehouse itself
    assert not (ws.warehouse / facts.FOLDER).exists()
