"""Records of JSON files, as most platform exports are: JSON lines, or one JSON document.

``json_values(source)`` yields one ``RawRecord`` per JSON value: per non-blank line for
JSON lines, or per element of a top-level array for a single document (``item`` is the
position; ``line`` the line where the document starts). A line that is not valid UTF-8
or not JSON becomes a record with ``error`` set, and reading goes on with the next line.

A document that is cut off or damaged (a download that stopped halfway:
``[{...},{...},{"id": "12``, or a page ``{"data": [{...}, {"id": "12``) keeps its
complete part: the complete elements of an array are records as in a whole array, an
object keeps its complete members and the complete elements of the array it was cut
in; what follows becomes one record with ``error`` set, its line the line where that
part starts, as a cut-off last line of JSON lines is (``meetlat.platforms.jsonsalvage``).
A file whose lines each hold a whole array (one page per line) is read as JSON lines.
"""

from __future__ import annotations

from collections.abc import Iterator

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import RawRecord, Source
from meetlat.platforms.jsonsalvage import salvage


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
    not JSON on its own and no other of its first lines is a whole object or array
    either (a pretty-printed object, whole or cut off); otherwise it is JSON lines, and
    every bad line is a record with its own error.
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
    if error is None:
        return True
    return not _whole_file_is_json(source) and _a_later_line_is_json(source)


def _a_later_line_is_json(source: Source, limit: int = 20) -> bool:
    """True when one of the first lines after the first holds a whole JSON object or
    array from its first column: the file is JSON lines with a bad first line, not a
    pretty-printed document that is cut off (whose lines are indented pieces)."""
    with source.open() as handle:
        seen = 0
        for line in handle:
            stripped = line.strip(LEADING)
            if not stripped:
                continue
            seen += 1
            if seen > limit:
                break
            if seen > 1 and line[:1] in (b"{", b"["):  # not indented as in a pretty print
                value, error = parse_json(stripped)
                if error is None and isinstance(value, dict | list) and value:
                    return True
    return False


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
    if error is None:
        items = value if isinstance(value, list) else [value]
        for position, item in enumerate(items, start=1):
            yield RawRecord(line=first_line, raw=orjson.dumps(item), value=item, item=position)
    elif prefix_end is None and _arrays_per_line(source):
        yield from json_lines(source)
    elif starts_with_json(body) and _decode_error(body) is None:
        yield from salvage(body.decode("utf-8"), first_line, parse_json)
    else:
        yield RawRecord(line=first_line, raw=body, error=error)


def _arrays_per_line(source: Source) -> bool:
    """True when the file starts with a line that is a whole JSON array on its own (and so
    is not one document: JSON lines holding one array, such as a page, per line)."""
    if not starts_with_array(source.read_head()):
        return False
    value, error = parse_json(_first_line(source).strip())
    return error is None and isinstance(value, list)
