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
   (skipped, and said so, when that reader is no longer installed);
5. the head (``archive/head.json``): the manifest still has the number of lines and
   the last hash the head recorded after the last import, so that removing the last
   lines (with their record lists) shows although the chain before them is intact;
6. nothing unnamed: no object, record list or quarantine list that no manifest line
   names (an orphan, e.g. of an import that never finished, or of a removed line).

The warehouse's own checks (its list of parts) are ``meetlat.warehouse.parts.check``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
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
    parts: int = 0  # warehouse parts checked against the warehouse's list of parts
    records: int = 0  # records hashed again from the archived files
    not_reread: list[str] = field(default_factory=list)  # files whose reader is not installed
    erasures: list[dict] = field(default_factory=list)  # erasure lines of the chain (AVG art. 17)
    findings: list[Finding] = field(default_factory=list)

    @property
    def items(self) -> int:
        return self.entries + self.objects + self.lists + self.parts

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
    """Check every record and quarantine list; returns the import ids with an intact record
    list. A list an erasure wrote again is expected with the sha256 that erasure recorded."""
    intact = set()
    replaced = {
        relative: change.get("new")
        for erasure in report.erasures
        for relative, change in (erasure.get("replaced") or {}).items()
    }
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
            if store.file_sha256(path)[0] != replaced.get(relative, entry.get(f"{key}_sha256")):
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


def _check_orphans(archive: Path, entries: list[dict], report: VerifyReport) -> None:
    """Record and quarantine lists that no manifest line names (a removed line)."""
    named = {entry.get(key) for entry in entries for key in ("records", "quarantine")}
    for folder in ("records", "quarantine"):
        for path in sorted((archive / folder).glob("*.parquet")):
            relative = f"{folder}/{path.name}"
            if relative not in named:
                report.add(f"archive/{relative}", _("not in the manifest: its line is missing"))


def _check_orphan_objects(
    archive: Path, entries: list[dict], report: VerifyReport, in_use: set[str]
) -> None:
    """Objects that no manifest line names (``in_use``: those of a running import)."""
    named = {entry.get("sha256") for entry in entries} | set(in_use)
    for path in store.stored_objects(archive):
        if path.name not in named:
            report.add(
                f"archive/{path.relative_to(archive).as_posix()}",
                _(
                    "an object that no manifest line names: each archived file is expected "
                    "to belong to an import in archive/manifest.jsonl"
                ),
            )


def _check_head(archive: Path, report: VerifyReport) -> None:
    """The manifest has the length and the last hash that ``archive/head.json`` recorded."""
    now = manifest.head_of(archive)
    label = f"archive/{manifest.HEAD}"
    try:
        head = manifest.read_head(archive)
    except ValueError:
        report.add(label, _("not readable as JSON: the file was altered"))
        return
    if head is None:
        if now["entries"]:
            report.add(
                label,
                _(
                    "missing: expected beside the manifest, with its {lines} lines and "
                    "last hash {hash}"
                ).format(lines=number(now["entries"]), hash=now["entry_hash"][:12]),
            )
        return
    if not isinstance(head, dict) or not isinstance(head.get("entries"), int):
        report.add(label, _("not a head of the manifest: the file was altered"))
        return
    if head == now:
        return
    where = "archive/manifest.jsonl"
    expected = {
        "lines": number(now["entries"]),
        "expected": number(head["entries"]),
        "hash": str(head.get("entry_hash"))[:12],
    }
    if now["entries"] < head["entries"]:
        problem = _(
            "has {lines} lines, but its head ({head}) expects {expected} lines ending in "
            "{hash}: the last lines were removed"
        )
    elif now["entries"] > head["entries"]:
        problem = _(
            "has {lines} lines, but its head ({head}) expects {expected} lines ending in "
            "{hash}: lines were added outside an import"
        )
    else:
        problem = _(
            "its last line no longer has hash {hash} that its head ({head}) expects: the "
            "last line was replaced"
        )
    report.add(where, problem.format(head=label, **expected))


# the records of an archived file as its reader reads them again: (line, item, raw bytes);
# None when the reader that imported the file is not installed. The archive knows no
# formats: the caller (meetlat.app.verifying) reads them with the platform readers.
RecordSource = Callable[[Path, dict], Iterable[tuple[int, int | None, bytes]] | None]


def _reread(archive: Path, entry: dict, report: VerifyReport, read: RecordSource) -> None:
    records = read(store.object_path(archive, entry["sha256"]), entry)
    if records is None:
        report.not_reread.append(entry["name"])
        return
    label = f"archive/{entry['records']}"
    listed = _listed_hashes(archive / entry["records"])
    for line, item, raw in records:
        report.records += 1
        expected = next(listed, None)
        actual = (line, item, hashlib.sha256(raw).hexdigest())
        if expected != actual:
            report.add(
                label,
                _("record at line {line} of {file} no longer matches the record list").format(
                    line=number(line), file=entry["name"]
                ),
            )
            return
    if next(listed, None) is not None:
        report.add(label, _("lists more records than {file} holds").format(file=entry["name"]))


def verify(
    root: Path, read: RecordSource | None = None, in_use: set[str] | None = None
) -> VerifyReport:
    """Check the archive of the workspace at ``root``; the report names every problem.
    ``read``: how to read an archived file's records again (step 4; None skips it);
    ``in_use``: objects of an import running now (not orphans). An interrupted import
    must have been finished or undone first (warehouse.recovery)."""
    archive = Path(root) / "archive"
    report = VerifyReport()
    entries = _check_manifest(archive, report)
    report.erasures = [entry for entry in entries if manifest.is_erasure(entry)]
    entries = [entry for entry in entries if not manifest.is_erasure(entry)]
    _check_head(archive, report)
    _check_orphans(archive, entries, report)
    _check_orphan_objects(archive, entries, report, in_use or set())
    objects = _check_objects(archive, entries, report)
    lists = _check_lists(archive, entries, report)
    if read is not None:
        for entry in entries:
            if entry["sha256"] in objects and entry["import_id"] in lists:
                _reread(archive, entry, report, read)
    return report
