"""Proving the archive to others (issue 12 §4–5): the chain head to publish, the proof that
a head published earlier is still a prefix of the chain, and the watermark of a post
(meetlat.archive.watermark) checked against a text that circulates."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from meetlat.app import special
from meetlat.archive import manifest, watermark
from meetlat.archive.manifest import Prefix
from meetlat.warehouse.connection import connect
from meetlat.workspace import Workspace

__all__ = ["PostCheck", "Prefix", "check_post", "head", "since"]


def head(root: Path) -> dict:
    """The chain head: entries, the last entry's hash and when that entry was made."""
    return manifest.published_head(Path(root) / "archive")


def since(root: Path, published: str) -> Prefix:
    """Whether the head ``published`` is still a prefix of the chain, intact up to it."""
    return manifest.prefix_of(Path(root) / "archive", published)


@dataclass(frozen=True)
class PostCheck:
    """A post of the archive against a text said to be it. ``found``: no post had the
    id; ``same_text``: the given text is the archived one (after normalising white
    space); ``code_valid``: the control code given (None: none given) is this
    workspace's for the archived post."""

    found: bool
    platform: str | None = None
    post_id: str | None = None
    created_at: str | None = None
    mark: watermark.Mark | None = None
    same_text: bool | None = None
    code_valid: bool | None = None
    restricted: tuple[str, ...] = ()  # special categories of a citizen's post (app.special)


def _candidates(post: str) -> list[str]:
    """A post id, or the ids a post's address may end in (X, Mastodon, Bluesky)."""
    text = post.strip().rstrip("/")
    last = text.rsplit("/", 1)[-1].split("?", 1)[0]
    return list(dict.fromkeys([text, last]))


def check_post(ws: Workspace, post: str, text: str | None = None, code: str | None = None,
               platform: str | None = None) -> PostCheck:  # fmt: skip
    """Find ``post`` (an id or an address) in the warehouse; mark it, and compare ``text``
    and ``code`` with what the archive holds."""
    posts = connect(ws).table("posts")
    wanted = _candidates(post)
    condition = posts.post_id.isin(wanted)
    for value in wanted:  # a Bluesky post id is an at:// address ending in its key
        condition |= posts.post_id.endswith("/" + value)
    if platform:
        condition &= posts.platform == platform
    rows = (
        posts.filter(condition)
        .select("platform", "post_id", "created_at", "handle", "text")
        .order_by(["platform", "post_id"])
        .to_pyarrow()
        .to_pylist()
    )
    if not rows:
        return PostCheck(False)
    row = rows[0]
    archived = row["text"] or ""
    writable = os.access(ws.root, os.W_OK)  # a read-only workspace checks, makes no key
    mark = watermark.mark(ws.root, row["platform"], row["post_id"], archived, writable)
    same = None if text is None else watermark.normal_text(text) == watermark.normal_text(archived)
    valid = None if code is None else watermark.code_matches(ws.root, mark.public_hash, code)
    restricted = special.restrictions(ws).categories(
        row["platform"], row["post_id"], row["handle"], archived
    )
    return PostCheck(
        True, row["platform"], row["post_id"], row["created_at"].isoformat(), mark, same, valid,
        restricted,
    )  # fmt: skip
