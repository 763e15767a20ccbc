"""The measurement facts built from nothing (what ``meetlat import`` and ``meetlat accounts
import`` do after a change): the old facts are removed first, so the whole build is timed.

Prints one JSON object: the build's seconds and the facts' size in bytes.

Run: ``python -m bench.measure.facts_build WORKSPACE``
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path


def build(workspace: Path) -> dict:
    from meetlat.indicators import facts

    warehouse = workspace / "warehouse"
    shutil.rmtree(warehouse / facts.FOLDER, ignore_errors=True)
    began = time.perf_counter()
    folder = facts.build(warehouse, "duckdb", plans=True)  # as `meetlat import` does
    seconds = time.perf_counter() - began
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return {"build_seconds": round(seconds, 2), "facts_bytes": size}


if __name__ == "__main__":
    print(json.dumps(build(Path(sys.argv[1]))))
