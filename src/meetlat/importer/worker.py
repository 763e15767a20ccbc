"""Reading files in separate Python processes: ``python -m meetlat.importer.worker``.

The import reads several large files at once in child processes started this way (not
with multiprocessing: that needs the caller's script to guard its ``__main__``, and
forking a process that runs DuckDB threads is unsafe). A child stages a file
(``meetlat.importer.reading.stage_file``) and leaves the result, pickled, in the stage
folder for the parent to finish. ``stage_in_child`` starts one child for one file (the
job as JSON on its command line); a ``Worker`` is one child that stages file after file
(``--serve``: one job per line on its standard input, the import id of each staged
file answered on its standard output), so that a run pays for starting Python and
importing the libraries once per worker, not once per file.

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
import tempfile
import threading
import time
from pathlib import Path

from meetlat.importer.reading import Staged, stage_file
from meetlat.importer.sources import Unit
from meetlat.warehouse.staging import Stage

RESULT = "staged.pickle"
SERVE = "--serve"
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


class Worker:
    """A child process that stages the files it is given, one at a time, until closed."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.errors = tempfile.TemporaryFile()  # its stderr: never a pipe that fills up
        setup = json.dumps({"parent": os.getpid()})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "meetlat.importer.worker", SERVE, setup],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
        )

    def stage(self, unit: Unit, reader: str, import_id: str) -> Staged:
        """Stage ``unit`` in this worker and return what it staged."""
        try:
            self.process.stdin.write(_job(self.root, unit, reader, import_id) + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline().strip()
        except (BrokenPipeError, ValueError):  # the child is gone, or closed meanwhile
            answer = ""
        result = Stage(self.root, import_id, create=False).folder / RESULT
        if answer != import_id or not result.exists():
            code = self.process.wait()
            if code < 0 or code == 130:
                raise KeyboardInterrupt
            raise WorkerFailed(f"{unit.name}: {self._last_words()}")
        with open(result, "rb") as handle:
            staged = pickle.load(handle)
        result.unlink()
        return staged

    def _last_words(self) -> str:
        self.errors.seek(0)
        lines = self.errors.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else ""

    def close(self, kill: bool = False) -> None:
        """End the child: at once (``kill``), or once it has staged what it was given."""
        if kill and self.process.poll() is None:
            self.process.kill()
        try:
            self.process.stdin.close()
        except OSError:
            pass
        self.process.wait()
        self.process.stdout.close()
        self.errors.close()


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


def _serve(setup: dict) -> int:
    """Stage the jobs read from standard input, one per line, until it ends."""
    die_with_parent(setup.get("parent"))
    try:
        for line in sys.stdin:
            job = json.loads(line)
            root = Path(job["root"])
            unit = Unit(Path(job["path"]), job["name"], job["member"])
            staged = stage_file(root, unit, job["reader"], job["import_id"])
            with open(Stage(root, job["import_id"], create=False).folder / RESULT, "wb") as out:
                pickle.dump(staged, out)
            sys.stdout.write(job["import_id"] + "\n")
            sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == SERVE:
        return _serve(json.loads(argv[1]))
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
