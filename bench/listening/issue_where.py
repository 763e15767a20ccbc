"""Where ``meetlat issue cijfers`` spends its time (contest (d) of bench_listening): in one
process, the steps of ``app.issues.figures`` timed one by one — opening the warehouse
(``connect``), Meetlat's own query of the matching posts (the Ibis expression
``app.issues.posts_expression``: the posts chosen from ``posts_stored``, then the newest
metrics of those posts only) and the whole of ``figures``.

Run: ``python -m bench.listening.issue_where WORKSPACE ISSUE.toml`` (prints JSON, seconds).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def measure(workspace: Path, issue_file: Path) -> dict:
    from meetlat.app import issues
    from meetlat.warehouse.connection import connect
    from meetlat.workspace import Workspace

    result = {}
    began = time.perf_counter()
    ws = Workspace(workspace)
    issue = issues.load(issue_file)
    con = connect(ws)
    result["connect_s"] = time.perf_counter() - began
    began = time.perf_counter()
    result["posts_query_rows"] = issues.posts_expression(con, issue).to_pyarrow().num_rows
    result["posts_query_s"] = time.perf_counter() - began
    began = time.perf_counter()
    issues.figures(ws, issue, None)
    result["figures_s"] = time.perf_counter() - began
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), Path(sys.argv[2]))))
