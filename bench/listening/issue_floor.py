"""The floor of the issue analysis: the figures of ``meetlat issue cijfers`` that can be
counted from the posts (docs/indicators.md, "Issue analysis"), in one hand-written DuckDB
query over the warehouse's Parquet files (the same files Meetlat reads).

- the matching posts: the posts created in the issue's local days whose lower-cased text
  holds a search term as a whole word (the pattern string of ``app.webcare.term_pattern``
  is reused, the SQL around it is written here) or that carry one of the hashtags (any
  case), on the issue's platforms; one row per (platform, post id);
- own posts: the author's handle (the post's, else the ``accounts`` table's) is one of the
  issue municipality's registry handles (lower case, without '@');
- the volume per local Amsterdam day, every day of the period, zeros included;
- the spike rule: at least ``minimum`` posts and at least ``factor`` × the median of the
  up to ``window`` days before it (none before: 0); consecutive spike days are one spike;
- per spike: its start (the first post by another account on its first day, else its
  first post), the municipality's first own post at or after it, the minutes between.

- the top posts by interaction: the newest metrics of the matching posts only.

Not computed here (Meetlat computes them as well, they are not compared): the teneur
(there are no labels in the bench), the authors and the argument types (none in the
bench's issue file), the pseudonyms of the authors and of the @mentions in the texts.

Run: ``python -m bench.listening.issue_floor WAREHOUSE ISSUE.toml`` (prints JSON).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.measure.period import bounds

TOP_POSTS = 5  # as app.issues.TOP_POSTS

MATCHED = """
CREATE TEMP TABLE marked AS
WITH posts AS (SELECT * FROM read_parquet($posts, hive_partitioning = false)),
known AS (
    SELECT platform, account_id, any_value(handle) AS handle
    FROM read_parquet($accounts, hive_partitioning = false)
    WHERE handle IS NOT NULL AND account_id IS NOT NULL GROUP BY 1, 2
),
own_handles AS (
    SELECT DISTINCT platform, lower(ltrim(trim(handle), '@')) AS subject
    FROM read_parquet($registry) WHERE municipality_code = $code AND handle IS NOT NULL
),
matched AS (
    SELECT p.platform, p.post_id, p.created_at, coalesce(p.kind, 'original') AS kind,
           lower(ltrim(trim(coalesce(p.handle, k.handle)), '@')) AS subject
    FROM posts p LEFT JOIN known k ON k.platform = p.platform AND k.account_id = p.account_id
    WHERE p.created_at >= $first AND p.created_at < $after
      AND ({matched}){platforms}
    QUALIFY row_number() OVER (PARTITION BY p.platform, p.post_id ORDER BY p.created_at) = 1
)
SELECT m.platform, m.post_id, m.created_at, m.kind,
       o.subject IS NOT NULL AS own,
       timezone('Europe/Amsterdam', m.created_at)::DATE AS day
FROM matched m LEFT JOIN own_handles o ON o.platform = m.platform AND o.subject = m.subject
"""

# The top posts by interaction: the newest observation of each matching post's metrics
# (only of the matching posts), likes + reposts + replies + quotes; reposts and posts
# without interaction left out; ties by time, then id.
TOP = """
WITH newest AS (
    SELECT platform, post_id,
           first(likes ORDER BY observed_at DESC) AS likes,
           first(reposts ORDER BY observed_at DESC) AS reposts,
           first(replies ORDER BY observed_at DESC) AS replies,
           first(quotes ORDER BY observed_at DESC) AS quotes
    FROM read_parquet($metrics, hive_partitioning = false)
    WHERE post_id IN (SELECT post_id FROM marked)
    GROUP BY 1, 2
)
SELECT m.platform, m.post_id,
       (coalesce(n.likes, 0) + coalesce(n.reposts, 0) + coalesce(n.replies, 0)
        + coalesce(n.quotes, 0))::BIGINT AS interaction
FROM marked m JOIN newest n USING (platform, post_id)
WHERE m.kind <> 'repost' AND interaction > 0
ORDER BY interaction DESC, m.created_at, m.post_id
LIMIT $top
"""

QUERY = """
WITH days AS (
    SELECT d::DATE AS day FROM range($start_day::TIMESTAMP, $end_day::TIMESTAMP + INTERVAL 1 DAY,
                                     INTERVAL 1 DAY) t(d)
),
volume AS (
    SELECT d.day, count(m.post_id) AS n, count(m.post_id) FILTER (WHERE m.own) AS own_n
    FROM days d LEFT JOIN marked m USING (day) GROUP BY d.day
),
rule AS (
    SELECT *, n >= $minimum AND n >= $factor * coalesce(baseline, 0) AS spike
    FROM (SELECT *, median(n) OVER (ORDER BY day ROWS BETWEEN {window} PRECEDING
                                    AND 1 PRECEDING) AS baseline FROM volume)
),
islands AS (
    SELECT *, sum(CASE WHEN spike AND NOT coalesce(previous, false) THEN 1 ELSE 0 END)
              OVER (ORDER BY day) AS run
    FROM (SELECT *, lag(spike) OVER (ORDER BY day) AS previous FROM rule)
),
runs AS (
    SELECT run, min(day) AS first, max(day) AS last, sum(n)::BIGINT AS posts,
           max(n)::BIGINT AS peak
    FROM islands WHERE spike GROUP BY run
),
starts AS (
    SELECT r.*, coalesce(min(m.created_at) FILTER (WHERE NOT m.own), min(m.created_at))
                AS start_at
    FROM runs r JOIN marked m ON m.day = r.first GROUP BY ALL
),
spikes AS (
    SELECT s.*, (SELECT min(o.created_at) FROM marked o
                 WHERE o.own AND o.created_at >= s.start_at) AS first_own_at
    FROM starts s
)
SELECT 'bucket' AS what, strftime(day, '%Y-%m-%d') AS first, NULL AS last, n AS posts,
       own_n AS own, baseline, spike, NULL AS start_ms, NULL AS own_ms
