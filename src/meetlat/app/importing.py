"""Importing export files into the archive and the warehouse, then updating the facts.

The facts policy: after an import that added anything the measurement facts are brought
up to date at once (so the next measurement is fast), unless the caller leaves that to
the next measurement (``update_facts=False``, for scripts importing many files one by
one). A failure to update them does not undo the import (see app.facts).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from meetlat.app.facts import FactsUpdate, update_facts
from meetlat.importer import (
    COMPLETE,
    NOTHING,
    PARTIAL,
    ImportInterrupted,
    ImportProgress,
    ImportSummary,
    SourceMissing,
    UnknownFormat,
    import_paths,
)
from meetlat.importer.spark import SparkUnsupported, import_paths_spark
from meetlat.importer.worker import WorkerFailed
from meetlat.platforms.catalog import readers
from meetlat.warehouse.recovery import WarehouseBusy
from meetlat.workspace import Workspace

__all__ = [
    "COMPLETE",
    "NOTHING",
    "PARTIAL",
    "ImportInterrupted",
    "ImportProgress",
    "ImportResult",
    "SourceMissing",
    "SparkUnsupported",
    "UnknownFormat",
    "WarehouseBusy",
    "WorkerFailed",
    "ENGINES",
    "formats",
    "import_files",
]

# who reads the files: duckdb, the embedded import (this process and its workers, DuckDB
# deciding the duplicates), or a Spark job (then the same finishing)
ENGINES = ("duckdb", "spark")


def formats() -> tuple[str, ...]:
    """The formats an import can be told: auto (each file recognised) and every reader's."""
    return ("auto", *readers.names())


@dataclass(frozen=True)
class ImportResult:
    summary: ImportSummary
    facts: FactsUpdate | None  # None: left to the next measurement


def import_files(
    ws: Workspace,
    paths: Sequence[Path],
    format: str = "auto",
    progress: ImportProgress | None = None,
    update: bool = True,
    facts_starting: Callable[[], None] | None = None,
    engine: str = "duckdb",
    master: str | None = None,
) -> ImportResult:
    """Import ``paths`` (files and folders, .gz, .zip) with reader ``format`` ("auto":
    detected per file); then, when ``update`` and a file was imported, update the
    measurement facts. ``result.summary.outcome()``: COMPLETE, PARTIAL or NOTHING.

    ``engine="spark"``: the files are read by a Spark job (local mode, or the cluster at
    ``master``) writing the same warehouse rows; only uncompressed X API v2 JSON lines
    (``meetlat.importer.spark``), anything else raises SparkUnsupported."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: expected one of {ENGINES}")
    if engine == "spark":
        summary = import_paths_spark(ws, list(paths), format=format, progress=progress,
                                     master=master)  # fmt: skip
    else:
        summary = import_paths(ws, list(paths), format=format, progress=progress)
    facts = update_facts(ws, starting=facts_starting) if update and summary.files else None
    return ImportResult(summary, facts)
