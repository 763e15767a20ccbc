"""Erasing a private person's data (AVG art. 17; docs/privacy.md): ``meetlat privacy erase``.

``erase(ws, platform, handle)`` takes the person (an account that is not in the registry
of public bodies: those are refused) out of

- the warehouse: their posts (and the metrics of those posts), their profile rows and
  snapshots; in the posts of others a mention of them becomes their pseudonym;
- the measurement facts: rebuilt from the erased warehouse;
- the workspace's reports folder: every text document that names them is removed
  (reports only show registry accounts, so normally none; the drafts of open data are
  computed live from the warehouse and published snapshots hold registry accounts only:
  ``published`` counts the published files that would name the person, expected 0);

and records it: a line in ``<workspace>/privacy/erasures.jsonl`` (time, pseudonym, never
the handle, counts removed, reason, request id, and the person's marks, which the
importer and ``meetlat archive rebuild`` consult so that reading the archive again does
not bring them back) and an erasure line in the archive manifest's chain, so that
``meetlat archive verify`` shows an erasure, not tampering. The archived files themselves
stay as received: the Archiefwet requires the municipality to keep them (art. 17(3)(b)).

All changes are made in a stage (``warehouse/_staging/<erasure-id>/``, the same as an
import's: ``meetlat.warehouse.staging``), under the warehouse lock: new parts, the new
part list, the manifest line, the new erasure list and the files to remove; once READY
it is rolled forward, and an interrupted roll-forward is finished by the next recovery.
A fault before READY leaves the workspace as it was. Erasing again finds nothing left
and changes nothing.
"""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq

from meetlat.app.facts import FactsUpdate, update_facts
from meetlat.app.privacy import public_accounts
from meetlat.archive import atomic, manifest
from meetlat.i18n import _
from meetlat.indicators.factstore import FOLDER as FACTS_FOLDER
from meetlat.platforms.catalog import readers
from meetlat.privacy import erasure, pseudonym
from meetlat.warehouse import layout, parts
from meetlat.warehouse.recovery import locked, recover_locked
from meetlat.warehouse.staging import FILES, HEAD, PARTS, READY, REMOVE, roll_forward
from meetlat.workspace import Workspace

TABLES = (*erasure.PERSON_TABLES, "post_metrics")
TEXT_SUFFIXES = {".html", ".htm", ".md", ".txt", ".csv", ".json", ".jsonl", ".svg", ".xml"}


class ErasureRefused(ValueError):
    """The account may not be erased (a public body's) or was not named well."""


@dataclass
class Erasure:
    """What an erasure did. ``done`` False: nothing was left to erase (erased before)."""

    pseudonym: str
    done: bool
    removed: dict[str, int] = field(default_factory=dict)  # rows per warehouse table
    mentions: int = 0  # posts of others whose mention of the person became the pseudonym
    parts: int = 0  # warehouse files written again
    reports: list[str] = field(default_factory=list)  # derived documents removed
    published: list[str] = field(default_factory=list)  # published files naming them (0!)
    facts: FactsUpdate | None = None


def _step(name: str) -> None:
    """A point between two steps of an erasure (tests make one fail here)."""


def erase(ws: Workspace, platform: str, handle: str, reason: str | None = None,
          request_id: str | None = None) -> Erasure:  # fmt: skip
    """Erase the private person ``handle`` on ``platform`` from the workspace."""
    handle = (handle or "").strip()
    if not handle.lstrip("@"):
        raise ErasureRefused(_("Name the account to erase with --account."))
    subject = pseudonym.subject(handle)
    if (platform, subject) in public_accounts(ws):
        raise ErasureRefused(
            _(
                "{platform}:{handle} is in the registry of public bodies: the accounts of a "
                "public body are not erased (only a private person has that right, AVG "
                "art. 17). Take it out of the registry first if it is not a public body."
            ).format(platform=platform, handle=subject)
        )
    secret = pseudonym.key(ws.root, create=True)
    name = pseudonym.pseudonym(secret, platform, subject)
    with locked(ws.warehouse):
        recover_locked(ws.root)
        result = _erase_locked(ws, secret, platform, subject, name, reason, request_id)
    if result.done:
        shutil.rmtree(ws.warehouse / FACTS_FOLDER, ignore_errors=True)
        _step("facts")
        result.facts = update_facts(ws)
    return result


