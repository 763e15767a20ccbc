"""CAR version 1 files (Content Addressable aRchives), as ``com.atproto.sync.getRepo`` gives them.

A CAR file is a header and blocks, each prefixed by its length as an unsigned varint:

- the header: DAG-CBOR ``{"version": 1, "roots": [CID, ...]}``;
- each block: the binary CID of the block, then its data (DAG-CBOR for a repository).

``read_car(data)`` gives the roots, the blocks by CID and what was wrong with the rest:
a block whose data does not hash to its CID (sha2-256), a block that cannot be parsed,
or a file that ends inside a block (truncated). Such parts are ``Damage``; the good
blocks are all kept. A header that cannot be read raises ``CarError``: then nothing of
the file can be found.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from meetlat.i18n import _
from meetlat.platforms.bluesky.cbor import CborError, Cid, decode_prefix

SHA2_256 = 0x12
MAX_HEADER = 1 << 20  # a header names a few roots; more is not a CAR file


class CarError(ValueError):
    """The file is not a CAR file that can be read at all."""


@dataclass(frozen=True)
class Damage:
    offset: int  # byte where the damaged part starts
    block: int  # its position among the blocks, 1-based
    reason: str
    raw: bytes  # the damaged bytes
    cid: Cid | None = None  # the CID the block claims, when it could be read


@dataclass
class Car:
    roots: list[Cid]
    blocks: dict[Cid, bytes]
    damage: list[Damage]


def varint(data: bytes, offset: int) -> tuple[int, int]:
    """An unsigned LEB128 varint at ``offset``: (value, offset after it)."""
    value = shift = 0
    for position in range(offset, min(offset + 9, len(data))):
        byte = data[position]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, position + 1
        shift += 7
    if offset + 9 <= len(data):
        raise CborError(_("byte {offset}: a length of more than 9 bytes").format(offset=offset))
    raise CborError(_("the data ends at byte {offset}").format(offset=len(data)))


def read_cid(data: bytes, offset: int, limit: int | None = None) -> tuple[Cid, int]:
    """The binary CID at ``offset`` (version 0 or 1), ending before ``limit`` (default: the
    end of ``data``): (cid, offset after it)."""
    limit = len(data) if limit is None else limit
    if data[offset : offset + 2] == b"\x12\x20":  # version 0: a bare sha2-256 multihash
        end = offset + 34
    else:
        version, position = varint(data, offset)
        if version != 1:
            raise CborError(
                _("byte {offset}: CID version {version} is unknown").format(
                    offset=offset, version=version
                )
            )
        _codec, position = varint(data, position)
        _hash, position = varint(data, position)
        size, position = varint(data, position)
        end = position + size
    if end > limit:
        raise CborError(_("the data ends at byte {offset}").format(offset=limit))
    return Cid(bytes(data[offset:end])), end


def _hash_matches(cid: Cid, block: bytes) -> bool:
    """False when the CID's sha2-256 digest is not that of ``block`` (other hashes: True)."""
    raw = cid.raw
    if raw[:2] == b"\x12\x20":
        return hashlib.sha256(block).digest() == raw[2:]
    _version, position = varint(raw, 0)
    _codec, position = varint(raw, position)
    code, position = varint(raw, position)
    size, position = varint(raw, position)
    if code != SHA2_256:
        return True
    return hashlib.sha256(block).digest()[:size] == raw[position:]


def read_header(data: bytes) -> tuple[list[Cid], int]:
    """The roots of the header and the offset of the first block; raises CarError."""
    try:
        length, start = varint(data, 0)
        if not 0 < length <= MAX_HEADER:
            raise CborError(_("a header of {length} bytes").format(length=length))
        if start + length > len(data):
            raise CborError(_("the data ends at byte {offset}").format(offset=len(data)))
        header, end = decode_prefix(data[: start + length], start)
    except CborError as exc:
        raise CarError(_("not a readable CAR header: {reason}").format(reason=exc)) from None
    roots = header.get("roots") if isinstance(header, dict) else None
    if (
        not isinstance(header, dict)
        or header.get("version") != 1
        or not isinstance(roots, list)
        or not all(isinstance(root, Cid) for root in roots)
        or end != start + length
    ):
        raise CarError(_("not a CAR version 1 header (expected {version: 1, roots: [CID]})"))
    return roots, end


def read_car(data: bytes) -> Car:
    """Every block of a CAR file, and the parts that are damaged; raises CarError."""
    roots, offset = read_header(data)
    car = Car(roots, {}, [])
    number = 0
    while offset < len(data):
        number += 1
        start = offset
        try:
            length, offset = varint(data, offset)
        except CborError as exc:  # cut off, or not a length: the blocks cannot be told apart
            reason = _("the length of the block cannot be read: {reason}").format(reason=exc)
            car.damage.append(Damage(start, number, reason, data[start:]))
            break
        end = offset + length
        if end > len(data):
            car.damage.append(
                Damage(
                    start,
                    number,
                    _(
                        "the file ends inside a block: {missing} of its {length} bytes are missing "
                        "(the file is truncated)"
                    ).format(missing=end - len(data), length=length),
                    data[start:],
                )
            )
            break
        try:
            cid, body = read_cid(data, offset, end)
        except CborError as exc:
            car.damage.append(
                Damage(
                    start,
                    number,
                    _("the block's CID cannot be read: {reason}").format(reason=exc),
                    data[start:end],
                )
            )
        else:
            block = data[body:end]
            if _hash_matches(cid, block):
                car.blocks.setdefault(cid, block)
            else:
                car.damage.append(
                    Damage(
                        start,
                        number,
                        _(
                            "the block's data does not match its CID {cid} (the block is damaged)"
                        ).format(cid=cid),
                        data[start:end],
                        cid,
                    )
                )
        offset = end
    return car
