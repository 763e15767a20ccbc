"""Bluesky (AT Protocol) posts into canonical rows.

What it reads, as one JSON document per file or one per line:

- ``app.bsky.feed.getAuthorFeed`` (also getTimeline, getFeed) responses:
  ``{"feed": [{"post", "reply"?, "reason"?}], "cursor"}``. Each feed item is a record.
  ``reason`` of type ``reasonRepost`` makes the item a repost by ``reason.by`` of the
  post, which becomes an embedded post. The ``reply.parent``/``reply.root`` views of an
  item are embedded posts too.
- ``app.bsky.feed.getPostThread`` responses: ``{"thread": threadViewPost}``. Every post of
  the thread is a record of its own, in this order: the ancestors from the root down
  (``parent`` chain), the anchor ``post``, then the ``replies`` depth first. A thread
  fetched for a municipality's post holds the citizens' replies and the answers to them:
  they are posts of the file, not context. Placeholders for deleted or blocked posts
  (``notFoundPost``, ``blockedPost``) are not posts and are left out.
- ``getPosts``/``searchPosts`` responses (``{"posts": [...]}``): each post view a record.
- A feed page with a profile, written by ``meetlat collect``: ``{"collected":
  {"platform": "bluesky", "fetched_at", "url"}, "profile": <app.bsky.actor.getProfile
  response>, "page": <getAuthorFeed response>}``: the feed items are the records, and the
  first one also gives a snapshot of the profile's counts observed at ``fetched_at`` (a
  record is a post, so the profile rides on the newest one).
- Raw ``app.bsky.feed.post`` records ``{uri, cid, value}`` (also ``listRecords``
  responses ``{"records": [...]}``; ``app.bsky.feed.repost`` records among them are
  reposts): the author is the DID in the URI; they carry no handle and no counts. Their
  rows are built by ``bluesky.records``, as for the records of a repository export.

Choices:

- post_id is the full ``at://DID/app.bsky.feed.post/RKEY`` URI, not the record key: a
  record key is unique only within one account's repository, so two authors can have
  the same key. ``ids.bluesky_tid_time`` reads the time from the URI's key.
- A repost has no record URI in older feed views; when ``reason.uri`` is missing its id
  is ``<original URI>#repost:<DID of the reposter>`` (one repost per account and post),
  and its time is ``reason.indexedAt``.
- in_reply_to_account_id is the DID in the parent's URI; conversation_id is the root's
  URI (a post that starts a thread is its own conversation).
- Mentions are handles, taken from the text a mention facet covers, else the DID.
- Snapshots when an author view carries counts (``followersCount``, ``followsCount``,
  ``postsCount``: profile views); metrics from ``likeCount``, ``repostCount``,
  ``replyCount``, ``quoteCount``. Responses do not say when they were fetched, so both are
  observed at the post's ``createdAt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import Canonical, RawRecord, Reader, RecordError, Source, readers
from meetlat.platforms.bluesky.records import (
    PLATFORM,
    POST_TYPE,
    check_type,
    record_post,
    record_rows,
    repost_row,
)
from meetlat.platforms.jsonsource import LEADING, json_values, starts_with_json
from meetlat.platforms.rows import add_account, count, metrics_row
from meetlat.platforms.shape import (
    maybe_object,
    maybe_text,
    need_object,
    need_text,
    need_time,
    record_object,
)
from meetlat.platforms.times import parse_time

PROFILE_HEAD = b'{"collected":{"platform":"bluesky"'
REPOST_REASON = "app.bsky.feed.defs#reasonRepost"
_POST_TYPE_IN_HEAD = re.compile(rb'"\$type"\s*:\s*"app\.bsky\.feed\.post"')


@readers.register("bluesky")
class BlueskyPosts(Reader):
    """Bluesky feed and thread responses and raw app.bsky.feed.post records."""

    platform = PLATFORM
    title = "Bluesky getAuthorFeed/getPostThread responses and app.bsky.feed.post records"

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        if head.lstrip(LEADING).startswith(PROFILE_HEAD):
            return True
        if not starts_with_json(head):
            return False
        return b'"at://' in head and _POST_TYPE_IN_HEAD.search(head) is not None

    def records(self, source: Source) -> Iterator[RawRecord]:
        line, position = None, 0  # items are numbered within their line
        for record in json_values(source):
            profile = None
            if record.error is None and _is_profile(record.value):
                profile = {**record.value["collected"], "profile": record.value["profile"]}
                items = record.value["page"]["feed"]
            else:
                items = _items(record.value) if record.error is None else None
            if items is None:
                yield record
                continue
            if record.line != line:
                line, position = record.line, 0
            for item in items:
                position += 1
                yield RawRecord(
                    line=record.line, raw=orjson.dumps(item), value=item, item=position,
                    context=profile if position == 1 else None,
                )  # fmt: skip

    def canonical(self, record: RawRecord) -> Canonical:
        value = record_object(record.value, lambda: _("a Bluesky post, feed item or post record"))
        out = Canonical()
        if isinstance(record.context, dict) and "profile" in record.context:
            profile = record.context["profile"]
            if not isinstance(profile.get("did"), str):
                raise RecordError(_("the profile is not a Bluesky profile (no did)"))
            fetched = parse_time(record.context.get("fetched_at"), "collected.fetched_at")
            _account(profile, "profile", fetched, out)
        if isinstance(value.get("post"), dict) and "record" not in value:
            _feed_item(value, out)
        elif "record" in value and "author" in value:
            _first(out, _post_view(value, "", embedded=False, out=out))
        elif "value" in value and "uri" in value:
            record_rows(value, out)
        else:
            raise RecordError(
                _(
                    "not a Bluesky post (expected a feed item with post, a post view with "
                    "uri, author and record, or a record with uri and value)"
                )
            )
        return out


def _is_profile(value) -> bool:
    """True for a feed page with a profile from ``meetlat collect`` (the module's description)."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("collected"), dict)
        and isinstance(value.get("profile"), dict)
        and isinstance(value.get("page"), dict)
        and isinstance(value["page"].get("feed"), list)
    )


