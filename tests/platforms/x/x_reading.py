"""Test helper: reading the X fixtures through a reader, the way the importer does."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from meetlat.platforms.base import Canonical, RawRecord, Reader, RecordError, Source

X_FIXTURES = Path(__file__).parents[2] / "fixtures" / "x"


@dataclass
class Outcome:
    record: RawRecord
    rows: Canonical | None = None
    problem: str | None = None  # the record's error or the RecordError's message

    @property
    def post(self) -> dict:
        return self.rows.posts[0]


def file_source(path: Path) -> Source:
    """A file, with the files of its folder beside it (as the importer gives it)."""

    def beside(name: str) -> bytes | None:
        other = path.with_name(name)
        return other.read_bytes() if other.is_file() else None

    return Source(str(path), lambda: path.open("rb"), beside)


def bytes_source(data: bytes, name: str = "test.jsonl") -> Source:
    return Source(name, lambda: io.BytesIO(data))


def read(reader: Reader, source: Source) -> list[Outcome]:
    outcomes = []
    for record in reader.records(source):
        if record.error is not None:
            outcomes.append(Outcome(record, problem=record.error))
            continue
        try:
            outcomes.append(Outcome(record, rows=reader.canonical(record)))
        except RecordError as exc:
            outcomes.append(Outcome(record, problem=str(exc)))
    return outcomes


def read_file(reader: Reader, name: str) -> list[Outcome]:
    return read(reader, file_source(X_FIXTURES / name))


def read_bytes(reader: Reader, data: bytes) -> list[Outcome]:
    return read(reader, bytes_source(data))
