"""One file's import as a unit: staged completely, then moved into place, or not at all.

A stage is the folder ``<workspace>/warehouse/_staging/<import-id>/``:

- ``object.sha256``: the archived file this import reads, noted before it is stored,
  so that an import that never commits leaves no object that no manifest line names;
- ``raw/<table>/part-<n>.parquet``: rows as the reader gave them, batch by batch,
  with a ``seq`` column (the record's position in the file);
- ``commit/``: the finished files, laid out as the workspace itself
  (``commit/warehouse/posts/platform=x/month=2014-04/part-<import-id>.parquet``,
  ``commit/archive/records/<import-id>.parquet``, ...);
- ``manifest-entry.json``: the archive manifest entry of this import, chained;
- ``files.json``, ``parts.json``, ``head.json``: the files of ``commit/``, the
  warehouse's new list of parts and the archive's new head (docs/adr/0006);
- ``remove.json`` (an erasure's stage only, ``meetlat.app.erasing``): files of the
  workspace to delete once the rest is in place;
- ``READY``: written once everything above is complete.

Everything that needs room on the disk is written before READY. ``commit`` writes READY
and then ``roll_forward`` moves every file of ``commit/`` to the same place in the
workspace (renames), appends the manifest entry (once: the one write that needs room,
undone with the moves when it fails), renames the part list and the head into place and
deletes the stage. Recovery (``meetlat.warehouse.recovery``) rolls a stage with READY
forward and forgets one without (``forget``), so an interrupted import leaves the
workspace as it was before that file.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from meetlat.archive import atomic, manifest, store
from meetlat.warehouse import layout, parts

READY = "READY"
ENTRY = "manifest-entry.json"
OBJECT = "object.sha256"
FILES = "files.json"
PARTS = "parts.json"
HEAD = "head.json"
REMOVE = "remove.json"


class Stage:
    def __init__(self, root: Path, import_id: str, create: bool = True):
        """A new stage, or (``create=False``) one made earlier, e.g. by a worker process."""
        self.root = Path(root)  # the workspace root
        self.import_id = import_id
        self.folder = layout.staging_root(self.root / "warehouse") / import_id
        self.raw = self.folder / "raw"
        self.commit_dir = self.folder / "commit"
        if create:
            self.folder.mkdir(parents=True, exist_ok=False)

    def target(self, relative: str | Path) -> Path:
        """Where a finished file goes inside the stage (relative to the workspace root)."""
        path = self.commit_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def note_object(self, sha256: str) -> None:
        """Note the archived file of this import before it is stored (see ``forget``)."""
        atomic.write_json(self.folder / OBJECT, sha256)

    def write_entry(self, entry: dict) -> None:
        (self.folder / ENTRY).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")

    @property
    def ready(self) -> bool:
        return (self.folder / READY).exists()

    def prepare(self) -> None:
        """Write, inside the stage, all that rolling forward needs besides renames and the
        one manifest line: the chained entry, the file list, the new part list and head."""
        archive = self.root / "archive"
        files = sorted(
            p.relative_to(self.commit_dir).as_posix()
            for p in self.commit_dir.rglob("*")
            if p.is_file()
        )
        atomic.write_json(self.folder / FILES, files)
        entry_file = self.folder / ENTRY
        head = manifest.head_of(archive)
        if entry_file.exists():
            entry = manifest.chained(archive, json.loads(entry_file.read_text(encoding="utf-8")))
            atomic.write_json(entry_file, entry)
            head = manifest.head_after(head, entry)
        warehouse = self.root / "warehouse"
        current = parts.read(warehouse)
        if current is not None or not parts.data_files(warehouse):
            added = parts.stage_parts(self.commit_dir / "warehouse", self.import_id)
            atomic.write_json(self.folder / PARTS, parts.with_added(current, added, head))
        # else: a warehouse of an older Meetlat, without a list: none is begun here (it
        # would vouch for parts nobody checked); `meetlat archive rebuild` makes one
        atomic.write_json(self.folder / HEAD, head)

    def commit(self) -> None:
        self.prepare()
        marker = self.folder / READY
        with open(marker, "w", encoding="utf-8") as handle:
            handle.write(self.import_id + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        atomic.fsync_dir(self.folder)
        try:
            roll_forward(self.folder, self.root)
        except OSError:
            if not self.ready:  # undone: forget it as a stage that never became READY
                forget(self.folder, self.root)
            raise

    def discard(self) -> None:
        """Forget a stage that never became READY (an interrupted or failed import)."""
        if not self.ready and self.folder.exists():
            forget(self.folder, self.root)


def _files(folder: Path) -> list[str]:
    listed = atomic.read_json(folder / FILES)
    if listed is not None:
        return listed
    commit_dir = folder / "commit"  # a stage of an older Meetlat
    return sorted(
        p.relative_to(commit_dir).as_posix() for p in commit_dir.rglob("*") if p.is_file()
    )


def _undo(folder: Path, root: Path, files: list[str]) -> None:
    """Move this stage's files back out of the workspace and take READY away."""
    commit_dir = folder / "commit"
    for relative in reversed(files):
        placed, kept = root / relative, commit_dir / relative
        if placed.exists() and not kept.exists():
            kept.parent.mkdir(parents=True, exist_ok=True)
            os.replace(placed, kept)
    (folder / READY).unlink(missing_ok=True)


