"""The archive manifest: one line of JSON per import of a file, appended, never rewritten.

``<workspace>/archive/manifest.jsonl``. An entry says what was imported (the object's
sha256 and size, the original path, the zip member), when (UTC), by which reader, what
came of it (counts), and where its record list and quarantine list are, with their
sha256. Every entry carries the ``entry_hash`` of the one before it (``prev``), and its
own ``entry_hash`` over all its other fields: changing, removing or reordering a line
breaks the chain, which ``meetlat archive verify`` reports.

An erasure (``meetlat privacy erase``, AVG art. 17) is a line of its own, chained like
the others, with ``"kind": "erasure"``: when, the person's pseudonym, what was taken out
of the warehouse and which archive files changed. It imports no file; ``imports`` are
the other lines.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from meetlat.archive import atomic

GENESIS = "0" * 64  # the ``prev`` of the first entry


def manifest_path(archive: Path) -> Path:
    return archive / "manifest.jsonl"


def entry_hash(entry: dict) -> str:
    """The sha256 of an entry's fields (all but ``entry_hash``), in a stable JSON form."""
    body = {k: v for k, v in entry.items() if k != "entry_hash"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ManifestLine:
    number: int  # 1-based line in manifest.jsonl
    entry: dict | None  # None when the line is not a JSON object
    text: str


def lines(archive: Path) -> Iterator[ManifestLine]:
    path = manifest_path(archive)
    if not path.exists():
        return
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, text in enumerate(handle, start=1):
            text = text.rstrip("\n")
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                value = None
            yield ManifestLine(number, value if isinstance(value, dict) else None, text)


def entries(archive: Path) -> list[dict]:
    """Every readable entry, in the order they were appended."""
    return [line.entry for line in lines(archive) if line.entry is not None]


ERASURE = "erasure"  # the ``kind`` of an erasure's line


def is_erasure(entry: dict) -> bool:
    return entry.get("kind") == ERASURE


def imports(archive: Path) -> list[dict]:
    """Every import of a file, in order (the lines that are not erasures)."""
    return [entry for entry in entries(archive) if not is_erasure(entry)]


def erasures(archive: Path) -> list[dict]:
    """Every erasure recorded in the chain, in order."""
    return [entry for entry in entries(archive) if is_erasure(entry)]


def last_hash(archive: Path) -> str:
    last = GENESIS
    for line in lines(archive):
        if line.entry is not None:
            last = line.entry.get("entry_hash", last)
    return last


def contains(archive: Path, import_id: str) -> bool:
    return any(line.entry and line.entry.get("import_id") == import_id for line in lines(archive))


def chained(archive: Path, entry: dict) -> dict:
    """``entry`` chained to the last line of the manifest: ``prev`` and ``entry_hash`` set."""
    entry = dict(entry)
    entry.pop("entry_hash", None)
    entry["prev"] = last_hash(archive)
    entry["entry_hash"] = entry_hash(entry)
    return entry


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def append(archive: Path, entry: dict) -> dict:
    """Append ``entry`` as one line, chained to the last one (kept as it is when it was
    chained already, see ``chained``), and flush it to disk. A write that fails halfway
    (a full disk) is cut off again: the manifest never ends in half a line."""
    if entry.get("prev") != last_hash(archive) or entry.get("entry_hash") != entry_hash(entry):
        entry = chained(archive, entry)
    path = manifest_path(archive)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        try:
            _write_all(fd, data)
            os.fsync(fd)
        except BaseException:
            os.ftruncate(fd, size)
            raise
    finally:
        os.close(fd)
    return entry


# ---- the head: how long the manifest is and how it ends, kept beside it ------------------
# ``archive/head.json`` = {"entries": <lines>, "entry_hash": <entry_hash of the last line>},
# replaced atomically after every import (docs/adr/0006). Removing the last lines of the
# manifest leaves an intact chain, but no longer the manifest the head describes.

HEAD = "head.json"


def head_path(archive: Path) -> Path:
    return archive / HEAD


def head_of(archive: Path) -> dict:
    """The head of the manifest as it is now: its number of lines and its last hash."""
    count, last = 0, GENESIS
    for line in lines(archive):
        count += 1
        if line.entry is not None:
            last = line.entry.get("entry_hash", last)
    return {"entries": count, "entry_hash": last}


def head_after(head: dict, entry: dict) -> dict:
    """The head once the chained ``entry`` is appended to a manifest with ``head``."""
    return {"entries": head["entries"] + 1, "entry_hash": entry["entry_hash"]}


def read_head(archive: Path) -> dict | None:
    return atomic.read_json(head_path(archive))


# ---- a published head: the chain's end as printed for publishing or signing elsewhere ----


def published_head(archive: Path) -> dict:
    """The chain head to publish: how many entries, the last entry's hash and its time."""
    count, last, at = 0, GENESIS, None
    for line in lines(archive):
        if line.entry is not None:
            count += 1
            last = line.entry.get("entry_hash", last)
            at = line.entry.get("imported_at", at)
    return {"entries": count, "entry_hash": last, "imported_at": at}


@dataclass(frozen=True)
class Prefix:
    """Whether a published head is still a prefix of the chain: ``line`` is the manifest
    line that ends in it (None: no line does), ``broken`` the first line up to there whose
    own hash or link to the one before does not hold (None: the chain holds)."""

    head: str
    line: int | None
    broken: int | None
    later: int  # entries appended after it

    @property
    def proven(self) -> bool:
        return self.line is not None and self.broken is None


def prefix_of(archive: Path, head: str) -> Prefix:
    """Walk the chain from its start to the entry whose hash is ``head``, checking every
    link on the way; a head that was published once and is still found with an intact
    chain before it proves that nothing before it was removed, reordered or altered."""
    wanted = head.strip().lower()
    previous, broken, found, later = GENESIS, None, None, 0
    for line in lines(archive):
        if found is not None:
            later += 1
            continue
        entry = line.entry
        intact = (
            entry is not None
            and entry.get("prev") == previous
            and entry.get("entry_hash") == entry_hash(entry)
        )
        if not intact and broken is None:
            broken = line.number
        if entry is not None:
            previous = entry.get("entry_hash", previous)
            if previous == wanted:
                found = line.number
    return Prefix(wanted, found, broken, later)
