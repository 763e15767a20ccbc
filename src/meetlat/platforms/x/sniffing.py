"""Looking at the first bytes of a file to tell the X formats from each other and from the rest.

``first_value(head)`` parses the first non-blank line of the head when it is complete
JSON. When it is not (a page of 100 tweets is easily longer than the 64 KiB head, or the
file is one pretty-printed document), the readers fall back to looking for the keys
that only their format has, in the bytes of the head.
"""

from __future__ import annotations

import orjson

WHITESPACE = b"\xef\xbb\xbf \t\r\n"
_MISSING = object()


def body(head: bytes) -> bytes:
    """The head without a byte-order mark and leading white space."""
    return head.lstrip(WHITESPACE)


def first_value(head: bytes):
    """The JSON value of the first non-blank line, or ``MISSING`` when it does not parse."""
    text = body(head)
    line = text.split(b"\n", 1)[0].strip()
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return _MISSING


def is_missing(value) -> bool:
    return value is _MISSING


def has_keys(text: bytes, *keys: str) -> bool:
    return all(b'"' + key.encode() + b'"' in text for key in keys)


def has_any_key(text: bytes, *keys: str) -> bool:
    return any(b'"' + key.encode() + b'"' in text for key in keys)