def roll_forward(folder: Path, root: Path) -> None:
    """Finish a READY stage: move its files into place, append its manifest entry, put
    the new part list and archive head in place, delete the stage.

    Safe to repeat after a crash at any point: a file already moved is no longer in the
    stage, and an entry already in the manifest is not appended again. When the manifest
    line cannot be written (a full disk), the moves are undone, READY is taken away and
    the error is raised: the workspace is as it was before this file.
    """
    commit_dir = folder / "commit"
    archive = root / "archive"
    files = _files(folder)
    entry_file = folder / ENTRY
    entry = json.loads(entry_file.read_text(encoding="utf-8")) if entry_file.exists() else None
    try:
        for relative in files:
            path = commit_dir / relative
            if path.exists():
                target = root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
        if entry is not None and not manifest.contains(archive, entry["import_id"]):
            manifest.append(archive, entry)
    except OSError:
        if entry is None or not manifest.contains(archive, entry["import_id"]):
            _undo(folder, root, files)
        raise
    for relative in atomic.read_json(folder / REMOVE) or []:
        (root / relative).unlink(missing_ok=True)
    _place_lists(folder, root, files)
    shutil.rmtree(folder)


def _place_lists(folder: Path, root: Path, files: list[str]) -> None:
    """The prepared part list and head renamed into place; written anew when the
    manifest turned out otherwise than prepared (a stage of an older Meetlat). A
    warehouse without a list (of an older Meetlat) gets none here."""
    archive, warehouse = root / "archive", root / "warehouse"
    head = manifest.head_of(archive)
    prepared = folder / PARTS
    if atomic.read_json(folder / HEAD) == head:
        if prepared.exists():
            os.replace(prepared, parts.parts_path(warehouse))
        os.replace(folder / HEAD, manifest.head_path(archive))
        return
    current = parts.read(warehouse)
    if current is not None:
        import_id = folder.name
        added = {
            relative.removeprefix("warehouse/"): parts.describe(root / relative, import_id)
            for relative in files
            if relative.startswith("warehouse/") and (root / relative).exists()
        }
        parts.write(warehouse, parts.with_added(current, added, head))
    atomic.write_json(manifest.head_path(archive), head)


def _noted_object(folder: Path) -> str | None:
    try:
        return atomic.read_json(folder / OBJECT)
    except (OSError, ValueError):
        return None


def forget(folder: Path, root: Path) -> None:
    """Delete a stage that will not be committed, and the archived file it stored when no
    manifest line and no other stage names that file (no orphan object is left)."""
    sha = _noted_object(folder)
    shutil.rmtree(folder, ignore_errors=True)
    if sha is None:
        return
    archive = Path(root) / "archive"
    if any(entry.get("sha256") == sha for entry in manifest.entries(archive)):
        return
    staging = layout.staging_root(Path(root) / "warehouse")
    others = staging.iterdir() if staging.exists() else []
    if any(_noted_object(other) == sha for other in others if other.is_dir()):
        return
    store.object_path(archive, sha).unlink(missing_ok=True)


def noted_objects(root: Path) -> set[str]:
    """The archived files of the stages there are now (an import running)."""
    staging = layout.staging_root(Path(root) / "warehouse")
    if not staging.exists():
        return set()
    return {
        sha for folder in staging.iterdir() if folder.is_dir() and (sha := _noted_object(folder))
    }
