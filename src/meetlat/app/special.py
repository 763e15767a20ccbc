"""Posts of citizens that reveal a special category of personal data: flagged for
restricted access (AVG art. 9 and 10).

``flag(ws)`` (``meetlat privacy flag``) runs the rules of ``meetlat.privacy.special``
over the text of every post whose author is not in the registry (a citizen: the
registry's accounts are public bodies, ``meetlat.app.privacy.public_accounts``) and
writes the posts that match, with their categories, to the side table
``<workspace>/privacy/special.parquet`` (schema ``FLAGS``). The table is written whole
or not at all (a temporary file beside it, fsync, rename) and is followed by
``privacy/special.json``: the rules' version, the sha256 of the warehouse's part list
(``warehouse/parts.json``) it was made from, the counts and the time. The warehouse
itself is never changed: its parts are written once and belong to the archive.

``restrictions(ws)`` gives a ``Restrictions`` that every output showing post texts asks
``is_restricted(platform, post_id, handle, text)``. When the side table is current
(same rules, same warehouse) the answer is the table's; when it is missing or older
than the warehouse or the rules and the text is given, the rules run on the text
itself, so a post imported after the last ``privacy flag`` is never shown unrestricted
only because nobody ran it. Posts by registry accounts are never restricted: a
municipality's own post is public information.

``shown(platform, post_id, handle, text)`` is what such an output prints: None for a
restricted post, else the text with the personal data masked.

``report(ws)`` (``meetlat privacy special``) brings the table up to date when needed
and counts the flagged posts per category: numbers only, never texts or handles.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from meetlat.app.privacy import public_accounts
from meetlat.archive import atomic
from meetlat.privacy import personal, pseudonym, special
from meetlat.warehouse import parts
from meetlat.warehouse.connection import connect
from meetlat.workspace import Workspace

TABLE = Path("privacy") / "special.parquet"
META = Path("privacy") / "special.json"

FLAGS = pa.schema(
    [
        ("platform", pa.string()),
        ("post_id", pa.string()),
        ("categories", pa.list_(pa.string())),  # special.CATEGORIES that the text reveals
    ]
)


@dataclass(frozen=True)
class FlagResult:
    checked: int  # posts by citizens whose text was checked
    flagged: int
    per_category: dict[str, int]
    rules: str
    at: str


@dataclass(frozen=True)
class SpecialReport:
    checked: int
    flagged: int
    per_category: dict[str, int]
    rules: str
    at: str
    refreshed: bool  # the side table was (re)made for this report


def warehouse_fingerprint(ws: Workspace) -> str:
    """The sha256 of the warehouse's part list: it changes with every import."""
    file = parts.parts_path(ws.warehouse)
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "empty"


def _citizen_posts(ws: Workspace):
    public = public_accounts(ws)
    posts = connect(ws).table("posts").select("platform", "post_id", "handle", "text")
    for batch in posts.order_by(["platform", "post_id"]).to_pyarrow_batches(chunk_size=50_000):
        for row in batch.to_pylist():  # in batches: a large warehouse is not read at once
            if not _is_public(public, row["platform"], row["handle"]):
                yield row


def _is_public(public, platform: str, handle: str | None) -> bool:
    return bool(handle and handle.strip().lstrip("@")) and (
        (platform, pseudonym.subject(handle)) in public
    )


def flag(ws: Workspace) -> FlagResult:
    """Check every citizen's post against the rules; write the side table and its note."""
    fingerprint = warehouse_fingerprint(ws)
    found: list[dict] = []
    checked = 0
    counts: Counter = Counter()
    for row in _citizen_posts(ws):
        checked += 1
        cats = special.categories(row["text"] or "")
        if cats:
            found.append({"platform": row["platform"], "post_id": row["post_id"],
                          "categories": list(cats)})  # fmt: skip
            counts.update(cats)
    _write_table(ws.root / TABLE, pa.Table.from_pylist(found, schema=FLAGS))
    at = datetime.now(UTC).isoformat(timespec="seconds")
    per_category = {c: counts.get(c, 0) for c in special.CATEGORIES}
    atomic.write_json(
        ws.root / META,
        {"rules": special.VERSION, "warehouse": fingerprint, "checked": checked,
         "flagged": len(found), "per_category": per_category, "at": at},
    )  # fmt: skip
    return FlagResult(checked, len(found), per_category, special.VERSION, at)


def _write_table(path: Path, table: pa.Table) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        pq.write_table(table, temporary)
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    atomic.fsync_dir(path.parent)


def note(ws: Workspace) -> dict | None:
    return atomic.read_json(ws.root / META)


def is_current(ws: Workspace) -> bool:
    """Whether the side table was made with these rules from this warehouse."""
    made = note(ws)
    return bool(
        made
        and made.get("rules") == special.VERSION
        and made.get("warehouse") == warehouse_fingerprint(ws)
        and (ws.root / TABLE).exists()
    )


@dataclass
class Restrictions:
    """Which posts are for restricted access; ask ``is_restricted`` before showing a text."""

    public: frozenset[tuple[str, str]]
    flags: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    current: bool = False

    def categories(self, platform: str, post_id: str, handle: str | None = None,
                   text: str | None = None) -> tuple[str, ...]:  # fmt: skip
        """The special categories of a post ((): none, or its author is a public body)."""
        if handle is not None and _is_public(self.public, platform, handle):
            return ()
        if not self.current and text is not None:
            return special.categories(text)
        return self.flags.get((platform, post_id), ())

    def is_restricted(self, platform: str, post_id: str, handle: str | None = None,
                      text: str | None = None) -> bool:  # fmt: skip
        return bool(self.categories(platform, post_id, handle, text))

    def shown(self, platform: str, post_id: str, handle: str | None,
              text: str | None) -> str | None:  # fmt: skip
        """The text as an output may show it: None when the post is restricted, else
        with the personal data masked (``meetlat.privacy.personal.mask``)."""
        if self.is_restricted(platform, post_id, handle, text):
            return None
        return personal.mask(text)


def restrictions(ws: Workspace) -> Restrictions:
    flags: dict[tuple[str, str], tuple[str, ...]] = {}
    file = ws.root / TABLE
    if file.exists():
        for row in pq.read_table(file).to_pylist():
            flags[(row["platform"], row["post_id"])] = tuple(row["categories"])
    return Restrictions(public_accounts(ws), flags, is_current(ws))


def is_restricted(ws: Workspace, platform: str, post_id: str, handle: str | None = None,
                  text: str | None = None) -> bool:  # fmt: skip
    """One post; outputs that show many posts keep one ``restrictions(ws)`` instead."""
    return restrictions(ws).is_restricted(platform, post_id, handle, text)


def report(ws: Workspace, refresh: bool = True) -> SpecialReport:
    """Counts per category of the flagged posts; the side table is made again first when
    it is missing or out of date (and ``refresh``)."""
    if refresh and not is_current(ws):
        made = flag(ws)
        return SpecialReport(made.checked, made.flagged, made.per_category, made.rules,
                             made.at, refreshed=True)  # fmt: skip
    made = note(ws) or {}
    per_category = {c: int((made.get("per_category") or {}).get(c, 0)) for c in special.CATEGORIES}
    return SpecialReport(
        int(made.get("checked", 0)), int(made.get("flagged", 0)), per_category,
        made.get("rules", ""), made.get("at", ""), refreshed=False,
    )  # fmt: skip
