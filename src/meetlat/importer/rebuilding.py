"""Making the warehouse again from the archive: ``meetlat archive rebuild``.

Every import the manifest records is done again, in its order, with its own import id
and reader, from its archived file, through the same code as an import
(``reading.stage_file`` and ``finishing.finish``), into a fresh workspace folder beside
the real one: ``<workspace>/.rebuild-<token>/`` with a new ``warehouse/`` and an
``archive/`` whose ``objects`` is a link to the real objects (nothing is copied; the real
archive is only read: the record lists, quarantine lists and manifest that the rebuild
writes stay in that folder and are deleted with it). The registry, which is not made from
the archive, is copied. Then, under the warehouse lock, the new warehouse takes the old
one's place in one atomic exchange of the two folders (``renameat2`` with
``RENAME_EXCHANGE`` on Linux; two renames elsewhere) and the old one is deleted. The new
warehouse's list of parts records the real archive's head (docs/adr/0006).

The archive is checked first (every hash, not the records): a rebuild from a damaged
archive, or of a file whose reader is not installed, is refused and changes nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from meetlat.archive import atomic, manifest, store
from meetlat.archive import verify as checks
from meetlat.archive.verify import Finding
from meetlat.i18n import _
from meetlat.importer.finishing import finish
from meetlat.importer.reading import stage_file
from meetlat.importer.sources import Unit
from meetlat.platforms.catalog import readers
from meetlat.privacy import erasure, pseudonym
from meetlat.warehouse import layout, parts
from meetlat.warehouse.recovery import locked, recover_locked

PREFIX = ".rebuild-"
COUNTS = ("records_read", "posts_imported", "duplicates", "quarantined")


class RebuildRefused(Exception):
    """The archive cannot give the warehouse back; nothing was changed. ``findings``: why."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("; ".join(f"{f.item}: {f.problem}" for f in findings))


@dataclass
class Rebuilt:
    files: int = 0  # imports done again
    posts: int = 0  # posts in the new warehouse (own and embedded)
    parts: int = 0  # Parquet parts of the new warehouse
    differences: list[Finding] = field(default_factory=list)  # counts unlike the manifest's


def _refusals(root: Path, entries: list[dict], head_missing: bool) -> list[Finding]:
    """What keeps the archive from giving the warehouse back. An object that no line names
    is no obstacle, nor a missing head (a workspace of an older Meetlat: it is written)."""
    archive = root / "archive"
    named = {f"archive/{store.object_path(archive, e['sha256']).relative_to(archive).as_posix()}"
             for e in entries}  # fmt: skip
    found = []
    for finding in checks.verify(root).findings:
        if finding.item.startswith("archive/objects/") and finding.item not in named:
            continue
        if head_missing and finding.item == f"archive/{manifest.HEAD}":
            continue
        found.append(finding)
    installed = set(readers.names())
    for entry in entries:
        if entry.get("reader") not in installed:
            found.append(
                Finding(
                    entry.get("name", "?"),
                    _("its reader {reader} is not installed: it cannot be read again").format(
                        reader=entry.get("reader")
                    ),
                )
            )
    return found


def _head_missing(archive: Path) -> bool:
    try:
        return manifest.read_head(archive) is None
    except ValueError:
        return False


def _scratch(root: Path) -> Path:
    """A fresh workspace beside the real one, reading the real archived files."""
    for old in root.glob(PREFIX + "*"):  # left by an interrupted rebuild
        shutil.rmtree(old, ignore_errors=True)
    scratch = root / f"{PREFIX}{secrets.token_hex(4)}"
    (scratch / "archive").mkdir(parents=True)
    (scratch / "warehouse").mkdir()
    objects = store.objects_dir(root / "archive")
    objects.mkdir(parents=True, exist_ok=True)
    os.symlink(objects.resolve(), store.objects_dir(scratch / "archive"))
    return scratch


