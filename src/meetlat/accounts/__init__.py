"""The accounts registry: which social-media account belongs to which municipality.

``meetlat.accounts.load(ws)`` gives the registry as an Arrow table of
``meetlat.warehouse.schema.REGISTRY`` (empty when nothing was imported);
``import_file(ws, path)`` checks a CSV file and adds all of it or nothing.
"""

from __future__ import annotations

from pathlib import Path

from meetlat.accounts.csvfile import InvalidFile, Problem, normalise_handle, read
from meetlat.accounts.store import Merge, load, path, save
from meetlat.workspace import Workspace


def import_file(ws: Workspace, file: Path) -> Merge:
    """Import a registry CSV; raises InvalidFile (and changes nothing) if any row is bad."""
    return save(ws, read(Path(file)))


__all__ = [
    "InvalidFile",
    "Merge",
    "Problem",
    "import_file",
    "load",
    "normalise_handle",
    "path",
    "read",
    "save",
]
