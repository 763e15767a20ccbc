"""Benchmark of the import (issue 2 §11): 1M posts in X v2 format made by `meetlat synth`.

In one run, for each size (1M posts, and 3M for the memory check), each in its own
process (``bench.harness.run_child``: wall time, CPU time, peak RSS of that process):

- synth: ``meetlat synth`` writing the data (cached between runs, timed when made);
- floor: DuckDB's own ``read_json`` over the same files, unnesting ``data[]`` and
  touching every field the import needs (the parse-only floor);
- meetlat: the whole import (``meetlat.importer.import_paths``: parse, normalise, hash,
  archive, write Parquet) into a fresh workspace.

Targets: import within 3x of the floor's time; peak memory under 1 GiB and not growing
with the input (1M against 3M). Writes ``<out_dir>/import.md``. Environment:
BENCH_SCALE (fraction of the sizes, e.g. 0.01), BENCH_CACHE (where the synthetic data
and workspaces go; default a folder in the system's temporary directory),
BENCH_PROFILE_POSTS (posts in the profiled import, default 100,000 x scale; 0 skips it).

Children: ``python -m bench.bench_import floor DIR`` / ``meetlat DIR WORKSPACE`` /
``profile DIR WORKSPACE``.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.harness import (
    ChildRun,
    machine,
    machine_markdown,
    mib,
    run_child,
    scale_factor,
)

NAME = "import"
SIZES = (1_000_000, 3_000_000)
MUNICIPALITIES = 400
SEED = 1
START, END = "2014-01-01", "2014-12-31"
MAX_OBJECT = 64 * 2**20  # bytes: a twarc2 page of 100 tweets with includes stays far below
TARGET_RATIO = 3.0
TARGET_RSS = 2**30

FLOOR_SQL = """
SELECT count(*) AS posts,
       count(DISTINCT t.id) AS ids,
       sum(length(t.text)) AS characters,
       count(t.created_at) AS times,
       count(t.author_id) AS authors,
       count(t.referenced_tweets) AS references,
       sum(t.public_metrics.like_count) AS likes
