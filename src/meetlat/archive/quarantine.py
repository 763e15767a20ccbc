"""The quarantine: records set aside by an import, with their reason and exact bytes.

``<workspace>/archive/quarantine/<import-id>.parquet`` holds, per import of a file, one
row per record that could not become canonical rows: ``import_id``, ``file`` (the name
it was imported under), ``source_file`` (sha256 of the archived file), ``line``, ``item``,
``reason``, ``record_hash`` and ``raw`` (the record's bytes). Importing the same file
again sets the same records aside again; listing shows each record once.
"""

from __future__ import annotations

from pathlib import Path

QUARANTINE_DIR = "quarantine"


def quarantine_dir(archive: Path) -> Path:
    return archive / QUARANTINE_DIR


def files(archive: Path) -> list[Path]:
    folder = quarantine_dir(archive)
    return sorted(folder.glob("*.parquet")) if folder.exists() else []


def records(archive: Path) -> list[dict]:
    """Every quarantined record once (first import first), ordered by file, line and item."""
    found = files(archive)
    if not found:
        return []
    import duckdb

    paths = "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in found) + "]"
    con = duckdb.connect()
    try:
        result = con.execute(
            "SELECT file, line, item, reason, record_hash, source_file, import_id, raw "
            f"FROM read_parquet({paths}) "
            "QUALIFY row_number() OVER (PARTITION BY source_file, file, line, item "
            "ORDER BY import_id) = 1 "
            "ORDER BY file, line, item NULLS FIRST"
        )
        columns = [c[0] for c in result.description]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
    finally:
        con.close()


def counts_per_file(archive: Path) -> list[tuple[str, int]]:
    totals: dict[str, int] = {}
    for row in records(archive):
        totals[row["file"]] = totals.get(row["file"], 0) + 1
    return sorted(totals.items())
