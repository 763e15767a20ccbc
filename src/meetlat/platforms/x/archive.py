"""The X account archive's ``tweets.js``: ``window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]``.

The archive's tweets are v1.1-like (``id_str``, ``full_text``, ``created_at`` as
"Wed Oct 10 20:19:24 +0000 2018", ``in_reply_to_status_id_str``, ``entities``, counts
as strings) and are read by ``status.status_rows``. They do not name their author:
that is the archive's own account, in ``account.js`` beside ``tweets.js``
(``window.YTD.account.part0 = [ {"account": {"accountId", "username", ...}} ]``). When
that file is there (and readable), every post gets its account and the first record
gives the account row; otherwise the author is taken from the tweet where present
(``user`` or ``user_id_str``), else left empty. An ``account.js`` that is not a valid
archive file is treated as absent. Retweets appear in the archive as "RT @name: ..."
without the original: they are reposts whose original is unknown. The archive holds
no collection time, so metrics are dated with the tweet's own ``created_at``.

Older archives call the file ``tweet.js`` (``window.YTD.tweet.part0``); both are read.
Every element of the array is one record (``item`` its position); the file is a single
document, so every record's ``line`` is the line where the array starts.
"""

from __future__ import annotations

from collections.abc import Iterator
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


def assignment_value(data: bytes) -> tuple[int, object, str | None]:
    """(line where the value starts, parsed value, error) of ``window.YTD.<name>.partN = ...``."""
    equals = data.find(b"=")
    if equals < 0:
        return 1, None, _('no assignment "window.YTD... = [" found')
    start = equals + 1
    value, error = parse_json(data[start:].strip().rstrip(b";").strip())
    return data[:start].count(b"\n") + 1, value, error


def read_owner(path: Path) -> Owner | None:
    """The account of an ``account.js`` file, or None when it is missing or not readable."""
    if not path.is_file():
        return None
    _line, value, error = assignment_value(path.read_bytes())
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
        owner = read_owner(Path(source.name).with_name("account.js")) if source.name else None
        for position, entry in enumerate(value, start=1):
            yield RawRecord(line, orjson.dumps(entry), entry, None, position, owner)

    def canonical(self, record: RawRecord) -> Canonical:
        entry = record.value
        if type(entry) is dict and "tweet" in entry:
            tweet = mapping(entry["tweet"], "tweet")
        elif type(entry) is dict:
            tweet = entry  # some archives and tools leave out the "tweet" wrapper
        else:
            raise problem("tweet", entry, _("an object"))
        owner: Owner | None = record.context
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
        return result