def _person(warehouse: Path, platform: str, subject: str) -> set[str]:
    """The account ids the warehouse knows for ``subject`` on ``platform``."""
    ids: set[str] = set()
    for table in erasure.PERSON_TABLES:
        for path in layout.table_files(warehouse, table):
            rows = pq.read_table(path, columns=["platform", "account_id", "handle"]).to_pylist()
            ids |= {
                r["account_id"]
                for r in rows
                if r["platform"] == platform
                and r["account_id"]
                and r["handle"]
                and pseudonym.subject(r["handle"]) == subject
            }
    return ids


def _erase_locked(ws: Workspace, secret, platform: str, subject: str, name: str,
                  reason: str | None, request_id: str | None) -> Erasure:  # fmt: skip
    warehouse = ws.warehouse
    ids = _person(warehouse, platform, subject)
    marks = erasure.marks_of(secret, platform, [subject], ids)
    log = erasure.read_log(ws.root)
    known = {m for e in log if e.get("platform") == platform for m in e.get("marks", [])}
    person = erasure.Erased(secret)
    person.add(platform, marks)
    files = [
        (table, path) for table in TABLES for path in layout.table_files(warehouse, table)
    ]  # fmt: skip
    posts: set = set()
    handles: set = {(platform, subject)}
    for table, path in files:
        _kept, found = erasure.scrub({table: pq.read_table(path)}, person)
        posts |= found.posts
        handles |= found.handles
    erasure_id = f"erasure-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    stage = layout.staging_root(warehouse) / erasure_id
    commit = stage / "commit"
    result = Erasure(name, done=False)
    changed: dict[str, dict] = {}
    try:
        for table, path in files:
            before = pq.read_table(path)
            after, found = erasure.scrub({table: before}, person, posts, handles)
            if not found.rows and not found.mentions:
                continue
            relative = path.relative_to(warehouse).as_posix()
            target = commit / "warehouse" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(after[table], target)
            for key, count in found.rows.items():
                result.removed[key] = result.removed.get(key, 0) + count
            result.mentions += found.mentions
            changed[relative] = parts.describe(target, None)
        replaced = _quarantine(ws, commit, person, result)
        reports = _naming(ws.reports, [subject, name])
        result.reports = [p.relative_to(ws.root).as_posix() for p in reports]
        result.published = [
            p.relative_to(ws.root).as_posix() for p in _naming(ws.root / "published", [subject])
        ]
        result.parts = len(changed)
        if not changed and not replaced and not reports and set(marks) <= known:
            shutil.rmtree(stage, ignore_errors=True)
            return result  # erased before: nothing left
        result.done = True
        _stage(ws, stage, erasure_id, changed, replaced, result, platform, marks, reason,
               request_id)  # fmt: skip
        _step("staged")
        _ready(stage, erasure_id)
        _step("ready")
        _apply(stage, ws.root)
    except BaseException:
        if not (stage / READY).exists():
            shutil.rmtree(stage, ignore_errors=True)
        raise
    return result


def _quarantine(ws: Workspace, commit: Path, person: erasure.Erased,
                result: Erasure) -> dict[str, dict]:  # fmt: skip
    """Write into the stage the quarantine lists without the person's records (Meetlat's
    own copies of records it could not read: the archived file itself keeps them); the
    changed lists, with their old and new sha256."""
    replaced: dict[str, dict] = {}
    for entry in manifest.imports(ws.archive):
        relative = entry.get("quarantine")
        path = ws.archive / relative if relative else None
        if path is None or not path.exists():
            continue
        table = pq.read_table(path)
        platform = _platform(entry.get("reader"))
        kept = erasure.scrub_quarantine(table, platform, person)
        if kept is table:
            continue
        target = commit / "archive" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(kept, target)
        old = _current_sha(ws.archive, relative, entry.get("quarantine_sha256"))
        replaced[relative] = {"old": old, "new": parts.describe(target, None)["sha256"]}
        removed = table.num_rows - kept.num_rows
        result.removed["quarantine"] = result.removed.get("quarantine", 0) + removed
    return replaced


def _platform(reader: str | None) -> str | None:
    return readers.get(reader).platform if reader in readers.names() else None


def _current_sha(archive: Path, relative: str, original: str | None) -> str | None:
    """The sha256 a list is expected to have now: the last erasure's, else the import's."""
    for entry in manifest.erasures(archive):
        original = entry.get("replaced", {}).get(relative, {}).get("new", original)
    return original


