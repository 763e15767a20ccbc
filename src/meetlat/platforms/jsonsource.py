"""Records of JSON files, as most platform exports are: JSON lines, or one JSON document.

``json_values(source)`` yields one ``RawRecord`` per JSON value: per non-blank line for
JSON lines, or per element of a top-level array for a single document (``item`` is the
position; ``line`` the line where the document starts). A line that is not valid UTF-8
or not JSON becomes a record with ``error`` set, and reading goes on with the next line.
"""

from __future__ import annotations

from collections.abc import Iterator

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import RawRecord, Source


def _decode_error(raw: bytes) -> str | None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _("not valid UTF-8 at byte {offset}").format(offset=exc.start + 1)
    return None


def parse_json(raw: bytes):
    """Parse ``raw``; returns (value, None) or (None, reason for a person)."""
    try:
        return orjson.loads(raw), None
    except orjson.JSONDecodeError as exc:
        reason = _decode_error(raw)
        if reason:
            return None, reason
        return None, _("not valid JSON: {detail}").format(detail=str(exc).split(":")[0])


# What may stand before the first JSON value of a file: a UTF-8 byte-order mark and blanks.
LEADING = b"\xef\xbb\xbf \t\r\n"


def starts_with_array(head: bytes) -> bool:
    return head.lstrip(LEADING).startswith(b"[")


def starts_with_json(head: bytes) -> bool:
    """True when the first value of ``head`` opens a JSON object or array."""
    return head.lstrip(LEADING).startswith((b"{", b"["))


def json_lines(source: Source) -> Iterator[RawRecord]:
    """One record per non-blank line (the value is whatever JSON the line holds)."""
    with source.open() as handle:
        for number, line in enumerate(handle, start=1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            stripped = line.strip()
            if not stripped:
                continue
            value, error = parse_json(stripped)
            yield RawRecord(line=number, raw=stripped, value=value, error=error)


def json_values(source: Source) -> Iterator[RawRecord]:
    """JSON lines, or a whole-file JSON array/object split into its elements.

    A file is read as one document when it starts with ``[``, or when its first line is
    not JSON on its own but the whole file is (a pretty-printed object); otherwise it is
    JSON lines, and every bad line is a record with its own error.
    """
    if is_json_lines(source):
        yield from json_lines(source)
    else:
        yield from json_document(source)


def is_json_lines(source: Source) -> bool:
    """True when ``json_values`` reads ``source`` as JSON lines (else as one document)."""
    if starts_with_array(source.read_head()):
        return False
    _, error = parse_json(_first_line(source))
    return not (error and _whole_file_is_json(source))


def _first_line(source: Source) -> bytes:
    """The first non-blank line, whole (a line of JSON lines may be longer than the head)."""
    with source.open() as handle:
        for line in handle:
            line = line.lstrip(LEADING)
            if line:
                return line
    return b""


def _whole_file_is_json(source: Source) -> bool:
    with source.open() as handle:
        data = handle.read()
    try:
        orjson.loads(data.lstrip(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        return False
    return True


def json_document(source: Source, prefix_end: bytes | None = None) -> Iterator[RawRecord]:
    """The elements of one JSON document (an array, or a single object as one record).

    ``prefix_end`` skips everything up to and including the first occurrence of these
    bytes (for files such as X's ``tweets.js``: ``window.YTD.tweets.part0 = [...]``).
    """
    with source.open() as handle:
        data = handle.read()
    start = 0
    if prefix_end is not None:
        found = data.find(prefix_end)
        start = found + len(prefix_end) if found >= 0 else 0
    body = data[start:].lstrip(b"\xef\xbb\xbf")
    first_line = data[:start].count(b"\n") + 1
    value, error = parse_json(body)
    if error:
        yield RawRecord(line=first_line, raw=body, error=error)
        return
    items = value if isinstance(value, list) else [value]
    for position, item in enumerate(items, start=1):
        yield RawRecord(line=first_line, raw=orjson.dumps(item), value=item, item=position)