FROM (
    SELECT unnest(data) AS t
    FROM read_json('{glob}', format = 'newline_delimited', maximum_object_size = {size})
)
"""
USERS_SQL = """
SELECT sum(len(includes.users)) AS users
FROM read_json('{glob}', format = 'newline_delimited', maximum_object_size = {size})
"""


def cache_root() -> Path:
    return Path(os.environ.get("BENCH_CACHE", Path(tempfile.gettempdir()) / "meetlat-bench"))


# -- the children ---------------------------------------------------------------------


def child_floor(folder: str) -> None:
    import duckdb

    glob = str(Path(folder) / "posts" / "*.jsonl")
    con = duckdb.connect()
    row = con.sql(FLOOR_SQL.format(glob=glob, size=MAX_OBJECT)).fetchone()
    users = con.sql(USERS_SQL.format(glob=glob, size=MAX_OBJECT)).fetchone()[0]
    names = ("posts", "ids", "characters", "times", "authors", "references", "likes")
    result = dict(zip(names, row, strict=True))
    result["users"] = users
    print(json.dumps(result, default=int))


def child_meetlat(folder: str, home: str) -> None:
    from meetlat import workspace
    from meetlat.importer import import_paths

    ws = workspace.init(Path(home))
    summary = import_paths(ws, [Path(folder) / "posts"])
    print(json.dumps(summary.as_dict()))


def child_profile(folder: str, home: str) -> None:
    """The import under cProfile; prints the top functions by own time as JSON."""
    import cProfile
    import pstats

    from meetlat import workspace
    from meetlat.importer import import_paths

    ws = workspace.init(Path(home))
    profiler = cProfile.Profile()
    profiler.enable()
    import_paths(ws, [Path(folder) / "posts"])
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(entry[2] for entry in stats.stats.values())  # own time of every function
    rows = []
    for (file, line, function), (_cc, _nc, own, cumulative, _callers) in stats.stats.items():
        rows.append(
            {
                "function": f"{_short(file)}:{line}({function})",
                "own_share": own / total if total else 0,
                "own_s": own,
                "cumulative_s": cumulative,
            }
        )
    rows.sort(key=lambda r: r["own_s"], reverse=True)
    print(json.dumps({"total_s": total, "top": rows[:15]}))


def _short(file: str) -> str:
    for marker in ("/src/", "/site-packages/", "/lib/python"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


# -- the benchmark --------------------------------------------------------------------


def synthetic(posts: int, logs: Path, say) -> tuple[Path, ChildRun | None]:
    """The data set of ``posts`` posts (made by `meetlat synth` unless cached)."""
    folder = cache_root() / f"x-v2-{posts}-m{MUNICIPALITIES}-s{SEED}"
    if (folder / "SYNTHETIC.md").exists() and (folder / "accounts.csv").exists():
        say(f"synth {posts:,}: cached in {folder}")
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    run = run_child(
        f"synth-{posts}",
        "meetlat.cli.main",
        [
            "synth",
            "--municipalities",
            min(MUNICIPALITIES, 400),
            "--posts",
            posts,
            "--format",
            "x-v2",
            "--out",
            folder,
            "--seed",
            SEED,
            "--start",
            START,
            "--end",
            END,
            "--json",
        ],
        logs,
    )
    say(f"synth {posts:,}: {run.seconds:.1f} s, {posts / run.seconds:,.0f} posts/s")
    return folder, run


def measure(posts: int, logs: Path, say) -> dict:
    folder, synth_run = synthetic(posts, logs, say)
    floor = run_child(f"floor-{posts}", "bench.bench_import", ["floor", folder], logs)
    floor_result = json.loads(floor.stdout)
    say(f"floor {posts:,}: {floor.seconds:.1f} s, {mib(floor.peak_rss_bytes)}")
    home = cache_root() / f"workspace-{posts}"
    shutil.rmtree(home, ignore_errors=True)
    try:
        meetlat = run_child(
            f"meetlat-{posts}", "bench.bench_import", ["meetlat", folder, home], logs
        )
    finally:
        shutil.rmtree(home, ignore_errors=True)
    summary = json.loads(meetlat.stdout)
    say(f"meetlat {posts:,}: {meetlat.seconds:.1f} s, {mib(meetlat.peak_rss_bytes)}")
    if floor_result["posts"] != posts or summary["records_read"] != posts:
        raise RuntimeError(
            f"counts disagree: synth {posts}, floor {floor_result['posts']}, "
            f"import {summary['records_read']}"
        )
    return {
        "posts": posts,
        "synth": synth_run,
        "floor": floor,
        "floor_result": floor_result,
        "meetlat": meetlat,
        "summary": summary,
        "bytes": sum(f.stat().st_size for f in (folder / "posts").glob("*.jsonl")),
    }


def profile(posts: int, logs: Path, say) -> dict | None:
    if posts <= 0:
        return None
    folder, _run = synthetic(posts, logs, say)
    home = cache_root() / f"workspace-profile-{posts}"
    shutil.rmtree(home, ignore_errors=True)
    try:
        run = run_child(f"profile-{posts}", "bench.bench_import", ["profile", folder, home], logs)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    result = json.loads(run.stdout)
    result["posts"] = posts
    return result


def _rate(posts: int, run: ChildRun) -> str:
    return f"{posts / run.seconds:,.0f}"


def report(results: list[dict], profiled: dict | None, facts: dict, scale: float) -> str:
    lines = [
        "## Import (issue 2 §11)",
        "",
        f"X v2 pages (twarc2) made by `meetlat synth` ({MUNICIPALITIES} municipalities, "
        f"{START} .. {END}, seed {SEED}); scale {scale:g}. Each contestant in its own "
        "process; peak RSS is the largest resident memory of that process or of any process "
        "it started (not their sum), CPU time includes those processes.",
        "",
        machine_markdown(facts),
        "",
        "| posts | JSON size | synth s (posts/s) | DuckDB read_json s (posts/s) | DuckDB peak RSS "
        "| Meetlat import s (posts/s) | import CPU s | import peak RSS | import / DuckDB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        synth = r["synth"]
        synth_text = f"{synth.seconds:.1f} ({_rate(r['posts'], synth)})" if synth else "cached"
        ratio = r["meetlat"].seconds / r["floor"].seconds
        lines.append(
            f"| {r['posts']:,} | {mib(r['bytes'])} | {synth_text} "
            f"| {r['floor'].seconds:.1f} ({_rate(r['posts'], r['floor'])}) "
            f"| {mib(r['floor'].peak_rss_bytes)} "
            f"| {r['meetlat'].seconds:.1f} ({_rate(r['posts'], r['meetlat'])}) "
            f"| {r['meetlat'].cpu_seconds:.1f} | {mib(r['meetlat'].peak_rss_bytes)} "
            f"| {ratio:.1f}x |"
        )
    first = results[0]
    ratio = first["meetlat"].seconds / first["floor"].seconds
    peaks = [r["meetlat"].peak_rss_bytes for r in results]
    growth = peaks[-1] / peaks[0] if peaks[0] else 0
    memory = (
        f"- Memory target (< 1 GiB, not growing): peak {mib(max(peaks))}; "
        f"{results[-1]['posts']:,} posts use {growth:.2f}x the peak of "
        f"{first['posts']:,}: "
        f"{'met' if max(peaks) < TARGET_RSS and growth < 1.25 else 'NOT met'}."
        if len(results) > 1
        else f"- Memory target: peak {mib(max(peaks))} at {first['posts']:,} posts; "
        "the larger size was not measured (run interrupted)."
    )
    lines += [
        "",
        f"- Time target (import <= {TARGET_RATIO:g}x DuckDB at {first['posts']:,} posts): "
        f"{ratio:.1f}x, {'met' if ratio <= TARGET_RATIO else 'NOT met'}.",
        memory,
        f"- Import summary at {first['posts']:,}: "
        + json.dumps({k: v for k, v in first["summary"].items() if k not in ("problems",)}),
        "- DuckDB runs with all CPUs; the import's CPU time shows how much of its wall time "
        "it computed (the rest is waiting for I/O or for other processes).",
    ]
    if profiled:
        lines += [
            "",
            f"Hot spots of the import (cProfile, {profiled['posts']:,} posts, own time, "
            f"{profiled['total_s']:.1f} s in total under the profiler). cProfile sees only the "
            "import's own process: work the import hands to reader processes shows up as "
            "waiting (`_thread.lock.acquire`).",
            "",
            "| function | share | own s | cumulative s |",
            "|---|---:|---:|---:|",
        ]
        for row in profiled["top"]:
            lines.append(
                f"| `{row['function']}` | {100 * row['own_share']:.1f}% "
                f"| {row['own_s']:.2f} | {row['cumulative_s']:.2f} |"
            )
    return "\n".join(lines) + "\n"


def main(out_dir: Path | None = None, say=print) -> Path:
    scale = scale_factor()
    out_dir = Path(out_dir) if out_dir is not None else Path(__file__).parent / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    logs = cache_root() / "logs"
    facts = machine()
    path = out_dir / f"{NAME}.md"
    results = []
    for size in SIZES:  # the section is rewritten after every step: a cut-off run keeps figures
        results.append(measure(max(1000, int(size * scale)), logs, say))
        path.write_text(report(results, None, facts, scale), encoding="utf-8")
    profile_posts = int(os.environ.get("BENCH_PROFILE_POSTS", int(100_000 * scale)))
    profiled = profile(max(0, profile_posts), logs, say)
    path.write_text(report(results, profiled, facts, scale), encoding="utf-8")
    say(f"wrote {path}")
    return path


def _child(argv: list[str]) -> None:
    command, *args = argv
    {"floor": child_floor, "meetlat": child_meetlat, "profile": child_profile}[command](*args)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        _child(sys.argv[1:])
    else:
        main()
