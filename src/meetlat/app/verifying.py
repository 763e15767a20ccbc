"""The archive: verifying it (every hash recomputed and, unless asked not to, every
archived file read again with the reader that imported it: meetlat.archive.verify; the
warehouse's parts against its own list of them: meetlat.warehouse.parts), rebuilding the
warehouse from it (meetlat.importer.rebuilding, then the facts), the imports it records
and the records set aside in its quarantine."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from meetlat.app.facts import FactsUpdate, update_facts
from meetlat.app.privacy import Namer
from meetlat.archive import manifest, quarantine
from meetlat.archive import verify as checks
from meetlat.archive.verify import Finding, VerifyReport
from meetlat.importer.reading import DAMAGED_FILE
from meetlat.importer.rebuilding import RebuildRefused, Rebuilt
from meetlat.importer.rebuilding import rebuild as rebuild_warehouse
from meetlat.importer.sources import Unit
from meetlat.platforms.catalog import readers
from meetlat.privacy import personal
from meetlat.warehouse import parts
from meetlat.warehouse.recovery import recover
from meetlat.warehouse.staging import noted_objects
from meetlat.workspace import Workspace

__all__ = [
    "Finding",
    "RebuildRefused",
    "Rebuild",
    "VerifyReport",
    "imports",
    "rebuild",
    "quarantine_counts",
    "quarantined",
    "verify",
]


def verify(root: Path, reread: bool = True) -> VerifyReport:
    """Check the archive of the workspace at ``root``; the report names every problem.
    An interrupted import is finished or undone first."""
    root = Path(root)
    recover(root)
    report = checks.verify(root, read=_records if reread else None, in_use=noted_objects(root))
    archive = root / "archive"
    import_ids = {entry.get("import_id") for entry in manifest.imports(archive)}
    parts.check(root / "warehouse", manifest.head_of(archive), import_ids, report)
    return report


@dataclass(frozen=True)
class Rebuild:
    rebuilt: Rebuilt
    facts: FactsUpdate


def rebuild(ws: Workspace) -> Rebuild:
    """Make the warehouse again from the archive (raises RebuildRefused, changing nothing,
    when the archive is damaged), then rebuild the measurement facts."""
    rebuilt = rebuild_warehouse(ws.root)
    return Rebuild(rebuilt, update_facts(ws))


def _records(path: Path, entry: dict) -> Iterator[tuple[int, int | None, bytes]] | None:
    """The records of the archived file ``path`` as the import read them: (line, item, raw
    bytes), up to where a damaged compressed file stops; None without its reader."""
    if entry["reader"] not in readers.names():
        return None
    reader = readers.get(entry["reader"])()
    unit = Unit(Path(entry["path"]), entry["name"], entry.get("member"))
    return _readable(reader.records(unit.source(path)))


def _readable(records) -> Iterator[tuple[int, int | None, bytes]]:
    try:
        for record in records:
            yield record.line, record.item, record.raw
    except DAMAGED_FILE:
        return


def imports(ws: Workspace) -> list[dict]:
    """Every import of a file the manifest records, oldest first (erasures left out)."""
    return manifest.imports(ws.archive)


def quarantined(ws: Workspace, namer: Namer | None = None) -> list[dict]:
    """Every record set aside, with its file, line, item, reason, raw bytes and platform
    (of the reader that imported it); with a ``namer`` also ``shown``, the raw record as
    text with citizens' handles and names replaced by pseudonyms (docs/privacy.md) and
    personal data masked (docs/special-categories.md)."""
    platforms = {
        entry["import_id"]: _platform(entry.get("reader")) for entry in manifest.imports(ws.archive)
    }
    rows = quarantine.records(ws.archive)
    for row in rows:
        row["platform"] = platforms.get(row.get("import_id"), "")
        if namer is not None:
            text = row["raw"].decode("utf-8", errors="backslashreplace")
            row["shown"] = personal.mask(namer.raw(row["platform"], text))
    return rows


def _platform(reader: str | None) -> str:
    if reader in readers.names():
        return readers.get(reader).platform
    return ""


def quarantine_counts(ws: Workspace) -> list[tuple[str, int]]:
    """(file, records set aside) per file."""
    return quarantine.counts_per_file(ws.archive)
