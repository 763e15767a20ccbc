"""The workspace: the folder that holds archive, warehouse, reference overrides and reports."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from meetlat import settings
from meetlat.i18n import _

SUBDIRS = ("archive", "warehouse", "reference", "reports")
MARKER = "meetlat.toml"


class WorkspaceMissing(Exception):
    """Raised when a command needs a workspace that was never made with `meetlat init`."""


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse"

    @property
    def reference(self) -> Path:
        return self.root / "reference"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def database(self) -> Path:
        return self.root / "meetlat.sqlite3"


def init(home: Path | None = None) -> Workspace:
    """Make the workspace (safe to run twice) and return it."""
    root = Path(home) if home is not None else settings.load().home
    root.mkdir(parents=True, exist_ok=True)
    for name in SUBDIRS:
        (root / name).mkdir(exist_ok=True)
    marker = root / MARKER
    if not marker.exists():
        marker.write_text("# Meetlat workspace\nversion = 1\n", encoding="utf-8")
    return Workspace(root.resolve())


def current(create: bool = False) -> Workspace:
    """The workspace named by MEETLAT_HOME (default ./meetlat-data)."""
    root = settings.load().home
    if not (root / MARKER).exists():
        if create:
            return init(root)
        raise WorkspaceMissing(
            _("No workspace at {path}: run `meetlat init` first or set MEETLAT_HOME.").format(
                path=root
            )
        )
    return Workspace(root.resolve())


def secret(root: Path, name: str, create: bool = True) -> bytes | None:
    """A 32-byte secret of the workspace kept in ``<root>/<name>`` (0600), made once when
    ``create``; None when it does not exist and may not be made. Never archived or printed.

    A new secret is written to a temporary file and linked into place, so two processes
    making it at once end with the same secret (the second keeps the first's)."""
    file = Path(root) / name
    if file.exists():
        return bytes.fromhex(file.read_text(encoding="ascii").strip())
    if not create:
        return None
    value = secrets.token_bytes(32)
    temporary = file.with_name(f"{name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value.hex() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(temporary, file)  # never replaces a secret another process made meanwhile
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return bytes.fromhex(file.read_text(encoding="ascii").strip())
