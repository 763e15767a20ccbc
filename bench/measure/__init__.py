"""The measurement benchmark (issue 3 §7): Meetlat's measure + rank against a hand-written
DuckDB query (the floor) and a straightforward pandas script, over the same warehouse.

- ``scale``: the benchmark's size (5 million posts, 400 municipalities, 2014) and BENCH_SCALE;
- ``prepare``: synthetic data made by ``meetlat synth``, imported into a cached workspace;
- ``floor``, ``naive``, ``meetlat_run``: the three contestants, each a ``python -m`` program;
- ``profile``: the time of each indicator source of Meetlat on its own;
- ``agreement``: checks the three give the same figures per account;
- ``report``: writes bench/results/measure.md.
"""
