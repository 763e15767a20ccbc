"""The warehouse's own list of its parts: every Parquet file of the imported tables, with its sha256.

``<workspace>/warehouse/parts.json``::

    {"version": 1,
     "archive_head": {"entries": 12, "entry_hash": "..."},
     "parts": {"posts/platform=x/month=2014-04/part-<import-id>.parquet":
                   {"sha256": "...", "size": 1234, "import_id": "<import-id>"}, ...}}

It is replaced atomically (``meetlat.archive.atomic``) whenever an import adds parts:
the new list is prepared in the import's stage before the stage is READY and renamed
into place when the stage rolls forward (``meetlat.warehouse.staging``), so only the
parts an import wrote are hashed. ``archive_head`` is the archive's head
(``meetlat.archive.manifest.head_of``) the warehouse was built from: a second copy, so
that removing the last manifest lines and rewriting ``archive/head.json`` still shows.
``check`` (``meetlat archive verify``) finds every part that is missing, altered or not
listed; ``meetlat archive rebuild`` makes the warehouse again from the archive.

The registry (``warehouse/registry/accounts.parquet``) is listed apart (``"registry"``,
written by ``record_registry`` under the warehouse lock when the registry is saved): it
is not made from the archive, so a rebuild keeps it as it is and only ``meetlat accounts
import`` restores it.
"""

from __future__ import annotations

from pathlib import Path

from meetlat.archive import atomic, manifest, store
from meetlat.archive.verify import VerifyReport
from meetlat.i18n import _, number
from meetlat.warehouse import layout, schema

PARTS = "parts.json"
VERSION = 1
TABLES = tuple(schema.TABLES)  # the tables an import fills from the archive


def parts_path(warehouse: Path) -> Path:
    return Path(warehouse) / PARTS


def read(warehouse: Path) -> dict | None:
    """The part list, or None when the warehouse has none (yet)."""
    return atomic.read_json(parts_path(warehouse))


def write(warehouse: Path, value: dict) -> None:
    atomic.write_json(parts_path(warehouse), value)


def data_files(warehouse: Path) -> list[Path]:
    """Every Parquet file of the imported tables, as it is on disk now."""
    return [path for table in TABLES for path in layout.table_files(Path(warehouse), table)]


def describe(path: Path, import_id: str | None) -> dict:
    sha256, size = store.file_sha256(path)
    return {"sha256": sha256, "size": size, "import_id": import_id}


def with_added(current: dict | None, added: dict[str, dict], head: dict) -> dict:
    """The list ``current`` (None: an empty one) with the parts ``added`` and the new head."""
    listed = dict((current or {}).get("parts", {}))
    listed.update(added)
    registry = dict((current or {}).get("registry", {}))
    return {"version": VERSION, "archive_head": dict(head), "parts": listed, "registry": registry}


def record_registry(warehouse: Path, file: Path, part: dict) -> None:
    """Note the registry ``file`` just saved (``part``: its ``describe``); the caller holds
    the warehouse lock. A warehouse of an older Meetlat without a list gets none here."""
    warehouse = Path(warehouse)
    current = read(warehouse)
    if current is None:
        if data_files(warehouse):
            return
        current = with_added(None, {}, manifest.head_of(warehouse.parent / "archive"))
    current = with_added(current, {}, current["archive_head"])
    current["registry"] = {Path(file).relative_to(warehouse).as_posix(): part}
    write(warehouse, current)


def stage_parts(commit_warehouse: Path, import_id: str) -> dict[str, dict]:
    """The parts a stage adds (its files under ``commit/warehouse``), hashed once here."""
    return {
        path.relative_to(commit_warehouse).as_posix(): describe(path, import_id)
        for table in TABLES
        for path in layout.table_files(commit_warehouse, table)
    }


def _label(relative: str) -> str:
    return f"warehouse/{relative}"


def _check_listed(
    warehouse: Path, listed: dict[str, dict], report: VerifyReport, missing: str, altered: str
) -> list[tuple[str, dict]]:
    """Every listed part present with its sha256 (``missing`` and ``altered`` are the
    messages: what to do differs per table); the parts that are present, in order."""
    present = []
    for relative, part in sorted(listed.items()):
        report.parts += 1
        path = warehouse / relative
        if not path.exists():
            report.add(_label(relative), missing.format(sha=part["sha256"]))
            continue
        actual = store.file_sha256(path)[0]
        if actual != part["sha256"]:
            report.add(_label(relative), altered.format(actual=actual, sha=part["sha256"]))
        present.append((relative, part))
    return present


def _check_unlisted(files, listed: dict[str, dict], report: VerifyReport) -> None:
    for relative in sorted(set(files) - set(listed)):
        report.add(
            _label(relative),
            _("not in the warehouse's list of parts ({file}): it was added afterwards").format(
                file=_label(PARTS)
            ),
        )


def _check_registry(warehouse: Path, listed: dict[str, dict], report: VerifyReport) -> None:
    files = {
        p.relative_to(warehouse).as_posix()
        for p in layout.table_files(warehouse, layout.REGISTRY_TABLE)
    }
    _check_listed(
        warehouse,
        listed,
        report,
        _(
            "missing: the list of parts expects it with sha256 {sha} (import the "
            "registry again with: meetlat accounts import)"
        ),
        _(
            "altered: its sha256 is {actual}, the list of parts expects {sha} (import "
            "the registry again with: meetlat accounts import)"
        ),
    )
    _check_unlisted(files, listed, report)


def check(warehouse: Path, head: dict, import_ids: set[str], report: VerifyReport) -> None:
    """Every listed part present with its sha256, every part listed, each from an import
    the manifest records, and the list built from the archive's present ``head``."""
    warehouse = Path(warehouse)
    value = read(warehouse)
    files = {p.relative_to(warehouse).as_posix(): p for p in data_files(warehouse)}
    if value is None:
        if files or head["entries"] or layout.table_files(warehouse, layout.REGISTRY_TABLE):
            report.add(
                _label(PARTS),
                _(
                    "missing: the warehouse's list of its parts is expected beside its "
                    "tables (restore the warehouse with: meetlat archive rebuild)"
                ),
            )
        return
    listed: dict[str, dict] = value.get("parts", {})
    present = _check_listed(
        warehouse,
        listed,
        report,
        _(
            "missing: the list of parts expects it with sha256 {sha} "
            "(restore it with: meetlat archive rebuild)"
        ),
        _(
            "altered: its sha256 is {actual}, the list of parts expects {sha} "
            "(restore it with: meetlat archive rebuild)"
        ),
    )
    for relative, part in present:
        if part.get("import_id") not in import_ids:
            report.add(
                _label(relative),
                _("comes from import {id}, which no manifest line records").format(
                    id=part.get("import_id")
                ),
            )
    _check_registry(warehouse, value.get("registry", {}), report)
    _check_unlisted(files, listed, report)
    recorded = value.get("archive_head") or {}
    if recorded != head:
        report.add(
            _label(PARTS),
            _(
                "built from a manifest of {expected} lines ending in {expected_hash}, but "
                "archive/manifest.jsonl has {lines} lines ending in {hash}"
            ).format(
                expected=number(recorded.get("entries") or 0),
                expected_hash=str(recorded.get("entry_hash"))[:12],
                lines=number(head["entries"]),
                hash=head["entry_hash"][:12],
            ),
        )
