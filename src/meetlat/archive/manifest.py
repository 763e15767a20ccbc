"""The archive manifest: one line of JSON per import of a file, appended, never rewritten.

``<workspace>/archive/manifest.jsonl``. An entry says what was imported (the object's
sha256 and size, the original path, the zip member), when (UTC), by which reader, what
came of it (counts), and where its record list and quarantine list are, with their
sha256. Every entry carries the ``entry_hash`` of the one before it (``prev``), and its
own ``entry_hash`` over all its other fields: changing, removing or reordering a line
breaks the chain, which ``meetlat archive verify`` reports.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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


def last_hash(archive: Path) -> str:
    last = GENESIS
    for line in lines(archive):
        if line.entry is not None:
            last = line.entry.get("entry_hash", last)
    return last


def contains(archive: Path, import_id: str) -> bool:
    return any(line.entry and line.entry.get("import_id") == import_id for line in lines(archive))


def append(archive: Path, entry: dict) -> dict:
    """Chain ``entry`` to the last one, append it as one line and flush it to disk."""
    entry = dict(entry)
    entry.pop("entry_hash", None)
    entry["prev"] = last_hash(archive)
    entry["entry_hash"] = entry_hash(entry)
    path = manifest_path(archive)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())
    return entry
