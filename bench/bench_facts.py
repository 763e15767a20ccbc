"""Benchmark of a small import (issue: incremental facts): 1,000 new posts (X v2, ``meetlat
synth``) imported into the measurement benchmark's warehouse (5.6 million posts, made and
cached by bench/measure/prepare.py), timed in total as ``meetlat import`` does it: the
import (``import_paths``) plus the facts refresh (``facts.refresh``, an update of the days
the import touched). Beside it, in the same run, the baseline: the same import followed by
a full facts rebuild (as before incremental facts). Each contestant gets its own copy of
the cached workspace (hard links for the files an import never changes), so the cache
stays clean. Both copies must give the same measurement afterwards.

The 1,000 posts are synthetic pages of the last days of the benchmark's year with the
benchmark's municipalities and seed; the authors that the warehouse already knows get the
account ids it has for their handles (synth draws ids anew for another number of posts,
and a known handle under a new account id would, rightly, rebuild the facts).

Environment: BENCH_SCALE (as bench_measure), BENCH_CACHE (the folder of the cached
workspaces; default bench/out), BENCH_REPEAT (runs of the update, default 3; the
rebuild runs once), BENCH_SMALL_POSTS (default 1000).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
NAME = "facts"
TARGET_SECONDS = 2.0


def _count(variable: str, default: int) -> int:
    text = os.environ.get(variable, str(default))
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{variable}={text!r}: expected a whole number of at least 1")
    return int(text)


def copy_workspace(source: Path, target: Path) -> None:
    """A copy of a workspace: hard links for the Parquet files and archived objects (an
    import adds such files, it never changes one), real copies of everything else (the
    archive's manifest is appended to, the facts database is read by the update)."""
    if target.exists():
        shutil.rmtree(target)
    for folder, _dirs, files in os.walk(source):
        here = Path(folder)
        out = target / here.relative_to(source)
        out.mkdir(parents=True, exist_ok=True)
        for name in files:
            path = here / name
            linked = name.endswith(".parquet") or "objects" in path.relative_to(source).parts
            if linked:
                os.link(path, out / name)
            else:
                shutil.copy2(path, out / name)


def known_ids(warehouse: Path) -> dict[str, str]:
    """Lower-case handle → account id of the X accounts in the warehouse."""
    import duckdb

    files = sorted(str(p) for p in (warehouse / "accounts").rglob("*.parquet"))
    rows = duckdb.sql(
        "SELECT lower(handle), min(account_id) FROM read_parquet($f) "
        "WHERE platform = 'x' AND handle IS NOT NULL GROUP BY 1",
        params={"f": files},
    ).fetchall()
    return dict(rows)


def small_pages(prepared, scale, posts: int, say=print) -> Path:
    """The pages of ``posts`` new posts (cached beside the workspace), their known authors
    under the warehouse's account ids."""
    from bench.measure.prepare import _meetlat

    folder = prepared.folder / f"small-{posts}"
    pages = folder / "pages"
    if (folder / "done").exists():
        return pages
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    end = scale.end
    start = end - timedelta(days=2)
    synth = folder / "synth"
    say(f"synth: {posts} posts {start} … {end} → {synth}")
    _meetlat(
        ["synth", "--municipalities", scale.municipalities, "--posts", posts,
         "--format", "x-v2", "--start", start.isoformat(), "--end", end.isoformat(),
         "--seed", 1, "--out", synth],
        prepared.workspace, folder / "synth.log",
    )  # fmt: skip
    ids = known_ids(prepared.warehouse)
    pages.mkdir()
    for path in sorted((synth / "posts").rglob("*.jsonl")):
        text = path.read_text(encoding="utf-8")
        renamed = {}
        for line in text.splitlines():
            for user in json.loads(line).get("includes", {}).get("users", []):
                known = ids.get(user["username"].lower())
                if known is not None and known != user["id"]:
                    renamed[user["id"]] = known
        if renamed:
            pattern = re.compile('"(' + "|".join(map(re.escape, renamed)) + ')"')
            text = pattern.sub(lambda m, ids=renamed: f'"{ids[m.group(1)]}"', text)
        (pages / path.name).write_text(text, encoding="utf-8")
    shutil.rmtree(synth)
    (folder / "done").write_text("")
    return pages


def refresh_cache(prepared, say=print) -> float | None:
    """Bring the cached workspace's facts up to date with this code (not timed)."""
    from meetlat.indicators import facts

    seconds = facts.refresh(prepared.warehouse)
    if seconds is not None:
        say(f"facts of the cached workspace refreshed in {seconds:.1f} s (not timed)")
    return seconds


def run_one(prepared, pages: Path, mode: str, number: int, runs_dir: Path, keep: bool):
    """Copy the workspace, import and refresh/rebuild in a child; returns (ChildRun, its
    JSON, the copy's folder or None when removed)."""
    from bench.harness import run_child

    copy = prepared.folder / f"copy-{mode}"
    copy_workspace(prepared.workspace, copy)
    done = run_child(
        f"{mode}-{number}", "bench.measure.small_import", [copy, pages, mode], runs_dir
    )
    result = json.loads(done.stdout)
    if not keep:
        shutil.rmtree(copy)
        copy = None
    return done, result, copy


def same_measurement(left: Path, right: Path, scale) -> str:
    """Compare the measurement (whole year, per account and per municipality)."""
    import pandas as pd

    from meetlat.indicators.service import measure

    for by in ("account", "municipality"):
        a = measure(left, scale.start, scale.end, by=by)
        b = measure(right, scale.start, scale.end, by=by)
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12, atol=1e-9)
    return f"identical ({len(a)} municipalities, per account and per municipality)"


