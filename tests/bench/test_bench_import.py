"""The benchmark harness and the import benchmark at a tiny scale (no timings asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # the bench/ folder is not an installed package
    sys.path.insert(0, str(REPO))

from bench.harness import ChildFailed, run_child, scale_factor  # noqa: E402

from bench import bench_import, run  # noqa: E402


def test_results_are_assembled_from_every_section(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    (results / "b.md").write_text("## B\n\nsecond\n", encoding="utf-8")
    (results / "a.md").write_text("## A\n\nfirst\n", encoding="utf-8")
    target = run.assemble(results, tmp_path / "RESULTS.md")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results")
    assert text.index("## A") < text.index("## B")


def test_every_benchmark_module_is_found():
    assert {"import", "measure"} <= set(run.benchmark_names())


def test_a_failing_child_says_why(tmp_path):
    with pytest.raises(ChildFailed, match="no_such_module"):
        run_child("broken", "no_such_module", [], tmp_path)


def test_scale_must_be_a_sensible_number(monkeypatch):
    monkeypatch.setenv("BENCH_SCALE", "0.5")
    assert scale_factor() == 0.5
    for bad in ("none", "0", "-1"):
        monkeypatch.setenv("BENCH_SCALE", bad)
        with pytest.raises(ValueError, match="BENCH_SCALE"):
            scale_factor()


@pytest.mark.slow
def test_import_benchmark_at_a_tiny_scale(tmp_path, monkeypatch):
    monkeypatch.setenv("BENCH_SCALE", "0.001")
    monkeypatch.setenv("BENCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("BENCH_PROFILE_POSTS", "0")
    path = bench_import.main(tmp_path / "results", say=lambda _text: None)
    text = path.read_text(encoding="utf-8")
    assert path.name == "import.md"
    assert "| 1,000 |" in text and "| 3,000 |" in text
    assert "Time target" in text and "Memory target" in text
    assert '"records_read": 1000' in text and '"quarantined": 0' in text