def _again(scratch: Path, archive: Path, entry: dict, rebuilt: Rebuilt,
           erased: erasure.Erased, touched: set[str]) -> None:  # fmt: skip
    """Import ``entry``'s file again, without the erased persons; its counts are compared
    with the manifest's unless an erasure took rows of it out (``touched``)."""
    unit = Unit(Path(entry["path"]), entry["name"], entry.get("member"))
    stored = store.StoredObject(
        entry["sha256"], entry["size"], store.object_path(archive, entry["sha256"]), new=False
    )
    staged = stage_file(
        scratch, unit, entry["reader"], entry["import_id"], stored=stored, erased=erased
    )
    done = finish(scratch, staged).as_dict()
    rebuilt.files += 1
    rebuilt.posts += done["posts_imported"] + done["embedded_posts"]
    expected = {} if entry["import_id"] in touched else entry.get("counts", {})
    for name in COUNTS:
        if name in expected and expected[name] != done[name]:
            rebuilt.differences.append(
                Finding(
                    entry["name"],
                    _("{count}: {actual} now, {expected} in the manifest").format(
                        count=name, actual=done[name], expected=expected[name]
                    ),
                )
            )


def _registry(warehouse: Path, fresh: Path) -> dict[str, dict]:
    """Copy the registry (not made from the archive) as it is, with its listing; one of
    an older Meetlat without a list is listed as it is now."""
    registry = layout.table_dir(warehouse, layout.REGISTRY_TABLE)
    if not registry.exists():
        return {}
    shutil.copytree(registry, layout.table_dir(fresh, layout.REGISTRY_TABLE))
    old = parts.read(warehouse)
    if old is not None:
        return dict(old.get("registry", {}))
    return {
        path.relative_to(warehouse).as_posix(): parts.describe(path, None)
        for path in layout.table_files(warehouse, layout.REGISTRY_TABLE)
    }


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> None:
    """Swap two folders in one step (Linux), or with two renames where that is not possible."""
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name, use_errno=True) if name else None
    function = getattr(libc, "renameat2", None) if libc is not None else None
    if function is not None:
        result = function(
            AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE
        )
        if result == 0:
            return
        error = ctypes.get_errno()
        if error not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise OSError(error, os.strerror(error), str(first))
    aside = first.with_name(first.name + ".old")
    os.rename(first, aside)
    os.rename(second, first)
    os.rename(aside, second)


def rebuild(root: Path) -> Rebuilt:
    """Make the warehouse of the workspace at ``root`` again from its archive; raises
    RebuildRefused (changing nothing) when the archive cannot give it back."""
    root = Path(root)
    archive, warehouse = root / "archive", root / "warehouse"
    rebuilt = Rebuilt()
    with locked(warehouse):
        recover_locked(root)
        entries = manifest.imports(archive)
        head_missing = _head_missing(archive)
        refusals = _refusals(root, entries, head_missing)
        if refusals:
            raise RebuildRefused(refusals)
        scratch = _scratch(root)
        try:
            erased = erasure.Erased.load(root, pseudonym.key(root, create=False))
            touched = {i for e in manifest.erasures(archive) for i in e.get("imports", [])}
            for entry in entries:
                _again(scratch, archive, entry, rebuilt, erased, touched)
            fresh = scratch / "warehouse"
            listed = parts.read(fresh) or parts.with_added(None, {}, manifest.head_of(archive))
            listed["archive_head"] = manifest.head_of(archive)
            listed["registry"] = _registry(warehouse, fresh)
            parts.write(fresh, listed)
            rebuilt.parts = len(listed["parts"])
            shutil.rmtree(layout.staging_root(fresh), ignore_errors=True)
            with locked(fresh):  # the new warehouse is locked too before it takes its place
                _exchange(warehouse, fresh)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        if head_missing:
            atomic.write_json(manifest.head_path(archive), manifest.head_of(archive))
    return rebuilt
