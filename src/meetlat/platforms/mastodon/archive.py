"""The Mastodon account archive ("Request your archive"): ``outbox.json`` with ``actor.json``.

Mastodon's archive holds the account's statuses in its own ActivityPub serialisation:
``outbox.json`` is an ``OrderedCollection`` whose ``orderedItems`` are ``Create``
activities (the ``object`` a ``Note``, or a ``Question`` for a poll) and ``Announce``
activities (boosts, the ``object`` the address of the boosted status). ``actor.json``
beside it is the account (a ``Person``: ``id``, ``preferredUsername``, ``name``,
``published``; it holds no follower counts). Each activity is one record (``item`` its
position; ``line`` the line where the document starts).

How an activity maps (the rows are built as for API statuses: ``mastodon.posts``):

- Ids: a status of the archive's own server is known by its number, the last part of
  ``https://host/ap/users/ACCOUNT/statuses/ID`` (Mastodon 4.4+) or
  ``https://host/users/NAME/statuses/ID``, which is the id the REST API gives it; a
  status of another server keeps its full address. An activity's id is its status's
  address with ``/activity`` behind it.
- The account: the activity's ``actor``. Its id is the number in ``/ap/users/ID`` (the
  API's account id), else the actor's address. The handle is the full address of the
  account, ``NAME@host`` (as the registry names Mastodon accounts: the archive is always
  read away from its server), with NAME the ``preferredUsername`` of ``actor.json``, else
  that of a ``/users/NAME`` address, and host the actor's. Without ``actor.json`` (a zip,
  an outbox page) the posts keep the account from ``actor``.
- ``Create``: ``published`` → created_at; ``content`` (HTML) → text and links;
  ``contentMap``'s language; ``inReplyTo`` → reply to that status (its account from
  the address where it has the Mastodon form); ``quote``/``quoteUri``/``_misskey_quote``
  → quote; ``tag`` Mention → mentions (``name@host``, lower case; a local ``@name``
  gets the host of the tag's ``href``, as the REST reader does),
  Hashtag → hashtags; ``attachment`` of type Link (a link card) → urls; media
  attachments (Document, Image, ...) have no column in the warehouse and are left out;
  ``conversation`` (or ``context``) → conversation_id; ``likes``/``shares`` totalItems
  → metrics, observed at ``published`` (the archive does not say when it was made).
- ``Announce``: a repost of ``object``, at ``published``, with no embedded original
  (the archive holds only its address).
- Any other activity, or a Create of anything but a Note or Question, is a record error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import Canonical, RawRecord, Reader, RecordError, Source, readers
from meetlat.platforms.jsonsource import LEADING, parse_json, starts_with_json
from meetlat.platforms.mastodon.posts import (
    PLATFORM,
    add_author,
    add_metrics,
    kind_of,
    place,
    text_and_links,
)
from meetlat.platforms.rows import count, post_row
from meetlat.platforms.shape import (
    maybe_list,
    maybe_object,
    maybe_text,
    need_object,
    need_text,
    need_time,
    record_object,
    wrong,
)
from meetlat.platforms.times import parse_time

ACTOR_FILE = "actor.json"
NOTE_TYPES = ("Note", "Question")
QUOTE_KEYS = ("quote", "quoteUri", "_misskey_quote")
_STATUS = re.compile(r"^/(?:ap/users/\d+|users/[^/]+)/statuses/(\d+)(?:/activity)?/?$")
_ACCOUNT_OF_STATUS = re.compile(r"^(/(?:ap/users/\d+|users/[^/]+))/statuses/[^/]+")
_NUMBERED_ACTOR = re.compile(r"^/ap/users/(\d+)/?$")
_NAMED_ACTOR = re.compile(r"^/users/([^/]+)/?$")


@dataclass(frozen=True)
class Actor:
    """The archive's account, from ``actor.json``."""

    uri: str
    handle: str | None
    display_name: str | None
    created_at: datetime | None


