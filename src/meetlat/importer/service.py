"""The import run: files in, archive and warehouse out, one file at a time, all or nothing.

``import_paths(ws, paths, format="auto")`` does, for the files under ``paths``:

1. choose the reader of every file (``--format auto``: ``readers.detect`` on the first
   64 KiB of its decompressed bytes; a small JSON file that no reader recognises is an
   empty API page when a reader finds no records in it). A file that cannot be read,
   is empty, or is of no format a reader knows is not imported and is listed in the
   summary's ``skipped`` with the reason; the other files are imported all the same;
2. under the warehouse lock, after recovery of any earlier interruption, per file: keep
   its bytes in the archive (``meetlat.archive.store``), read its records from the
   archived copy, hash each record (sha256 of its raw bytes), set aside bad records in
   the quarantine and stage the canonical rows as Parquet in batches;
3. decide the duplicates of all staged files at once in DuckDB
   (``meetlat.warehouse.dedupe``: each file against the warehouse and the files before
   it), then commit the stages one at a time, in order (``Stage.commit``).

Reading (``meetlat.importer.reading``) may run for several files at once in worker
processes when there is enough to read; finishing (``meetlat.importer.finishing``)
happens once all files are read.

A file interrupted halfway (Ctrl-C, a crash) leaves no trace in the warehouse. On Ctrl-C
the files read completely before it are finished and stay imported; after a crash the
files committed before it stay imported.
"""

from __future__ import annotations

import errno
import io
import os
import secrets
import threading
from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path

from meetlat.archive.quarantine import quarantine_dir
from meetlat.i18n import _
from meetlat.importer.finishing import finish_all
from meetlat.importer.reading import DAMAGED_FILE, Staged, stage_file
from meetlat.importer.sources import HEAD_SIZE, Unit, expand
from meetlat.importer.summary import ImportProgress, ImportSummary
from meetlat.importer.worker import Worker
from meetlat.platforms.base import Reader, Source
from meetlat.platforms.catalog import readers
from meetlat.platforms.jsonsource import LEADING, starts_with_json
from meetlat.warehouse import layout
from meetlat.warehouse.recovery import locked, recover_locked
from meetlat.warehouse.staging import READY, forget

# Files are read by worker processes only when there is this much to read (below it,
# starting the workers costs more than it saves) and more than one file.
PARALLEL_MIN_BYTES = 32 << 20
MAX_WORKERS = 2
# Records whose duplicates are decided in one DuckDB pass: the files of a run are finished
# in consecutive groups of about this many (a larger file alone). At 3M X v2 posts in one
# pass DuckDB ran out of its 300 MB share (``dedupe.MEMORY_LIMIT``); 1M passed.
DECIDE_AT_ONCE = 1_000_000


class UnknownFormat(ValueError):
    """``--format`` names no reader."""


class ImportInterrupted(KeyboardInterrupt):
    """Ctrl-C during an import: ``summary`` holds the files completed before ``file``."""

    def __init__(self, summary: ImportSummary, file: str):
        self.summary = summary
        self.file = file
        super().__init__(file)


def _workspace_root(ws) -> Path:
    return Path(getattr(ws, "root", ws))


def choose_readers(
    units: list[Unit], format: str, summary: ImportSummary
) -> list[tuple[Unit, type[Reader]]]:
    """The units that can be imported, each with its reader; every other unit is in
    ``summary.skipped`` with the reason. Raises UnknownFormat for a ``format`` that
    names no reader."""
    names = readers.names()
    if format != "auto" and format not in names:
        raise UnknownFormat(
            _("Unknown format {format}: choose one of {formats}.").format(
                format=format, formats=", ".join(["auto", *names])
            )
        )
    chosen = []
    for unit in units:
        try:
            head = unit.head()
        except OSError as exc:
            summary.skip(unit.name, unreadable(exc, unit))
            continue
        except DAMAGED_FILE as exc:
            summary.skip(unit.name, _("the file is damaged: {error}").format(error=exc))
            continue
        if not head.strip(LEADING):
            summary.skip(unit.name, _("the file is empty"))
            continue
        if format != "auto":
            chosen.append((unit, readers.get(format)))
            continue
        reader = readers.detect(head) or _reader_of_empty_page(unit, head)
        if reader is None:
            summary.skip(
                unit.name,
                _("its format is not recognised (tried: {formats})").format(
                    formats=", ".join(names)
                ),
                choose_format=_text(head),
            )
            continue
        chosen.append((unit, reader))
    return chosen


