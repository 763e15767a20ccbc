"""Finishing the staged files of a run: duplicates decided, archive lists written, the
stages committed.

The duplicates of all files of a run are decided at once, in DuckDB, under the warehouse
lock; the files are then committed one at a time, in the order they were given. Each
file is judged against the warehouse and every file before it, so a post in two files is
new in the first and a duplicate in the second, however the files were staged.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from meetlat import __version__
from meetlat.archive import store
from meetlat.importer.reading import Staged
from meetlat.importer.summary import ImportSummary
from meetlat.warehouse.dedupe import Finisher
from meetlat.warehouse.staging import Stage


def finish(root: Path, staged: Staged) -> ImportSummary:
    """Commit ``staged`` into the workspace at ``root``; its counts and problems."""
    (summary,) = finish_all(root, [staged])
    return summary


def finish_all(root: Path, staged: list[Staged]) -> Iterator[ImportSummary]:
    """Decide the duplicates of all ``staged`` files at once, then commit them one at a
    time, in their order, yielding each file's counts and problems once it is committed.

    A file's rows are judged against the warehouse before the run and the files before
    it (``meetlat.warehouse.dedupe``): the same outcome as finishing them one by one.
    When anything fails before a file is committed, that file and the ones after it are
    discarded (the ones before it stay committed) and the error is raised.
    """
    stages = [Stage(root, one.import_id, create=False) for one in staged]
    committed = 0
    try:
        decided = _decide(root, stages, staged)
        for stage, one, (counts, records, quarantine) in zip(stages, staged, decided, strict=True):
            stage.write_entry(_entry(stage, one, counts, records, quarantine))
        for stage, one, (counts, _records, _quarantine) in zip(
            stages, staged, decided, strict=True
        ):
            stage.commit()
            committed += 1
            summary = ImportSummary()
            summary.add(counts)
            summary.merge(one.problems)
            yield summary
    except BaseException:
        for stage in stages[committed:]:
            stage.discard()
        raise


def _decide(root: Path, stages: list[Stage], staged: list[Staged]) -> list[tuple]:
    finisher = Finisher(stages, [one.writer for one in staged], root / "warehouse")
    decided = []
    try:
        done, new_posts = finisher.run()
        for number, (stage, one) in enumerate(zip(stages, staged, strict=True)):
            records = stage.target(f"archive/records/{one.import_id}.parquet")
            finisher.records(number, new_posts, records)
            quarantine = stage.target(f"archive/quarantine/{one.import_id}.parquet")
            if not finisher.quarantine(number, quarantine, one.unit.name, one.stored.sha256):
                quarantine.unlink(missing_ok=True)
                quarantine = None
            decided.append((_counts(one, done[number]), records, quarantine))
    finally:
        finisher.close()
    return decided


def _counts(staged: Staged, done) -> dict:
    read, aside = staged.records_read, staged.quarantined
    return {
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