def read_actor(path: Path) -> Actor | None:
    """The account of an ``actor.json``, or None when it is missing or not an actor."""
    if not path.is_file():
        return None
    value, error = parse_json(path.read_bytes().lstrip(LEADING))
    if error or type(value) is not dict or type(value.get("id")) is not str:
        return None
    handle, name = value.get("preferredUsername"), value.get("name")
    try:
        created = parse_time(value["published"], "published") if value.get("published") else None
    except RecordError:
        created = None  # the account's creation time is not needed for its posts
    return Actor(
        uri=value["id"],
        handle=handle if type(handle) is str and handle else None,
        display_name=name if type(name) is str and name else None,
        created_at=created,
    )


@readers.register("mastodon-archive")
class MastodonArchive(Reader):
    """The statuses and boosts of a Mastodon account archive (outbox.json, with actor.json)."""

    platform = PLATFORM
    title = "Mastodon account archive outbox.json (with actor.json beside it)"

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        if not starts_with_json(head):
            return False
        return (
            b'"OrderedCollection' in head
            and b'"orderedItems"' in head
            and (b'"Create"' in head or b'"Announce"' in head or b'"outbox.json"' in head)
        )

    def records(self, source: Source) -> Iterator[RawRecord]:
        with source.open() as handle:
            data = handle.read()
        body = data.lstrip(LEADING)
        line = data[: len(data) - len(body)].count(b"\n") + 1
        value, error = parse_json(body)
        if error is None:
            error = _collection_error(value)
        if error is not None:
            yield RawRecord(line=line, raw=data, error=error)
            return
        actor = _beside(source)
        for position, item in enumerate(value["orderedItems"], start=1):
            yield RawRecord(line, orjson.dumps(item), item, None, position, actor)

    def canonical(self, record: RawRecord) -> Canonical:
        activity = record_object(record.value, lambda: _("an ActivityPub activity"))
        kind = activity.get("type")
        out = Canonical()
        author = _author(activity, record.context, out)
        if kind == "Create":
            _note(need_object(activity, "object"), author, out)
        elif kind == "Announce":
            _boost(activity, author, out)
        else:
            raise RecordError(
                _("activity of type {found} is not read (expected Create or Announce)").format(
                    found=kind if isinstance(kind, str) else _("none")
                )
            )
        return out


def _beside(source: Source) -> Actor | None:
    """The account of the ``actor.json`` beside the file, when the file is a file of its own
    (a zip member ``archive.zip!outbox.json`` has no folder to look in)."""
    path = Path(source.name) if source.name else None
    if path is None or not path.is_file():
        return None
    return read_actor(path.with_name(ACTOR_FILE))


def _collection_error(value) -> str | None:
    if (
        type(value) is not dict
        or not str(value.get("type", "")).startswith("OrderedCollection")
        or type(value.get("orderedItems")) is not list
    ):
        return _(
            "not a Mastodon outbox (expected an ActivityPub OrderedCollection with a list "
            "orderedItems)"
        )
    return None


@dataclass(frozen=True)
class _Author:
    """The account of an activity, and the host of its server (whose status numbers are ids)."""

    account_id: str
    handle: str | None
    host: str


def _author(activity: dict, actor: Actor | None, out: Canonical) -> _Author:
    uri = _address(activity.get("actor"), "actor")
    parts = urlsplit(uri)
    numbered = _NUMBERED_ACTOR.match(parts.path)
    named = _NAMED_ACTOR.match(parts.path)
    own = actor is not None and actor.uri == uri
    name = (actor.handle if own else None) or (named.group(1) if named else None)
    author = _Author(
        account_id=numbered.group(1) if numbered else uri,
        handle=f"{name}@{parts.netloc}" if name else None,
        host=parts.netloc,
    )
    add_author(
        out,
        author.account_id,
        author.handle,
        None,  # actor.json has no counts: no snapshot
        display_name=actor.display_name if own else None,
        created_at=actor.created_at if own else None,
    )
    return author


def _address(value, field: str) -> str:
    """An address given as text, or as an object with an ``id``."""
    if isinstance(value, dict):
        value = value.get("id")
    if not isinstance(value, str) or not value:
        raise wrong(field, _("an address (https://...)"))
    return value


def _status_id(uri: str, author: _Author) -> str:
    """The status number for an address on the archive's own server, else the address."""
    parts = urlsplit(uri)
    found = _STATUS.match(parts.path)
    if found and parts.netloc == author.host:
        return found.group(1)
    return uri


