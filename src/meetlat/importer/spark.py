"""``meetlat import --engine spark``: the import's reading (parse and flatten) as a Spark job.

The same import as ``service.import_paths``, with the first half of a file's import (its
records read, hashed, set aside when bad and flattened into the canonical rows, staged as
Parquet) done by Spark tasks instead of this process; archiving, deciding the duplicates
and committing are the embedded import's own (``finishing``). So the warehouse gets the
same tables with the same rows as from ``meetlat import`` without ``--engine spark``
(a test compares them row for row), and a second import of the same files is harmless
(every record a duplicate).

Per file:

1. it is kept in the archive first (``reading.archive_file``), as always, and read from
   the archived copy;
2. the copy is cut into byte ranges of about ``SPLIT_BYTES`` that each start after a line
   end, one Spark task per range;
3. a first Spark stage counts the lines and records of every range (a page line holds as
   many records as tweets), so that every range knows the line number and the record
   number (``seq``) it starts at;
4. a second stage reads each range with the X API v2 reader's own columnar path
   (``XApiV2.columnar_records``, the code of the embedded import) and writes its staged
   parts (``raw/<table>/part-<range>-<n>.parquet``) into the file's stage;
5. the erased persons are taken out of the staged parts and the stage is finished like
   any other (duplicates decided in DuckDB, the stage committed).

Supported input: X API v2 files as JSON lines, uncompressed (what ``meetlat synth
--format x-v2`` and twarc2 write: one page or one tweet per line). Any other file (another
format, a ``.gz`` or ``.zip``, one JSON document) is refused before anything is imported,
saying so; such files are imported without ``--engine spark``.

On a cluster (``master``: its master URL) every executor must have Meetlat installed and
see the workspace at the same path (a shared file system): the tasks read the archived
file and write the stage's parts there. In tests Spark runs in local mode.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from meetlat import i18n
from meetlat.i18n import _
from meetlat.importer.reading import (
    BATCH_SIZE,
    Staged,
    archive_file,
    leave_out_erased,
    read_records,
)
from meetlat.importer.service import (
    run_import,
)
from meetlat.importer.sources import Unit
from meetlat.importer.summary import ImportProgress, ImportSummary
from meetlat.platforms.base import RawRecord
from meetlat.platforms.jsonsource import is_json_lines, parse_json
from meetlat.platforms.x.v2 import XApiV2
from meetlat.privacy import erasure, pseudonym
from meetlat.warehouse.connection import spark_session
from meetlat.warehouse.staging import Stage
from meetlat.warehouse.writer import StagedWriter

SPARK_FORMATS = ("x-v2",)  # the readers whose files a Spark import reads
SPLIT_BYTES = 64 << 20  # bytes of a file per Spark task (about)
BOM = b"\xef\xbb\xbf"


class SparkUnsupported(ValueError):
    """A file that ``--engine spark`` does not read; the message says which and why."""


def check_supported(chosen: list[tuple[Unit, type]]) -> None:
    """Raise SparkUnsupported for the first file a Spark import cannot read."""
    for unit, reader in chosen:
        if reader.name not in SPARK_FORMATS:
            raise SparkUnsupported(
                _(
                    "{file} is of format {format}: the import with --engine spark reads "
                    "only X API v2 files (x-v2) as JSON lines. Import it without --engine spark."
                ).format(file=unit.name, format=reader.name)
            )
        if unit.compression is not None:
            raise SparkUnsupported(
                _(
                    "{file} is compressed ({compression}): the import with --engine spark "
                    "reads only uncompressed files. Unpack it first, or import it without "
                    "--engine spark."
                ).format(file=unit.name, compression=unit.compression)
            )
        if not is_json_lines(unit.source()):
            raise SparkUnsupported(
                _(
                    "{file} is one JSON document, not JSON lines: the import with --engine "
                    "spark reads only JSON lines (one page or tweet per line). Import it "
                    "without --engine spark."
                ).format(file=unit.name)
            )


def import_paths_spark(
    ws,
    paths,
    format: str = "auto",
    progress: ImportProgress | None = None,
    master: str | None = None,
    split_bytes: int | None = None,
    session=None,
) -> ImportSummary:
    """Import the files under ``paths`` as ``service.import_paths`` does, reading them with
    Spark (local mode, or the cluster at ``master``; ``session``: a SparkSession to use).
    Raises SparkUnsupported (before anything is imported) for a file it cannot read,
    besides what ``import_paths`` raises."""

    def stage_all(root: Path, jobs: list, staged: list, progress: ImportProgress) -> None:
        nonlocal session
        if session is None:
            session = spark_session(master)
        for number, (unit, _reader, import_id) in enumerate(jobs, start=1):
            progress.file_started(unit.name, number)
            one = stage_file_spark(session, root, unit, import_id, split_bytes)
            progress.records_read(one.records_read)
            staged.append(one)

    return run_import(ws, paths, format, progress, stage_all, check=check_supported)


def byte_ranges(path: Path, split_bytes: int) -> list[tuple[int, int]]:
    """[start, end) byte ranges covering the file, each starting after a line end."""
    size = path.stat().st_size
    if size == 0:
        return [(0, 0)]
    starts = [0]
    with open(path, "rb") as handle:
        at = split_bytes
        while at < size:
            handle.seek(at)
            handle.readline()  # to the end of the line the cut falls in
            start = handle.tell()
            if start >= size:
                break
            if start > starts[-1]:
                starts.append(start)
            at = max(start, at) + split_bytes
    return list(zip(starts, [*starts[1:], size], strict=True))


def range_lines(path: str, start: int, end: int, first_line: int):
    """The lines of bytes [start, end) as ``jsonsource.json_lines`` makes records of them:
    (physical lines read, RawRecords of the non-blank lines), numbered from ``first_line``
    (a byte-order mark is dropped on line 1 only)."""
    counter = [0]

    def records():
        with open(path, "rb") as handle:
            handle.seek(start)
            position, number = start, first_line - 1
            while position < end:
                line = handle.readline()
                if not line:
                    break
                position += len(line)
                number += 1
                counter[0] += 1
                if number == 1 and line.startswith(BOM):
                    line = line[3:]
                stripped = line.strip()
                if not stripped:
                    continue
                value, error = parse_json(stripped)
                yield RawRecord(line=number, raw=stripped, value=value, error=error)

    return counter, records()


def count_range(task: tuple) -> tuple[int, int]:
    """Spark task of the first stage: (lines, records) of one byte range."""
    path, start, end, first_line = task
    counter, records = range_lines(path, start, end, first_line)
    found = sum(XApiV2.line_record_count(record) for record in records)
    return counter[0], found


def stage_range(task: tuple) -> dict:
    """Spark task of the second stage: stage the records of one byte range as the
    embedded import stages a file (its parts named after the range)."""
    path, start, end, first_line, first_seq, index, name, source_file, raw = task
    writer = StagedWriter(Path(raw), BATCH_SIZE, prefix=f"{index:05d}-")
    summary = ImportSummary()
    reader = XApiV2()
    _counter, lines = range_lines(path, start, end, first_line)
    records = reader.columnar_records(lines, source_file, first_seq)
    read, quarantined = read_records(
        records, reader, source_file, name, writer, summary, ImportProgress(), first_seq
    )
    return {
        "read": read,
        "quarantined": quarantined,
        "written": dict(writer.written),
        "problems": summary.problems,
        "left_out": summary.problems_left_out,
    }


def stage_file_spark(session, root: Path, unit: Unit, import_id: str, split_bytes=None) -> Staged:
    """Archive ``unit``'s file and stage its records with two Spark stages (see the
    module's text); on any error the stage is removed (with the object it stored)."""
    stage = Stage(root, import_id)
    problems = ImportSummary()
    imported_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    try:
        stored = archive_file(root / "archive", unit.path, stage.note_object)
        path = str(stored.path)
        ranges = byte_ranges(stored.path, split_bytes or SPLIT_BYTES)
        context = session.sparkContext
        language = i18n.language()
        counting = [(path, a, b, 1 if n == 0 else 2) for n, (a, b) in enumerate(ranges)]
        counted = (
            context.parallelize(counting, len(counting))
            .map(lambda task: _in_language(language, count_range, task))
            .collect()
        )
        tasks, line, seq = [], 1, 1
        for number, ((a, b), (lines, records)) in enumerate(zip(ranges, counted, strict=True)):
            tasks.append((path, a, b, line, seq, number, unit.name, stored.sha256, str(stage.raw)))
            line, seq = line + lines, seq + records
        done = (
            context.parallelize(tasks, len(tasks))
            .map(lambda task: _in_language(language, stage_range, task))
            .collect()
        )
        writer = StagedWriter(stage.raw, BATCH_SIZE)
        read = quarantined = 0
        for one in done:
            read += one["read"]
            quarantined += one["quarantined"]
            for table, rows in one["written"].items():
                writer.written[table] += rows
            for problem in one["problems"]:
                problems.problem(**problem)
            problems.problems_left_out += one["left_out"]
        writer.parts = len(tasks)
        if read != seq - 1:  # the two stages must agree on the records of the file
            raise RuntimeError(f"{unit.name}: counted {seq - 1} records, staged {read}")
        erased = erasure.Erased.load(root, pseudonym.key(root, create=False))
        leave_out_erased(stage.raw, erased, XApiV2.platform)
    except BaseException:
        stage.discard()
        raise
    return Staged(
        import_id, unit, XApiV2.name, stored, imported_at, read, quarantined, problems, writer
    )


def _in_language(language: str, function, task):
    """Run a task in the import's language (the reasons of records set aside are in it,
    as in the embedded import)."""
    with i18n.using(language):
        return function(task)
