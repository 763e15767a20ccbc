"""The book's "digitaal watermerk" (seed lines 6214–6232): for every archived post a public
hash of what it said and a keyed control code, so that a post that circulates later as a
screenshot or a repost can be proven or disproven against the archive.

- The **public hash** is the sha256 of ``meetlat-watermark-1``, the platform, the post id
  and the post's text (Unicode NFC, runs of white space as one space, trimmed), each on a
  line of its own. Anyone with the text can compute it; it says nothing by itself.
- The **control code** is the HMAC-SHA256 of the public hash under the workspace's own
  secret (``<workspace>/.watermark-key``, made once, readable by its owner only, never
  archived or printed). Only this workspace can make or check it, so a code presented
  with a post proves that this archive issued it for exactly that text.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from meetlat import workspace

VERSION = "meetlat-watermark-1"
KEY_FILE = ".watermark-key"


def normal_text(text: str) -> str:
    """The text as compared: NFC, every run of white space one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def public_hash(platform: str, post_id: str, text: str) -> str:
    body = "\n".join((VERSION, platform, str(post_id), normal_text(text)))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def key(root: Path, create: bool = True) -> bytes | None:
    """The workspace's watermark secret; made once (0600) when ``create``."""
    return workspace.secret(root, KEY_FILE, create)


def control_code(secret: bytes, hashed: str) -> str:
    return hmac.new(secret, hashed.encode("ascii"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Mark:
    platform: str
    post_id: str
    public_hash: str
    control_code: str | None  # None: the workspace has no key (read-only, never marked)


def mark(root: Path, platform: str, post_id: str, text: str, create: bool = True) -> Mark:
    hashed = public_hash(platform, post_id, text)
    secret = key(root, create)
    return Mark(platform, str(post_id), hashed, control_code(secret, hashed) if secret else None)


def code_matches(root: Path, hashed: str, code: str) -> bool:
    """Whether ``code`` is this workspace's control code of ``hashed`` (constant time)."""
    secret = key(root, create=False)
    return secret is not None and hmac.compare_digest(control_code(secret, hashed), code.lower())
