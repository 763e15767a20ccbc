"""The X account archive's ``tweets.js``: ``window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]``.

The archive (a zip, ``twitter-<date>-<hash>.zip``, or that zip unpacked) holds
``Your archive.html`` and ``assets/`` (the pages that show it), ``data/`` with one
``.js`` file per kind of data (``window.YTD.<kind>.partN = [...]``) and media folders
(``data/tweets_media/`` and others). Only the tweets are imported: ``tweets.js`` and,
in large archives, ``tweets-part1.js``, ``tweets-part2.js``, ... (``window.YTD.tweets.part1``).
The importer passes over the other files of a folder or zip (``meetlat.importer.sources``).

The archive's tweets are v1.1-like (``id_str``, ``full_text``, ``created_at`` as
"Wed Oct 10 20:19:24 +0000 2018", ``in_reply_to_status_id_str``, ``entities``, counts
as strings) and are read by ``status.status_rows``. They do not name their author:
that is the archive's own account, in ``account.js`` beside the tweets file
(``window.YTD.account.part0 = [ {"account": {"accountId", "username",
"accountDisplayName", "createdAt"}} ]``), found in the same folder, or the same folder of
the zip (``Source.beside``). When that file is there (and readable), every post gets its
account and the first record of the file gives the account row; otherwise the author is
taken from the tweet where present (``user`` or ``user_id_str``), else left empty. An
``account.js`` that is not a valid archive file is treated as absent.

When ``manifest.js`` (``window.__THAR_CONFIG``) beside it gives the archive's
``archiveInfo.generationDate``, the first record also gives an account snapshot at that
moment: the followers and followed accounts are the number of entries of
``follower.js`` and ``following.js`` (each left empty when its file is missing), the
total posts the sum of the ``dataTypes.tweets`` counts of the manifest. ``profile.js``
(bio, website, location) has nothing the warehouse keeps.

Retweets appear in the archive as "RT @name: ..." without the original: they are reposts
whose original is unknown. The archive holds no collection time for its tweets, so
metrics are dated with the tweet's own ``created_at``.

Older archives call the file ``tweet.js`` (``window.YTD.tweet.part0``); both are read.
Every element of the array is one record (``item`` its position); the file is a single
document, so every record's ``line`` is the line where the array starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import Canonical, RawRecord, Reader, RecordError, Source, readers
from meetlat.platforms.jsonsource import parse_json
from meetlat.platforms.times import parse_time
from meetlat.platforms.x import rows, sniffing
from meetlat.platforms.x.fields import mapping, optional_id, optional_text, problem, shown
from meetlat.platforms.x.status import Owner, status_rows

PREFIXES = (b"window.YTD.tweets.part", b"window.YTD.tweet.part")
ACCOUNT_FILE = "account.js"
MANIFEST_FILE = "manifest.js"
FOLLOWER_FILE = "follower.js"
FOLLOWING_FILE = "following.js"


@dataclass(frozen=True)
class Archive:
    """What the files beside a tweets file say: the owner and, when the manifest dates the
    archive, the owner's counts at that moment."""

    owner: Owner | None
    generated_at: datetime | None = None
    followers: int | None = None
    following: int | None = None
    total_posts: int | None = None


def assignment_value(data: bytes) -> tuple[int, object, str | None]:
    """(line where the value starts, parsed value, error) of ``window.YTD.<name>.partN = ...``."""
    equals = data.find(b"=")
    if equals < 0:
        return 1, None, _('no assignment "window.YTD... = [" found')
    start = equals + 1
    value, error = parse_json(data[start:].strip().rstrip(b";").strip())
    return data[:start].count(b"\n") + 1, value, error


def read_owner(data: bytes | Path | None) -> Owner | None:
    """The account of an ``account.js`` file (its bytes or its path), or None when it is
    missing or not readable."""
    if isinstance(data, Path):
        data = data.read_bytes() if data.is_file() else None
    if data is None:
        return None
    _line, value, error = assignment_value(data)
    if error or type(value) is not list or not value or type(value[0]) is not dict:
        return None
    account = value[0].get("account")
    if type(account) is not dict or type(account.get("accountId")) is not str:
        return None
    created = account.get("createdAt")
    try:
        created_at = parse_time(created, "account.createdAt") if created is not None else None
    except RecordError:
        created_at = None  # the account's creation time is not needed for its posts
    return Owner(
        account_id=account["accountId"],
        handle=account.get("username") if type(account.get("username")) is str else None,
        display_name=account.get("accountDisplayName")
        if type(account.get("accountDisplayName")) is str
        else None,
        created_at=created_at,
    )


