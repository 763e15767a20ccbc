"""The import run: files in, archive and warehouse out, one file at a time, all or nothing.

``import_paths(ws, paths, format="auto")`` does, for the files under ``paths``:

1. choose the reader of every file (``--format auto``: ``readers.detect`` on the first
   64 KiB of its decompressed bytes). When any file cannot be detected, nothing is
   imported at all (``UndetectableFormat``);
2. per file, under the warehouse lock, after recovery of any earlier interruption:
   keep its bytes in the archive (``meetlat.archive.store``), read its records from the
   archived copy, hash each record (sha256 of its raw bytes), set aside bad records in
   the quarantine, stage the canonical rows as Parquet in batches, decide duplicates in
   DuckDB (``meetlat.warehouse.dedupe``), and commit the stage (``Stage.commit``).

Reading (the first half, ``meetlat.importer.reading``) may run for several files at
once in worker processes when there is enough to read; finishing (the second half,
``meetlat.importer.finishing``) always happens one file at a time, in order.

A file interrupted halfway (Ctrl-C, a crash) leaves no trace in the warehouse; the files
before it stay imported.
"""

from __future__ import annotations

import os
import secrets
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from meetlat.i18n import _
from meetlat.importer.finishing import finish
from meetlat.importer.reading import DAMAGED_FILE, stage_file
from meetlat.importer.sources import Unit, expand
from meetlat.importer.summary import ImportProgress, ImportSummary
from meetlat.importer.worker import stage_in_child
from meetlat.platforms.base import Reader
from meetlat.platforms.catalog import readers
from meetlat.warehouse import layout
from meetlat.warehouse.recovery import locked, recover_locked
from meetlat.warehouse.staging import READY, forget

# Files are read by worker processes only when there is this much to read (below it,
# starting the workers costs more than it saves) and more than one file.
PARALLEL_MIN_BYTES = 32 << 20
MAX_WORKERS = 2


class UnknownFormat(ValueError):
    """``--format`` names no reader."""


class UndetectableFormat(Exception):
    """Some files match no reader; nothing was imported. ``files``: [(name, detail or None)]."""

    def __init__(self, files: list[tuple[str, str | None]], tried: list[str]):
        self.files = files
        self.tried = tried
        super().__init__(", ".join(name for name, _detail in files))


class ImportInterrupted(KeyboardInterrupt):
    """Ctrl-C during an import: ``summary`` holds the files completed before ``file``."""

    def __init__(self, summary: ImportSummary, file: str):
        self.summary = summary
        self.file = file
        super().__init__(file)


def _workspace_root(ws) -> Path:
    return Path(getattr(ws, "root", ws))


def choose_readers(units: list[Unit], format: str = "auto") -> list[type[Reader]]:
    """The reader of every unit; raises UnknownFormat or UndetectableFormat."""
    names = readers.names()
    if format != "auto":
        if format not in names:
            raise UnknownFormat(
                _("Unknown format {format}: choose one of {formats}.").format(
                    format=format, formats=", ".join(["auto", *names])
                )
            )
        return [readers.get(format)] * len(units)
    chosen, missing = [], []
    for unit in units:
        try:
            head = unit.head()
        except (OSError, *DAMAGED_FILE) as exc:
            missing.append((unit.name, str(exc)))
            continue
        reader = readers.detect(head) if head.strip() else None
        if reader is None:
            missing.append((unit.name, None if head.strip() else _("the file is empty")))
        chosen.append(reader)
    if missing:
        raise UndetectableFormat(missing, names)
    return chosen


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def _workers(units: list[Unit], chosen: list[type[Reader]], wanted: int | None) -> int:
    if wanted is not None:
        return max(1, wanted)
    if len(units) < 2 or (os.cpu_count() or 1) < 2:
        return 1
    if any(not reader.__module__.startswith("meetlat.") for reader in chosen):
        return 1  # a reader registered at run time only (tests) cannot be found by a worker
    size = sum(path.stat().st_size for path in {unit.path for unit in units})
    return MAX_WORKERS if size >= PARALLEL_MIN_BYTES else 1


def _forget_unfinished(root: Path, run_id: str) -> None:
    """Remove the stages of this run that were not committed (after Ctrl-C or an error)."""
    for folder in layout.staging_root(root / "warehouse").glob(f"{run_id}-*"):
        if not (folder / READY).exists():
            forget(folder, root)  # with the archived file it stored, when no line names it


def import_paths(
    ws,
    paths,
    format: str = "auto",
    progress: ImportProgress | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Import the files under ``paths`` into workspace ``ws``; returns an ImportSummary.

    ``workers``: processes reading files at once (default: 2 when there are several
    files and at least 32 MiB to read, else 1). Raises SourceMissing, UnknownFormat or
    UndetectableFormat before anything is imported, WarehouseBusy when another import
    runs, and ImportInterrupted on Ctrl-C.
    """
    progress = progress or ImportProgress()
    root = _workspace_root(ws)
    units = expand(paths)
    chosen = choose_readers(units, format)
    summary = ImportSummary()
    run_id = new_run_id()
    jobs = [
        (unit, reader, f"{run_id}-{number:05d}")
        for number, (unit, reader) in enumerate(zip(units, chosen, strict=True), start=1)
    ]
    with locked(root / "warehouse"):
        recover_locked(root)
        progress.start(len(units))
        count = _workers(units, chosen, workers)
        current = None
        try:
            if count == 1:
                for number, (unit, reader, import_id) in enumerate(jobs, start=1):
                    current = unit.name
                    progress.file_started(unit.name, number)
                    staged = stage_file(root, unit, reader, import_id, progress)
                    _add(summary, finish(root, staged), unit, progress)
            else:
                with ThreadPoolExecutor(count) as pool:  # each thread waits on one child
                    futures = [
                        pool.submit(stage_in_child, root, unit, reader.name, import_id)
                        for unit, reader, import_id in jobs
                    ]
                    try:
                        for number, ((unit, _r, _i), future) in enumerate(
                            zip(jobs, futures, strict=True), start=1
                        ):
                            current = unit.name
                            progress.file_started(unit.name, number)
                            staged = future.result()
                            progress.records_read(staged.records_read)
                            _add(summary, finish(root, staged), unit, progress)
                    except BaseException:
                        for future in futures:
                            future.cancel()
                        raise
        except KeyboardInterrupt as exc:
            _forget_unfinished(root, run_id)
            raise ImportInterrupted(summary, current or "") from exc
        except BaseException:
            _forget_unfinished(root, run_id)
            raise
    return summary


def _add(summary: ImportSummary, done: ImportSummary, unit: Unit, progress) -> None:
    summary.merge(done)
    progress.file_done(unit.name, done.as_dict())
