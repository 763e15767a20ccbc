"""Meetlat end to end: ``measure`` of every registry account over the period, then the
corporate ranking (``composite``, the book's Tabel 11 method) of the same rows — what
``meetlat measure --out`` plus ``meetlat rank --json`` compute, in one process and
without measuring twice.

Prints one JSON object: the seconds of each phase and the row counts.

Run: ``python -m bench.measure.meetlat_run WORKSPACE START END OUT.parquet RANKING.parquet``
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path


def run(workspace: Path, start: date, end: date):
    """(measurement rows, corporate ranking, phase seconds)."""
    began = time.perf_counter()
    from meetlat.indicators.service import measure
    from meetlat.ranking.rank import composite
    from meetlat.ranking.rules import DEFAULT_MIN_REPLIES, RANKINGS
    from meetlat.workspace import Workspace

    imported = time.perf_counter()
    rows = measure(Workspace(workspace), start, end)
    measured = time.perf_counter()
    corporate = rows[rows.role == "corporate"]
    ranking = composite(corporate, RANKINGS["corporate"], min_replies=DEFAULT_MIN_REPLIES)
    ranked = time.perf_counter()
    phases = {
        "import_seconds": imported - began,
        "measure_seconds": measured - imported,
        "rank_seconds": ranked - measured,
    }
    return rows, ranking, phases


def main(argv: list[str]) -> None:
    workspace, start, end, out, ranking_out = argv
    rows, ranking, phases = run(Path(workspace), date.fromisoformat(start), date.fromisoformat(end))
    rows.to_parquet(out, index=False)
    ranking.to_parquet(ranking_out, index=False)
    ranked = int(ranking["position"].notna().sum())
    print(json.dumps(phases | {"rows": len(rows), "ranked": ranked}))


if __name__ == "__main__":
    main(sys.argv[1:])
