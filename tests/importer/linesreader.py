"""A tiny reader used only by the importer, archive and warehouse tests: "test-lines".

One JSON object per line, marked with ``"kind": "test-line"``::

    {"kind": "test-line", "id": "1", "user": "10", "handle": "utrecht",
     "at": "2014-04-01T09:30:00Z", "text": "...", "likes": 3, "followers": 120,
     "seen": "2014-05-01T00:00:00Z", "quote": {"id": "9", "user": "11", "at": "..."}}

A quoted post becomes an embedded post. A missing ``id`` is a wrong shape (RecordError);
an unparseable ``at`` is a bad time (RecordError from parse_time). ``boom_at`` makes
``records`` raise KeyboardInterrupt before the record of that line (an interrupted import).
"""

from __future__ import annotations

import pytest

from meetlat.platforms.base import Canonical, RawRecord, Reader, RecordError
from meetlat.platforms.catalog import readers
from meetlat.platforms.jsonsource import json_lines
from meetlat.platforms.times import parse_time

NAME = "test-lines"


class TestLines(Reader):
    platform = "x"
    title = "Test lines (tests only)"
    boom_at: int | None = None

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return b'"kind": "test-line"' in head

    def records(self, source):
        for record in json_lines(source):
            if self.boom_at is not None and record.line >= self.boom_at:
                raise KeyboardInterrupt
            yield record

    def canonical(self, record: RawRecord) -> Canonical:
        value = record.value
        if not isinstance(value, dict) or "id" not in value:
            raise RecordError("expected an object with an id")
        seen = parse_time(value.get("seen", "2020-01-01T00:00:00Z"), "seen")
        out = Canonical()
        for post in [value, value.get("quote")]:
            if not post:
                continue
            out.posts.append(
                {
                    "platform": "x",
                    "post_id": str(post["id"]),
                    "account_id": str(post.get("user", "10")),
                    "handle": post.get("handle"),
                    "created_at": parse_time(post.get("at"), "at"),
                    "text": post.get("text"),
                    "kind": "quote" if post is value and value.get("quote") else "original",
                    "quote_of_post_id": str(value["quote"]["id"])
                    if post is value and value.get("quote")
                    else None,
                    "hashtags": post.get("tags", []),
                }
            )
            out.accounts.append(
                {
                    "platform": "x",
                    "account_id": str(post.get("user", "10")),
                    "handle": post.get("handle"),
                    "display_name": post.get("name"),
                }
            )
        if "likes" in value:
            out.metrics.append(
                {
                    "platform": "x",
                    "post_id": str(value["id"]),
                    "observed_at": seen,
                    "likes": value["likes"],
                }
            )
        if "followers" in value:
            out.snapshots.append(
                {
                    "platform": "x",
                    "account_id": str(value.get("user", "10")),
                    "handle": value.get("handle"),
                    "observed_at": seen,
                    "followers": value["followers"],
                }
            )
        return out


@pytest.fixture
def lines_reader(monkeypatch):
    """Register "test-lines" for one test; it is removed again afterwards."""
    readers.names()  # load the real readers first, so the test reader comes last
    monkeypatch.setattr(TestLines, "name", NAME)
    monkeypatch.setattr(TestLines, "boom_at", None)
    monkeypatch.setitem(readers._readers, NAME, TestLines)
    return TestLines


def line(post_id, at="2014-04-01T09:30:00Z", **fields) -> str:
    """One test-lines record as a line of JSON."""
    import json

    return json.dumps({"kind": "test-line", "id": str(post_id), "at": at, **fields})


def write_lines(path, lines) -> None:
    """Write records (strings or bytes) one per line."""
    data = b"".join((x if isinstance(x, bytes) else x.encode()) + b"\n" for x in lines)
    path.write_bytes(data)