def _entries(data: bytes | None) -> list | None:
    """The array of a ``window.YTD.<kind>.part0 = [...]`` file, or None when it is missing
    or not such a file."""
    if data is None:
        return None
    _line, value, error = assignment_value(data)
    return value if error is None and type(value) is list else None


def read_manifest(data: bytes | None) -> tuple[datetime | None, int | None]:
    """(generation time, number of tweets) of an archive's ``manifest.js``; None for what
    it does not say (or when it is missing or not readable)."""
    if data is None:
        return None, None
    _line, value, error = assignment_value(data)
    if error is not None or type(value) is not dict:
        return None, None
    info = value.get("archiveInfo")
    generated = None
    if type(info) is dict and type(info.get("generationDate")) is str:
        try:
            generated = parse_time(info["generationDate"], "archiveInfo.generationDate")
        except RecordError:
            generated = None
    total = None
    types = value.get("dataTypes")
    tweets = types.get("tweets") if type(types) is dict else None
    files = tweets.get("files") if type(tweets) is dict else None
    if type(files) is list and files:
        counts = [f.get("count") if type(f) is dict else None for f in files]
        if all(type(c) is str and c.isascii() and c.isdigit() for c in counts):
            total = sum(int(c) for c in counts)
    return generated, total


def read_archive(source: Source) -> Archive:
    """The owner and counts of the archive ``source`` belongs to, from the files beside it."""
    owner = read_owner(source.beside(ACCOUNT_FILE))
    if owner is None or owner.account_id is None:
        return Archive(owner)
    generated, total = read_manifest(source.beside(MANIFEST_FILE))
    if generated is None:
        return Archive(owner)
    followers = _entries(source.beside(FOLLOWER_FILE))
    following = _entries(source.beside(FOLLOWING_FILE))
    return Archive(
        owner,
        generated,
        len(followers) if followers is not None else None,
        len(following) if following is not None else None,
        total,
    )


@readers.register("x-archive")
class XArchiveTweets(Reader):
    """The tweets of an X (Twitter) account archive (tweets.js, optionally with account.js)."""

    platform = "x"
    title = "X account archive tweets.js"

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return sniffing.body(head).startswith(PREFIXES)

    def records(self, source: Source) -> Iterator[RawRecord]:
        with source.open() as handle:
            data = handle.read()
        line, value, error = assignment_value(data.lstrip(sniffing.WHITESPACE))
        if error is None and type(value) is not list:
            error = _('expected an array of tweets after "=", found {found}').format(
                found=shown(value)
            )
        if error is not None:
            yield RawRecord(line=line, raw=data, error=error)
            return
        archive = read_archive(source)
        for position, entry in enumerate(value, start=1):
            yield RawRecord(line, orjson.dumps(entry), entry, None, position, archive)

    def canonical(self, record: RawRecord) -> Canonical:
        entry = record.value
        if type(entry) is dict and "tweet" in entry:
            tweet = mapping(entry["tweet"], "tweet")
        elif type(entry) is dict:
            tweet = entry  # some archives and tools leave out the "tweet" wrapper
        else:
            raise problem("tweet", entry, _("an object"))
        archive: Archive | None = record.context
        owner = archive.owner if archive is not None else None
        if tweet.get("user") is not None:
            return status_rows(tweet)
        if owner is None:
            owner = Owner(
                account_id=optional_id(tweet.get("user_id_str"), "user_id_str"),
                handle=optional_text(tweet.get("screen_name"), "screen_name"),
            )
        result = status_rows(tweet, owner=owner)
        if record.item == 1 and owner.account_id is not None:
            result.accounts.append(
                rows.account(owner.account_id, owner.handle, owner.display_name, owner.created_at)
            )
            if archive is not None and archive.generated_at is not None:
                result.snapshots.append(
                    rows.snapshot(
                        owner.account_id,
                        owner.handle,
                        archive.generated_at,
                        archive.followers,
                        archive.following,
                        archive.total_posts,
                    )
                )
        return result
