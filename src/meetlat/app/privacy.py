"""Naming accounts in outputs: public bodies by their handle, everyone else by pseudonym.

Every output that can show an account that is not a public body (archive search and
export, the webcare queue, conversation and network figures) names accounts through a
``Namer``. An account is a public body when the registry lists it (its platform and
handle); every other account is a citizen and is shown by its pseudonym
(``meetlat.privacy.pseudonym``). The researcher may see the handles in their own
workspace only by asking for it explicitly with a purpose; each such request is written
to ``<workspace>/privacy/reveals.jsonl`` (time, user, what, purpose) before anything is
shown, and when it cannot be written nothing is revealed.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from meetlat.accounts import store
from meetlat.i18n import _
from meetlat.privacy import pseudonym
from meetlat.workspace import Workspace

LOG = Path("privacy") / "reveals.jsonl"


class CannotReveal(PermissionError):
    """Handles of citizens were asked for, but the request cannot be logged or has no purpose."""


@dataclass(frozen=True)
class Namer:
    public: frozenset[tuple[str, str]]  # (platform, handle) of the registry
    secret: bytes | None
    reveal: bool = False

    def is_public(self, platform: str, handle: str | None) -> bool:
        return bool(handle) and (platform, pseudonym.subject(handle)) in self.public

    def name(self, platform: str, handle: str | None, account_id: str | None = None) -> str:
        """The handle of a public body (or of anyone, when revealed), else the pseudonym."""
        if handle and (self.reveal or self.is_public(platform, handle)):
            return pseudonym.subject(handle)
        return pseudonym.pseudonym(self.secret, platform, handle, account_id)


def public_accounts(ws: Workspace) -> frozenset[tuple[str, str]]:
    table = store.load(ws)
    return frozenset(
        (platform, pseudonym.subject(handle))
        for platform, handle in zip(
            table.column("platform").to_pylist(), table.column("handle").to_pylist(), strict=True
        )
        if handle
    )


def namer(ws: Workspace, reveal_for: str | None = None, what: str = "") -> Namer:
    """The namer of ``ws``: pseudonyms for citizens, or their handles when ``reveal_for``
    (the purpose) is given — that request is logged first (raises CannotReveal if not)."""
    writable = os.access(ws.root, os.W_OK)
    secret = pseudonym.key(ws.root, create=writable)
    if reveal_for is not None:
        log_reveal(ws, reveal_for, what)
    return Namer(public_accounts(ws), secret, reveal=reveal_for is not None)


def log_reveal(ws: Workspace, purpose: str, what: str) -> None:
    purpose = " ".join(purpose.split())
    if not purpose:
        raise CannotReveal(_("Say why citizens' handles must be shown: the purpose is logged."))
    entry = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "user": _user(),
        "what": what,
        "purpose": purpose,
    }
    file = ws.root / LOG
    try:
        file.parent.mkdir(exist_ok=True)
        with open(file, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        raise CannotReveal(
            _(
                "Citizens' handles are not shown: the request could not be logged in {file} "
                "({reason})."
            ).format(file=file, reason=error.strerror or error)  # fmt: skip
        ) from error


def reveals(ws: Workspace) -> list[dict]:
    """Every logged request to show citizens' handles, oldest first."""
    file = ws.root / LOG
    if not file.exists():
        return []
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line]


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())
