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
