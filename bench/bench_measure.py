"""Benchmark of the measurement (issue 3 §7): Meetlat's measure + rank for a year of
5 million posts against (a) one hand-written DuckDB query and (b) pandas.

``main(out_dir)`` prepares (or reuses) the workspace, runs the three contestants each in its
own process, checks they give the same figures and writes ``out_dir/measure.md``.
Also runnable on its own: ``python -m bench.bench_measure``. Environment:

- BENCH_SCALE (default 1): fraction of the full size, e.g. 0.01 for a quick run;
- BENCH_REPEAT (default 3): runs of the floor and of Meetlat (interleaved; best counts);
- BENCH_PANDAS_REPEAT (default 1): runs of the pandas script.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
NAME = "measure"


def _count(variable: str, default: int) -> int:
    text = os.environ.get(variable, str(default))
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{variable}={text!r}: expected a whole number of at least 1")
    return int(text)


def run_all(prepared, scale, runs_dir: Path, repeat: int, pandas_repeat: int, say=print):
    """Run the contestants; returns (runs per contestant, output files of the last runs)."""
    from bench.harness import run_child as run_module

    period = [scale.start.isoformat(), scale.end.isoformat()]
    outputs = {
        "floor": runs_dir / "floor.parquet",
        "pandas": runs_dir / "pandas.parquet",
        "meetlat": runs_dir / "meetlat.parquet",
        "ranking": runs_dir / "ranking.parquet",
    }
    runs: dict[str, list] = {"floor": [], "meetlat": [], "pandas": [], "facts": []}
    # the facts Meetlat measures from, rebuilt from nothing (as after an import); the first
    # Meetlat run after it also compiles the measurement's query (plans, prepared.py)
    runs["facts"].append(
        run_module("facts", "bench.measure.facts_build", [prepared.workspace], runs_dir)
    )
    say(f"(f) facts rebuild: {runs['facts'][-1].seconds:.2f} s")
    for number in range(1, repeat + 1):
        runs["floor"].append(
            run_module(
                f"floor-{number}",
                "bench.measure.floor",
                [prepared.warehouse, *period, outputs["floor"]],
                runs_dir,
            )
        )
        say(f"(a) floor run {number}: {runs['floor'][-1].seconds:.2f} s")
        runs["meetlat"].append(
            run_module(
                f"meetlat-{number}",
                "bench.measure.meetlat_run",
                [prepared.workspace, *period, outputs["meetlat"], outputs["ranking"]],
                runs_dir,
            )
        )
        say(f"(m) Meetlat run {number}: {runs['meetlat'][-1].seconds:.2f} s")
    for number in range(1, pandas_repeat + 1):
        runs["pandas"].append(
            run_module(
                f"pandas-{number}",
                "bench.measure.naive",
                [prepared.warehouse, *period, outputs["pandas"]],
                runs_dir,
            )
        )
        say(f"(b) pandas run {number}: {runs['pandas'][-1].seconds:.2f} s")
    return runs, outputs


def check_agreement(outputs: dict) -> dict:
    import pandas as pd

    from bench.measure.agreement import compare

    floor = pd.read_parquet(outputs["floor"])
    return {
        "floor vs Meetlat": compare(floor, pd.read_parquet(outputs["meetlat"]), "floor", "Meetlat"),
        "floor vs pandas": compare(floor, pd.read_parquet(outputs["pandas"]), "floor", "pandas"),
    }


@dataclass
class Outcome:
    scale: object
    prepared: object
    runs: dict  # contestant → list of child.Run
    outputs: dict  # contestant → Parquet file of its last run
    agreements: dict  # "floor vs …" → agreement.Agreement
    phases: dict  # Meetlat's own phase times in its fastest run
    profile: dict  # seconds per indicator source, when a time target was missed
    report: Path


def benchmark(scale, out_dir: Path, cache: Path | None = None, repeat: int = 3,
              pandas_repeat: int = 1, say=print) -> Outcome:  # fmt: skip
    """Prepare (or reuse) the data of ``scale``, run, compare and write out_dir/measure.md."""
    from bench.measure import prepare, report

    prepared = prepare.prepared_workspace(scale, cache or prepare.CACHE, say=say)
    runs_dir = prepared.folder / "runs" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    runs, outputs = run_all(prepared, scale, runs_dir, repeat, pandas_repeat, say=say)
    agreements = check_agreement(outputs)
    fastest = min(runs["meetlat"], key=lambda r: r.seconds)
    phases = {k: round(v, 2) if isinstance(v, float) else v
              for k, v in json.loads(fastest.stdout).items()}  # fmt: skip
    verdicts = report.verdicts(runs)
    profile = {}
    if not (verdicts["within_floor"] and verdicts["faster_than_pandas"]):
        profile = profile_meetlat(prepared, scale, runs_dir)
        say(f"profile of Meetlat's measurement: {profile}")
    path = Path(out_dir) / f"{NAME}.md"
    report.write(path, scale, prepared.facts, runs, agreements, phases, profile)
    say(f"written: {path}")
    return Outcome(scale, prepared, runs, outputs, agreements, phases, profile, path)


def profile_meetlat(prepared, scale, runs_dir: Path) -> dict:
    """Seconds of each indicator source on its own (bench/measure/profile.py)."""
    from bench.harness import run_child

    period = [scale.start.isoformat(), scale.end.isoformat()]
    done = run_child("profile", "bench.measure.profile", [prepared.workspace, *period], runs_dir)
    return json.loads(done.stdout)


def main(out_dir: Path | None = None) -> Path:
    """The harness' entry point: run at BENCH_SCALE and write ``out_dir/measure.md``
    (default bench/results)."""
    from bench.measure.scale import from_environment

    outcome = benchmark(
        from_environment(),
        Path(out_dir) if out_dir is not None else RESULTS,
        repeat=_count("BENCH_REPEAT", 3),
        pandas_repeat=_count("BENCH_PANDAS_REPEAT", 1),
    )
    return outcome.report


if __name__ == "__main__":
    written = main()
    sys.stdout.write(written.read_text(encoding="utf-8"))
