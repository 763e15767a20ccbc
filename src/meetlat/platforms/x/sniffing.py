"""Looking at the first bytes of a file to tell the X formats from each other and from the rest.

``line_values(head)`` parses the first non-blank lines of the head while they are
complete JSON (``first_value`` only the first). When a line is not (a page of 100
tweets is easily longer than the 64 KiB head, or the file is one pretty-printed
document), the readers fall back to looking for the keys that only their format has,
in the bytes of the head.
"""

from __future__ import annotations

import orjson

from meetlat.platforms.jsonsource import LEADING

WHITESPACE = LEADING  # BOM and blanks before the first JSON value
_MISSING = object()


def body(head: bytes) -> bytes:
    """The head without a byte-order mark and leading white space."""
    return head.lstrip(WHITESPACE)


def line_values(head: bytes, limit: int = 20):
    """The JSON values of the first non-blank lines; ``MISSING`` ends them at a line that does
    not parse (cut off by the end of the head, or not JSON lines at all)."""
    lines = (line.strip() for line in body(head).split(b"\n"))
    for line in [line for line in lines if line][:limit]:
        try:
            yield orjson.loads(line)
        except orjson.JSONDecodeError:
            yield _MISSING
            return


def first_value(head: bytes):
    """The JSON value of the first non-blank line, or ``MISSING`` when it does not parse."""
    return next(line_values(head, 1), _MISSING)


def is_missing(value) -> bool:
    return value is _MISSING


def has_keys(text: bytes, *keys: str) -> bool:
    return all(b'"' + key.encode() + b'"' in text for key in keys)


def has_any_key(text: bytes, *keys: str) -> bool:
    return any(b'"' + key.encode() + b'"' in text for key in keys)
