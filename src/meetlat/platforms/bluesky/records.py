"""The rows of a Bluesky record, shared by the JSON reader and the repository (CAR) reader.

A raw record is ``{uri, cid, value}`` (what ``com.atproto.repo.listRecords`` gives, and
what the CAR reader makes of each record of a repository): ``value`` is the record,
``uri`` its ``at://DID/COLLECTION/RKEY``. ``record_post`` turns an ``app.bsky.feed.post``
record into its post row (reply linkage, quote, facets, language); ``record_rows`` adds
the rows of a whole raw record: a post, or a repost (``app.bsky.feed.repost``: its
``subject.uri`` is the original), with the author's account.
"""

from __future__ import annotations

from meetlat.i18n import _
from meetlat.platforms.base import Canonical, RecordError
from meetlat.platforms.bluesky.richtext import facets, quoted_uri
from meetlat.platforms.rows import account_row, post_row
from meetlat.platforms.shape import (
    maybe_object,
    maybe_text,
    need_object,
    need_text,
    need_time,
    wrong,
)

PLATFORM = "bluesky"
POST_TYPE = "app.bsky.feed.post"
REPOST_TYPE = "app.bsky.feed.repost"


def did_of(uri: str, field: str) -> str:
    if not uri.startswith("at://") or uri.count("/") < 4:
        raise wrong(field, _("an at:// URI such as at://did:plc:.../app.bsky.feed.post/KEY"))
    return uri[len("at://") :].split("/", 1)[0]


def check_type(record: dict, field: str, expected: tuple[str, ...] = (POST_TYPE,)) -> str:
    """The record's ``$type`` (a post when it has none); RecordError for another type."""
    kind = record.get("$type", POST_TYPE)
    if kind not in expected:
        raise RecordError(
            _('"{field}" is a record of type {found} (expected {expected})').format(
                field=field, found=kind, expected=", ".join(expected)
            )
        )
    return kind


def record_post(uri: str, did: str, record: dict, where: str) -> dict:
    """The post row of an ``app.bsky.feed.post`` record (without created_at and handle)."""
    did_of(uri, "uri")
    reply = maybe_object(record, "reply", where)
    parent = root = None
    if reply is not None:
        parent = need_text(
            need_object(reply, "parent", f"{where}.reply"), "uri", f"{where}.reply.parent"
        )
        root_ref = maybe_object(reply, "root", f"{where}.reply")
        root = maybe_text(root_ref, "uri", f"{where}.reply.root") if root_ref else None
    quote_of = quoted_uri(record.get("embed"))
    mentions, tags, links = facets(record)
    langs = record.get("langs")
    language = langs[0] if isinstance(langs, list) and langs and isinstance(langs[0], str) else None
    kind = "reply" if parent else "quote" if quote_of else "original"
    return post_row(
        platform=PLATFORM,
        post_id=uri,
        account_id=did,
        text=maybe_text(record, "text", where) or None,
        language=language,
        kind=kind,
        in_reply_to_post_id=parent,
        in_reply_to_account_id=did_of(parent, f"{where}.reply.parent.uri") if parent else None,
        quote_of_post_id=quote_of,
        conversation_id=root or parent or uri,
        mentions=mentions,
        hashtags=tags,
        urls=links,
    )


def repost_row(repost_id: str, did: str, created_at, original: str, **author) -> dict:
    """The post row of a repost by ``did`` of the post ``original`` (``author``: handle,
    author_followers)."""
    return post_row(
        platform=PLATFORM,
        post_id=repost_id,
        account_id=did,
        created_at=created_at,
        kind="repost",
        repost_of_post_id=original,
        **author,
    )


def record_rows(value: dict, out: Canonical, display_name: str | None = None) -> None:
    """The rows of a raw record ``{uri, value}``: a post or a repost, and its author."""
    uri = need_text(value, "uri")
    record = need_object(value, "value")
    kind = check_type(record, "value", (POST_TYPE, REPOST_TYPE))
    did = did_of(uri, "uri")
    created_at = need_time(record, "createdAt", "value")
    if kind == REPOST_TYPE:
        subject = need_object(record, "subject", "value")
        original = need_text(subject, "uri", "value.subject")
        did_of(original, "value.subject.uri")
        post = repost_row(uri, did, created_at, original)
    else:
        post = record_post(uri, did, record, "value")
        post["created_at"] = created_at
    out.accounts.append(account_row(platform=PLATFORM, account_id=did, display_name=display_name))
    out.posts.append(post)
