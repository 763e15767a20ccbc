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

A file interrupted halfway (Ctrl-C, a crash) leaves no trace in the warehouse; the files
before it stay imported.
"""

from __future__ import annotations

import gzip
import hashlib
import secrets
import zipfile
import zlib
from datetime import UTC, datetime
from pathlib import Path

from meetlat import __version__
from meetlat.archive import store
from meetlat.i18n import _
from meetlat.importer.sources import Unit, expand
from meetlat.importer.summary import ImportSummary
from meetlat.platforms.base import Canonical, Reader, RecordError, readers
from meetlat.warehouse import schema
from meetlat.warehouse.dedupe import Finisher
from meetlat.warehouse.recovery import locked, recover_locked
from meetlat.warehouse.staging import Stage
from meetlat.warehouse.writer import StagedWriter

BATCH_SIZE = 50_000  # records per staged Parquet part
PROGRESS_EVERY = 5_000  # records between progress reports
# Exceptions a reader may raise on a record of an unexpected shape (besides RecordError):
SHAPE_ERRORS = (KeyError, TypeError, AttributeError, IndexError, ValueError)
# Exceptions of a damaged compressed file: the records read so far are kept.
DAMAGED_FILE = (EOFError, zlib.error, zipfile.BadZipFile, gzip.BadGzipFile)


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


class ImportProgress:
    """What the import reports while it runs; the CLI draws a progress bar from it."""

    def start(self, total_files: int) -> None: ...

    def file_started(self, name: str, number: int) -> None: ...

    def records_read(self, count: int) -> None: ...  # running count within the current file

    def file_done(self, name: str, counts: dict) -> None: ...


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


class FileImport:
    """The import of one unit into one stage."""

    def __init__(self, root: Path, unit: Unit, reader: type[Reader], stored, import_id: str):
        self.root = root
        self.unit = unit
        self.reader = reader()
        self.stored = stored
        self.import_id = import_id
        self.stage = Stage(root, import_id)
        self.writer = StagedWriter(self.stage.raw, BATCH_SIZE)
        self.counts = dict.fromkeys(("records_read", "quarantined"), 0)

    def run(self, progress: ImportProgress) -> ImportSummary:
        """Import the unit; its counts and problems (added to the run's only when it commits)."""
        summary = ImportSummary()
        try:
            imported_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            self._read(summary, progress)
            counts = self._finish()
            self.stage.write_entry(self._entry(imported_at, counts))
            self.stage.commit()
        except BaseException:
            self.stage.discard()
            raise
        summary.add(counts)
        return summary

    def _read(self, summary: ImportSummary, progress: ImportProgress) -> None:
        rows = self.writer.rows
        posts, metrics = rows["posts"], rows["post_metrics"]
        accounts, snapshots = rows["accounts"], rows["account_snapshots"]
        records, quarantine = rows["records"], rows["quarantine"]
        source_file = self.stored.sha256
        reader, name = self.reader, self.unit.name
        sha256 = hashlib.sha256
        seq = quarantined = 0
        line = 0
        iterator = iter(reader.records(self.unit.source(self.stored.path)))
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
            seq += 1
            line = record.line
            record_hash = sha256(record.raw).hexdigest()
            reason = record.error
            if reason is None:
                try:
                    canonical = reader.canonical(record)
                    own = _own_post(canonical)
                except RecordError as exc:
                    reason = str(exc)
                except SHAPE_ERRORS as exc:
                    reason = _("record of an unexpected shape ({error})").format(
                        error=f"{type(exc).__name__}: {exc}"
                    )
            if reason is not None:
                quarantined += 1
                quarantine.append(
                    {
                        "seq": seq,
                        "line": line,
                        "item": record.item,
                        "reason": reason,
                        "record_hash": record_hash,
                        "raw": record.raw,
                    }
                )
                records.append(
                    {
                        "seq": seq,
                        "line": line,
                        "item": record.item,
                        "record_hash": record_hash,
                        "quarantined": True,
                    }
                )
                summary.problem(name, line, reason, record.item)
            else:
                for post in canonical.posts:
                    post["seq"] = seq
                    post["source_file"] = source_file
                    post["record_hash"] = record_hash
                posts.extend(canonical.posts)
                for group, target in (
                    (canonical.metrics, metrics),
                    (canonical.accounts, accounts),
                    (canonical.snapshots, snapshots),
                ):
                    for row in group:
                        row["seq"] = seq
                        row["source_file"] = source_file
                    target.extend(group)
                records.append(
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
            if seq % BATCH_SIZE == 0:
                self.writer.flush()
            if seq % PROGRESS_EVERY == 0:
                progress.records_read(seq)
        self.writer.flush()
        progress.records_read(seq)
        self.counts["records_read"] = seq
        self.counts["quarantined"] = quarantined

    def _finish(self) -> dict:
        finisher = Finisher(self.stage, self.writer, self.root / "warehouse")
        try:
            done, new_posts = finisher.run()
            records = self.stage.target(f"archive/records/{self.import_id}.parquet")
            finisher.records(new_posts, records)
            quarantine = self.stage.target(f"archive/quarantine/{self.import_id}.parquet")
            if not finisher.quarantine(quarantine, self.unit.name, self.stored.sha256):
                quarantine.unlink(missing_ok=True)
        finally:
            finisher.close()
        self.records_file = records
        self.quarantine_file = quarantine if quarantine.exists() else None
        read, quarantined = self.counts["records_read"], self.counts["quarantined"]
        return {
            "files": 1,
            "records_read": read,
            "posts_imported": done.posts_imported,
            "duplicates": read - quarantined - done.posts_imported,
            "quarantined": quarantined,
            "embedded_posts": done.embedded_posts,
            "accounts": done.accounts,
            "snapshots": done.snapshots,
            "metrics": done.metrics,
        }

    def _entry(self, imported_at: str, counts: dict) -> dict:
        archive_dir = self.stage.commit_dir / "archive"
        entry = {
            "import_id": self.import_id,
            "sha256": self.stored.sha256,
            "size": self.stored.size,
            "path": str(self.unit.path.resolve()),
            "member": self.unit.member,
            "name": self.unit.name,
            "compression": self.unit.compression,
            "imported_at": imported_at,
            "reader": self.reader.name,
            "meetlat_version": __version__,
            "counts": {k: v for k, v in counts.items() if k != "files"},
            "records": self.records_file.relative_to(archive_dir).as_posix(),
            "records_sha256": store.file_sha256(self.records_file)[0],
            "quarantine": None,
            "quarantine_sha256": None,
        }
        if self.quarantine_file is not None:
            entry["quarantine"] = self.quarantine_file.relative_to(archive_dir).as_posix()
            entry["quarantine_sha256"] = store.file_sha256(self.quarantine_file)[0]
        return entry


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def import_paths(ws, paths, format: str = "auto", progress: ImportProgress | None = None):
    """Import the files under ``paths`` into workspace ``ws``; returns an ImportSummary.

    Raises SourceMissing, UnknownFormat or UndetectableFormat before anything is
    imported, WarehouseBusy when another import runs, and ImportInterrupted on Ctrl-C.
    """
    progress = progress or ImportProgress()
    root = _workspace_root(ws)
    units = expand(paths)
    chosen = choose_readers(units, format)
    summary = ImportSummary()
    run_id = new_run_id()
    archive = root / "archive"
    with locked(root / "warehouse"):
        recover_locked(root)
        progress.start(len(units))
        stored_files: dict[Path, store.StoredObject] = {}
        for number, (unit, reader) in enumerate(zip(units, chosen, strict=True), start=1):
            progress.file_started(unit.name, number)
            try:
                if unit.path not in stored_files:
                    stored_files[unit.path] = store.put(archive, unit.path)
                job = FileImport(
                    root, unit, reader, stored_files[unit.path], f"{run_id}-{number:05d}"
                )
                done = job.run(progress)
            except KeyboardInterrupt as exc:
                raise ImportInterrupted(summary, unit.name) from exc
            summary.merge(done)
            progress.file_done(unit.name, done.as_dict())
    return summary
