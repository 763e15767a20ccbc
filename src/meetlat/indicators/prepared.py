"""The DuckDB measurement of a workspace: prepared queries over the measurement facts.

The query of a measurement depends on its *shape* (per account or per municipality, with
or without a role filter) and on the indicator code, not on its period: the period is
read from DuckDB variables (``getvariable('start_ms')`` …, set before the query runs),
the roles and the population from two small tables (``measure_roles``,
``measure_population``).
So the Ibis expressions (service.measurement) are compiled to SQL once per shape and the
SQL is kept beside the facts (``plans/<shape>.sql``); later measurements run it directly.
The plans go with the facts: when the indicator code changes, the facts are rebuilt in a
new folder and the plans are compiled again. The compiled SQL is DuckDB's dialect: the
plan's name holds the DuckDB version.
"""

from __future__ import annotations

import os
import uuid
from datetime import date, datetime
from pathlib import Path

PLANS = "plans"
POPULATION = "measure_population"


def measure(root: Path, start: date, end: date, roles: tuple[str, ...] | None, by: str):
    """service.measure() on DuckDB for the workspace at ``root``."""
    from meetlat.indicators import facts
    from meetlat.indicators.service import finish, population_table, population_year

    warehouse = root / "warehouse"
    folder = facts.ensure(warehouse, "duckdb")
    duck, scope = _session(folder, warehouse, start, end, roles)
    registry_sql, measure_sql = _queries(folder, duck, scope, by)
    accounts = duck.sql(registry_sql).df()
    codes = accounts["municipality_code"].unique().tolist()
    _table(duck, POPULATION, population_table(codes, population_year(start, end)))
    return finish(duck.sql(measure_sql).df(), by, accounts)


def precompile(folder: Path, warehouse: Path) -> None:
    """Compile the plans of every shape into the facts folder ``folder`` (done when the
    facts are built, so that the first measurement after an import is fast too)."""
    from meetlat.indicators.scope import BY

    day = date(2014, 1, 1)  # any period: the plans do not depend on it
    for roles in (None, ("corporate",)):
        duck, scope = _session(folder, warehouse, day, day, roles)
        for by in BY:
            _queries(folder, duck, scope, by)
        duck.close()


def _session(folder: Path, warehouse: Path, start: date, end: date, roles):
    """A DuckDB connection over the facts with the period's variables, the roles table and
    an empty population table; and the parametrised Scope the plans are compiled from."""
    import pyarrow as pa

    from meetlat.indicators import facts
    from meetlat.indicators.scope import Scope
    from meetlat.indicators.service import population_table, population_year

    duck = facts.open_duckdb(folder, warehouse)
    scope = Scope(None, start, end, roles, "duckdb", facts=True, parametrised=True)
    for name, value in scope.variables().items():
        duck.execute(f"SET VARIABLE {name} = {_literal(value)}")
    if roles:
        _table(duck, Scope.ROLES, pa.table({"role": pa.array(list(roles), pa.string())}))
    _table(duck, POPULATION, population_table([], population_year(start, end)))
    return duck, scope


def _queries(folder: Path, duck, scope, by: str) -> tuple[str, str]:
    """The SQL of the measured registry rows and of the measurement, for this shape."""
    from meetlat.indicators.service import measurement

    shape = f"{by}-{'roles' if scope.roles else 'all'}"

    def whole(s):
        return measurement(s, by, s.con.table(POPULATION))

    return (
        plan(folder, duck, scope, f"registry-{shape}", lambda s: s.registry),
        plan(folder, duck, scope, f"measure-{shape}", whole),
    )


def _literal(value) -> str:
    """A period value (int, date or aware datetime) as a DuckDB literal."""
    if isinstance(value, int):
        return f"{value}::BIGINT"
    if isinstance(value, datetime):
        return f"TIMESTAMPTZ '{value.isoformat()}'"
    return f"DATE '{value.isoformat()}'"


def _table(duck, name: str, table) -> None:
    """A small table (pyarrow) as the DuckDB table ``name`` (replacing one of that name):
    unlike a registered view it has row counts, which the planner needs to join the
    large fact tables the right way round."""
    duck.register("_incoming", table)
    duck.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _incoming")
    duck.unregister("_incoming")


def plan(folder: Path, duck, scope, name: str, expression) -> str:
    """The SQL of ``expression(scope)``: from the plans folder, or compiled and kept."""
    import duckdb

    path = folder / PLANS / f"{name}-duckdb{duckdb.__version__}.sql"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    import ibis

    if scope.con is None:
        scope.con = ibis.duckdb.from_connection(duck)
    sql = str(ibis.to_sql(expression(scope), dialect="duckdb"))
    path.parent.mkdir(exist_ok=True)
    scratch = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    scratch.write_text(sql, encoding="utf-8")
    os.replace(scratch, path)  # whole or not at all, also with two measurements at once
    return sql
