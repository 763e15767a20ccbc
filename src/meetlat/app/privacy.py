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
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from meetlat.accounts import store
from meetlat.i18n import _
from meetlat.privacy import pseudonym
from meetlat.workspace import Workspace

LOG = Path("privacy") / "reveals.jsonl"
# an @mention in a text: @handle, also @handle@server (Mastodon) and @name.domain (Bluesky)
MENTION = re.compile(
    r"(?<![\w@/])@((?:[A-Za-z0-9_][A-Za-z0-9_.\-]*[A-Za-z0-9_]|[A-Za-z0-9_])"
    r"(?:@[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])?)"
)
# an address of an account's page or post: X (twitter.com/handle), Bluesky
# (bsky.app/profile/handle) and Mastodon (server/@user)
PROFILE_URL = re.compile(
    r"(?i)(https?://(?:www\.|mobile\.)?(?:twitter\.com|x\.com)/)(?!(?:i|intent|hashtag|search|home)\b)"
    r"([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_])"
    r"|(https?://bsky\.app/profile/)([^/\s\"'?#]+)"
    r"|(https?://[A-Za-z0-9.\-]+/@)([A-Za-z0-9_]+)(?![A-Za-z0-9_])"
)
# a field of a raw record that names an account: its value is a handle or a person's name
NAMING_FIELD = re.compile(
    r'("(?:screen_name|username|user_name|handle|acct|name|display_name|displayName|'
    r'author_name|full_name)"\s*:\s*")((?:[^"\\]|\\.)*)(")'
)


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

    def text(self, platform: str, text: str | None) -> str | None:
        """``text`` with every @mention of a citizen replaced by ``@`` and the pseudonym
        (a Mastodon ``@user@server`` as a whole); public bodies keep their handle."""
        if not text or self.reveal:
            return text

        def named(match: re.Match) -> str:
            handle = match.group(1)
            if self.is_public(platform, handle) or self.is_public(platform, handle.split("@")[0]):
                return match.group(0)
            return "@" + self.name(platform, handle)

        def address(match: re.Match) -> str:
            prefix = match.group(1) or match.group(3) or match.group(5)
            handle = match.group(2) or match.group(4) or match.group(6)
            if self.is_public(platform, handle):
                return match.group(0)
            return prefix + self.name(platform, handle)

        return MENTION.sub(named, PROFILE_URL.sub(address, text))

    def raw(self, platform: str, text: str) -> str:
        """A raw record (JSON or not) shown to a person: the values of the fields that
        name an account (handle, user name, display name) and every @mention of a
        citizen replaced by pseudonyms."""
        if self.reveal:
            return text

        def field(match: re.Match) -> str:
            value = match.group(2)
            if not value.strip() or self.is_public(platform, value):
                return match.group(0)
            return match.group(1) + self.name(platform, value) + match.group(3)

        return self.text(platform, NAMING_FIELD.sub(field, text)) or ""


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
