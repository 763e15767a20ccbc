"""Proving the archive is intact: every hash recomputed, every altered or missing item named.

``verify(root)`` checks, for the workspace at ``root``:

1. the manifest: every line a JSON object whose ``entry_hash`` matches its fields and
   whose ``prev`` is the ``entry_hash`` of the line before (nothing changed, removed or
   reordered);
2. every archived file (object) in the manifest: present, its sha256 equal to its name,
   its size equal to the manifest's;
3. every record list and quarantine list: present, its sha256 equal to the manifest's;
4. the records themselves: the archived file read again with the reader that imported
   it, every record hashed again and compared, line by line, with the record list
   (skipped, and said so, when that reader is no longer installed).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from meetlat.archive import manifest, store
from meetlat.i18n import _, number


@dataclass
class Finding:
    item: str  # what is wrong: a path in the workspace or a manifest line
    problem: str  # what is wrong with it, for a person


@dataclass
class VerifyReport:
    entries: int = 0
    objects: int = 0
    lists: int = 0
    records: int = 0  # records hashed again from the archived files
    not_reread: list[str] = field(default_factory=list)  # files whose reader is not installed
    findings: list[Finding] = field(default_factory=list)

    @property
    def items(self) -> int:
        return self.entries + self.objects + self.lists

    @property
    def intact(self) -> bool:
        return not self.findings

    def add(self, item: str, problem: str) -> None:
        self.findings.append(Finding(item, problem))


def _check_manifest(archive: Path, report: VerifyReport) -> list[dict]:
    entries = []
    previous = manifest.GENESIS
    where = "archive/manifest.jsonl"
    for line in manifest.lines(archive):
        label = _("{file} line {line}").format(file=where, line=number(line.number))
        entry = line.entry
        report.entries += 1
        if entry is None:
            report.add(label, _("not a JSON object: the line was altered"))
            continue
        if entry.get("entry_hash") != manifest.entry_hash(entry):
            report.add(label, _("altered: its hash no longer matches its contents"))
        elif entry.get("prev") != previous:
            report.add(label, _("the chain is broken: a line before it was altered or removed"))
        previous = entry.get("entry_hash", previous)
        entries.append(entry)
    return entries


def _check_objects(archive: Path, entries: list[dict], report: VerifyReport) -> set[str]:
    """Check every object once; returns the sha256 of the intact ones."""
    intact = set()
    sizes: dict[str, int] = {}
    for entry in entries:
        sizes.setdefault(entry["sha256"], entry.get("size"))
    for sha, size in sorted(sizes.items()):
        path = store.object_path(archive, sha)
        label = f"archive/{path.relative_to(archive).as_posix()}"
        report.objects += 1
        if not path.exists():
            report.add(label, _("missing"))
            continue
        actual, actual_size = store.file_sha256(path)
        if actual != sha:
            report.add(label, _("altered: its sha256 is now {sha}").format(sha=actual))
        elif actual_size != size:
            report.add(
                label,
                _("size {size} differs from the manifest's {expected}").format(
                    size=number(actual_size), expected=number(size)
                ),
            )
        else:
            intact.add(sha)
    return intact


def _check_lists(archive: Path, entries: list[dict], report: VerifyReport) -> set[str]:
    """Check every record and quarantine list; returns the import ids with an intact record list."""
    intact = set()
    for entry in entries:
        for key in ("records", "quarantine"):
            relative = entry.get(key)
            if not relative:
                continue
            path = archive / relative
            label = f"archive/{relative}"
            report.lists += 1
            if not path.exists():
                report.add(label, _("missing"))
                continue
            if store.file_sha256(path)[0] != entry.get(f"{key}_sha256"):
                report.add(label, _("altered: its sha256 no longer matches the manifest"))
            elif key == "records":
                intact.add(entry["import_id"])
    return intact


def _listed_hashes(path: Path):
    for batch in pq.ParquetFile(path).iter_batches(columns=["line", "item", "record_hash"]):
        yield from zip(
            batch.column("line").to_pylist(),
            batch.column("item").to_pylist(),
            batch.column("record_hash").to_pylist(),
            strict=True,
        )


def _readable(records):
    """The records up to where a damaged compressed file stops, as the import read them."""
    from meetlat.importer.reading import DAMAGED_FILE

    try:
        yield from records
    except DAMAGED_FILE:
        return


def _check_orphans(archive: Path, entries: list[dict], report: VerifyReport) -> None:
    """Record and quarantine lists that no manifest line names (a removed line)."""
    named = {entry.get(key) for entry in entries for key in ("records", "quarantine")}
    for folder in ("records", "quarantine"):
        for path in sorted((archive / folder).glob("*.parquet")):
            relative = f"{folder}/{path.name}"
            if relative not in named:
                report.add(f"archive/{relative}", _("not in the manifest: its line is missing"))


def _reread(archive: Path, entry: dict, report: VerifyReport) -> None:
    from meetlat.importer.sources import Unit
    from meetlat.platforms.catalog import readers

    if entry["reader"] not in readers.names():
        report.not_reread.append(entry["name"])
        return
    reader = readers.get(entry["reader"])()
    unit = Unit(Path(entry["path"]), entry["name"], entry.get("member"))
    source = unit.source(store.object_path(archive, entry["sha256"]))
    label = f"archive/{entry['records']}"
    listed = _listed_hashes(archive / entry["records"])
    for record in _readable(reader.records(source)):
        report.records += 1
        expected = next(listed, None)
        actual = (record.line, record.item, hashlib.sha256(record.raw).hexdigest())
        if expected != actual:
            report.add(
                label,
                _("record at line {line} of {file} no longer matches the record list").format(
                    line=number(record.line), file=entry["name"]
                ),
            )
            return
    if next(listed, None) is not None:
        report.add(label, _("lists more records than {file} holds").format(file=entry["name"]))


def verify(root: Path, reread: bool = True) -> VerifyReport:
    """Check the archive of the workspace at ``root``; the report names every problem."""
    from meetlat.warehouse.recovery import recover

    recover(Path(root))  # an interrupted import is finished or undone first
    archive = Path(root) / "archive"
    report = VerifyReport()
    entries = _check_manifest(archive, report)
    _check_orphans(archive, entries, report)
    objects = _check_objects(archive, entries, report)
    lists = _check_lists(archive, entries, report)
    if reread:
        for entry in entries:
            if entry["sha256"] in objects and entry["import_id"] in lists:
                _reread(archive, entry, report)
    return report
