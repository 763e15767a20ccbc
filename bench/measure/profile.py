"""Where Meetlat's measurement spends its time: each indicator source on its own.

For every source of the indicator registry (sent, replies, snapshot, reach, questions) the
same aggregate that ``measure()`` builds is executed alone and timed; then the one query
``measure()`` runs (all sources joined) and the connection itself. The sources share
sub-queries (``sent`` feeds ``replies`` and ``reach``), so the parts add up to more than the
whole; the ranking shows which sources dominate.

Run: ``python -m bench.measure.profile WORKSPACE START END``
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date


def profile(workspace: str, start: date, end: date) -> dict:
    from meetlat.indicators.registry import DERIVED, load_all
    from meetlat.indicators.scope import KEYS, Scope
    from meetlat.indicators.service import measure
    from meetlat.warehouse.connection import connect

    seconds = {}
    began = time.perf_counter()
    con = connect(workspace)
    seconds["connect"] = time.perf_counter() - began
    registry = load_all()
    by_source: dict[str, list] = {}
    for indicator in registry.all():
        if indicator.source != DERIVED:
            by_source.setdefault(indicator.source, []).append(indicator)
    for name, members in by_source.items():
        scope = Scope(con, start, end)  # a fresh scope: no source built beforehand
        began = time.perf_counter()
        table = scope.source(name)
        keys = list(KEYS)
        table.group_by(keys).aggregate(**{i.name: i.expression(table) for i in members}).execute()
        seconds[f"source {name}"] = time.perf_counter() - began
    began = time.perf_counter()
    measure(con, start, end)
    seconds["measure (all sources, one query)"] = time.perf_counter() - began
    return {k: round(v, 2) for k, v in seconds.items()}


if __name__ == "__main__":
    folder, first, last = sys.argv[1:]
    print(json.dumps(profile(folder, date.fromisoformat(first), date.fromisoformat(last))))
