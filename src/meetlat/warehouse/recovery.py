"""Bringing the warehouse back to a whole state after an interrupted import.

Every import holds an exclusive lock on ``<workspace>/warehouse/.import.lock`` for as
long as it runs. ``recover`` takes the same lock (without waiting: when an import is
running, its stages are its own and nothing is touched) and then, for every folder in
``warehouse/_staging``: a stage with ``READY`` is rolled forward (its files moved into
place), a stage without is deleted with the archived file it stored, unless a manifest line
names that file. It runs before every import and in ``connect``.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from meetlat.archive import store
from meetlat.i18n import _
from meetlat.warehouse import layout
from meetlat.warehouse.staging import READY, forget, roll_forward

READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


class WarehouseBusy(RuntimeError):
    """Another import holds the warehouse lock."""


PATIENCE = 0.5  # seconds a lock is retried for: import_running() holds it for an instant


@contextmanager
def locked(warehouse: Path, wait: bool = False):
    """Hold the warehouse lock; raises WarehouseBusy when another process has it (after
    retrying for PATIENCE seconds, so that a reader asking whether an import runs never
    makes an import fail)."""
    warehouse.mkdir(parents=True, exist_ok=True)
    fd = os.open(layout.lock_path(warehouse), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + PATIENCE
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
                break
            except BlockingIOError as exc:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        _("Another import is running in this workspace ({path}).").format(
                            path=warehouse
                        )
                    ) from exc
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def import_running(warehouse: Path) -> bool:
    """Whether an import holds the warehouse lock now (asked without taking it for
    longer than the question, and without writing: a read-only workspace can be asked)."""
    try:
        fd = os.open(layout.lock_path(warehouse), os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def recover_locked(root: Path) -> list[tuple[str, str]]:
    """Recovery for a caller that already holds the lock: [(import id, rolled-forward|removed)].
    READY stages are rolled forward first, so that a stage forgotten afterwards keeps an
    archived file that a rolled-forward one names."""
    for partial in store.objects_dir(root / "archive").glob("*/.incoming-*"):
        partial.unlink(missing_ok=True)  # a copy cut off by a killed process
    staging = layout.staging_root(root / "warehouse")
    done = []
    if not staging.exists():
        return done
    folders = sorted(p for p in staging.iterdir() if p.is_dir())
    for folder in folders:
        if (folder / READY).exists():
            roll_forward(folder, root)
            done.append((folder.name, "rolled-forward"))
    for folder in folders:
        if folder.exists() and not (folder / READY).exists():
            forget(folder, root)
            done.append((folder.name, "removed"))
    return sorted(done)


def recover(root: Path) -> list[tuple[str, str]]:
    """Finish or undo interrupted imports of the workspace at ``root``, unless one is
    running. Without a stage nothing is locked, so that reading a read-only workspace
    works; on a read-only disk a stage is left as it is (readers never see stages)."""
    warehouse = Path(root) / "warehouse"
    staging = layout.staging_root(warehouse)
    if not staging.exists() or not any(p.is_dir() for p in staging.iterdir()):
        return []
    try:
        with locked(warehouse):
            return recover_locked(Path(root))
    except WarehouseBusy:
        return []
    except OSError as error:
        if error.errno in READ_ONLY:
            return []
        raise
