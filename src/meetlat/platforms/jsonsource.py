"""Records of JSON files, as most platform exports are: JSON lines, or one JSON document.

``json_values(source)`` yields one ``RawRecord`` per JSON value: per non-blank line for
JSON lines, or per element of a top-level array for a single document (``item`` is the
position; ``line`` the line where the document starts). A line that is not valid UTF-8
or not JSON becomes a record with ``error`` set, and reading goes on with the next line.

A top-level array that is cut off or damaged (a download that stopped halfway:
``[{...},{...},{"id": "12``) keeps its complete elements: they are records as in a
whole array, and what follows the last good element becomes one record with ``error``
set, its line the line where that part starts (as a cut-off last line of JSON lines).
A file whose lines each hold a whole array (one page per line) is read as JSON lines.
"""

from __future__ import annotations

import json
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
    if error is None:
        items = value if isinstance(value, list) else [value]
        for position, item in enumerate(items, start=1):
            yield RawRecord(line=first_line, raw=orjson.dumps(item), value=item, item=position)
    elif prefix_end is None and _arrays_per_line(source):
        yield from json_lines(source)
    elif starts_with_array(body) and _decode_error(body) is None:
        yield from _salvage_array(body.decode("utf-8"), first_line)
    else:
        yield RawRecord(line=first_line, raw=body, error=error)


def _arrays_per_line(source: Source) -> bool:
    """True when the file starts with a line that is a whole JSON array on its own (and so
    is not one document: JSON lines holding one array, such as a page, per line)."""
    if not starts_with_array(source.read_head()):
        return False
    value, error = parse_json(_first_line(source).strip())
    return error is None and isinstance(value, list)


_SPACE = " \t\r\n"
_decoder = json.JSONDecoder()


def _salvage_array(text: str, first_line: int) -> Iterator[RawRecord]:
    """The complete elements of a top-level array that does not parse as a whole, then one
    record with the error for the rest (from the first element that is not complete)."""
    size = len(text)
    pos = len(text) - len(text.lstrip("\ufeff" + _SPACE)) + 1  # just after the "["
    item = 0

    def rest(start: int, reason: str) -> RawRecord:
        line = first_line + text.count("\n", 0, start)
        return RawRecord(line, text[start:].encode("utf-8"), error=reason, item=item + 1)

    def place(at: int) -> dict:
        line = first_line + text.count("\n", 0, at)
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        return {"line": line, "column": column, "item": item + 1}

    while True:
        while pos < size and text[pos] in _SPACE:
            pos += 1
        if item == 0 and pos < size and text[pos] == "]":
            pos += 1  # an empty array, with something after it
            break
        if pos >= size:
            yield rest(pos, _cut_off(item))
            return
        start = pos
        try:
            _value, end = _decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            if text[exc.pos :].strip(_SPACE) == "" or exc.msg.startswith("Unterminated"):
                reason = _(
                    "the file ends in the middle of item {item} of the array (cut off?): "
                    "expected the rest of that item and a closing ]"
                ).format(item=item + 1)
            else:
                reason = _(
                    "item {item} of the array is not valid JSON at line {line}, column "
                    "{column} (expected a JSON value); the rest of the file is set aside"
                ).format(**place(exc.pos))
            yield rest(start, reason)
            return
        raw = text[start:end].encode("utf-8")
        value, error = parse_json(raw)  # the values orjson gives, as for a whole array
        item += 1
        if error is None:
            yield RawRecord(first_line, orjson.dumps(value), value, None, item)
        else:
            yield RawRecord(first_line, raw, None, error, item)
        pos = end
        while pos < size and text[pos] in _SPACE:
            pos += 1
        if pos < size and text[pos] == ",":
            pos += 1
            continue
        if pos < size and text[pos] == "]":
            pos += 1
            break
        if pos >= size:
            yield rest(pos, _cut_off(item))
            return
        yield rest(
            pos,
            _(
                "expected , or ] after item {item} of the array at line {line}, column "
                "{column}; the rest of the file is set aside"
            ).format(**{**place(pos), "item": item}),
        )
        return
    tail = text[pos:]
    if tail.strip(_SPACE):
        start = pos + len(tail) - len(tail.lstrip(_SPACE))
        line = first_line + text.count("\n", 0, start)
        yield RawRecord(
            line,
            text[start:].encode("utf-8"),
            error=_(
                "unexpected text after the end of the array at line {line} "
                "(expected nothing after the closing ])"
            ).format(line=line),
        )


def _cut_off(items: int) -> str:
    """The reason for an array that stops after a complete element (or after its ``[``)."""
    if items == 0:
        return _(
            "the file ends right after the [ that opens the array (cut off?): expected "
            "the items and a closing ]"
        )
    return _(
        "the file ends after item {item} of the array (cut off?): expected , and the "
        "next item, or a closing ]"
    ).format(item=items)
