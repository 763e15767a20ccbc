"""Shared pieces of the benchmarks: run one contestant in a child process, describe the machine.

``run_child`` starts ``python -m module args`` and reaps it with ``os.wait4``, which gives
the resource usage of exactly that child: its peak resident memory (``ru_maxrss``) and CPU
time. While it runs, a thread samples the resident memory of the child and of every process
below it (from ``/proc``, every 50 ms) and keeps the largest *sum*: the memory the whole
process tree needed at once (``peak_tree_rss_bytes``). Output goes to files, so a chatty
child never blocks on a pipe.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("duckdb", "pyarrow", "numpy", "orjson", "ibis-framework", "pandas")


class ChildFailed(RuntimeError):
    """A contestant exited with an error; the message holds the end of its stderr."""


@dataclass(frozen=True)
class ChildRun:
    name: str
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the child
    peak_rss_bytes: int
    load_before: float  # 1-minute load average at the start (other work on the machine)
    stdout: str
    peak_tree_rss_bytes: int = 0  # largest sum of the RSS of the child and its descendants


SAMPLE_EVERY = 0.05  # seconds between samples of the process tree's memory
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _children() -> dict[int, list[int]]:
    """Parent pid → child pids, for every process in /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants, summed."""
    tree = _children()
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(tree.get(current, ()))
    return total


class TreeSampler(threading.Thread):
    """Samples ``tree_rss(pid)`` until stopped; ``peak`` is the largest sum seen."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.done.wait(SAMPLE_EVERY)

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.peak


def run_child(name: str, module: str, args: list, logs: Path, env: dict | None = None) -> ChildRun:
    """Run ``python -m module args`` from the repository root and measure it."""
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
        sampler = TreeSampler(process.pid)
        sampler.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
        tree_peak = sampler.stop()
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code  # reaped here, not by Popen
    if code != 0:
        tail = err_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise ChildFailed(f"{' '.join(command)} exited with {code}:\n{tail}")
    return ChildRun(
        name=name,
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_bytes=usage.ru_maxrss * 1024,
        load_before=load_before,
        stdout=out_path.read_text(encoding="utf-8"),
        peak_tree_rss_bytes=max(tree_peak, usage.ru_maxrss * 1024),
    )


def _memory_bytes() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict:
    """The facts a reader needs to compare figures: date, CPUs, memory, versions."""
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory_gib": round(_memory_bytes() / 2**30, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "versions": versions,
        "load_average": round(os.getloadavg()[0], 2),
    }


def machine_markdown(facts: dict) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in facts["versions"].items())
    return (
        f"Machine: {facts['cpus']} CPUs ({facts['cpu']}), {facts['memory_gib']} GiB RAM, "
        f"{facts['system']}, Python {facts['python']}; {versions}. "
        f"Measured {facts['date']} (1-minute load average at the start: "
        f"{facts['load_average']})."
    )


def mib(value: int) -> str:
    return f"{value / 2**20:,.0f} MiB"


def scale_factor() -> float:
    """BENCH_SCALE (default 1): the fraction of the full benchmark sizes to run."""
    text = os.environ.get("BENCH_SCALE", "1")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"BENCH_SCALE={text!r}: expected a number such as 1 or 0.01") from None
    if not 0 < value <= 10:
        raise ValueError(f"BENCH_SCALE={text!r}: expected a number above 0 and at most 10")
    return value
