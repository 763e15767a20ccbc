"""The floor: the reply buckets of the inbound questions in one hand-written DuckDB query
over the warehouse's Parquet files (the same files Meetlat reads).

The same work as Meetlat's ``questions`` source and its bucket indicators
(docs/indicators.md, "Reply-time buckets of the inbound questions"), per registry account
active in the period: the account ids its handle was seen with (accounts, account
snapshots, post authors); the posts of the period by other accounts that reply to one of
those ids or mention the handle; those that ask something by the Dutch question rule
(the rule's own regular expressions, ``questionrule.py``: the pattern strings are reused,
the SQL around them is written here); the account's first reply to each (any time); its
reaction time on the 24/7 clock and on the office-hours clock (the clock table of
``officehours.calendar_table`` registered as data: the hour's opening, closing and
cumulative office milliseconds); the six buckets of each clock.

Run: ``python -m bench.listening.floor WAREHOUSE START END OUT.parquet``
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from bench.measure.period import bounds

QUERY = """
WITH registry AS (
    SELECT DISTINCT municipality_code, platform, lower(handle) AS handle, role
    FROM read_parquet($registry)
    WHERE (active_from IS NULL OR active_from <= $end_day)
      AND (active_to IS NULL OR active_to >= $start_day)
),
posts AS (SELECT * FROM read_parquet($posts, hive_partitioning = false)),
seen AS (
    SELECT platform, lower(handle) AS handle, account_id
    FROM read_parquet($accounts, hive_partitioning = false)
    WHERE handle IS NOT NULL AND account_id IS NOT NULL
    UNION
    SELECT platform, lower(handle), account_id
    FROM read_parquet($snapshots, hive_partitioning = false)
    WHERE handle IS NOT NULL AND account_id IS NOT NULL
    UNION
    SELECT platform, lower(handle), account_id FROM posts
    WHERE handle IS NOT NULL AND account_id IS NOT NULL
),
ids AS (
    SELECT DISTINCT r.*, s.account_id FROM registry r JOIN seen s USING (platform, handle)
),
period AS (
    SELECT platform, post_id, account_id, text, in_reply_to_account_id, mentions,
           epoch_ms(created_at) AS created_ms
    FROM posts WHERE created_at >= $first AND created_at < $after
),
addressed AS (
    SELECT i.municipality_code, i.platform, i.handle, i.role, p.post_id, p.account_id AS author,
           p.created_ms, p.text
    FROM period p JOIN ids i
      ON i.platform = p.platform AND i.account_id = p.in_reply_to_account_id
    UNION
    SELECT r.municipality_code, r.platform, r.handle, r.role, m.post_id, m.account_id,
           m.created_ms, m.text
    FROM (SELECT *, unnest(mentions) AS mention FROM period WHERE len(mentions) > 0) m
    JOIN registry r ON r.platform = m.platform AND r.handle = lower(m.mention)
),
questions AS (
    SELECT a.* FROM addressed a
    WHERE NOT EXISTS (
        SELECT 1 FROM ids o
        WHERE o.municipality_code = a.municipality_code AND o.platform = a.platform
          AND o.handle = a.handle AND o.role = a.role AND o.account_id = a.author
    )
      AND NOT coalesce(regexp_matches(lower(a.text), $retweet), false)
      AND coalesce(
          regexp_matches(regexp_replace(lower(a.text), $removed, chr(10), 'g'), $question),
          false)
),
first_reply AS (
    SELECT i.municipality_code, i.platform, i.handle, i.role,
           r.in_reply_to_post_id AS post_id, min(epoch_ms(r.created_at)) AS reply_ms
    FROM posts r JOIN ids i ON i.platform = r.platform AND i.account_id = r.account_id
    WHERE r.in_reply_to_post_id IN (SELECT post_id FROM questions)
    GROUP BY ALL
),
timed AS (
    SELECT q.municipality_code, q.platform, q.handle, q.role, q.post_id, q.created_ms,
           CASE WHEN f.reply_ms >= q.created_ms THEN f.reply_ms END AS reply_ms
    FROM questions q LEFT JOIN first_reply f
      USING (municipality_code, platform, handle, role, post_id)
),
clocked AS (
    SELECT t.*,
           (t.reply_ms - t.created_ms) / 60000.0 AS minutes,
           (cr.cum_ms + least(greatest(t.reply_ms - cr.open_ms, 0), cr.close_ms - cr.open_ms)
            - ca.cum_ms - least(greatest(t.created_ms - ca.open_ms, 0), ca.close_ms - ca.open_ms)
           ) / 60000.0 AS office
    FROM timed t
    LEFT JOIN clock cr ON cr.hour = t.reply_ms // 3600000
    LEFT JOIN clock ca ON ca.hour = t.created_ms // 3600000
),
per_account AS (
    SELECT municipality_code, platform, handle, role,
           count(DISTINCT platform || ':' || post_id) AS inbound_questions,
           count(*) FILTER (WHERE minutes <= 15) AS questions_reply_15min,
           count(*) FILTER (WHERE minutes > 15 AND minutes <= 60) AS questions_reply_1h,
           count(*) FILTER (WHERE minutes > 60 AND minutes <= 120) AS questions_reply_2h,
           count(*) FILTER (WHERE minutes > 120 AND minutes <= 1440) AS questions_reply_24h,
           count(*) FILTER (WHERE minutes > 1440) AS questions_reply_later,
           count(*) FILTER (WHERE minutes IS NULL) AS questions_reply_none,
           count(*) FILTER (WHERE office <= 15) AS questions_office_15min,
           count(*) FILTER (WHERE office > 15 AND office <= 60) AS questions_office_1h,
           count(*) FILTER (WHERE office > 60 AND office <= 120) AS questions_office_2h,
           count(*) FILTER (WHERE office > 120 AND office <= $day) AS questions_office_24h,
           count(*) FILTER (WHERE office > $day) AS questions_office_later,
           count(*) FILTER (WHERE office IS NULL) AS questions_office_none
    FROM clocked GROUP BY ALL
)
SELECT r.municipality_code, r.platform, r.handle, r.role,
       COLUMNS(c -> c NOT IN ('municipality_code', 'platform', 'handle', 'role'))
