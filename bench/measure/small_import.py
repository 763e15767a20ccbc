"""One contestant of the small-import figure (bench_facts.py), run in its own process:
``python -m bench.measure.small_import WORKSPACE PAGES MODE``.

Imports the pages into the workspace as ``meetlat import`` does (``import_paths``, then the
facts refresh of cli/common.refresh_facts) and prints JSON with the seconds of each step.
MODE ``update`` refreshes the facts as Meetlat does (an update of the touched days);
``rebuild`` rebuilds them from nothing after the import, as before incremental facts.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    root, pages, mode = Path(argv[0]), Path(argv[1]), argv[2]
    began = time.perf_counter()
    from meetlat import workspace
    from meetlat.importer import import_paths
    from meetlat.indicators import facts

    ws = workspace.Workspace(root)
    loaded = time.perf_counter()
    summary = import_paths(ws, [pages])
    imported = time.perf_counter()
    if mode == "update":
        facts.refresh(ws.warehouse)
    elif mode == "rebuild":
        facts.build(ws.warehouse, "duckdb", plans=True)
    else:
        raise SystemExit(f"unknown mode {mode!r}: expected update or rebuild")
    done = time.perf_counter()
    manifest = json.loads((facts.facts_dir(ws.warehouse, "duckdb") / "key.json").read_text())
    print(
        json.dumps(
            {
                "load_seconds": loaded - began,
                "import_seconds": imported - loaded,
                "facts_seconds": done - imported,
                "total_seconds": done - loaded,
                "posts_imported": getattr(summary, "posts_imported", None),
                "fresh": manifest["key"] == facts.key(ws.warehouse, "duckdb"),
                "update_steps": dict(facts.LAST_UPDATE),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
