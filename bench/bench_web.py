"""Load benchmark of the web application (issue 10 §8): 200 simulated respondents, each
opening the questionnaire and autosaving every answer with think time, against
``meetlat serve`` (gunicorn) over loopback, bounded to 2 minutes; then a check that every
acknowledged save is stored exactly once with its last value. Once on PostgreSQL (a
throwaway cluster from .ci/postgres, or MEETLAT_DATABASE_URL), once on SQLite.

Targets: autosave p95 under 300 ms, 0 lost or duplicated answers, 0 server errors; on
SQLite a "database is locked" must end in a retry or a clear error, never a lost answer.
Not a test (timings belong here): ``python -m bench.run web``.
"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.harness import REPO, TreeSampler, machine, machine_markdown
from bench.webload import run

RESPONDENTS = int(os.environ.get("BENCH_WEB_RESPONDENTS", "200"))
SECONDS = float(os.environ.get("BENCH_WEB_SECONDS", "120"))
THINK = (1.0, 4.0)  # seconds between two answers of one respondent
WORKERS = 3


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _questions() -> list[tuple[str, list[str]]]:
    sys.path.insert(0, str(REPO / "src"))
    from meetlat.survey import edition

    chosen = edition.load("2014")
    found = []
    for question in chosen.questions:
        if question.aspect is None or question.type == "text":
            continue
        found.append((question.id, [str(v) for v in question.allowed()]))
    return found


def _env(home: Path, database_url: str, base: str) -> dict:
    env = {**os.environ, "MEETLAT_HOME": str(home), "MEETLAT_DATABASE_URL": database_url}
    env.update({"MEETLAT_BASE_URL": base, "MEETLAT_LANG": "nl", "PYTHONPATH": str(REPO / "src")})
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _stored(home: Path, database_url: str) -> list[tuple[str, str, object]]:
    query = (
        "SELECT q.municipality_code, a.question_id, a.value FROM meetlat_answer a "
        "JOIN meetlat_questionnaire q ON q.id = a.questionnaire_id"
    )
    if database_url:
        import psycopg

        with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as db:
            rows = db.execute(query).fetchall()
        return [(c, q, v) for c, q, v in rows]
    with sqlite3.connect(home / "web.sqlite3") as db:
        return [(c, q, json.loads(v) if v is not None else None) for c, q, v in db.execute(query)]


def one_run(label: str, database_url: str) -> dict:
    home = Path(tempfile.mkdtemp(prefix="meetlat-bench-web-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = _env(home, database_url, base)
    meetlat = [sys.executable, "-m", "meetlat.cli.main"]
    subprocess.run([*meetlat, "init"], env=env, check=True, capture_output=True)
    links_file = home / "links.csv"
    subprocess.run(
        [*meetlat, "survey", "invite", "--expires", "2099-12-31", "--out", str(links_file)],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    links = [(r["code"], r["link"]) for r in csv.DictReader(links_file.open())][:RESPONDENTS]
    log = (home / "server.log").open("w")
    server = subprocess.Popen(
        [*meetlat, "serve", "--port", str(port), "--workers", str(WORKERS)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"{label}: the server did not start") from None
                time.sleep(0.3)
        sampler = TreeSampler(server.pid)
        sampler.start()
        began = time.perf_counter()
        cpu_before = _tree_cpu(server.pid)
        stats = asyncio.run(run(base, links, _questions(), SECONDS, THINK))
        elapsed = time.perf_counter() - began
        cpu = _tree_cpu(server.pid) - cpu_before
        sampler.stop()
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        log.close()
    stored = _stored(home, database_url)
    keys = [(c, q) for c, q, _v in stored]
    by_key = {(c, q): v for c, q, v in stored}
    lost = [k for k, value in stats.acknowledged.items() if str(by_key.get(k)) != value]
    duplicated = len(keys) - len(set(keys))
    latencies = sorted(stats.latencies)

    def pct(p: float) -> float:
        return (
            latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else 0.0
        )

    server_errors = sum(n for status, n in stats.statuses.items() if status >= 500)
    return {
        "label": label,
        "respondents": len(links),
        "seconds": round(elapsed, 1),
        "saves": len(latencies),
        "per_second": round(len(latencies) / elapsed, 1),
        "p50": round(pct(0.50), 1),
        "p95": round(pct(0.95), 1),
        "p99": round(pct(0.99), 1),
        "statuses": dict(sorted(stats.statuses.items())),
        "acknowledged": len(stats.acknowledged),
        "lost": len(lost),
        "duplicated": duplicated,
        "server_errors": server_errors,
        "locked": stats.locked,
        "client_errors": stats.errors[:5],
        "server_cpu_seconds": round(cpu, 1),
        "peak_tree_rss_mib": round(sampler.peak / 2**20),
    }


def _tree_cpu(pid: int) -> float:
    """User + system seconds of ``pid`` and its children (the gunicorn workers)."""
    from bench.harness import _children

    tree, total, todo = _children(), 0.0, [pid]
    tick = os.sysconf("SC_CLK_TCK")
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_bytes().rsplit(b")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(tree.get(current, ()))
    return total


def _postgres() -> tuple[str, bool]:
    if os.environ.get("MEETLAT_DATABASE_URL"):
        return os.environ["MEETLAT_DATABASE_URL"], False
    env = {**os.environ, "PGPORT_MEETLAT": "54339", "PGDIR_MEETLAT": "/tmp/meetlat-bench-postgres"}
    url = subprocess.run(
        [str(REPO / ".ci/postgres")], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    return url, True


def main(out_dir: Path) -> None:
    facts = machine()
    url, started = _postgres()
    try:
        results = [one_run("PostgreSQL", url)]
    finally:
        if started:
            env = {
                **os.environ,
                "PGPORT_MEETLAT": "54339",
                "PGDIR_MEETLAT": "/tmp/meetlat-bench-postgres",
            }
            subprocess.run([str(REPO / ".ci/postgres"), "stop"], env=env)
    results.append(one_run("SQLite", ""))
    lines = [
        "## Web application under load (bench_web)",
        "",
        machine_markdown(facts),
        "",
        f"{RESPONDENTS} simulated respondents, each its own municipality and connection, open "
        f"their invitation link and the two aspect pages, then autosave answers as htmx does "
        f"with {THINK[0]:g}–{THINK[1]:g} s think time (and change five answers again), "
        f"for at most {SECONDS:g} s, against `meetlat serve` ({WORKERS} gunicorn workers, "
        "4 threads each) over loopback on this 2-core machine, the load generator "
        "(asyncio, one process) beside it. Afterwards every save the server acknowledged is "
        "looked up in the database. Memory: the server's process tree, peak of the sum.",
        "",
        "| database | saves | saves/s | p50 ms | p95 ms | p99 ms | lost | duplicated | server errors | locked | server CPU s | server memory |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['label']} | {r['saves']} | {r['per_second']} | {r['p50']} | {r['p95']} | {r['p99']} | "
            f"{r['lost']} | {r['duplicated']} | {r['server_errors']} | {r['locked']} | "
            f"{r['server_cpu_seconds']} | {r['peak_tree_rss_mib']} MiB |"
        )
    lines += ["", "Statuses and client-side problems per run:", ""]
    for r in results:
        lines.append(
            f"- {r['label']}: statuses {r['statuses']}, acknowledged answers {r['acknowledged']}, client errors {r['client_errors'] or 'none'}"
        )
    (out_dir / "web.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=1))
