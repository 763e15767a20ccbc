"""The measurement as Ibis expressions: every registered indicator for every measured
account (or municipality) of a Scope, and the DataFrame that measure() returns.

The result has exactly COLUMNS, in that order, one row per registry account active in the
period (``by="account"``) or per municipality (``by="municipality"``), sorted by
municipality code, platform, handle and role. Per municipality every aggregate indicator
is computed over the pooled rows of all its accounts (sums of counts, the mean/median over
all their replies and posts); the derived indicators are then computed from those pooled
figures, and ``platform``, ``handle`` and ``role`` list the municipality's distinct values
joined by commas.

The columns are derived from the catalog: the key columns, then each indicator in
registration order (each preceded by the context columns it reads).
"""

from __future__ import annotations

from datetime import date

from meetlat import reference
from meetlat.indicators import catalog
from meetlat.indicators.registry import CONTEXT_COLUMNS, DERIVED
from meetlat.indicators.scope import BY, KEYS

COLUMNS = catalog.columns()
CONTEXT_DTYPES = dict(CONTEXT_COLUMNS)


def population_year(start: date, end: date) -> int:
    """The reference year of a period: the year it starts in."""
    return start.year


def population_table(codes, year: int):
    """municipality_code, municipality_name, inhabitants, population_year (pyarrow)."""
    import pyarrow as pa

    rows = {"municipality_code": [], "municipality_name": [], "inhabitants": []}
    rows["population_year"] = []
    for code in sorted(set(codes)):
        try:
            name = reference.get(code).name
        except LookupError:
            name = None
        try:
            figure = reference.population(code, year)
            inhabitants, used = figure.inhabitants, figure.year
        except LookupError:
            inhabitants, used = None, None
        rows["municipality_code"].append(code)
        rows["municipality_name"].append(name)
        rows["inhabitants"].append(inhabitants)
        rows["population_year"].append(used)
    return pa.table(
        rows,
        schema=pa.schema(
            [
                ("municipality_code", pa.string()),
                ("municipality_name", pa.string()),
                ("inhabitants", pa.int64()),
                ("population_year", pa.int64()),
            ]
        ),
    )


def measurement(scope, by: str, population):
    """The measurement as one Ibis table: a row per measured account (or municipality)
    with every indicator. ``population`` is a table as population_table() makes."""
    registry = catalog.indicators
    keys = list(BY[by])
    group = scope.group_columns(keys)
    base = scope.accounts.select(*dict.fromkeys([*group, *keys])).distinct()
    wide = base
    aggregate_names = []
    by_source: dict[str, list] = {}
    for indicator in registry.all():
        if indicator.source != DERIVED:
            by_source.setdefault(indicator.source, []).append(indicator)
    for source_name, members in by_source.items():
        table = scope.source(source_name)
        reduced = table.group_by(group).aggregate(
            **{ind.name: ind.expression(table) for ind in members}
        )
        wide = wide.left_join(reduced, group).select(
            *[wide[c] for c in wide.columns], *[reduced[i.name] for i in members]
        )
        aggregate_names += [i for i in members]
    wide = wide.mutate(
        **{i.name: wide[i.name].coalesce(0) for i in aggregate_names if i.dtype == "int"}
    )
    wide = wide.left_join(population, "municipality_code").select(
        *[wide[c] for c in wide.columns],
        population.municipality_name,
        population.inhabitants,
        population.population_year,
    )
    derived = [i for i in registry.all() if i.source == DERIVED]
    return wide.mutate(**{i.name: i.expression(wide) for i in derived})


def finish(frame, by: str, accounts):
    """The executed measurement as measure() returns it; ``accounts`` are the measured
    registry rows (KEYS), which give a municipality's platform, handle and role lists."""
    if by == "municipality":
        lists = accounts.groupby("municipality_code").agg(
            {k: lambda v: ",".join(sorted(set(v))) for k in KEYS if k != "municipality_code"}
        )
        frame = frame.join(lists, on="municipality_code")
    return _finish(frame, catalog.indicators)


def _finish(frame, registry):
    import pandas as pd

    dtypes = {i.name: i.dtype for i in registry.all()} | CONTEXT_DTYPES
    out = pd.DataFrame(index=frame.index)
    for column in catalog.columns(registry):
        values = frame[column] if column in frame else pd.Series(None, index=frame.index)
        kind = dtypes.get(column, "string")
        if kind == "int":
            out[column] = values.fillna(0).astype("int64")
        elif kind == "Int64":
            out[column] = pd.array([None if pd.isna(v) else int(v) for v in values], dtype="Int64")
        elif kind == "float":
            out[column] = values.astype("float64")
        else:
            out[column] = values.astype("object").where(values.notna(), None)
    return out.sort_values(list(KEYS)[:4]).reset_index(drop=True)
