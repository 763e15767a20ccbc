"""Meetlat's benchmarks: ``python -m bench.run`` (``make bench``) runs every ``bench_*.py``.

Each module ``bench/bench_<name>.py`` has ``main(out_dir)``, which measures and writes its
section to ``out_dir/<name>.md``; ``bench.run`` then assembles ``bench/RESULTS.md`` from
those sections. ``bench.harness`` runs a contestant in its own process (wall time and
peak memory of that process) and describes the machine. BENCH_SCALE shrinks every
benchmark for a quick run (e.g. ``BENCH_SCALE=0.01 make bench``).
"""
