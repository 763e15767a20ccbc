"""Values written into DuckDB SQL text (file names in COPY, ATTACH and read_parquet)."""

from __future__ import annotations

from pathlib import Path


def sql_string(value: str | Path) -> str:
    """``value`` (a str or path) as a DuckDB string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_list(values) -> str:
    """Strings or paths as a DuckDB list literal, e.g. for read_parquet([...])."""
    return "[" + ", ".join(sql_string(v) for v in values) + "]"