def _naming(folder: Path, names: list[str]) -> list[Path]:
    """The text documents under ``folder`` that contain one of ``names`` (any case); a
    PDF goes with the HTML document of the same name."""
    if not folder.exists():
        return []
    wanted = [n.lower().encode("utf-8") for n in names if n]
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix.lower() in TEXT_SUFFIXES:
            content = path.read_bytes().lower()
            if any(n in content for n in wanted):
                found.append(path)
    twins = [
        p.with_suffix(".pdf") for p in found if p.suffix == ".html" and p.with_suffix(".pdf").exists()
    ]  # fmt: skip
    return sorted(set(found + twins))


def _stage(ws: Workspace, stage: Path, erasure_id: str, changed: dict[str, dict],
           replaced: dict[str, dict], result: Erasure, platform: str, marks: list[str], reason: str | None,
           request_id: str | None) -> None:  # fmt: skip
    """Write into the stage everything rolling forward needs besides renames."""
    warehouse, archive = ws.warehouse, ws.archive
    at = datetime.now(UTC).isoformat(timespec="seconds")
    current = parts.read(warehouse)
    imports = sorted(
        {(current or {}).get("parts", {}).get(r, {}).get("import_id") for r in changed} - {None}
    )
    entry = manifest.chained(
        archive,
        {
            "kind": manifest.ERASURE,
            "import_id": erasure_id,
            "erased_at": at,
            "imported_at": at,
            "platform": platform,
            "pseudonym": result.pseudonym,
            "request_id": request_id,
            "removed": dict(sorted(result.removed.items())),
            "mentions_pseudonymised": result.mentions,
            "imports": imports,
            "parts": {
                r: {
                    "old": (current or {}).get("parts", {}).get(r, {}).get("sha256"),
                    "new": d["sha256"],
                }
                for r, d in sorted(changed.items())
            },  # fmt: skip
            "replaced": replaced,  # archive lists written again: relative path, old and new sha256
            "archive_files": "kept",  # Archiefwet: the received files stay as they were
        },
    )
    atomic.write_json(stage / "manifest-entry.json", entry)
    head = manifest.head_after(manifest.head_of(archive), entry)
    if current is not None:
        listed = dict(current.get("parts", {}))
        for relative, described in changed.items():
            listed[relative] = {**described, "import_id": listed.get(relative, {}).get("import_id")}
        atomic.write_json(stage / PARTS, {**current, "parts": listed, "archive_head": head})
    atomic.write_json(stage / HEAD, head)
    line = {
        "at": at,
        "erasure_id": erasure_id,
        "platform": platform,
        "pseudonym": result.pseudonym,
        "marks": marks,
        "reason": " ".join((reason or "").split()) or None,
        "request_id": request_id,
        "removed": dict(sorted(result.removed.items())),
        "mentions_pseudonymised": result.mentions,
        "reports_removed": len(result.reports),
    }
    log = stage / "commit" / erasure.LOG
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(erasure.log_text([*erasure.read_log(ws.root), line]), encoding="utf-8")
    files = sorted(
        p.relative_to(stage / "commit").as_posix()
        for p in (stage / "commit").rglob("*")
        if p.is_file()
    )
    atomic.write_json(stage / FILES, files)
    atomic.write_json(stage / REMOVE, result.reports)


def _apply(stage: Path, root: Path) -> None:
    """Roll a READY erasure stage forward: its manifest line first (when that cannot be
    written, e.g. on a full disk, READY is taken away and nothing has changed), then the
    renames, removals and lists (``staging.roll_forward``, which a recovery repeats).
    The line comes first because an erasure's files replace files of the workspace,
    which could not be moved back."""
    archive = root / "archive"
    entry = json.loads((stage / "manifest-entry.json").read_text(encoding="utf-8"))
    if not manifest.contains(archive, entry["import_id"]):
        try:
            manifest.append(archive, entry)
        except OSError:
            (stage / READY).unlink(missing_ok=True)
            shutil.rmtree(stage, ignore_errors=True)
            raise
    _step("chained")
    roll_forward(stage, root)


def _ready(stage: Path, erasure_id: str) -> None:
    with open(stage / READY, "w", encoding="utf-8") as handle:
        handle.write(erasure_id + "\n")
        handle.flush()
    atomic.fsync_dir(stage)


def erasures(ws: Workspace) -> list[dict]:
    """Every erasure recorded, oldest first, without the marks."""
    return [
        {k: v for k, v in e.items() if k != "marks"} for e in erasure.read_log(ws.root)
    ]  # fmt: skip


__all__ = ["Erasure", "ErasureRefused", "erase", "erasures"]
