"""Pieces of the report benchmark (bench/bench_reports.py)."""