FROM registry r LEFT JOIN per_account a USING (municipality_code, platform, handle, role)
ORDER BY ALL
"""

COUNTS = (
    "inbound_questions",
    *(f"questions_{clock}_{b}" for clock in ("reply", "office")
      for b in ("15min", "1h", "2h", "24h", "later", "none")),
)  # fmt: skip


def run(warehouse: Path, start: date, end: date):
    import duckdb

    from meetlat.indicators import buckets, officehours, questionrule

    first, after = bounds(start, end)

    def files(table: str) -> list[str]:
        return [str(f) for f in sorted((warehouse / table).rglob("*.parquet"))]

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.register("clock_rows", officehours.calendar_table(end + timedelta(days=400)))
    con.execute("CREATE TABLE clock AS SELECT hour, open_ms, close_ms, cum_ms FROM clock_rows")
    frame = con.execute(
        QUERY,
        {
            "registry": str(warehouse / "registry" / "accounts.parquet"),
            "posts": files("posts"),
            "accounts": files("accounts"),
            "snapshots": files("account_snapshots"),
            "start_day": start,
            "end_day": end,
            "first": first,
            "after": after,
            "retweet": questionrule.RETWEET_PATTERN,
            "removed": questionrule.REMOVED_PATTERN,
            "question": questionrule.QUESTION_PATTERN,
            "day": buckets.working_day_minutes(officehours.configured()),
        },
    ).df()
    for column in COUNTS:
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame


def main(argv: list[str]) -> None:
    warehouse, start, end, out = Path(argv[0]), date.fromisoformat(argv[1]), date.fromisoformat(argv[2]), Path(argv[3])  # fmt: skip
    frame = run(warehouse, start, end)
    frame.to_parquet(out, index=False)
    print(len(frame), int(frame["inbound_questions"].sum()))


if __name__ == "__main__":
    main(sys.argv[1:])
