"""Meetlat's reply buckets: the ``questions`` source and the bucket indicators (the Ibis
expressions of ``indicators/questions.py``, as registered) run by an engine over the
warehouse itself, per registry account active in the period, with ``inbound_questions``.

What the measurement computes for these columns when it reads the warehouse (engine path
3 in engine.py), without the other indicators: the same input and the same output as the
floor. DuckDB or Spark (local mode).

Run: ``python -m bench.listening.meetlat_run ENGINE WORKSPACE START END OUT.parquet``
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from bench.listening.floor import COUNTS


def run(engine: str, workspace: Path, start: date, end: date):
    from meetlat.indicators import catalog
    from meetlat.indicators.scope import KEYS, Scope
    from meetlat.warehouse.connection import connect

    began = time.perf_counter()
    con = connect(workspace, engine)
    scope = Scope(con, start, end, engine=engine)
    table = scope.source("questions")
    reduced = table.group_by(list(KEYS)).aggregate(
        **{name: catalog.indicators.get(name).expression(table) for name in COUNTS}
    )
    registry = scope.registry
    joined = registry.left_join(reduced, list(KEYS)).select(
        *[registry[k] for k in KEYS], *[reduced[c] for c in COUNTS]
    )
    frame = joined.execute()
    for column in COUNTS:
        frame[column] = frame[column].fillna(0).astype("int64")
    frame = frame.sort_values(list(KEYS)).reset_index(drop=True)
    return frame, time.perf_counter() - began


def main(argv: list[str]) -> None:
    engine, workspace = argv[0], Path(argv[1])
    start, end, out = date.fromisoformat(argv[2]), date.fromisoformat(argv[3]), Path(argv[4])
    frame, seconds = run(engine, workspace, start, end)
    frame.to_parquet(out, index=False)
    print(json.dumps({"rows": len(frame), "questions": int(frame["inbound_questions"].sum()),
                      "query_seconds": round(seconds, 2)}))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