def benchmark(scale, out_dir: Path, cache: Path, repeat: int, posts: int, say=print) -> Path:
    from bench.harness import machine, machine_markdown
    from bench.measure import prepare

    prepared = prepare.prepared_workspace(scale, cache, say=say)
    refresh_cache(prepared, say=say)
    pages = small_pages(prepared, scale, posts, say=say)
    runs_dir = prepared.folder / "runs" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S-facts")
    runs: dict[str, list] = {"update": [], "rebuild": []}
    copies = {}
    plan = ["update"] * repeat
    plan.insert(1 if repeat > 1 else 1, "rebuild")  # the baseline between the updates
    for number, mode in enumerate(plan, 1):
        last = mode == "rebuild" or number == len(plan) or mode not in plan[number:]
        done, result, copy = run_one(prepared, pages, mode, number, runs_dir, keep=last)
        if copy is not None:
            if mode in copies:
                shutil.rmtree(copies[mode], ignore_errors=True)
            copies[mode] = copy
        runs[mode].append((done, result))
        say(f"({mode}) run {number}: {result['total_seconds']:.2f} s = import "
            f"{result['import_seconds']:.2f} s + facts {result['facts_seconds']:.2f} s")  # fmt: skip
    agreement = same_measurement(copies["update"], copies["rebuild"], scale)
    for copy in copies.values():
        shutil.rmtree(copy, ignore_errors=True)
    path = Path(out_dir) / f"{NAME}.md"
    path.write_text(
        report(scale, prepared, posts, runs, agreement, machine_markdown(machine())),
        encoding="utf-8",
    )
    say(f"written: {path}")
    return path


def report(scale, prepared, posts, runs, agreement, machine_text) -> str:
    def best(mode, field):
        return min(r[field] for _, r in runs[mode])

    update, rebuild = best("update", "total_seconds"), best("rebuild", "total_seconds")
    rows = []
    for mode, label in (("update", "(u) import + facts update (Meetlat)"),
                        ("rebuild", "(r) import + full facts rebuild (before)")):  # fmt: skip
        totals = [r["total_seconds"] for _, r in runs[mode]]
        fastest = min(runs[mode], key=lambda pair: pair[1]["total_seconds"])
        rows.append(
            f"| {label} | {min(totals):.2f} | {fastest[1]['import_seconds']:.2f} | "
            f"{fastest[1]['facts_seconds']:.2f} | {fastest[0].cpu_seconds:.2f} | "
            f"{len(totals)} | {fastest[0].peak_rss_bytes / 2**30:.2f} |"
        )
    fastest_update = min(runs["update"], key=lambda pair: pair[1]["total_seconds"])[1]
    steps = fastest_update.get("update_steps", {})
    facts_ratio = best("rebuild", "facts_seconds") / max(best("update", "facts_seconds"), 1e-9)
    met = "**met**" if update < TARGET_SECONDS else "**missed**"
    counts = prepared.facts
    return "\n".join(
        [
            "## Small import into a large warehouse (incremental facts)",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m bench.bench_facts` "
            f"(BENCH_SCALE={scale.factor:g}).",
            "",
            "### Machine",
            "",
            machine_text,
            "",
            "### Data",
            "",
            f"- the measurement benchmark's workspace: {counts.get('warehouse_posts', 0):,} "
            f"posts, {counts.get('registry_accounts', 0)} registry accounts",
            f"- imported into a copy of it: {posts:,} new posts (`meetlat synth --format x-v2`,"
            f" the last three days of {scale.end.year}; known authors under the warehouse's "
            "account ids)",
            "",
            "### Times (each run in its own process; the import plus the facts, as "
            "`meetlat import` does)",
            "",
            "| contestant | best total s | import s | facts s | CPU s | runs | peak RSS GiB |",
            "|---|---:|---:|---:|---:|---:|---:|",
            *rows,
            "",
            f"- total r/u = {rebuild / update:.1f}; facts alone r/u = {facts_ratio:.1f}",
            f"- target: the update's total under {TARGET_SECONDS:g} s: {met} ({update:.2f} s)",
            f"- same figures after the update as after the rebuild: {agreement}",
            f"- the fastest update's steps (s; ``days``: the local days touched, ``posts``: "
            f"the posts computed again): {steps}",
            "",
        ]
    )


def main(out_dir: Path | None = None) -> Path:
    from bench.measure import prepare
    from bench.measure.scale import from_environment

    cache = Path(os.environ["BENCH_CACHE"]) if os.environ.get("BENCH_CACHE") else prepare.CACHE
    began = time.perf_counter()
    path = benchmark(
        from_environment(),
        Path(out_dir) if out_dir is not None else RESULTS,
        cache,
        repeat=_count("BENCH_REPEAT", 3),
        posts=_count("BENCH_SMALL_POSTS", 1000),
    )
    print(f"bench facts: {time.perf_counter() - began:.0f} s")
    return path


if __name__ == "__main__":
    written = main()
    sys.stdout.write(written.read_text(encoding="utf-8"))
