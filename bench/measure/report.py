"""bench/results/measure.md: the machine, the scale, the times, the ratios and the targets."""

from __future__ import annotations

import statistics
from datetime import UTC, datetime
from pathlib import Path

GIB = 1 << 30
TARGET_FLOOR_RATIO = 2.0  # Meetlat at most 2x the hand-written DuckDB query
TARGET_PANDAS_RATIO = 10.0  # Meetlat at least 10x faster than pandas
TARGET_PEAK_BYTES = 4 * GIB


def best(runs) -> float:
    return min(r.seconds for r in runs)


def peak(runs) -> int:
    return max(r.peak_rss_bytes for r in runs)


def verdicts(runs: dict) -> dict:
    m, a, b = best(runs["meetlat"]), best(runs["floor"]), best(runs["pandas"])
    return {
        "m_over_a": m / a,
        "b_over_m": b / m,
        "within_floor": m / a <= TARGET_FLOOR_RATIO,
        "faster_than_pandas": b / m >= TARGET_PANDAS_RATIO,
        "memory": peak(runs["meetlat"]) < TARGET_PEAK_BYTES,
    }


def _yes(flag: bool) -> str:
    return "**met**" if flag else "**missed**"


def _row(label: str, runs) -> str:
    times = sorted(r.seconds for r in runs)
    fastest = min(runs, key=lambda r: r.seconds)
    loads = [r.load_before for r in runs]
    return (
        f"| {label} | {best(runs):.2f} | {fastest.cpu_seconds:.2f} "
        f"| {statistics.median(times):.2f} | {len(runs)} "
        f"| {peak(runs) / GIB:.2f} | {min(loads):.1f}–{max(loads):.1f} |"
    )


def write(
    path: Path, scale, facts: dict, runs: dict, agreements: dict, phases: dict, profile: dict
) -> str:
    from bench.harness import machine

    info = machine()
    versions = ", ".join(f"{k} {v}" for k, v in info["versions"].items())
    v = verdicts(runs)
    lines = [
        "## Measurement (issue 3 §7)",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m bench.bench_measure`"
        f" (BENCH_SCALE={scale.factor:g}).",
        "",
        "### Machine",
        "",
        f"- {info['cpu']}, {info['cpus']} cores (nproc), {info['memory_gib']} GiB RAM, "
        f"{info['system']}",
        f"- Python {info['python']}; {versions}",
        f"- The machine is shared with other work: 1-minute load average {info['load_average']}"
        f" at the end; the load at the start of each run is in the table ({info['cpus']} cores:",
        "  a load above that means the contestants waited for the CPU; CPU s is the",
        "  fastest run's user + system time).",
        "",
        "### Data",
        "",
        f"- `meetlat synth --format x-v2`: {scale.posts:,} posts asked, "
        f"{scale.municipalities} municipalities, {scale.start} … {scale.end}",
        f"- imported into a fresh workspace: {facts.get('warehouse_posts', 0):,} posts in the "
        f"warehouse ({facts.get('warehouse_post_files', 0)} Parquet files, "
        f"{facts.get('warehouse_post_bytes', 0) / (1 << 20):,.0f} MiB), "
        f"{facts.get('registry_accounts', 0)} registry accounts",
        f"- import summary: {facts.get('import', {})}",
        "- data preparation (synth and import) is not timed; the workspace is cached under"
        " bench/out/ per scale.",
        "",
        "### Times (each run in its own process; wall time and peak RSS of that process)",
        "",
        "| contestant | best s | CPU s | median s | runs | peak RSS GiB | load at start |",
        "|---|---:|---:|---:|---:|---:|---|",
        _row("(m) Meetlat: measure (every registry account) + corporate rank", runs["meetlat"]),
        _row("(a) floor: one hand-written DuckDB SQL query", runs["floor"]),
        _row("(b) pandas: read_parquet, merge, groupby", runs["pandas"]),
        _row("(f) Meetlat facts rebuild (part of an import; not in (m))", runs["facts"]),
        "",
        "Meetlat runs in order (all find the facts and plans that (f) made): "
        + ", ".join(f"{r.seconds:.2f} s" for r in runs["meetlat"]),
        "",
        f"Meetlat inside its process (best run): {phases}",
        "",
        "### Targets",
        "",
        f"- m/a = {v['m_over_a']:.2f} (target ≤ {TARGET_FLOOR_RATIO:g}): {_yes(v['within_floor'])}",
        f"- b/m = {v['b_over_m']:.1f} (target ≥ {TARGET_PANDAS_RATIO:g}): "
        f"{_yes(v['faster_than_pandas'])}",
        f"- Meetlat peak RSS {peak(runs['meetlat']) / GIB:.2f} GiB (target < 4 GiB): "
        f"{_yes(v['memory'])}",
        "",
        "### Same figures?",
        "",
        "posts_sent, replies_sent, replies_timed (equal), interaction_pct and "
        "reaction_time_mean_min (within 1e-9 relative; reaction time also within 1e-4 min,",
        "as Meetlat works in whole milliseconds) per registry account:",
        "",
    ]
    for name, agreement in agreements.items():
        verdict = "agree" if agreement.ok else "DISAGREE"
        lines.append(f"- {name}: {agreement.accounts} accounts, {verdict}")
        lines += [f"  - {p}" for p in agreement.problems]
    if profile:
        lines += [
            "",
            "### Where Meetlat's time goes (a target was missed)",
            "",
            "`bench/measure/profile.py`, one process: each step of a DuckDB measurement over"
            " the facts, timed in turn:",
            "",
            "| step | s |",
            "|---|---:|",
        ]
        lines += [f"| {step} | {seconds:.2f} |" for step, seconds in profile.items()]
    lines += [
        "",
        "### Method",
        "",
        "- (m) `bench/measure/meetlat_run.py`: `meetlat.indicators.service.measure()` over every"
        " registry account for the year (all indicators: posts, interaction, 24/7 and office-hour"
        " reaction times, reach, inbound questions), then `ranking.rank.composite()` of the"
        " corporate accounts — what `meetlat measure --out` plus `meetlat rank --json` compute,"
        " measured once; Python start-up and imports included.",
        "- (m) measures from the *measurement facts* (docs/adr/0003-measurement-facts.md):"
        " the indicator sources computed once over all stored days and kept in a DuckDB file,"
        " rebuilt by `meetlat import` / `meetlat accounts import` (or by the next `measure`)"
        " whenever the warehouse, registry, office hours or indicator code changed. (f) is"
        " that rebuild from nothing, timed on its own in its own process; it is work an"
        " import does, so it is not part of (m). The query (m) runs is compiled from the"
        " Ibis expressions once per shape and kept with the facts; (f) compiles them, as an"
        " import does, so the first (m) run finds them ready.",
        "- (a) `bench/measure/floor.py`: one SQL query over the same Parquet files: registry →"
        " account ids (accounts table) → posts of the period → left join of replies with the"
        " answered posts → interaction_pct and the mean 24/7 reaction time.",
        "- (b) `bench/measure/naive.py`: pandas `read_parquet` of the needed columns of every"
        " file, merges and `groupby`, as a researcher would write it.",
        "- The answered post's time comes from the data, or else from its X snowflake id (both"
        " baselines follow Meetlat's definition, so the figures can be compared).",
        "- The floor and Meetlat run several times, interleaved (best time counts); pandas runs"
        " once unless BENCH_PANDAS_REPEAT says otherwise.",
        "",
    ]
    text = "\n".join(lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text
