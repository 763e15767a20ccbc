"""The Bluesky repository export: a CAR file (``com.atproto.sync.getRepo``, the app's
"Export my data").

What it reads: the repository of one account, the DID of its commit. Its
``app.bsky.feed.post`` records are that account's posts and its ``app.bsky.feed.repost``
records its reposts (the original is the record's ``subject.uri``); likes, follows,
lists and the other collections are not posts and are passed over without a word. The
profile record (``app.bsky.actor.profile/self``) gives the account's display name; the
repository holds no handle and no counts.

Each post or repost is one record, in the key order of the repository's tree (``line``
1, ``item`` its position): the record's key gives its URI
``at://DID/app.bsky.feed.post/RKEY``, which is the post's id as everywhere in Meetlat,
and its ``raw`` bytes are the JSON ``{uri, cid, value}`` of the record (CIDs as
``{"$link": ...}``, bytes as ``{"$bytes": ...}``), which is also what ``listRecords``
gives and the ``bluesky`` reader reads: the rows are built by the same code
(``bluesky.records``).

A damaged file keeps what it can: every record whose block is there and sound becomes
rows; a record whose block is missing (a truncated file) or damaged (its data does not
hash to its CID), a lost part of the tree and the cut-off end of a truncated file are
each a record set aside with the reason. A file whose header or commit cannot be read is
one record set aside: without the commit no record can be found.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import Canonical, RawRecord, Reader, Source, readers
from meetlat.platforms.bluesky.car import Car, CarError, Damage, read_car, read_header
from meetlat.platforms.bluesky.cbor import CborError, Cid, as_json, decode
from meetlat.platforms.bluesky.records import PLATFORM, POST_TYPE, REPOST_TYPE, record_rows
from meetlat.platforms.bluesky.repo import Entry, Lost, RepoError, entries, read_commit
from meetlat.platforms.shape import record_object

READ = (POST_TYPE, REPOST_TYPE)
PROFILE_KEY = "app.bsky.actor.profile/self"


@dataclass(frozen=True)
class Repository:
    did: str
    display_name: str | None


@readers.register("bluesky-repo")
class BlueskyRepository(Reader):
    """The posts and reposts of a Bluesky repository export (CAR file)."""

    platform = PLATFORM
    title = "Bluesky repository export (CAR file from getRepo or the app's data export)"

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        try:
            read_header(head)
        except CarError:
            return False
        return True

    def records(self, source: Source) -> Iterator[RawRecord]:
        with source.open() as handle:
            data = handle.read()
        try:
            car = read_car(data)
            commit = read_commit(car)
        except (CarError, RepoError) as exc:
            yield RawRecord(line=1, raw=data, error=str(exc))
            return
        found = list(entries(car, commit))
        repository = Repository(commit.did, _display_name(car, found))
        damaged = {damage.cid: damage for damage in car.damage if damage.cid is not None}
        accounted: set[Cid] = set()  # damaged blocks already named by a record
        position = 0
        for entry in found:
            if isinstance(entry, Entry) and entry.key.split("/", 1)[0] not in READ:
                accounted.add(entry.cid)  # a like, a follow ...: not read, not reported
                continue
            position += 1
            accounted.add(entry.cid)
            if isinstance(entry, Lost):
                yield _lost(entry, damaged.get(entry.cid), position)
            else:
                uri = f"at://{commit.did}/{entry.key}"
                yield _record(car, entry, uri, damaged.get(entry.cid), repository, position)
        for damage in car.damage:
            if damage.cid is None or damage.cid not in accounted:
                position += 1
                yield RawRecord(1, damage.raw, None, _where(damage), position)

    def canonical(self, record: RawRecord) -> Canonical:
        value = record_object(record.value, lambda: _("a record of a Bluesky repository"))
        repository: Repository | None = record.context
        out = Canonical()
        record_rows(value, out, repository.display_name if repository else None)
        return out


def _where(damage: Damage) -> str:
    return _("block {number} at byte {offset}: {reason}").format(
        number=damage.block, offset=damage.offset, reason=damage.reason
    )


def _lost(entry: Lost, damage: Damage | None, position: int) -> RawRecord:
    reason = _where(damage) if damage else entry.reason
    raw = damage.raw if damage else orjson.dumps({"cid": str(entry.cid)})
    message = _("{reason}; the records below it in the repository cannot be read").format(
        reason=reason
    )
    return RawRecord(1, raw, None, message, position)


def _record(
    car: Car, entry: Entry, uri: str, damage: Damage | None, repository: Repository, position: int
) -> RawRecord:
    block = car.blocks.get(entry.cid)
    if block is None:
        if damage is not None:
            reason = _("record {uri}: {where}").format(uri=uri, where=_where(damage))
            return RawRecord(1, damage.raw, None, reason, position)
        reason = _(
            "record {uri} is not in the file: its block {cid} is missing (the file is truncated "
            "or incomplete)"
        ).format(uri=uri, cid=entry.cid)
        return RawRecord(
            1, orjson.dumps({"uri": uri, "cid": str(entry.cid)}), None, reason, position
        )
    document = {"uri": uri, "cid": str(entry.cid)}
    try:
        document["value"] = as_json(decode(block))
        raw = orjson.dumps(document)
    except (CborError, orjson.JSONEncodeError) as exc:  # JSON: a number beyond 64 bits
        reason = _("record {uri} (block {cid}) cannot be read: {reason}").format(
            uri=uri, cid=entry.cid, reason=exc
        )
        return RawRecord(1, block, None, reason, position)
    return RawRecord(1, raw, document, None, position, repository)


def _display_name(car: Car, found: list) -> str | None:
    for entry in found:
        if isinstance(entry, Entry) and entry.key == PROFILE_KEY:
            block = car.blocks.get(entry.cid)
            try:
                profile = decode(block) if block is not None else None
            except CborError:
                return None  # the name is not needed for the posts
            name = profile.get("displayName") if isinstance(profile, dict) else None
            return name if isinstance(name, str) and name else None
    return None
