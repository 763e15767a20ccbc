"""The DuckDB measurement of a workspace: prepared queries over the measurement facts.

The query of a measurement depends on its *shape* (per account or per municipality, with
or without a role filter) and on the indicator code, not on its period: the period is
read from DuckDB variables (``getvariable('start_ms')`` …, set before the query runs),
the roles and the population from two small tables (``measure_roles``,
``measure_population``).
So the Ibis expressions (measurement.measurement) are compiled to SQL once per shape and
the SQL is kept beside the facts (``plans/<shape>-duckdb<version>.sql``); later
measurements run it directly. The plans go with the facts: when the indicator code or the
DuckDB version changes, the facts key changes, the facts are rebuilt in a new folder and
the plans are compiled again. When a plan cannot be written (a read-only facts folder)
the compiled SQL is used as it is, and compiled again next time.
"""

from __future__ import annotations

import os
import uuid
from datetime import date, datetime
from functools import cache
from pathlib import Path

from meetlat.indicators import factstore
from meetlat.indicators.factstore import FactsScope
from meetlat.indicators.measurement import (
    finish,
    measurement,
    population_table,
    population_year,
)
from meetlat.indicators.scope import BY

PLANS = "plans"
POPULATION = "measure_population"
ROLES = "measure_roles"  # column role: the asked roles


@cache
def _variable(dtype: str):
    """DuckDB's ``getvariable(name)`` as an Ibis function returning ``dtype``."""
    import ibis
    import ibis.expr.datatypes as dt

    def getvariable(name: str):  # the body is DuckDB's
        raise NotImplementedError

    getvariable.__annotations__["return"] = dt.dtype(dtype)
    return ibis.udf.scalar.builtin(getvariable)


class PlanScope(FactsScope):
    """A FactsScope whose period comes from DuckDB variables and whose roles come from the
    table ``measure_roles`` instead of literals, so that one compiled query serves every
    period (and every set of roles)."""

    def _value(self, name: str, literal):
        return _variable(str(literal.type()))(name).name(name)

    def _roles(self, reg):
        return reg.filter(reg.role.isin(self.con.table(ROLES).role))


def measure(folder: Path, warehouse: Path, start: date, end: date, roles, by: str):
    """The measurement of the fresh facts in ``folder`` (see engine.measure)."""
    duck, scope = _session(folder, warehouse, start, end, roles)
    try:
        registry_sql, measure_sql = _queries(folder, duck, scope, by)
        accounts = duck.sql(registry_sql).df()
        codes = accounts["municipality_code"].unique().tolist()
        _table(duck, POPULATION, population_table(codes, population_year(start, end)))
        return finish(duck.sql(measure_sql).df(), by, accounts)
    finally:
        duck.close()


def precompile(folder: Path, warehouse: Path) -> None:
    """Compile the plans of every shape into the facts folder ``folder`` (done when the
    facts are built, so that the first measurement after an import is fast too)."""
    day = date(2014, 1, 1)  # any period: the plans do not depend on it
    for roles in (None, ("corporate",)):
        duck, scope = _session(folder, warehouse, day, day, roles)
        for by in BY:
            _queries(folder, duck, scope, by)
        duck.close()


def _session(folder: Path, warehouse: Path, start: date, end: date, roles):
    """A DuckDB connection over the facts with the period's variables, the roles table and
    an empty population table; and the PlanScope the plans are compiled from."""
    import pyarrow as pa

    duck = factstore.open_duckdb(folder, warehouse)
    scope = PlanScope(None, start, end, roles, "duckdb")
    for name, value in scope.variables().items():
        duck.execute(f"SET VARIABLE {name} = {_literal(value)}")
    if roles:
        _table(duck, ROLES, pa.table({"role": pa.array(list(roles), pa.string())}))
    _table(duck, POPULATION, population_table([], population_year(start, end)))
    return duck, scope


def _queries(folder: Path, duck, scope, by: str) -> tuple[str, str]:
    """The SQL of the measured registry rows and of the measurement, for this shape."""
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


def plan_path(folder: Path, name: str) -> Path:
    import duckdb

    return folder / PLANS / f"{name}-duckdb{duckdb.__version__}.sql"


def plan(folder: Path, duck, scope, name: str, expression) -> str:
    """The SQL of ``expression(scope)``: from the plans folder, or compiled and kept (when
    the folder can be written; else compiled for this measurement only)."""
    path = plan_path(folder, name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    import ibis

    if scope.con is None:
        scope.con = ibis.duckdb.from_connection(duck)
    sql = str(ibis.to_sql(expression(scope), dialect="duckdb"))
    try:
        keep(path, sql)
    except OSError:  # a read-only (or full) facts folder: the SQL serves this time only
        pass
    return sql


def keep(path: Path, sql: str) -> None:
    """Write the plan whole or not at all (also with two measurements at once)."""
    path.parent.mkdir(exist_ok=True)
    scratch = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    try:
        scratch.write_text(sql, encoding="utf-8")
        os.replace(scratch, path)
    finally:
        if scratch.exists():
            scratch.unlink(missing_ok=True)
