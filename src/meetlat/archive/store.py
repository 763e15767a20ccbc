"""The object store of the archive: every imported file kept byte for byte, by its sha256.

``<workspace>/archive/objects/<sha[:2]>/<sha256>`` holds the exact bytes of a file as it
was received (a ``.gz`` or ``.zip`` stays compressed). Storing the same bytes twice
stores nothing new. Objects are written to a temporary name first and renamed into
place, so an object under its final name is always complete.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20  # bytes read at a time while hashing or copying


@dataclass(frozen=True)
class StoredObject:
    sha256: str
    size: int
    path: Path
    new: bool  # False when the same bytes were already in the archive


def file_sha256(path: Path) -> tuple[str, int]:
    """The sha256 (hex) and size of the file at ``path``, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def objects_dir(archive: Path) -> Path:
    return archive / "objects"


def object_path(archive: Path, sha256: str) -> Path:
    return objects_dir(archive) / sha256[:2] / sha256


def put(archive: Path, path: Path, announce: Callable[[str], None] | None = None) -> StoredObject:
    """Keep the file at ``path`` in the archive (once per content) and describe it.
    ``announce(sha256)`` is called before the object is written (the import notes it in
    its stage, so that an import that never commits can take it away again)."""
    sha256, size = file_sha256(path)
    if announce is not None:
        announce(sha256)
    target = object_path(archive, sha256)
    if target.exists():
        return StoredObject(sha256, size, target, new=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out, open(path, "rb") as source:
            shutil.copyfileobj(source, out, CHUNK)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o444)  # archived bytes are read-only
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return StoredObject(sha256, size, target, new=True)


def stored_objects(archive: Path) -> list[Path]:
    """Every complete object on disk (temporary files of an interrupted copy excluded)."""
    folder = objects_dir(archive)
    if not folder.exists():
        return []
    return sorted(p for p in folder.glob("*/*") if p.is_file() and not p.name.startswith("."))