def _first(out: Canonical, post: dict) -> None:
    """Put the record's own post first, before the posts embedded in it."""
    out.posts.remove(post)
    out.posts.insert(0, post)


def _items(value) -> list | None:
    """The records inside one response, or None when ``value`` is a record itself."""
    if isinstance(value, dict):
        if isinstance(value.get("feed"), list):
            return value["feed"]
        if isinstance(value.get("thread"), dict):
            return list(_thread_posts(value["thread"]))
        if isinstance(value.get("posts"), list):
            return value["posts"]
        if isinstance(value.get("records"), list):
            return value["records"]
    return None


def _thread_posts(node: dict) -> Iterator[dict]:
    ancestors = []
    parent = node.get("parent")
    while isinstance(parent, dict) and isinstance(parent.get("post"), dict):
        ancestors.append(parent["post"])
        parent = parent.get("parent")
    yield from reversed(ancestors)
    yield from _with_replies(node)


def _with_replies(node: dict) -> Iterator[dict]:
    if isinstance(node.get("post"), dict):
        yield node["post"]
    replies = node.get("replies")
    for reply in replies if isinstance(replies, list) else ():
        if isinstance(reply, dict):
            yield from _with_replies(reply)


def _feed_item(item: dict, out: Canonical) -> None:
    post = need_object(item, "post")
    reason = maybe_object(item, "reason")
    if reason is not None and reason.get("$type") == REPOST_REASON:
        original = _post_view(post, "post", embedded=True, out=out)
        by = need_object(reason, "by", "reason")
        did = need_text(by, "did", "reason.by")
        repost_id = maybe_text(reason, "uri", "reason") or f"{original['post_id']}#repost:{did}"
        indexed = reason.get("indexedAt")
        created_at = parse_time(indexed, "reason.indexedAt") if indexed else original["created_at"]
        _account(by, "reason.by", created_at, out)
        out.posts.insert(
            0,
            repost_row(
                repost_id,
                did,
                created_at,
                original["post_id"],
                handle=maybe_text(by, "handle", "reason.by"),
                author_followers=count(by.get("followersCount")),
            ),
        )
        return
    own = _post_view(post, "post", embedded=False, out=out)
    reply = maybe_object(item, "reply")
    for key in ("parent", "root"):
        view = maybe_object(reply, key, "reply") if reply else None
        if view is not None and "record" in view and "author" in view:
            if not any(p["post_id"] == view.get("uri") for p in out.posts):
                _post_view(view, f"reply.{key}", embedded=True, out=out)
    _first(out, own)


def _post_view(view: dict, where: str, embedded: bool, out: Canonical, depth: int = 0) -> dict:
    def path(key: str) -> str:
        return f"{where}.{key}" if where else key

    uri = need_text(view, "uri", where)
    author = need_object(view, "author", where)
    record_key = "record" if "record" in view else "value"  # embed views call it value
    record = need_object(view, record_key, where)
    check_type(record, path(record_key))
    created_at = need_time(record, "createdAt", path(record_key))
    followers = _account(author, path("author"), created_at, out)
    post = record_post(uri, need_text(author, "did", path("author")), record, path(record_key))
    post.update(
        handle=maybe_text(author, "handle", path("author")),
        created_at=created_at,
        author_followers=followers,
        embedded=embedded,
    )
    quoted = _quoted_view(view.get("embed"))
    if quoted is not None and depth < 2:
        _post_view(quoted, path("embed.record"), embedded=True, out=out, depth=depth + 1)
    out.posts.append(post)
    out.metrics.append(
        metrics_row(
            platform=PLATFORM,
            post_id=uri,
            observed_at=created_at,
            likes=count(view.get("likeCount")),
            reposts=count(view.get("repostCount")),
            replies=count(view.get("replyCount")),
            quotes=count(view.get("quoteCount")),
        )
    )
    return post


def _quoted_view(embed) -> dict | None:
    """The full view of a quoted post inside a post view's embed, when it is there."""
    if not isinstance(embed, dict):
        return None
    if embed.get("$type") == "app.bsky.embed.recordWithMedia#view":
        embed = embed.get("record")
        if not isinstance(embed, dict):
            return None
    if embed.get("$type") not in ("app.bsky.embed.record#view", None):
        return None
    target = embed.get("record")
    if (
        isinstance(target, dict)
        and target.get("$type") == "app.bsky.embed.record#viewRecord"
        and isinstance(target.get("value"), dict)
        and target["value"].get("$type") == POST_TYPE
    ):
        return target
    return None


def _account(author: dict, where: str, observed_at, out: Canonical) -> int | None:
    created = author.get("createdAt")
    followers = count(author.get("followersCount"))
    add_account(
        out,
        platform=PLATFORM,
        account_id=need_text(author, "did", where),
        handle=maybe_text(author, "handle", where),
        display_name=maybe_text(author, "displayName", where) or None,
        created_at=parse_time(created, f"{where}.createdAt") if created else None,
        observed_at=observed_at,
        followers=followers,
        following=count(author.get("followsCount")),
        total_posts=count(author.get("postsCount")),
    )
    return followers
