"""After `kill -9` of an import no worker process keeps running, and the next recovery
leaves no trace of the files they were reading (no stage, no orphan object)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from meetlat.app.verifying import verify
from meetlat.archive import manifest
from meetlat.warehouse import recovery

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

SRC = Path(__file__).parents[2] / "src"
GRACE = 1.0  # seconds the workers may take to go; reading their files takes longer


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (read from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_workers_die_with_a_killed_import(cli, workspace, tmp_path):
    out = tmp_path / "synth"
    made = cli("synth", "--posts", "60000", "--municipalities", "4", "--out", out)
    assert made.exit_code == 0, made.output
    script = textwrap.dedent(
        f"""
        from meetlat.importer import import_paths
        import_paths({str(workspace.root)!r}, [{str(out / "posts")!r}], workers=2)
        """
    )
    env = dict(os.environ, PYTHONPATH=f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    importer = subprocess.Popen([sys.executable, "-c", script], env=env)
    staging = workspace.warehouse / "_staging"

    def reading() -> bool:  # a worker runs and has begun its file (its stage is there)
        return bool(_children(importer.pid)) and staging.exists() and any(staging.iterdir())

    try:
        assert _wait_for(reading, 60), "no worker started"
        workers = _children(importer.pid)
        assert all(_alive(pid) for pid in workers)
        os.kill(importer.pid, signal.SIGKILL)
        importer.wait(10)
        killed = time.monotonic()
        assert _wait_for(lambda: not any(_alive(pid) for pid in workers), GRACE), (
            "workers outlived the import: " + ", ".join(map(str, workers))
        )
        print(f"workers gone {time.monotonic() - killed:.2f} s after the kill")
    finally:
        if importer.poll() is None:
            importer.kill()
    # what the workers left is undone by the next recovery: nothing half imported
    recovery.recover(workspace.root)
    assert not any(staging.iterdir())
    assert verify(workspace.root, reread=False).intact
    named = {entry["sha256"] for entry in manifest.entries(workspace.archive)}
    stored = {p.name for p in (workspace.archive / "objects").glob("*/*")}
    assert stored == named  # every archived file belongs to a committed import
