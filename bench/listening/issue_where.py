"""Where ``meetlat issue cijfers`` spends its time (contest (d) of bench_listening): in one
process, the steps of ``app.issues.figures`` timed one by one — opening the warehouse
(``connect``), Meetlat's own query of the matching posts (``app.issues.POSTS_SQL`` over
the ``posts`` view, which carries the newest metrics of every post) and the same query
over ``posts_stored`` (the posts without their metrics), and the whole of ``figures``.

Run: ``python -m bench.listening.issue_where WORKSPACE ISSUE.toml`` (prints JSON, seconds).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def measure(workspace: Path, issue_file: Path) -> dict:
    from meetlat.app import issues
    from meetlat.app.webcare import Terms, term_pattern
    from meetlat.indicators.periods import period_bounds
    from meetlat.warehouse.connection import connect
    from meetlat.workspace import Workspace

    result = {}
    began = time.perf_counter()
    ws = Workspace(workspace)
    issue = issues.load(issue_file)
    duck = connect(ws).con
    result["connect_s"] = time.perf_counter() - began
    first, after = period_bounds(issue.start, issue.end)
    params = {"start": first, "end": after}
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
    sql = issues.POSTS_SQL.format(matched=" OR ".join(conditions), platforms=platforms)
    stored = sql.replace("FROM posts p", "FROM posts_stored p")
    for column in ("likes", "reposts", "replies", "quotes"):
        stored = stored.replace(f"coalesce(p.{column}, 0)", "0")
    for name, query in (("posts_query_s", sql), ("posts_query_without_metrics_s", stored)):
        began = time.perf_counter()
        result[name.replace("_s", "_rows")] = len(duck.execute(query, params).fetchall())
        result[name] = time.perf_counter() - began
    began = time.perf_counter()
    issues.figures(ws, issue, None)
    result["figures_s"] = time.perf_counter() - began
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), Path(sys.argv[2]))))
