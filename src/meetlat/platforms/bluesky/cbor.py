"""A small, strict DAG-CBOR decoder and CIDs, for the blocks of a Bluesky repository (CAR).

DAG-CBOR is CBOR (RFC 8949) restricted to: definite lengths only, map keys that are
texts, tag 42 only (a CID link: a byte string holding a zero byte and the binary CID),
and the simple values false, true and null, plus 64-bit floats. Anything else is a
``CborError`` naming the byte offset, so a damaged block is reported, not guessed at.

``Cid`` is a content identifier as bytes; ``str(cid)`` is its usual text form (base32
``b...`` for CID version 1, base58 ``Qm...`` for version 0).
"""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass

from meetlat.i18n import _

MAX_DEPTH = 64  # records and tree nodes are shallow; deeper nesting is damage
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class CborError(ValueError):
    """Bytes that are not valid DAG-CBOR; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Cid:
    raw: bytes  # the binary CID

    def __str__(self) -> str:
        if self.raw[:2] == b"\x12\x20":  # version 0: a bare sha2-256 multihash
            return _base58(self.raw)
        return "b" + base64.b32encode(self.raw).decode("ascii").lower().rstrip("=")


def _base58(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, digit = divmod(number, 58)
        text = _BASE58[digit] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def decode(data: bytes):
    """The one value ``data`` holds; raises CborError (also for bytes left over)."""
    value, end = decode_prefix(data, 0)
    if end != len(data):
        raise CborError(
            _("{count} bytes left over after the value at byte {offset}").format(
                count=len(data) - end, offset=end
            )
        )
    return value


def decode_prefix(data: bytes, offset: int):
    """(value, end): the value that starts at ``offset`` and the offset after it."""
    return _Decoder(data).value(offset, 0)


class _Decoder:
    def __init__(self, data: bytes):
        self.data = data

    def _need(self, offset: int, size: int) -> None:
        if offset + size > len(self.data):
            raise CborError(_("the data ends at byte {offset}").format(offset=len(self.data)))

    def _argument(self, offset: int) -> tuple[int, int, int]:
        """(major type, argument, offset after the head) of the item at ``offset``."""
        self._need(offset, 1)
        initial = self.data[offset]
        major, info = initial >> 5, initial & 0x1F
        if info < 24:
            return major, info, offset + 1
        if info > 27:
            raise CborError(
                _("byte {offset}: indefinite lengths and reserved values are not DAG-CBOR").format(
                    offset=offset
                )
            )
        size = 1 << (info - 24)
        self._need(offset + 1, size)
        argument = int.from_bytes(self.data[offset + 1 : offset + 1 + size], "big")
        return major, argument, offset + 1 + size

    def value(self, offset: int, depth: int):
        if depth > MAX_DEPTH:
            raise CborError(_("byte {offset}: nested too deeply").format(offset=offset))
        start = offset
        major, argument, offset = self._argument(offset)
        if major == 0:
            return argument, offset
        if major == 1:
            return -1 - argument, offset
        if major in (2, 3):
            self._need(offset, argument)
            chunk = self.data[offset : offset + argument]
            if major == 2:
                return chunk, offset + argument
            try:
                return chunk.decode("utf-8"), offset + argument
            except UnicodeDecodeError as exc:
                raise CborError(
                    _("byte {offset}: text that is not UTF-8").format(offset=offset + exc.start)
                ) from None
        if major == 4:
            items = []
            for _index in range(argument):
                item, offset = self.value(offset, depth + 1)
                items.append(item)
            return items, offset
        if major == 5:
            mapping = {}
            for _index in range(argument):
                key, offset = self.value(offset, depth + 1)
                if not isinstance(key, str):
                    raise CborError(
                        _("byte {offset}: a map key that is not text").format(offset=start)
                    )
                mapping[key], offset = self.value(offset, depth + 1)
            return mapping, offset
        if major == 6:
            return self._tagged(argument, offset, start, depth)
        return self._simple(argument, offset, start)

    def _tagged(self, tag: int, offset: int, start: int, depth: int):
        if tag != 42:
            raise CborError(
                _("byte {offset}: tag {tag} is not DAG-CBOR (only 42, a CID)").format(
                    offset=start, tag=tag
                )
            )
        link, end = self.value(offset, depth + 1)
        if not isinstance(link, bytes) or len(link) < 3 or link[0] != 0:
            raise CborError(_("byte {offset}: a CID link that is not a CID").format(offset=start))
        return Cid(link[1:]), end

    def _simple(self, argument: int, offset: int, start: int):
        initial = self.data[start] & 0x1F
        if initial == 20:
            return False, offset
        if initial == 21:
            return True, offset
        if initial == 22:
            return None, offset
        if initial == 27:
            return struct.unpack(">d", argument.to_bytes(8, "big"))[0], offset
        raise CborError(
            _("byte {offset}: a simple value that is not DAG-CBOR").format(offset=start)
        )


def as_json(value):
    """``value`` in the AT Protocol's JSON form: a CID as ``{"$link": ...}``, bytes as
    ``{"$bytes": base64}``."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, Cid):
        return {"$link": str(value)}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii").rstrip("=")}
    return value
