"""Where Meetlat's measurement spends its time: each step of a DuckDB measurement over
the measurement facts (prepared.py), timed in one process.

Steps: the freshness check of the facts (and their rebuild, when stale), the connection
over the facts, the plans (read, or compiled when missing), the query of the measured
registry rows, the population, the measurement query, and turning its rows into the
measure() result.

Run: ``python -m bench.measure.profile WORKSPACE START END``
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path


def profile(workspace: str, start: date, end: date) -> dict:
    from meetlat.indicators import facts, prepared
    from meetlat.indicators.service import finish, population_table, population_year

    seconds = {}
    began = time.perf_counter()

    def step(name: str) -> None:
        nonlocal began
        now = time.perf_counter()
        seconds[name] = now - began
        began = now

    warehouse = Path(workspace) / "warehouse"
    folder = facts.ensure(warehouse, "duckdb")
    step("facts: freshness check (and rebuild when stale)")
    duck, scope = prepared._session(folder, warehouse, start, end, None)
    step("connection over the facts")
    registry_sql, measure_sql = prepared._queries(folder, duck, scope, "account")
    step("plans: read (or compiled)")
    accounts = duck.sql(registry_sql).df()
    step("query: measured registry rows")
    codes = accounts["municipality_code"].unique().tolist()
    prepared._table(duck, prepared.POPULATION, population_table(codes, population_year(start, end)))
    step("population")
    rows = duck.sql(measure_sql).df()
    step("query: the measurement")
    finish(rows, "account", accounts)
    step("result frame")
    return {k: round(v, 3) for k, v in seconds.items()}


if __name__ == "__main__":
    folder, first, last = sys.argv[1:]
    print(json.dumps(profile(folder, date.fromisoformat(first), date.fromisoformat(last))))
