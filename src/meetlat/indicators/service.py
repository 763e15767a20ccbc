"""``measure``: every registered indicator for every measured account (or municipality).

The result is a pandas DataFrame with exactly COLUMNS, in that order, one row per
registry account active in the period (``by="account"``) or per municipality
(``by="municipality"``), sorted by municipality code, platform, handle and role.
Per municipality every aggregate indicator is computed over the pooled rows of all its
accounts (sums of counts, the mean/median over all their replies and posts); the
derived indicators are then computed from those pooled figures, and ``platform``,
``handle`` and ``role`` list the municipality's distinct values joined by commas.
"""

from __future__ import annotations

from datetime import date

from meetlat.indicators.registry import DERIVED, load_all
from meetlat.indicators.scope import BY, KEYS, Scope

COLUMNS = (
    "municipality_code",
    "municipality_name",
    "platform",
    "handle",
    "role",
    "posts_sent",
    "originals",
    "replies_sent",
    "self_replies",
    "reposts_sent",
    "quotes_sent",
    "interaction_pct",
    "replies_timed",
    "reaction_time_mean_min",
    "reaction_time_median_min",
    "reaction_time_p90_min",
    "reaction_time_office_mean_min",
    "reaction_time_office_median_min",
    "followers",
    "following",
    "total_posts",
    "potential_reach_mean",
    "inhabitants",
    "population_year",
    "relative_reach",
    "followers_per_inhabitant_pct",
    "following_per_inhabitant_pct",
    "posts_per_inhabitant_pct",
    "inbound_questions",
    "questions_answered_pct",
)
CONTEXT_DTYPES = {"inhabitants": "Int64", "population_year": "Int64"}


def population_year(start: date, end: date) -> int:
    """The reference year of a period: the year it starts in."""
    return start.year


def population_table(codes, year: int):
    """municipality_code, municipality_name, inhabitants, population_year (pyarrow)."""
    import pyarrow as pa

    from meetlat import reference

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


def connection(ws_or_con, engine: str):
    """An Ibis backend: ``ws_or_con`` itself, or the warehouse of a Workspace / folder."""
    if hasattr(ws_or_con, "list_tables"):
        return ws_or_con
    from meetlat.warehouse.connection import connect

    return connect(workspace_root(ws_or_con), engine)


def workspace_root(ws):
    """The root folder of a Workspace, or the folder itself (a str or Path)."""
    from pathlib import Path

    return Path(ws) if isinstance(ws, (str, Path)) else Path(ws.root)


def facts_connection(ws_or_con, engine: str):
    """(backend, uses facts): the fresh measurement facts of a Workspace / folder (built
    first when stale, see facts.py), or a given backend as it is (the warehouse itself)."""
    if hasattr(ws_or_con, "list_tables"):
        return ws_or_con, False
    from meetlat.indicators import facts

    root = workspace_root(ws_or_con)
    try:
        folder = facts.ensure(root / "warehouse", engine)
    except facts.FactsUnavailable:  # measure the warehouse itself: slower, same figures
        return connection(root, engine), False
    return facts.connect(folder, root / "warehouse", engine), True


def measure(
    ws_or_con,
    start: date,
    end: date,
    roles=None,
    by: str = "account",
    engine: str = "duckdb",
):
    """Measure the period ``start`` … ``end`` (Europe/Amsterdam days, both inclusive).

    On DuckDB over a workspace this runs the prepared query over the measurement facts
    (prepared.py); otherwise (Spark, or a given backend) the Ibis expression itself."""
    if by not in BY:
        raise ValueError(f"by={by!r}: expected account or municipality")
    roles = tuple(roles) if roles else None
    if engine == "duckdb" and not hasattr(ws_or_con, "list_tables"):
        from meetlat.indicators import facts, prepared

        try:
            return prepared.measure(workspace_root(ws_or_con), start, end, roles, by)
        except facts.FactsUnavailable:  # measure the warehouse itself: slower, same figures
            ws_or_con = connection(ws_or_con, engine)
    import ibis

    con, uses_facts = facts_connection(ws_or_con, engine)
    engine_name = "spark" if "spark" in con.name else "duckdb"
    scope = Scope(con, start, end, roles, engine_name, facts=uses_facts)
    accounts = scope.registry.execute()
    codes = accounts["municipality_code"].unique().tolist()
    population = ibis.memtable(population_table(codes, population_year(start, end)))
    return finish(measurement(scope, by, population).execute(), by, accounts)


def measurement(scope, by: str, population):
    """The measurement as one Ibis table: a row per measured account (or municipality)
    with every indicator. ``population`` is a table as population_table() makes."""
    registry = load_all()
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
    return _finish(frame, load_all())


def _finish(frame, registry):
    import pandas as pd

    dtypes = {i.name: i.dtype for i in registry.all()} | CONTEXT_DTYPES
    out = pd.DataFrame(index=frame.index)
    for column in COLUMNS:
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
