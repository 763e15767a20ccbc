"""One file's import as a unit: staged completely, then moved into place, or not at all.

A stage is the folder ``<workspace>/warehouse/_staging/<import-id>/``:

- ``raw/<table>/part-<n>.parquet``: rows as the reader gave them, batch by batch,
  with a ``seq`` column (the record's position in the file);
- ``commit/``: the finished files, laid out as the workspace itself
  (``commit/warehouse/posts/platform=x/month=2014-04/part-<import-id>.parquet``,
  ``commit/archive/records/<import-id>.parquet``, ...);
- ``manifest-entry.json``: the archive manifest entry of this import;
- ``READY``: written once everything above is complete.

``commit`` writes READY and then ``roll_forward`` moves every file of ``commit/`` to the
same place in the workspace, appends the manifest entry (once) and deletes the stage.
Recovery (``meetlat.warehouse.recovery``) rolls a stage with READY forward and deletes
one without, so an interrupted import leaves the workspace as it was before that file.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from meetlat.archive import manifest
from meetlat.warehouse import layout

READY = "READY"
ENTRY = "manifest-entry.json"


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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

    def write_entry(self, entry: dict) -> None:
        (self.folder / ENTRY).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")

    @property
    def ready(self) -> bool:
        return (self.folder / READY).exists()

    def commit(self) -> None:
        marker = self.folder / READY
        with open(marker, "w", encoding="utf-8") as handle:
            handle.write(self.import_id + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        _fsync_dir(self.folder)
        roll_forward(self.folder, self.root)

    def discard(self) -> None:
        """Forget a stage that never became READY (an interrupted or failed import)."""
        if not self.ready and self.folder.exists():
            shutil.rmtree(self.folder)


def roll_forward(folder: Path, root: Path) -> None:
    """Finish a READY stage: move its files into place, append its manifest entry, delete it.

    Safe to repeat after a crash at any point: a file already moved is no longer in the
    stage, and an entry already in the manifest is not appended again.
    """
    commit_dir = folder / "commit"
    if commit_dir.exists():
        for path in sorted(p for p in commit_dir.rglob("*") if p.is_file()):
            target = root / path.relative_to(commit_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
    entry_file = folder / ENTRY
    if entry_file.exists():
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        archive = root / "archive"
        if not manifest.contains(archive, entry["import_id"]):
            manifest.append(archive, entry)
    shutil.rmtree(folder)
