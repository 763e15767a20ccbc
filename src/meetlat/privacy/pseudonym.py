"""A stable keyed pseudonym per workspace for an account that is not a public body.

The pseudonym of an account is ``burger-`` and the first 10 characters (lower-case
base32, 50 bits) of the HMAC-SHA256, under the workspace's own secret
(``<workspace>/.pseudonym-key``, made once, 0600, never archived or printed), of
``meetlat-pseudonym-1``, the platform and the handle (lower case, without @; the
platform's account id when no handle is known), each on a line of its own.

The same account gets the same pseudonym in every output of one workspace, so a
reader can follow a citizen through a report without learning who it is; another
workspace (another secret) gives other pseudonyms, and without the secret a pseudonym
cannot be turned back into a handle, not even by trying every known handle.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from pathlib import Path

from meetlat import workspace

VERSION = "meetlat-pseudonym-1"
KEY_FILE = ".pseudonym-key"
PREFIX = "burger-"
UNKEYED = "burger"  # a workspace without a secret that cannot make one (read-only)


def key(root: Path, create: bool = True) -> bytes | None:
    return workspace.secret(root, KEY_FILE, create)


def subject(handle: str | None, account_id: str | None = None) -> str:
    """What the pseudonym is made of: the normalised handle, else ``id:`` and the id."""
    if handle and handle.strip().lstrip("@"):
        return handle.strip().lstrip("@").lower()
    if account_id:
        return f"id:{account_id}"
    raise ValueError("an account needs a handle or an id to be pseudonymised")


def pseudonym(secret: bytes | None, platform: str, handle: str | None,
              account_id: str | None = None) -> str:  # fmt: skip
    if secret is None:
        return UNKEYED
    body = "\n".join((VERSION, platform, subject(handle, account_id)))
    digest = hmac.new(secret, body.encode("utf-8"), hashlib.sha256).digest()
    return PREFIX + base64.b32encode(digest).decode("ascii")[:10].lower()


def looks_like(text: str) -> bool:
    """Whether ``text`` has the form of a pseudonym (for tests and search)."""
    rest = text[len(PREFIX) :]
    return (
        text.startswith(PREFIX)
        and len(rest) == 10
        and all(c in "abcdefghijklmnopqrstuvwxyz234567" for c in rest)
    )
