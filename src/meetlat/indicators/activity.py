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
    import pandas as pd

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
    sent = scope.source("sent")
    clock = scope.clock
    # one post counts once, even when its account is in the registry twice
    posts = sent.select("platform", "post_id", "created_ms").distinct()
    posts = posts.mutate(hour=posts.created_ms // HOUR_MS)
    joined = posts.join(clock, "hour")
    counts = (
        joined.group_by(weekday=joined.weekday, hour=joined.local_hour)
        .aggregate(posts=joined.count())
        .execute()
    )
    grid = pd.MultiIndex.from_product([range(1, 8), range(24)], names=["weekday", "hour"])
    counts = counts.astype({"weekday": "int64", "hour": "int64", "posts": "int64"})
    out = counts.set_index(["weekday", "hour"]).reindex(grid, fill_value=0).reset_index()
    return out.astype({"posts": "int64"})
