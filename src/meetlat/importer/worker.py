"""Reading a file in a separate Python process: ``python -m meetlat.importer.worker``.

The import reads several large files at once in child processes started this way (not
with multiprocessing: that needs the caller's script to guard its ``__main__``, and
forking a process that runs DuckDB threads is unsafe). The child gets the job as JSON
on its command line, stages the file (``meetlat.importer.reading.stage_file``) and
leaves the result, pickled, in the stage folder for the parent to finish.

A child dies with its parent: on Linux the kernel kills it when the parent goes
(``prctl(PR_SET_PDEATHSIG, SIGKILL)``, set first thing, then the parent checked once, in
case it died before); elsewhere a watchdog thread stops it as soon as its parent is no
longer the process that started it. So after ``kill -9`` of an import no worker keeps
reading; what it left (a stage without READY, the archived file it stored) is undone by
the next recovery (``meetlat.warehouse.recovery``).
"""

from __future__ import annotations

import ctypes
import json
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from meetlat.importer.reading import Staged, stage_file
from meetlat.importer.sources import Unit
from meetlat.warehouse.staging import Stage

RESULT = "staged.pickle"
PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_EVERY = 0.2  # seconds between the watchdog's looks at the parent


class WorkerFailed(RuntimeError):
    """A child process stopped without staging its file; the message holds its last words."""


def _job(root: Path, unit: Unit, reader: str, import_id: str) -> str:
    return json.dumps(
        {
            "root": str(root),
            "path": str(unit.path),
            "name": unit.name,
            "member": unit.member,
            "reader": reader,
            "import_id": import_id,
            "parent": os.getpid(),
        }
    )


def stage_in_child(root: Path, unit: Unit, reader: str, import_id: str) -> Staged:
    """Stage ``unit`` in a child process and return what it staged."""
    command = [sys.executable, "-m", "meetlat.importer.worker", _job(root, unit, reader, import_id)]
    done = subprocess.run(command, capture_output=True, text=True)
    result = Stage(root, import_id, create=False).folder / RESULT
    if done.returncode != 0 or not result.exists():
        if done.returncode < 0 or done.returncode == 130:
            raise KeyboardInterrupt
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        raise WorkerFailed(f"{unit.name}: {last}")
    with open(result, "rb") as handle:
        staged = pickle.load(handle)
    result.unlink()
    return staged


def _kernel_kills_orphans() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_EVERY)
    os._exit(1)


def die_with_parent(parent: int | None) -> None:
    """Make this process end when ``parent`` (the process that started it) ends."""
    if parent is None:
        return
    if not _kernel_kills_orphans():
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before we were listening
        os._exit(1)


def main(argv: list[str]) -> int:
    job = json.loads(argv[0])
    die_with_parent(job.get("parent"))
    root = Path(job["root"])
    unit = Unit(Path(job["path"]), job["name"], job["member"])
    try:
        staged = stage_file(root, unit, job["reader"], job["import_id"])
    except KeyboardInterrupt:
        return 130
    with open(Stage(root, job["import_id"], create=False).folder / RESULT, "wb") as handle:
        pickle.dump(staged, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
