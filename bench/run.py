"""``python -m bench.run`` (``make bench``): run every benchmark and assemble bench/RESULTS.md.

Every module ``bench/bench_<name>.py`` is imported in name order and its
``main(out_dir)`` called; it writes ``out_dir/<name>.md``. RESULTS.md is then made of all
sections in ``bench/results/`` (also those of benchmarks not run this time, so a partial
run keeps the older figures, each with its own date). ``python -m bench.run import``
runs only the named benchmarks.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS_DIR = BENCH / "results"
RESULTS_FILE = BENCH / "RESULTS.md"

HEADER = """# Benchmark results

Made by `make bench` (`python -m bench.run`); each section is written by one
`bench/bench_<name>.py` and carries its own date and machine. Do not edit by hand.
"""


def benchmark_names() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in BENCH.glob("bench_*.py"))


def assemble(results_dir: Path = RESULTS_DIR, target: Path = RESULTS_FILE) -> Path:
    sections = [p.read_text(encoding="utf-8").strip() for p in sorted(results_dir.glob("*.md"))]
    target.write_text(HEADER + "\n" + "\n\n".join(sections) + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    names = list(argv if argv is not None else sys.argv[1:]) or benchmark_names()
    unknown = [n for n in names if n not in benchmark_names()]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(benchmark_names())}")
        return 2
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    failed = []
    for name in names:
        print(f"== bench {name}", flush=True)
        module = importlib.import_module(f"bench.bench_{name}")
        try:
            module.main(RESULTS_DIR)
        except Exception as exc:  # one failing benchmark must not hide the others' figures
            print(f"bench {name} failed: {exc!r}", flush=True)
            failed.append(name)
    written = assemble()
    print(f"wrote {written}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
