"""Benchmark of the reports (issue 11 §10): the national report (HTML and PDF) and all 400
municipality reports on the measurement benchmark's workspace (5 million posts, 400
municipalities), beside the measurement they contain.

``main(out_dir)`` prepares (or reuses) the workspace of bench/measure/prepare.py (kept in
BENCH_CACHE, default the system's temporary folder, never in the repository), adds
synthetic questionnaire answers (bench/reports/fill_survey.py), then runs each command in
its own process through bench.harness.run_child (wall time, CPU, summed memory of the
process tree) and writes ``out_dir/reports.md``. Also runnable on its own:
``python -m bench.bench_reports``. Environment:

- BENCH_SCALE (default 1): fraction of the full size, e.g. 0.01 for a quick run;
- BENCH_REPEAT (default 2): timed runs of the national baseline and of the national
  report in each format (interleaved; the best counts, all are listed);
- BENCH_CACHE: the folder of the prepared workspaces.

The baselines are the measurements the reports contain, on the same workspace in the same
run: ``meetlat national --json`` (every figure of the national report's measurement) for
the national report, and ``meetlat measure --json`` of the period (every account's
indicators) for the municipality reports. One untimed ``national --json`` runs first, so
no timed run pays for compiling the measurement's plans or for a cold page cache.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
NAME = "reports"
PERIOD = "2014Q2"
FROM, TO = "2014-04-01", "2014-06-30"
EDITION = "2014"
GENERATED = "2014-09-01T12:00Z"
TARGET_NATIONAL_SECONDS = 60.0


def _count(variable: str, default: int) -> int:
    text = os.environ.get(variable, str(default))
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{variable}={text!r}: expected a whole number of at least 1")
    return int(text)


def cache_folder() -> Path:
    text = os.environ.get("BENCH_CACHE")
    return Path(text) if text else Path(tempfile.gettempdir()) / "meetlat-bench"


def commands(out: Path) -> dict[str, list[str]]:
    """The timed commands by contestant name (arguments of ``python -m meetlat.cli.main``)."""
    report = ["--period", PERIOD, "--edition", EDITION, "--generated-at", GENERATED]
    return {
        "national-json": ["national", "--period", PERIOD, "--json"],
        "measure-json": ["measure", "--from", FROM, "--to", TO, "--json"],
        "national-html": ["report", "national", *report, "--format", "html",
                          "--out", out / "landelijk.html"],
        "national-pdf": ["report", "national", *report, "--format", "pdf",
                         "--out", out / "landelijk.pdf"],
        "municipality-all": ["report", "municipality", "--all", *report, "--format", "html",
                             "--out", out / "gemeenten"],
    }  # fmt: skip


def run_all(home: Path, runs_dir: Path, repeat: int, say=print) -> dict[str, list]:
    from bench.harness import run_child

    env = dict(os.environ, MEETLAT_HOME=str(home), MEETLAT_LANG="nl")
    todo = commands(runs_dir / "out")
    (runs_dir / "out").mkdir(parents=True, exist_ok=True)
    runs: dict[str, list] = {name: [] for name in todo}
    runs["warm-up"] = []

    def one(name: str, label: str, args: list) -> None:
        done = run_child(label, "meetlat.cli.main", args, runs_dir, env=env)
        runs[name].append(done)
        say(
            f"{label}: {done.seconds:.1f} s, summed peak {done.peak_tree_rss_bytes / 2**20:,.0f} MiB"
        )

    one("warm-up", "warm-up", todo["national-json"])
    for number in range(1, repeat + 1):
        for name in ("national-json", "national-html", "national-pdf"):
            one(name, f"{name}-{number}", todo[name])
    one("measure-json", "measure-json-1", todo["measure-json"])
    one("municipality-all", "municipality-all-1", todo["municipality-all"])
    return runs


def check_output(runs_dir: Path) -> dict:
    """What the runs wrote: sizes, and the number of municipality reports."""
    out = runs_dir / "out"
    reports = sorted((out / "gemeenten").glob("GM*.html"))
    return {
        "html_bytes": (out / "landelijk.html").stat().st_size,
        "pdf_bytes": (out / "landelijk.pdf").stat().st_size,
        "municipality_reports": len(reports),
        "municipality_bytes": sum(p.stat().st_size for p in reports),
    }


def _best(runs) -> float:
    return min(r.seconds for r in runs)


def _fastest(runs):
    return min(runs, key=lambda r: r.seconds)


def _row(label: str, runs) -> str:
    from bench.harness import mib

    fastest = _fastest(runs)
    loads = [r.load_before for r in runs]
    times = ", ".join(f"{r.seconds:.1f}" for r in runs)
    return (
        f"| {label} | {_best(runs):.1f} | {fastest.cpu_seconds:.1f} "
        f"| {statistics.median(r.seconds for r in runs):.1f} | {times} "
        f"| {mib(max(r.peak_tree_rss_bytes for r in runs))} "
        f"| {min(loads):.1f}–{max(loads):.1f} |"
    )


def write(path: Path, scale, facts: dict, runs: dict, output: dict, notes: list[str]) -> Path:
    from bench.harness import machine, machine_markdown

    info = machine()
    national, html, pdf = (_best(runs[k]) for k in ("national-json", "national-html",
                                                     "national-pdf"))  # fmt: skip
    measure, every = _best(runs["measure-json"]), _best(runs["municipality-all"])
    count = output["municipality_reports"]
    met = max(html, pdf) < TARGET_NATIONAL_SECONDS
    lines = [
        "## Reports (issue 11 §10)",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m bench.bench_reports` "
        f"(BENCH_SCALE={scale.factor:g}).",
        "",
        machine_markdown(info),
        "The machine is shared with other work: the load at the start of each run is in the "
        "table (2 cores: a load above 2 means the runs waited for the CPU).",
        "",
        "### Data",
        "",
        f"- the measurement benchmark's workspace (bench/measure/prepare.py): `meetlat synth "
        f"--format x-v2`, {scale.posts:,} posts asked, {scale.municipalities} "
        f"municipalities, {scale.start} … {scale.end}; {facts.get('warehouse_posts', 0):,} "
        f"posts in the warehouse, {facts.get('registry_accounts', 0)} registry accounts",
        f"- synthetic answers to questionnaire edition {EDITION} for every registry "
        "municipality (bench/reports/fill_survey.py, as `make demo` makes them)",
        "- preparing is not timed; the workspace lives in BENCH_CACHE (a temporary folder), "
        "not in the repository",
        "",
        "### Method",
        "",
        "Each command runs in its own process (`python -m meetlat.cli.main …`, "
        f"MEETLAT_LANG=nl) on the same workspace, period {PERIOD} ({FROM} … {TO}), edition "
        f"{EDITION}, `--generated-at {GENERATED}`. Wall time; CPU = user + system time of "
        "the process; memory = the largest sum of the resident memory of the process and "
        "all its children (sampled every 50 ms from /proc, bench/harness.py), so "
        "WeasyPrint's and vl-convert's work is counted. One untimed `national --json` runs "
        "first (compiles the measurement's plans, warms the page cache); then the national "
        "baseline, HTML and PDF runs are interleaved; `measure --json` and `report "
        "municipality --all` run once.",
        "",
        "Baselines, the measurement the reports contain: `meetlat national --period "
        f"{PERIOD} --json` (the national figures; the national report gathers these and "
        "more: rankings, word use, survey) and `meetlat measure --json` of the period "
        "(every account's indicators, which each municipality report shows for its own).",
        "",
        "### Times",
        "",
        "| command | best s | CPU s (best run) | median s | runs s | summed peak memory "
        "| load at start |",
        "|---|---:|---:|---:|---|---:|---|",
        _row(f"(b) baseline: `national --period {PERIOD} --json`", runs["national-json"]),
        _row("(h) `report national --format html`", runs["national-html"]),
        _row("(p) `report national --format pdf`", runs["national-pdf"]),
        _row(f"(m) baseline: `measure --from {FROM} --to {TO} --json`", runs["measure-json"]),
        _row(
            f"(a) `report municipality --all` (HTML, {count} reports)", runs["municipality-all"]
        ),  # fmt: skip
        _row("(w) warm-up `national --json` (untimed in the ratios)", runs["warm-up"]),
        "",
        f"Written: national HTML {output['html_bytes'] / 2**20:.1f} MiB, PDF "
        f"{output['pdf_bytes'] / 2**20:.1f} MiB; {count} municipality reports, "
        f"{output['municipality_bytes'] / 2**20:.0f} MiB together.",
        "",
        "### Ratios and target",
        "",
        f"- national report HTML / baseline (h/b): {html / national:.2f}; PDF (p/b): "
        f"{pdf / national:.2f}; the PDF costs {pdf - html:+.1f} s beside the HTML",
        f"- all municipality reports / their measurement (a/m): {every / measure:.1f}; "
        f"per report {every / max(count, 1):.2f} s",
        f"- target, the national report under {TARGET_NATIONAL_SECONDS:.0f} s on this "
        f"machine: HTML {html:.1f} s, PDF {pdf:.1f} s: {'**met**' if met else '**missed**'}",
    ]
    if notes:
        lines += ["", "### Notes", "", *[f"- {n}" for n in notes]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


NOTES = [
    "`report municipality --all` gathered its shared figures once but, before this "
    "benchmark, asked the warehouse again for every municipality: its activity, its words "
    "and hashtags, and its assessment (whose signals scan a year of posts and which the "
    "report does not show). Profiled with cProfile at 5M posts under a load of ~15: ~37 s "
    "a report, 96 % of it in those queries (words 41 %, assessment 37 %, activity 18 %), "
    "i.e. about 4 hours for 400. They are now "
    "gathered for every municipality in one pass (indicators.activity.by_municipality, "
    "indicators.words.by_municipality, assess_all without signals); the same figures "
    "(tests/reports/test_municipality_report_gathered.py) and the same bytes. What is left "
    "per report is mostly rendering its four charts with vl-convert (75 % of a report's "
    "build in the same profile afterwards).",
    "The national report measured its corporate and council accounts twice (once for the "
    "national figures, once more for the Verantwoording); it now uses the first "
    "measurement. A profile of its build at 5M posts (CPU seconds, under load): word use "
    "13.1 of 20.1, the activity grid 5.0, the survey summary 0.8, the national figures "
    "0.7, the rankings 0.6; the word count's regular expressions over every post's text "
    "are what is left (counting distinct words before filtering them was tried: the same "
    "figures, no faster).",
]


def main(out_dir: Path | None = None) -> Path:
    """The harness' entry point: run at BENCH_SCALE and write ``out_dir/reports.md``."""
    from bench.harness import run_child
    from bench.measure import prepare
    from bench.measure.scale import from_environment

    scale = from_environment()
    prepared = prepare.prepared_workspace(scale, cache_folder())
    runs_dir = prepared.folder / "runs" / f"reports-{datetime.now(UTC):%Y%m%dT%H%M%S}"
    env = dict(os.environ, MEETLAT_HOME=str(prepared.workspace))
    filled = run_child("fill-survey", "bench.reports.fill_survey", [], runs_dir, env=env)
    print(f"survey: {filled.stdout.strip()}", flush=True)
    runs = run_all(prepared.workspace, runs_dir, _count("BENCH_REPEAT", 2))
    output = check_output(runs_dir)
    path = write(Path(out_dir or RESULTS) / f"{NAME}.md", scale, prepared.facts, runs, output,
                 NOTES)  # fmt: skip
    print(f"written: {path}")
    return path


if __name__ == "__main__":
    written = main()
    sys.stdout.write(written.read_text(encoding="utf-8"))