def unreadable(exc: OSError, unit: Unit) -> str:
    """Why a file cannot be read, for a person."""
    if exc.errno == errno.ELOOP:
        return _("it is a symbolic link that leads to itself (a loop)")
    if isinstance(exc, FileNotFoundError) and unit.path.is_symlink():
        return _("it is a symbolic link to {target}, which does not exist").format(
            target=os.readlink(unit.path)
        )
    if isinstance(exc, PermissionError):
        return _("no permission to read it")
    if isinstance(exc, IsADirectoryError):
        return _("it is a folder, not a file")
    return _("it cannot be read: {error}").format(error=exc.strerror or exc)


def _text(head: bytes) -> bool:
    """True when ``head`` looks like text (JSON, CSV), which a reader named with --format
    might read; not for binary files."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # only the last character was cut off by the head
    return True


def _reader_of_empty_page(unit: Unit, head: bytes) -> type[Reader] | None:
    """The first reader that finds no records in a small JSON file no reader recognised
    (an empty API page: ``[]``, ``{"data": []}``, ``{"feed": []}``, an empty Mastodon
    context): such a page has nothing that tells its platform, and nothing to import."""
    if len(head) >= HEAD_SIZE or not starts_with_json(head):
        return None
    source = Source(unit.name, lambda: io.BytesIO(head))
    for reader in readers.all():
        if not reader.platform_per_file and next(iter(reader().records(source)), None) is None:
            return reader
    return None


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def _workers(chosen: list[tuple[Unit, type[Reader]]], wanted: int | None) -> int:
    if wanted is not None:
        return max(1, wanted)
    if len(chosen) < 2 or (os.cpu_count() or 1) < 2:
        return 1
    if any(not reader.__module__.startswith("meetlat.") for _unit, reader in chosen):
        return 1  # a reader registered at run time only (tests) cannot be found by a worker
    size = sum(path.stat().st_size for path in {unit.path for unit, _reader in chosen})
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
    files and at least 32 MiB to read, else 1). Files that cannot be imported are in the
    summary's ``skipped``; ``summary.outcome()`` says whether all, some or nothing was
    imported. Raises SourceMissing or UnknownFormat before anything is imported,
    WarehouseBusy when another import runs, and ImportInterrupted on Ctrl-C.
    """

    def stage_all(root: Path, jobs: list, staged: list, progress: ImportProgress) -> None:
        count = _workers([(unit, reader) for unit, reader, _id in jobs], workers)
        if count == 1:
            for number, (unit, reader, import_id) in enumerate(jobs, start=1):
                progress.file_started(unit.name, number)
                staged.append(stage_file(root, unit, reader, import_id, progress))
        else:
            _stage_in_children(root, jobs, count, staged, progress)

    return run_import(ws, paths, format, progress, stage_all)


