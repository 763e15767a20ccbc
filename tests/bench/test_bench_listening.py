"""Correctness guard of bench/bench_listening.py at a tiny size: the hand-written DuckDB
floor and Meetlat's bucket expressions give the same 13 counts for every registry account
of a synthetic listening set (no timings asserted)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # the bench/ folder is not an installed package
    sys.path.insert(0, str(REPO))

from bench.listening import floor, meetlat_run  # noqa: E402

from meetlat.importer import import_paths  # noqa: E402
from meetlat.synth.service import SynthOptions, generate  # noqa: E402

pytestmark = pytest.mark.slow
START, END = date(2014, 4, 1), date(2014, 5, 31)


def test_floor_and_meetlat_count_the_same_buckets(workspace, tmp_path, cli):
    out = tmp_path / "set"
    generate(SynthOptions(municipalities=8, posts=6_000, format="x-v2", out=out,
                          start=START, end=END))  # fmt: skip
    assert cli("accounts", "import", out / "accounts.csv").exit_code == 0
    import_paths(workspace, [out / "posts"], workers=1)
    expected = floor.run(workspace.warehouse, START, END)
    got, _seconds = meetlat_run.run("duckdb", workspace.root, START, END)
    columns = ["municipality_code", "platform", "handle", "role", *floor.COUNTS]
    assert expected["inbound_questions"].sum() > 20
    assert (
        expected["questions_reply_15min"].sum() > 0 and expected["questions_reply_none"].sum() > 0
    )
    assert got[columns].to_dict("records") == expected[columns].to_dict("records")


def test_issue_floor_and_meetlat_give_the_same_issue_figures(workspace, tmp_path, cli):
    """Contest (d): ``meetlat issue cijfers --json`` and the hand-written DuckDB floor give
    the same matching posts, own posts, volume per day, spikes, minutes to the first own
    post and top posts for the bench's issue (parking in March 2014)."""
    import json

    from bench.bench_listening import ISSUE
    from bench.listening import issue_floor

    out = tmp_path / "set"
    generate(SynthOptions(municipalities=8, posts=20_000, format="x-v2", out=out,
                          start=date(2014, 2, 20), end=date(2014, 4, 5)))  # fmt: skip
    assert cli("accounts", "import", out / "accounts.csv").exit_code == 0
    import_paths(workspace, [out / "posts"], workers=1)
    issue_file = tmp_path / "issue.toml"
    # the tiny set has no Amsterdam: Nieuwegein (GM0356, two registry accounts) instead
    issue_file.write_text(ISSUE.replace('"GM0363"', '"GM0356"'), encoding="utf-8")
    result = cli("issue", "cijfers", issue_file, "--json")
    assert result.exit_code == 0, result.output
    ours = issue_floor.from_meetlat(json.loads(result.stdout))
    expected = issue_floor.run(workspace.warehouse, issue_file)
    assert expected["posts"] > 100 and len(expected["buckets"]) == 31
    assert expected["own_posts"] > 0 and expected["spikes"] and expected["top"]
    assert any(s["minutes_to_own"] is not None for s in expected["spikes"])
    assert issue_floor.compare(expected, ours) == []
    assert ours == {**expected, "spikes": ours["spikes"]}  # all but the float minutes exact