FROM rule
UNION ALL
SELECT 'spike', strftime(first, '%Y-%m-%d'), strftime(last, '%Y-%m-%d'), posts, peak, NULL,
       true, epoch_ms(start_at), epoch_ms(first_own_at)
FROM spikes
ORDER BY what, first
"""


def run(warehouse: Path, issue_file: Path) -> dict:
    """The counted figures of the issue in ``issue_file`` over ``warehouse``, as JSON-ready
    values in the shape of ``meetlat issue cijfers --json`` (``compare`` lines them up)."""
    import duckdb

    from meetlat.app.issues import load
    from meetlat.app.webcare import Terms, term_pattern

    issue = load(issue_file)
    if issue.granularity != "day":
        raise ValueError(f"{issue_file}: the floor counts per day only")
    first, after = bounds(issue.start, issue.end)
    params = {
        "first": first,
        "after": after,
        "start_day": issue.start,
        "end_day": issue.end,
        "code": issue.municipality_code,
        "minimum": issue.rule.minimum,
        "factor": issue.rule.factor,
    }
    conditions = []
    pattern = term_pattern(Terms(issue.municipality_code, issue.terms))
    if pattern:
        conditions.append("coalesce(regexp_matches(lower(coalesce(p.text, '')), $pattern), false)")
        params["pattern"] = pattern
    if issue.hashtags:
        conditions.append(
            "len(list_intersect(list_transform(coalesce(p.hashtags, []), h -> lower(h)), "
            "$tags)) > 0"
        )
        params["tags"] = list(issue.hashtags)
    platforms = ""
    if issue.platforms:
        platforms = " AND list_contains($platforms, p.platform)"
        params["platforms"] = list(issue.platforms)

    def files(table: str) -> list[str]:
        return [str(f) for f in sorted((warehouse / table).rglob("*.parquet"))]

    params |= {
        "posts": files("posts"),
        "accounts": files("accounts"),
        "registry": str(warehouse / "registry" / "accounts.parquet"),
    }
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    used = ("start_day", "end_day", "minimum", "factor")
    con.execute(
        MATCHED.format(matched=" OR ".join(conditions), platforms=platforms),
        {k: v for k, v in params.items() if k not in used},
    )
    sql = QUERY.format(window=int(issue.rule.window))
    rows = con.execute(sql, {k: params[k] for k in used}).fetchall()
    top = con.execute(TOP, {"metrics": files("post_metrics"), "top": TOP_POSTS}).fetchall()
    buckets = [
        {"label": r[1], "posts": r[3], "own": r[4], "baseline": r[5], "spike": bool(r[6])}
        for r in rows
        if r[0] == "bucket"
    ]
    spikes = [
        {
            "first": r[1],
            "last": r[2],
            "posts": r[3],
            "peak": r[4],
            "start_ms": r[7],
            "first_own_ms": r[8],
            "minutes_to_own": None if r[8] is None else (r[8] - r[7]) / 60000,
        }
        for r in rows
        if r[0] == "spike"
    ]
    return {
        "posts": sum(b["posts"] for b in buckets),
        "own_posts": sum(b["own"] for b in buckets),
        "buckets": buckets,
        "spikes": spikes,
        "top": [{"platform": t[0], "post_id": t[1], "interaction": t[2]} for t in top],
    }


def _ms(text: str | None) -> int | None:
    from datetime import datetime

    if text is None:
        return None
    return round(datetime.fromisoformat(text).timestamp() * 1000)


def from_meetlat(found: dict) -> dict:
    """The same figures out of ``meetlat issue cijfers --json``'s document."""
    return {
        "posts": found["posts"],
        "own_posts": found["own_posts"],
        "buckets": [
            {k: b[k] for k in ("label", "posts", "own", "baseline", "spike")}
            for b in found["buckets"]
        ],
        "spikes": [
            {
                "first": s["first"],
                "last": s["last"],
                "posts": s["posts"],
                "peak": s["peak"],
                "start_ms": _ms(s["start_at"]),
                "first_own_ms": _ms(s["first_own_at"]),
                "minutes_to_own": s["minutes_to_own"],
            }
            for s in found["spikes"]
        ],
        "top": [{k: t[k] for k in ("platform", "post_id", "interaction")} for t in found["top"]],
    }


def compare(floor: dict, meetlat: dict) -> list[str]:
    """Where the two differ (empty: the same figures; minutes compared to 1e-6)."""
    differences = []
    for key in ("posts", "own_posts"):
        if floor[key] != meetlat[key]:
            differences.append(f"{key}: floor {floor[key]}, Meetlat {meetlat[key]}")
    for name in ("buckets", "spikes", "top"):
        a, b = floor[name], meetlat[name]
        if len(a) != len(b):
            differences.append(f"{name}: floor {len(a)}, Meetlat {len(b)}")
            continue
        for x, y in zip(a, b, strict=True):
            for key in x:
                u, v = x[key], y[key]
                if isinstance(u, float) or isinstance(v, float):
                    same = (u is None) == (v is None) and (u is None or abs(u - v) < 1e-6)
                else:
                    same = u == v
                if not same:
                    differences.append(f"{name} {x.get('label') or x.get('first')} {key}: "
                                       f"floor {u}, Meetlat {v}")  # fmt: skip
    return differences


def main(argv: list[str]) -> None:
    print(json.dumps(run(Path(argv[0]), Path(argv[1]))))


if __name__ == "__main__":
    main(sys.argv[1:])
