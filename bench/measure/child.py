"""Run one contestant in its own process and measure it: wall time and peak RSS.

The child is started with ``subprocess.Popen`` and reaped with ``os.wait4``, which gives the
resource usage of that one child (``ru_maxrss``, KiB on Linux), so each measurement has its
own peak memory and not the maximum over every child so far. The child's stdout and stderr
go to files, so a chatty child cannot block on a full pipe.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


class ChildFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Run:
    name: str
    seconds: float
    peak_rss_bytes: int
    load_before: float  # 1-minute load average when the child started
    load_after: float
    stdout: str


def run_module(name: str, module: str, args: list[str], logs: Path, env=None) -> Run:
    """``python -m module args`` from the repository root; raises ChildFailed on an error."""
    logs.mkdir(parents=True, exist_ok=True)
    out_path, err_path = logs / f"{name}.out", logs / f"{name}.err"
    command = [sys.executable, "-m", module, *[str(a) for a in args]]
    child_env = dict(os.environ if env is None else env)
    child_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO), child_env.get("PYTHONPATH", "")) if p
    )
    load_before = os.getloadavg()[0]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        began = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=err, env=child_env)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if process.returncode != 0:
        tail = err_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise ChildFailed(f"{' '.join(command)} exited with {process.returncode}:\n{tail}")
    return Run(
        name=name,
        seconds=seconds,
        peak_rss_bytes=usage.ru_maxrss * 1024,
        load_before=load_before,
        load_after=os.getloadavg()[0],
        stdout=out_path.read_text(encoding="utf-8"),
    )
