"""The floor: one hand-written DuckDB SQL query over the warehouse's Parquet files.

Per registry account active in the period: posts sent, replies to other accounts,
``interaction_pct`` = 100 × replies to other accounts ÷ posts sent, and the mean 24/7
reaction time in minutes (reply time − time of the answered post; the answered post's time
comes from the data, or else from its X snowflake id, as in Meetlat's definition).

Run: ``python -m bench.measure.floor WAREHOUSE START END OUT.parquet``
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from bench.measure.period import X_EPOCH_MS, X_MIN_SNOWFLAKE, bounds

QUERY = """
WITH registry AS (
    SELECT DISTINCT municipality_code, platform, lower(handle) AS handle, role
    FROM read_parquet($registry)
    WHERE (active_from IS NULL OR active_from <= $end_day)
      AND (active_to IS NULL OR active_to >= $start_day)
),
measured AS (
    SELECT DISTINCT r.*, a.account_id
    FROM registry r
    JOIN read_parquet($accounts, hive_partitioning = false) a
      ON a.platform = r.platform AND lower(a.handle) = r.handle
),
posts AS (
    SELECT * FROM read_parquet($posts, hive_partitioning = false)
),
sent AS (
    SELECT m.municipality_code, m.platform, m.handle, m.role, p.account_id, p.kind,
           epoch_ms(p.created_at) AS reply_ms,
           coalesce(p.in_reply_to_account_id, parent.account_id) AS answered_account,
           coalesce(
               epoch_ms(parent.created_at),
               CASE WHEN p.platform = 'x'
                     AND TRY_CAST(p.in_reply_to_post_id AS BIGINT) >= $min_snowflake
                    THEN (TRY_CAST(p.in_reply_to_post_id AS BIGINT) >> 22) + $x_epoch END
           ) AS asked_ms
    FROM posts p
    JOIN measured m ON m.platform = p.platform AND m.account_id = p.account_id
    LEFT JOIN posts parent
      ON parent.platform = p.platform AND parent.post_id = p.in_reply_to_post_id
    WHERE p.created_at >= $first AND p.created_at < $after
),
flagged AS (
    SELECT *,
           kind = 'reply' AND answered_account IS DISTINCT FROM account_id AS to_other
    FROM sent
),
per_account AS (
    SELECT municipality_code, platform, handle, role,
           count(*) AS posts_sent,
           count(*) FILTER (WHERE to_other) AS replies_sent,
           count(*) FILTER (WHERE to_other AND asked_ms <= reply_ms) AS replies_timed,
           avg(reply_ms - asked_ms) FILTER (WHERE to_other AND asked_ms <= reply_ms) / 60000.0
               AS reaction_time_mean_min
    FROM flagged
    GROUP BY ALL
)
SELECT r.municipality_code, r.platform, r.handle, r.role,
       coalesce(a.posts_sent, 0) AS posts_sent,
       coalesce(a.replies_sent, 0) AS replies_sent,
       100.0 * a.replies_sent / nullif(a.posts_sent, 0) AS interaction_pct,
       coalesce(a.replies_timed, 0) AS replies_timed,
       a.reaction_time_mean_min
FROM registry r
LEFT JOIN per_account a USING (municipality_code, platform, handle, role)
ORDER BY ALL
"""


def run(warehouse: Path, start: date, end: date):
    """The query's result as a pandas DataFrame."""
    import duckdb

    first, after = bounds(start, end)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    parameters = {
        "registry": str(warehouse / "registry" / "accounts.parquet"),
        "accounts": str(warehouse / "accounts" / "**" / "*.parquet"),
        "posts": str(warehouse / "posts" / "**" / "*.parquet"),
        "start_day": start,
        "end_day": end,
        "first": first,
        "after": after,
        "min_snowflake": X_MIN_SNOWFLAKE,
        "x_epoch": X_EPOCH_MS,
    }
    return con.execute(QUERY, parameters).df()


def main(argv: list[str]) -> None:
    warehouse, start, end, out = argv
    frame = run(Path(warehouse), date.fromisoformat(start), date.fromisoformat(end))
    frame.to_parquet(out, index=False)
    print(len(frame))


if __name__ == "__main__":
    main(sys.argv[1:])