def _account_of(uri: str, author: _Author) -> str | None:
    """The account id of the author of the status at ``uri``, where the address shows it."""
    parts = urlsplit(uri)
    found = _ACCOUNT_OF_STATUS.match(parts.path)
    if not found:
        return None
    account = f"{parts.scheme}://{parts.netloc}{found.group(1)}"
    numbered = _NUMBERED_ACTOR.match(found.group(1))
    if numbered and parts.netloc == author.host:
        return numbered.group(1)
    return account


def _note(note: dict, author: _Author, out: Canonical) -> None:
    kind = note.get("type")
    if kind not in NOTE_TYPES:
        raise RecordError(
            _("object of type {found} is not read (expected a Note)").format(
                found=kind if isinstance(kind, str) else _("none")
            )
        )
    post_id = _status_id(need_text(note, "id", "object"), author)
    parent = note.get("inReplyTo")
    parent = _address(parent, "object.inReplyTo") if parent else None
    quoted = next((note[key] for key in QUOTE_KEYS if note.get(key)), None)
    quote_of = _status_id(quoted, author) if isinstance(quoted, str) else None
    text, links = text_and_links(maybe_text(note, "content", "object"))
    mentions, hashtags = _tags(note)
    post = post_row(
        platform=PLATFORM,
        post_id=post_id,
        account_id=author.account_id,
        handle=author.handle,
        created_at=need_time(note, "published", "object"),
        text=text,
        language=_language(note),
        kind=kind_of(None, parent, quote_of),
        in_reply_to_post_id=_status_id(parent, author) if parent else None,
        in_reply_to_account_id=_account_of(parent, author) if parent else None,
        quote_of_post_id=quote_of,
        conversation_id=_conversation(note),
        mentions=mentions,
        hashtags=hashtags,
        urls=links + [url for url in _card_links(note) if url not in links],
    )
    place(out, post)
    likes, shares = _total(note, "likes"), _total(note, "shares")
    if likes is not None or shares is not None:  # older archives carry no counts
        add_metrics(out, post, likes=likes, reposts=shares)


def _boost(activity: dict, author: _Author, out: Canonical) -> None:
    address = need_text(activity, "id")
    original = _address(activity.get("object"), "object")
    post = post_row(
        platform=PLATFORM,
        post_id=_status_id(address, author),
        account_id=author.account_id,
        handle=author.handle,
        created_at=need_time(activity, "published"),
        kind="repost",
        repost_of_post_id=_status_id(original, author),
    )
    place(out, post)


def _tags(note: dict) -> tuple[list[str], list[str]]:
    mentions, hashtags = [], []
    for position, tag in enumerate(maybe_list(note, "tag", "object")):
        if not isinstance(tag, dict):
            raise wrong(f"object.tag[{position}]", _("an object"))
        name = maybe_text(tag, "name", f"object.tag[{position}]")
        if not name:
            continue
        if tag.get("type") == "Mention":
            mentions.append(_mention(name, tag.get("href")))
        elif tag.get("type") == "Hashtag":
            hashtags.append(name.removeprefix("#"))
    return mentions, hashtags


def _mention(name: str, href) -> str:
    """``@name@host`` lower case; a local ``@name`` gets the host of the tag's href."""
    address = name.removeprefix("@").lower()
    host = urlsplit(href).netloc if isinstance(href, str) else ""
    return f"{address}@{host.lower()}" if "@" not in address and host else address


def _card_links(note: dict) -> list[str]:
    found = []
    for attachment in maybe_list(note, "attachment", "object"):
        if isinstance(attachment, dict) and attachment.get("type") == "Link":
            href = attachment.get("href")
            if isinstance(href, str) and href:
                found.append(href)
    return found


def _language(note: dict) -> str | None:
    languages = maybe_object(note, "contentMap", "object")
    return next(iter(languages), None) if languages else None


def _conversation(note: dict) -> str | None:
    for key in ("conversation", "context"):
        value = note.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _total(note: dict, key: str) -> int | None:
    collection = note.get(key)
    return count(collection.get("totalItems")) if isinstance(collection, dict) else None
