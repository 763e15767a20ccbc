"""Reading one file into a stage: records hashed, bad ones set aside, rows staged as Parquet.

``stage_file`` is the first half of a file's import and touches nothing outside its own
stage folder (and the content-addressed archive objects, which are written atomically),
so several files can be staged at once in worker processes. The second half, deciding
duplicates and committing, happens one file at a time (``meetlat.importer.finishing``).
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq

from meetlat.archive import store
from meetlat.i18n import _
from meetlat.importer.sources import Unit
from meetlat.importer.summary import ImportProgress, ImportSummary
from meetlat.platforms.base import Canonical, Reader, RecordError, Rows
from meetlat.platforms.catalog import readers
from meetlat.privacy import erasure, pseudonym
from meetlat.warehouse import schema
from meetlat.warehouse.staging import Stage
from meetlat.warehouse.writer import StagedWriter

BATCH_SIZE = 20_000  # records per staged Parquet part (bounds the Arrow kept in memory)
CONVERT_EVERY = 2_000  # records between conversions of rows to Arrow (few live objects)
PROGRESS_EVERY = 5_000  # records between progress reports
# A record of the wrong shape is one a reader rejects with RecordError (it checks shapes
# explicitly); any other exception from a reader (TypeError, KeyError, ...) is a defect of
# Meetlat's own code and stops the import with its traceback, rather than quarantining
# every record.
# Exceptions of a damaged compressed file: the records read so far are kept.
DAMAGED_FILE = (EOFError, zlib.error, zipfile.BadZipFile, gzip.BadGzipFile)

_stored_here: dict[tuple, store.StoredObject] = {}  # files archived by this process


@dataclass
class Staged:
    """A file read into its stage, ready to be finished."""

    import_id: str
    unit: Unit
    reader: str
    stored: store.StoredObject
    imported_at: str
    records_read: int
    quarantined: int
    problems: ImportSummary  # only its problems are used
    writer: StagedWriter


def archive_file(archive: Path, path: Path, announce=None) -> store.StoredObject:
    """Keep ``path`` in the archive, once per process for the same unchanged file;
    ``announce(sha256)`` first (see ``store.put``)."""
    info = path.stat()
    key = (archive, path.resolve(), info.st_size, info.st_mtime_ns)
    known = _stored_here.get(key)
    if known is None or not known.path.exists():
        known = _stored_here[key] = store.put(archive, path, announce)
    elif announce is not None:
        announce(known.sha256)
    return known


def _own_post(canonical: Canonical) -> dict:
    """Check the rows of a record enough to store them; the record's own post."""
    if not canonical.posts:
        raise RecordError(_("the record holds no post"))
    for position, post in enumerate(canonical.posts):
        if post.get("platform") not in schema.PLATFORMS:
            raise RecordError(
                _("unknown platform {platform!r}").format(platform=post.get("platform"))
            )
        post_id = post.get("post_id")
        if not isinstance(post_id, str) or not post_id:
            raise RecordError(_("a post without an id"))
        created = post.get("created_at")
        if not isinstance(created, datetime) or created.tzinfo is None:
            raise RecordError(_("post {post_id} has no creation time").format(post_id=post_id))
        post["embedded"] = position > 0
    return canonical.posts[0]


def stage_file(
    root: Path,
    unit: Unit,
    reader: type[Reader] | str,
    import_id: str,
    progress: ImportProgress | None = None,
    stored: store.StoredObject | None = None,
    erased: erasure.Erased | None = None,
) -> Staged:
    """Archive ``unit``'s file (``stored``: already archived, e.g. for a rebuild) and read it
    into a new stage; on any error the stage is removed (with the object it stored). The
    persons erased from the workspace (``erased``, else those of ``root``'s erasure list)
    are left out of the staged rows (``meetlat.privacy.erasure``)."""
    reader_class = readers.get(reader) if isinstance(reader, str) else reader
    stage = Stage(root, import_id)
    problems = ImportSummary()
    imported_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    try:
        if stored is None:
            stored = archive_file(root / "archive", unit.path, stage.note_object)
        writer = StagedWriter(stage.raw, BATCH_SIZE)
        read, quarantined = _read(
            unit, reader_class(), stored, writer, problems, progress or ImportProgress()
        )
        if erased is None:
            erased = erasure.Erased.load(root, pseudonym.key(root, create=False))
        leave_out_erased(stage.raw, erased, reader_class.platform)
    except BaseException:
        stage.discard()
        raise
    return Staged(
        import_id, unit, reader_class.name, stored, imported_at, read, quarantined, problems, writer
    )


