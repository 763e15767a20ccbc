"""Smoke test of the measurement benchmark at a tiny scale: the hand-written DuckDB query,
the pandas script and Meetlat must give the same figures for every registry account.

This is the correctness guard of bench/bench_measure.py; it asserts no timings.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # the bench/ folder is not an installed package
    sys.path.insert(0, str(REPO))

from bench.measure.scale import scale  # noqa: E402

from bench import bench_measure  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench-measure")
    return bench_measure.benchmark(
        scale(0.0004), folder / "results", cache=folder / "cache", repeat=1, say=lambda _: None
    )


def test_the_data_was_made_by_synth_and_imported(outcome):
    facts = outcome.prepared.facts
    assert outcome.scale.posts == 2000
    assert facts["warehouse_posts"] >= 2000  # the citizens' questions come on top
    assert facts["import"]["quarantined"] == 0
    assert facts["registry_accounts"] >= outcome.scale.municipalities


def test_baselines_and_meetlat_agree_on_every_account(outcome):
    for name, agreement in outcome.agreements.items():
        assert agreement.problems == [], name
        assert agreement.accounts == outcome.prepared.facts["registry_accounts"]


def test_the_compared_figures_are_not_trivial(outcome):
    import pandas as pd

    floor = pd.read_parquet(outcome.outputs["floor"])
    assert floor.posts_sent.sum() > 0
    assert floor.replies_sent.sum() > 0
    assert floor.replies_timed.sum() > 0
    assert floor.reaction_time_mean_min.notna().any()
    assert floor.interaction_pct.between(0, 100).any()


def test_the_ranking_ran_on_meetlat_rows(outcome):
    import pandas as pd

    ranking = pd.read_parquet(outcome.outputs["ranking"])
    assert set(ranking.role) == {"corporate"}
    assert {"rank_interaction_pct", "total", "position"} <= set(ranking.columns)


def test_the_report_names_the_targets_and_the_agreement(outcome):
    text = outcome.report.read_text(encoding="utf-8")
    for phrase in ("m/a =", "b/m =", "peak RSS", "floor vs Meetlat", "floor vs pandas", "nproc"):
        assert phrase in text
    assert "DISAGREE" not in text
    assert {r.name for runs in outcome.runs.values() for r in runs} == {
        "facts", "floor-1", "meetlat-1", "pandas-1"
    }  # fmt: skip
    assert "(f) Meetlat facts rebuild" in text
    assert all(r.peak_rss_bytes > 0 for runs in outcome.runs.values() for r in runs)


def test_a_missed_time_target_brings_a_profile_of_the_sources(outcome):
    from bench.measure.report import verdicts

    met = verdicts(outcome.runs)
    text = outcome.report.read_text(encoding="utf-8")
    if met["within_floor"] and met["faster_than_pandas"]:
        assert outcome.profile == {}
        assert "Where Meetlat's time goes" not in text
    else:
        assert "query: the measurement" in outcome.profile
        assert "Where Meetlat's time goes" in text


def test_the_profile_times_every_step_of_a_measurement(outcome):
    from bench.measure.profile import profile

    steps = profile(str(outcome.prepared.workspace), outcome.scale.start, outcome.scale.end)
    assert list(steps)[-2:] == ["query: the measurement", "result frame"]
    assert all(seconds >= 0 for seconds in steps.values())
