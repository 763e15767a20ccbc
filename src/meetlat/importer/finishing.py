"""Finishing one staged file: duplicates decided, archive lists written, the stage committed.

Files are finished one at a time, in the order they were given, under the warehouse
lock: each sees every file finished before it, so a post in two files is new in the
first and a duplicate in the second, however the files were staged.
"""

from __future__ import annotations

from pathlib import Path

from meetlat import __version__
from meetlat.archive import store
from meetlat.importer.reading import Staged
from meetlat.importer.summary import ImportSummary
from meetlat.warehouse.dedupe import Finisher
from meetlat.warehouse.staging import Stage


def finish(root: Path, staged: Staged) -> ImportSummary:
    """Commit ``staged`` into the workspace at ``root``; its counts and problems."""
    stage = Stage(root, staged.import_id, create=False)
    try:
        counts, records, quarantine = _decide(root, stage, staged)
        stage.write_entry(_entry(stage, staged, counts, records, quarantine))
        stage.commit()
    except BaseException:
        stage.discard()
        raise
    summary = ImportSummary()
    summary.add(counts)
    summary.merge(staged.problems)
    return summary


def _decide(root: Path, stage: Stage, staged: Staged):
    finisher = Finisher(stage, staged.writer, root / "warehouse")
    try:
        done, new_posts = finisher.run()
        records = stage.target(f"archive/records/{staged.import_id}.parquet")
        finisher.records(new_posts, records)
        quarantine = stage.target(f"archive/quarantine/{staged.import_id}.parquet")
        if not finisher.quarantine(quarantine, staged.unit.name, staged.stored.sha256):
            quarantine.unlink(missing_ok=True)
            quarantine = None
    finally:
        finisher.close()
    read, aside = staged.records_read, staged.quarantined
    counts = {
        "files": 1,
        "records_read": read,
        "posts_imported": done.posts_imported,
        "duplicates": read - aside - done.posts_imported,
        "quarantined": aside,
        "embedded_posts": done.embedded_posts,
        "accounts": done.accounts,
        "snapshots": done.snapshots,
        "metrics": done.metrics,
        "authors_filled": done.authors_filled,
    }
    return counts, records, quarantine


def _entry(stage: Stage, staged: Staged, counts: dict, records: Path, quarantine: Path | None):
    """The manifest entry of this import of the file."""
    archive_dir = stage.commit_dir / "archive"
    unit = staged.unit
    entry = {
        "import_id": staged.import_id,
        "sha256": staged.stored.sha256,
        "size": staged.stored.size,
        "path": str(unit.path.resolve()),
        "member": unit.member,
        "name": unit.name,
        "compression": unit.compression,
        "imported_at": staged.imported_at,
        "reader": staged.reader,
        "meetlat_version": __version__,
        "counts": {k: v for k, v in counts.items() if k != "files"},
        "records": records.relative_to(archive_dir).as_posix(),
        "records_sha256": store.file_sha256(records)[0],
        "quarantine": None,
        "quarantine_sha256": None,
    }
    if quarantine is not None:
        entry["quarantine"] = quarantine.relative_to(archive_dir).as_posix()
        entry["quarantine_sha256"] = store.file_sha256(quarantine)[0]
    return entry