def run_import(ws, paths, format, progress, stage_all, check=None) -> ImportSummary:
    """The frame every import shares (the embedded one above, ``importer.spark``): choose
    the readers, ``check(chosen)`` before anything is imported, then under the warehouse
    lock ``stage_all(root, jobs, staged, progress)`` stages the files (appending to
    ``staged`` in their order) and the staged files are finished; on Ctrl-C the files
    staged before it are finished and ImportInterrupted is raised, on any other fault
    the run's unfinished stages are forgotten."""
    progress = progress or ImportProgress()
    root = _workspace_root(ws)
    summary = ImportSummary()
    passed_over: list[str] = []
    chosen = choose_readers(expand(paths, passed_over), format, summary)
    summary.not_data = len(passed_over)
    if check is not None:
        check(chosen)
    run_id = new_run_id()
    jobs = [
        (unit, reader, f"{run_id}-{number:05d}")
        for number, (unit, reader) in enumerate(chosen, start=1)
    ]
    with locked(root / "warehouse"):
        recover_locked(root)
        if not jobs:
            return summary
        progress.start(len(jobs))
        staged: list[Staged] = []
        try:
            try:
                stage_all(root, jobs, staged, progress)
            except KeyboardInterrupt:
                _finish(root, summary, staged, progress)  # the files read before it
                raise
            _finish(root, summary, staged, progress)
        except KeyboardInterrupt as exc:
            _forget_unfinished(root, run_id)
            # the first file not committed (every file before it was)
            current = jobs[summary.files][0].name if summary.files < len(jobs) else ""
            raise ImportInterrupted(summary, current) from exc
        except BaseException:
            _forget_unfinished(root, run_id)
            raise
    return summary


def _stage_in_children(root: Path, jobs: list, count: int, staged: list, progress) -> None:
    """Stage the files of ``jobs`` in ``count`` worker processes (each takes the next file
    when it is done with one); appends them to ``staged`` in their order."""
    futures: list[Future] = [Future() for _job in jobs]
    todo = iter(range(len(jobs)))
    lock = threading.Lock()
    stop = threading.Event()
    workers = [Worker(root) for _n in range(min(count, len(jobs)))]

    def serve(worker: Worker) -> None:
        while not stop.is_set():
            with lock:
                number = next(todo, None)
            if number is None:
                return
            unit, reader, import_id = jobs[number]
            try:
                futures[number].set_result(worker.stage(unit, reader.name, import_id))
            except BaseException as exc:  # handed to the main thread, which raises it
                futures[number].set_exception(exc)
                return

    threads = [threading.Thread(target=serve, args=(w,), daemon=True) for w in workers]
    for thread in threads:
        thread.start()
    failed = True
    try:
        for number, ((unit, _r, _i), future) in enumerate(zip(jobs, futures, strict=True), start=1):
            progress.file_started(unit.name, number)
            one = future.result()
            progress.records_read(one.records_read)
            staged.append(one)
        failed = False
    finally:
        stop.set()
        for worker in workers:
            worker.close(kill=failed)
        for thread in threads:
            thread.join()


def decision_groups(staged: list[Staged], limit: int | None = None) -> list[list[Staged]]:
    """The staged files in consecutive groups of at most ``limit`` records together (a
    larger file alone), each group's duplicates decided at once (DuckDB's memory share
    holds the keys of about that many records without running out)."""
    limit = DECIDE_AT_ONCE if limit is None else limit
    groups: list[list[Staged]] = []
    size = 0
    for one in staged:
        if not groups or size + one.records_read > limit:
            groups.append([])
            size = 0
        groups[-1].append(one)
        size += one.records_read
    return groups


def _finish(root: Path, summary: ImportSummary, staged: list[Staged], progress) -> None:
    """Decide the duplicates of the ``staged`` files a group at a time and commit them in
    order (each group is judged against the warehouse with the groups before it)."""
    for group in decision_groups(staged):
        for number, done in enumerate(finish_all(root, group)):
            _add(root, summary, done, group[number].unit, progress)


def _add(root: Path, summary: ImportSummary, done: ImportSummary, unit: Unit, progress) -> None:
    if done.records_read and done.quarantined == done.records_read:
        done.files_set_aside = 1
    if done.quarantined:
        done.quarantine_folder = str(quarantine_dir(root / "archive"))
    summary.merge(done)
    progress.file_done(unit.name, done.as_dict())
