"""Rows of a CSV file with their real line numbers and exact bytes.

The ``csv`` module reads a quoted field across line breaks; each row here says the
file line where it starts and carries the bytes of all its lines (without the final line
break). A line that is not valid in the file's encoding is decoded with replacement
characters and its row carries the reason; a row the ``csv`` module rejects (e.g. a NUL
byte) is reported the same way. Rows whose cells are all empty are not records.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from meetlat.i18n import _

BOM = b"\xef\xbb\xbf"


@dataclass
class Row:
    line: int  # file line where the row starts, 1-based
    raw: bytes
    cells: list[str]
    error: str | None = None


def rows(handle: BinaryIO, delimiter: str, encoding: str) -> Iterator[Row]:
    pending: list[bytes] = []
    errors: list[str] = []
    counted = 0

    def lines() -> Iterator[str]:
        nonlocal counted
        for raw in handle:
            counted += 1
            if counted == 1 and raw.startswith(BOM) and encoding.lower().startswith("utf"):
                raw = raw[len(BOM) :]
            pending.append(raw)
            try:
                yield raw.decode(encoding)
            except UnicodeDecodeError as exc:
                offset = sum(len(part) for part in pending[:-1]) + exc.start + 1
                errors.append(
                    _("not valid {encoding} at byte {offset}").format(
                        encoding=encoding, offset=offset
                    )
                )
                yield raw.decode(encoding, "replace")

    reader = csv.reader(lines(), delimiter=delimiter)
    done = 0  # lines read by the rows already given
    while True:
        try:
            cells = next(reader)
            error = errors[0] if errors else None
        except StopIteration:
            return
        except csv.Error as exc:
            cells, error = [], _("not a valid CSV row: {detail}").format(detail=exc)
        start = done + 1
        done = counted
        raw = b"".join(pending).rstrip(b"\r\n")
        pending.clear()
        errors.clear()
        if error is None and not any(cell.strip() for cell in cells):
            continue
        yield Row(line=start, raw=raw, cells=cells, error=error)
