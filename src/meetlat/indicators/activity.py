"""Activity per weekday × hour: when the measured accounts post (the book's Grafiek 3).

Every sent post in the period (originals, replies, reposts, quotes) is counted in the
Europe/Amsterdam weekday (1 = Monday … 7 = Sunday) and clock hour (0–23) in which it was
created. The local weekday and hour come from the hourly clock table (officehours.py),
joined on the post's UTC hour, so both engines agree on summer and winter time. The
result has all 7 × 24 cells, zeros included.
"""

from __future__ import annotations

from datetime import date

from meetlat.indicators.engine import connection
from meetlat.indicators.officehours import HOUR_MS
from meetlat.indicators.scope import Scope


def activity(
    ws_or_con,
    start: date,
    end: date,
    roles=None,
    municipality: str | None = None,
    platform: str | None = None,
    handle: str | None = None,
    engine: str = "duckdb",
):
    """Posts per (weekday, hour): a DataFrame with columns weekday, hour, posts."""
    con = connection(ws_or_con, engine)
    scope = Scope(
        con,
        start,
        end,
        roles=tuple(roles) if roles else None,
        engine=engine,
        municipality=municipality,
        platform=platform,
        handle=handle,
    )
    return _grid(_counts(scope, ()))


def by_municipality(ws_or_con, start: date, end: date, roles=None,
                    engine: str = "duckdb") -> dict:  # fmt: skip
    """Municipality code → the frame ``activity`` gives with ``municipality=code``, for
    every municipality with a measured account, in one pass over the posts."""
    con = connection(ws_or_con, engine)
    scope = Scope(con, start, end, roles=tuple(roles) if roles else None, engine=engine)
    counts = _counts(scope, ("municipality_code",))
    codes = sorted(scope.registry.select("municipality_code").distinct().execute()
                   ["municipality_code"])  # fmt: skip
    parts = dict(tuple(counts.groupby("municipality_code", sort=True)))
    empty = counts.iloc[0:0]
    return {code: _grid(parts.get(code, empty).drop(columns="municipality_code")) for code in codes}


def _counts(scope, keys: tuple[str, ...]):
    """Posts per (keys…, weekday, local hour) with a post, as a DataFrame."""
    sent = scope.source("sent")
    clock = scope.clock
    # one post counts once, even when its account is in the registry twice
    posts = sent.select(*keys, "platform", "post_id", "created_ms").distinct()
    posts = posts.mutate(hour=posts.created_ms // HOUR_MS)
    joined = posts.join(clock, "hour")
    return (
        joined.group_by(*keys, weekday=joined.weekday, hour=joined.local_hour)
        .aggregate(posts=joined.count())
        .execute()
    )


def _grid(counts):
    """All 7 × 24 cells of ``counts`` (weekday, hour, posts), zeros included."""
    import pandas as pd

    grid = pd.MultiIndex.from_product([range(1, 8), range(24)], names=["weekday", "hour"])
    counts = counts.astype({"weekday": "int64", "hour": "int64", "posts": "int64"})
    out = counts.set_index(["weekday", "hour"]).reindex(grid, fill_value=0).reset_index()
    return out.astype({"posts": "int64"})