def leave_out_erased(raw: Path, erased: erasure.Erased, platform: str | None) -> None:
    """Take the erased persons out of the staged parts in ``raw`` (``<table>/part-<n>``:
    the parts of one number hold one batch of records): first every batch is looked at
    for their posts and handles, then every part that changes is written again. Their
    records set aside (quarantine, with the raw bytes) are left out too."""
    if not erased:
        return
    for part in sorted(raw.glob("quarantine/part-*.parquet")):
        table = pq.read_table(part)
        kept = erasure.scrub_quarantine(table, platform, erased)
        if kept is not table:
            pq.write_table(kept, part)
    batches = sorted({p.name for p in raw.glob("*/part-*.parquet")})

    def tables(name: str) -> dict:
        return {
            table: pq.read_table(raw / table / name)
            for table in erasure.PERSON_TABLES + ("post_metrics",)
            if (raw / table / name).exists()
        }

    posts: set = set()
    handles: set = set()
    for name in batches:
        _kept, found = erasure.scrub(tables(name), erased)
        posts |= found.posts
        handles |= found.handles
    if not posts and not handles:
        return
    for name in batches:
        before = tables(name)
        after, _found = erasure.scrub(before, erased, posts, handles)
        for table, value in after.items():
            if value is not before[table]:
                pq.write_table(value, raw / table / name)


def _read(unit, reader_obj, stored, writer, summary, progress):
    """Stream the records of ``unit``'s archived copy into ``writer``; returns (records
    read, records set aside)."""
    source = unit.source(stored.path)
    if reader_obj.columnar is not None:
        records = reader_obj.columnar(source, stored.sha256, 1)
    else:
        records = reader_obj.records(source)
    return read_records(records, reader_obj, stored.sha256, unit.name, writer, summary, progress)


def read_records(records, reader, source_file, name, writer, summary, progress, first_seq=1):
    """Stage ``records`` (RawRecords, or ``Rows`` of a reader's columnar path, numbered
    from ``first_seq``) into ``writer``; returns (records read, records set aside).
    ``meetlat.importer.spark`` stages a part of a file this way, numbered from where
    that part starts in it.

    Python's cyclic garbage collector is paused while reading and run once per batch:
    reading makes and drops millions of small objects (parsed JSON, row tuples) without
    cycles, and a collection every few hundred of them cost a quarter of the time.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_all(iter(records), reader, source_file, name, writer, summary, progress,
                         first_seq)  # fmt: skip
    finally:
        if collecting:
            gc.enable()


def _read_all(iterator, reader, source_file, name, writer, summary, progress, first_seq):
    rows = writer.rows
    tuples = writer.tuples
    sha256 = hashlib.sha256
    seq = first_seq - 1
    quarantined = 0
    line = 0
    converted = flushed = reported = seq  # seq at the last conversion, flush, report
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
        except DAMAGED_FILE as exc:
            summary.problem(
                name, line + 1, _("the file is damaged from here on: {error}").format(error=exc)
            )
            break
        if type(record) is Rows:
            seq += record.count
            line = record.line
            quarantined += record.quarantined
            for table, found in record.tables.items():
                if found:
                    tuples[table].extend(found)
            for problem_line, reason, item in record.problems:
                summary.problem(name, problem_line, reason, item)
        else:
            seq += 1
            line = record.line
            quarantined += _one(record, seq, reader, sha256, source_file, name, rows, summary)
        if seq - converted >= CONVERT_EVERY:
            converted = seq
            if seq - flushed >= BATCH_SIZE:
                flushed = seq
                writer.flush()
                gc.collect()
            else:
                writer.convert()
        if seq - reported >= PROGRESS_EVERY:
            reported = seq
            progress.records_read(seq)
    writer.flush()
    progress.records_read(seq)
    return seq - (first_seq - 1), quarantined


def _one(record, seq, reader, sha256, source_file, name, rows, summary) -> int:
    """Stage one record the row way; returns 1 when it was set aside, else 0."""
    line = record.line
    record_hash = sha256(record.raw).hexdigest()
    reason = record.error
    if reason is None:
        try:
            canonical = reader.canonical(record)
            own = _own_post(canonical)
        except RecordError as exc:
            reason = str(exc)
    if reason is not None:
        rows["quarantine"].append(
            {
                "seq": seq,
                "line": line,
                "item": record.item,
                "reason": reason,
                "record_hash": record_hash,
                "raw": record.raw,
            }
        )
        rows["records"].append(
            {
                "seq": seq,
                "line": line,
                "item": record.item,
                "record_hash": record_hash,
                "quarantined": True,
            }
        )
        summary.problem(name, line, reason, record.item)
        return 1
    for post in canonical.posts:
        post["seq"] = seq
        post["source_file"] = source_file
        post["record_hash"] = record_hash
    rows["posts"].extend(canonical.posts)
    for group, target in (
        (canonical.metrics, rows["post_metrics"]),
        (canonical.accounts, rows["accounts"]),
        (canonical.snapshots, rows["account_snapshots"]),
    ):
        for row in group:
            row["seq"] = seq
            row["source_file"] = source_file
        target.extend(group)
    rows["records"].append(
        {
            "seq": seq,
            "line": line,
            "item": record.item,
            "record_hash": record_hash,
            "platform": own["platform"],
            "post_id": own["post_id"],
            "quarantined": False,
        }
    )
    return 0
