"""Mastodon API statuses into canonical rows.

What it reads: Status entities of the Mastodon REST API (``/api/v1/statuses/:id``, home,
public and hashtag timelines, ``/api/v1/accounts/:id/statuses``), as one JSON array per
file, or one status (or one page array) per line; also the context of a status
(``/api/v1/statuses/:id/context``: ``{"ancestors": [...], "descendants": [...]}``), whose
statuses are records in that order (an empty context gives none).
Also a page with a profile, written by ``meetlat collect``: ``{"collected": {"platform":
"mastodon", "fetched_at", "url"}, "profile": <Account entity of /api/v1/accounts/lookup>,
"page": [statuses]}``: the page's statuses are the records, and the first one also gives
a snapshot of the profile's counts observed at ``fetched_at`` (a record is a post, so the
profile rides on the newest one). And a page of notifications, written by ``meetlat
collect``: ``{"collected": {...}, "notifications": [Notification entities of
/api/v1/notifications]}``: the ``status`` of each notification (a mention) is a record; a
notification without a status is a record that is quarantined.

How a status maps:

- ``id`` → post_id; ``account.id`` → account_id, ``account.acct`` → handle as the
  account's full address ``name@host``: the server writes ``name@domain`` for a remote
  account and ``name`` alone for a local one, which gets the host of its ``url`` (so the
  same account has one handle whichever server the page came from, as in an archive
  export, and a registry's ``name@server`` finds it).
- ``reblog`` → kind ``repost`` with ``repost_of_post_id``; the reblogged status becomes
  an embedded post of its own, with its own account.
- ``quote`` (Mastodon 4.4+: ``{state, quoted_status}`` or ``{state, quoted_status_id}``)
  → ``quote_of_post_id``; a full ``quoted_status`` becomes an embedded post.
- ``in_reply_to_id``/``in_reply_to_account_id`` → kind ``reply`` with its linkage. A
  reply that also quotes is a reply (its quote is kept in ``quote_of_post_id``).
- ``content`` (HTML) → plain text; ``mentions[].acct`` lower case (a local
  one with the host of its ``url``, as above); ``tags[].name``;
  ordinary links of the content → urls; ``language``; ``conversation_id`` only where a
  server adds one (Mastodon's API has none; Pleroma/Akkoma put it in ``pleroma``).
- ``favourites_count``/``reblogs_count``/``replies_count``/``quotes_count`` → metrics
  (likes, reposts, replies, quotes). A reblog carries no metrics of its own: favouriting
  or boosting a boost acts on the original, so only the original gets a metrics row.
- The account's ``followers_count``/``following_count``/``statuses_count`` → an account
  snapshot and the post's ``author_followers``.

Observation time: a status does not say when it was fetched, so snapshots and metrics
are observed at the post's ``created_at`` (the earliest moment they can describe).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import Canonical, RawRecord, Reader, RecordError, Source, readers
from meetlat.platforms.jsonsource import LEADING, json_values, starts_with_json
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
    maybe_id,
    maybe_list,
    maybe_object,
    maybe_text,
    need_id,
    need_object,
    need_time,
    record_object,
    wrong,
)
from meetlat.platforms.times import parse_time

PROFILE_HEAD = b'{"collected":{"platform":"mastodon"'
MAX_DEPTH = 3  # a reblog of a quote of a quote: deeper nesting is not followed


@readers.register("mastodon")
class MastodonStatuses(Reader):
    """Mastodon API statuses (a JSON array or one status per line)."""

    platform = PLATFORM
    title = "Mastodon API statuses (JSON array or one status per line)"

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        if not starts_with_json(head):
            return False
        if head.lstrip(LEADING).startswith(PROFILE_HEAD):
            return True
        if b'"id_str"' in head:  # X API v1.1
            return False
        return (
            b'"in_reply_to_account_id"' in head
            and b'"account"' in head
            and b'"reblogs_count"' in head
        )

    def records(self, source: Source) -> Iterator[RawRecord]:
        for record in json_values(source):
            value = record.value
            if isinstance(value, list):  # one page of statuses per line
                yield from _items(record, value)
            elif _is_profile(value):
                for item in _items(record, value["page"]):
                    if item.item == 1:
                        item.context = {**value["collected"], "profile": value["profile"]}
                    yield item
            elif _is_notifications(value):
                statuses = [_status_of(n) for n in value["notifications"]]
                yield from _items(record, statuses)
            elif _is_context(value):
                yield from _items(record, [*value["ancestors"], *value["descendants"]])
            else:
                yield record

    def canonical(self, record: RawRecord) -> Canonical:
        status = record_object(record.value, lambda: _("a Mastodon status"))
        out = Canonical()
        _status(status, "", embedded=False, out=out, depth=0)
        if isinstance(record.context, dict) and "profile" in record.context:
            profile = record.context["profile"]
            if not {"acct", "followers_count"} <= profile.keys():
                raise RecordError(_("the profile is not a Mastodon account (no acct)"))
            fetched = parse_time(record.context.get("fetched_at"), "collected.fetched_at")
            _account(profile, "profile", fetched, out)
        return out


def _is_profile(value) -> bool:
    """True for a page with a profile from ``meetlat collect`` (the module's description)."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("collected"), dict)
        and isinstance(value.get("profile"), dict)
        and isinstance(value.get("page"), list)
    )


