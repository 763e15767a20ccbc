"""Faults of the machine (a full disk, a read-only folder, a missing file) as one Dutch
sentence for the person at the terminal, instead of a traceback.

Only OSError is a fault of the machine; any other exception is a defect in Meetlat's own
code and keeps its traceback. An import is atomic per file (docs/adr/0001), so a fault
during it leaves the warehouse as it was before that file.
"""

from __future__ import annotations

import errno

from meetlat.i18n import _

FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def sentence(error: OSError) -> str:
    """What went wrong and what the person can do, in one sentence."""
    path = error.filename or _("the workspace")
    if error.errno in FULL:
        return _(
            "The disk is full: {path} could not be written. Nothing was half written; "
            "make room and try again."
        ).format(path=path)
    if error.errno in READ_ONLY:
        return _(
            "{path} cannot be written (a read-only folder or no permission): nothing was "
            "changed. Work in a writable folder (MEETLAT_HOME) or ask for write access."
        ).format(path=path)
    if error.errno == errno.ENOENT:
        return _("{path} does not exist.").format(path=path)
    if error.errno == errno.ELOOP:
        return _("{path} is a loop of symbolic links.").format(path=path)
    return _("{path} could not be read or written: {reason}.").format(
        path=path, reason=error.strerror or str(error)
    )
