"""The measurement engine: the one place that chooses how a measurement is computed.

Three paths give the same figures:

1. a prepared plan over the facts: DuckDB on a workspace (prepared.py), the fast path;
2. the indicator expressions over the facts: another engine (Spark) on a workspace;
3. the indicator expressions over the warehouse itself: a given Ibis backend, or a
   workspace whose stale facts cannot be written (a read-only or full disk).

The facts are brought up to date first (facts.ensure). The indicator families and their
registry know nothing of this: they build sources from a Scope, which is a warehouse
Scope (scope.py) or a FactsScope (factstore.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from meetlat.indicators import facts, factstore, prepared
from meetlat.indicators.measurement import finish, measurement, population_table, population_year
from meetlat.indicators.scope import BY, Scope
from meetlat.warehouse import connection as warehouse_connection


def workspace_root(ws) -> Path:
    """The root folder of a Workspace, or the folder itself (a str or Path)."""
    return Path(ws) if isinstance(ws, (str, Path)) else Path(ws.root)


def is_backend(ws_or_con) -> bool:
    return hasattr(ws_or_con, "list_tables")


def connection(ws_or_con, engine: str):
    """An Ibis backend: ``ws_or_con`` itself, or the warehouse of a Workspace / folder."""
    if is_backend(ws_or_con):
        return ws_or_con
    return warehouse_connection.connect(workspace_root(ws_or_con), engine)


def facts_connection(ws_or_con, engine: str):
    """(backend, uses facts): the fresh measurement facts of a Workspace / folder (built
    first when stale, see facts.py), or a given backend as it is (the warehouse itself)."""
    if is_backend(ws_or_con):
        return ws_or_con, False
    root = workspace_root(ws_or_con)
    try:
        folder = facts.ensure(root / "warehouse", engine)
    except facts.FactsUnavailable:  # measure the warehouse itself: slower, same figures
        return connection(root, engine), False
    return factstore.connect(folder, root / "warehouse", engine), True


def measure(
    ws_or_con,
    start: date,
    end: date,
    roles=None,
    by: str = "account",
    engine: str = "duckdb",
):
    """Measure the period ``start`` … ``end`` (Europe/Amsterdam days, both inclusive)."""
    if by not in BY:
        raise ValueError(f"by={by!r}: expected account or municipality")
    roles = tuple(roles) if roles else None
    if engine == "duckdb" and not is_backend(ws_or_con):
        warehouse = workspace_root(ws_or_con) / "warehouse"
        try:
            folder = facts.ensure(warehouse, "duckdb")
        except facts.FactsUnavailable:  # measure the warehouse itself: slower, same figures
            ws_or_con = connection(ws_or_con, engine)
        else:
            return prepared.measure(folder, warehouse, start, end, roles, by)
    con, uses_facts = facts_connection(ws_or_con, engine)
    return expressions(con, start, end, roles, by, uses_facts)


def expressions(con, start: date, end: date, roles, by: str, uses_facts: bool):
    """The measurement computed by the Ibis expressions over ``con`` (facts or warehouse)."""
    import ibis

    engine_name = "spark" if "spark" in con.name else "duckdb"
    kind = factstore.FactsScope if uses_facts else Scope
    scope = kind(con, start, end, roles, engine_name)
    accounts = scope.registry.execute()
    codes = accounts["municipality_code"].unique().tolist()
    population = ibis.memtable(population_table(codes, population_year(start, end)))
    return finish(measurement(scope, by, population).execute(), by, accounts)