def _is_notifications(value) -> bool:
    """True for a page of notifications from ``meetlat collect`` (the module's description)."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("collected"), dict)
        and isinstance(value.get("notifications"), list)
    )


def _status_of(notification):
    """The status a notification is about (the notification itself when it has none, so
    that reading it fails with the reason)."""
    if isinstance(notification, dict) and isinstance(notification.get("status"), dict):
        return notification["status"]
    return notification


def _is_context(value) -> bool:
    """True for a status context: exactly the lists ``ancestors`` and ``descendants``."""
    return (
        isinstance(value, dict)
        and value.keys() == {"ancestors", "descendants"}
        and isinstance(value["ancestors"], list)
        and isinstance(value["descendants"], list)
    )


def _items(record: RawRecord, statuses: list) -> Iterator[RawRecord]:
    for position, item in enumerate(statuses, start=1):
        yield RawRecord(line=record.line, raw=orjson.dumps(item), value=item, item=position)


def _status(status: dict, where: str, embedded: bool, out: Canonical, depth: int) -> dict:
    def path(key: str) -> str:
        return f"{where}.{key}" if where else key

    if not {"content", "text", "reblog"} & status.keys():  # e.g. a notification or account
        raise RecordError(
            _(
                "{field} is not a Mastodon status (expected an object with id, created_at, "
                "account and content)"
            ).format(field=where or _("the record"))
        )
    post_id = need_id(status, "id", where)
    created_at = need_time(status, "created_at", where)
    account = need_object(status, "account", where)
    account_id = need_id(account, "id", path("account"))
    handle = _address(account, path("account"))
    followers = _account(account, path("account"), created_at, out)

    reblog = maybe_object(status, "reblog", where)
    quote = maybe_object(status, "quote", where)
    repost_of = quote_of = None
    if reblog is not None:
        if depth >= MAX_DEPTH:
            repost_of = need_id(reblog, "id", path("reblog"))
        else:
            repost_of = _status(reblog, path("reblog"), True, out, depth + 1)["post_id"]
    if quote is not None:
        quoted = maybe_object(quote, "quoted_status", path("quote"))
        if quoted is not None and depth < MAX_DEPTH:
            quote_of = _status(quoted, path("quote.quoted_status"), True, out, depth + 1)["post_id"]
        elif quoted is not None:
            quote_of = need_id(quoted, "id", path("quote.quoted_status"))
        else:
            quote_of = maybe_id(quote, "quoted_status_id", path("quote"))

    in_reply_to = maybe_id(status, "in_reply_to_id", where)
    kind = kind_of(repost_of, in_reply_to, quote_of)
    text, links = _text(status, where)
    post = post_row(
        platform=PLATFORM,
        post_id=post_id,
        account_id=account_id,
        handle=handle,
        created_at=created_at,
        text=text,
        language=maybe_text(status, "language", where),
        kind=kind,
        in_reply_to_post_id=in_reply_to,
        in_reply_to_account_id=maybe_id(status, "in_reply_to_account_id", where),
        repost_of_post_id=repost_of,
        quote_of_post_id=quote_of,
        conversation_id=_conversation(status, where),
        mentions=_mentions(status, where),
        hashtags=_tags(status, where),
        urls=links,
        author_followers=followers,
        embedded=embedded,
    )
    place(out, post)
    add_metrics(
        out,
        post,
        likes=count(status.get("favourites_count")),
        reposts=count(status.get("reblogs_count")),
        replies=count(status.get("replies_count")),
        quotes=count(status.get("quotes_count")),
    )
    return post


def _account(account: dict, where: str, observed_at, out: Canonical) -> int | None:
    created = account.get("created_at")
    return add_author(
        out,
        need_id(account, "id", where),
        _address(account, where),
        observed_at,
        display_name=maybe_text(account, "display_name", where),
        created_at=parse_time(created, f"{where}.created_at") if created else None,
        followers=count(account.get("followers_count")),
        following=count(account.get("following_count")),
        total_posts=count(account.get("statuses_count")),
    )


def _text(status: dict, where: str) -> tuple[str | None, list[str]]:
    content = maybe_text(status, "content", where)
    if content:
        return text_and_links(content)
    plain = maybe_text(status, "text", where)  # deleted statuses carry their source text
    return plain or None, []


def _mentions(status: dict, where: str) -> list[str]:
    found = []
    for position, mention in enumerate(maybe_list(status, "mentions", where)):
        field = f"{where + '.' if where else ''}mentions[{position}].acct"
        if not isinstance(mention, dict) or not isinstance(mention.get("acct"), str):
            raise wrong(field, _("a text"))
        found.append(_address(mention, field.removesuffix(".acct")).lower())
    return found


def _address(account: dict, where: str) -> str | None:
    """The account's full address: ``acct``, with ``@`` and the host of its ``url`` when
    ``acct`` is a local name (the url's host is the server's; no url: ``acct`` alone)."""
    acct = maybe_text(account, "acct", where)
    if not acct or "@" in acct:
        return acct
    url = account.get("url")
    host = urlsplit(url).netloc if isinstance(url, str) else ""
    return f"{acct}@{host}" if host else acct


def _tags(status: dict, where: str) -> list[str]:
    found = []
    for position, tag in enumerate(maybe_list(status, "tags", where)):
        field = f"{where + '.' if where else ''}tags[{position}].name"
        if not isinstance(tag, dict) or not isinstance(tag.get("name"), str):
            raise wrong(field, _("a text"))
        found.append(tag["name"])
    return found


def _conversation(status: dict, where: str) -> str | None:
    if status.get("conversation_id") not in (None, ""):
        return maybe_id(status, "conversation_id", where)
    pleroma = status.get("pleroma")
    if isinstance(pleroma, dict) and pleroma.get("conversation_id") not in (None, ""):
        return maybe_id(pleroma, "conversation_id", f"{where}.pleroma" if where else "pleroma")
    return None
