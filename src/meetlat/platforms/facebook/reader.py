"""Facebook Graph API page posts (``/{page-id}/posts`` or ``/feed``) into canonical rows.

What it reads: responses ``{"data": [post, ...], "paging": {...}}``, one per line or one
document per file; also a bare array of posts or one post per line. Each post of ``data``
is a record.

How a post maps:

- ``id`` (``PAGEID_POSTID``) → post_id as written; ``from.id`` → account_id (for a page
  post without ``from``, the page id before the ``_``). ``created_time``
  (``2014-04-01T09:30:00+0000``) → UTC.
- Facebook has no @handles. The handle is ``from.username`` when the request asked for
  it, else the numeric id (``facebook.com/<id>`` reaches the page); ``from.name`` is the
  display name.
- ``message`` → text; hashtags and links are found in the text, plus ``link``;
  ``message_tags`` → mentions (the tagged page's or person's id, Facebook's only stable
  name for them).
- ``parent_id`` (a shared post) → kind ``repost`` without a message of its own, ``quote``
  with one, pointing to the parent.
- Comments (``comments.data``, also nested ``comments`` of a comment) are embedded posts of
  kind ``reply``: in reply to the comment named in ``parent.id``, else to the post. A
  comment without ``from`` (Graph hides commenters without permission) has no account.
- Metrics: ``reactions.summary.total_count`` (else ``likes.summary.total_count``) →
  likes, ``shares.count`` → reposts, ``comments.summary.total_count`` → replies; for
  comments ``like_count`` and ``comment_count``. A ``from`` with ``followers_count`` or
  ``fan_count`` gives an account snapshot. Responses do not say when they were fetched, so
  metrics and snapshots are observed at the post's ``created_time``.
"""

from __future__ import annotations

from collections.abc import Iterator

import orjson

from meetlat.i18n import _
from meetlat.platforms import textparts
from meetlat.platforms.base import Canonical, RawRecord, Reader, Source, readers
from meetlat.platforms.jsonsource import json_values, starts_with_json
from meetlat.platforms.rows import (
    account_row,
    add_account,
    count,
    metrics_row,
    post_row,
)
from meetlat.platforms.shape import (
    maybe_id,
    maybe_list,
    maybe_object,
    maybe_text,
    need_id,
    need_time,
    record_object,
)

PLATFORM = "facebook"
MAX_DEPTH = 5  # comments of comments: deeper nesting is not followed


@readers.register("facebook")
class FacebookPagePosts(Reader):
    """Facebook Graph API page posts with comments."""

    platform = PLATFORM
    title = "Facebook Graph API page posts with comments"

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        if not starts_with_json(head):
            return False
        if b'"id_str"' in head or b'"at://' in head:
            return False
        return b'"created_time"' in head

    def records(self, source: Source) -> Iterator[RawRecord]:
        line, position = None, 0  # posts are numbered within their line
        for record in json_values(source):
            value = record.value
            if record.error is None and isinstance(value, dict) and "data" in value:
                posts = value["data"] if isinstance(value["data"], list) else [value["data"]]
            elif record.error is None and isinstance(value, list):
                posts = value
            else:
                yield record
                continue
            if record.line != line:
                line, position = record.line, 0
            for post in posts:
                position += 1
                yield RawRecord(line=record.line, raw=orjson.dumps(post), value=post, item=position)

    def canonical(self, record: RawRecord) -> Canonical:
        post = record_object(record.value, lambda: _("a Facebook post with id and created_time"))
        out = Canonical()
        post_id = need_id(post, "id")
        author = maybe_object(post, "from")
        account_id = need_id(author, "id", "from") if author else post_id.split("_", 1)[0]
        created_at = need_time(post, "created_time")
        followers = _account(author, "from", created_at, out) if author else None
        if author is None:
            out.accounts.append(account_row(platform=PLATFORM, account_id=account_id))
        text = maybe_text(post, "message") or None
        parent = maybe_id(post, "parent_id")
        kind = ("quote" if text else "repost") if parent else "original"
        link = maybe_text(post, "link")
        out.posts.append(
            post_row(
                platform=PLATFORM,
                post_id=post_id,
                account_id=account_id,
                handle=_handle(author) if author else account_id,
                created_at=created_at,
                text=text,
                kind=kind,
                repost_of_post_id=parent if kind == "repost" else None,
                quote_of_post_id=parent if kind == "quote" else None,
                conversation_id=post_id,
                mentions=_tagged(post, ""),
                hashtags=textparts.hashtags(text),
                urls=_links(text, link),
                author_followers=followers,
            )
        )
        out.metrics.append(
            metrics_row(
                platform=PLATFORM,
                post_id=post_id,
                observed_at=created_at,
                likes=_summary_total(post, "reactions") or _summary_total(post, "likes"),
                reposts=count((maybe_object(post, "shares") or {}).get("count")),
                replies=_summary_total(post, "comments"),
            )
        )
        authors = {None: account_id, post_id: account_id}
        _comments(post, "", post_id, authors, out, depth=0)
        return out


def _comments(parent: dict, where: str, post_id: str, authors: dict, out: Canonical, depth: int):
    """The comments under ``parent`` (a post or a comment) as embedded replies."""
    comments = maybe_object(parent, "comments", where)
    if comments is None or depth >= MAX_DEPTH:
        return
    base = f"{where}.comments.data" if where else "comments.data"
    parent_id = maybe_id(parent, "id", where) if where else post_id
    for position, comment in enumerate(maybe_list(comments, "data", base[: -len(".data")])):
        field = f"{base}[{position}]"
        comment = record_object(comment, lambda: _("a Facebook comment"))
        comment_id = need_id(comment, "id", field)
        created_at = need_time(comment, "created_time", field)
        author = maybe_object(comment, "from", field)
        account_id = need_id(author, "id", f"{field}.from") if author else None
        authors[comment_id] = account_id
        followers = _account(author, f"{field}.from", created_at, out) if author else None
        answered = parent_id
        named_parent = maybe_object(comment, "parent", field)
        if named_parent is not None:
            answered = need_id(named_parent, "id", f"{field}.parent")
        text = maybe_text(comment, "message", field) or None
        out.posts.append(
            post_row(
                platform=PLATFORM,
                post_id=comment_id,
                account_id=account_id,
                handle=_handle(author) if author else None,
                created_at=created_at,
                text=text,
                kind="reply",
                in_reply_to_post_id=answered,
                in_reply_to_account_id=authors.get(answered),
                conversation_id=post_id,
                mentions=_tagged(comment, field),
                hashtags=textparts.hashtags(text),
                urls=textparts.urls(text),
                author_followers=followers,
                embedded=True,
            )
        )
        out.metrics.append(
            metrics_row(
                platform=PLATFORM,
                post_id=comment_id,
                observed_at=created_at,
                likes=count(comment.get("like_count")),
                replies=count(comment.get("comment_count")),
            )
        )
        _comments(comment, field, post_id, authors, out, depth + 1)


def _handle(author: dict) -> str:
    username = author.get("username")
    if isinstance(username, str) and username:
        return username.lower()
    return str(author["id"])


def _account(author: dict, where: str, observed_at, out: Canonical) -> int | None:
    followers = count(author.get("followers_count"))
    if followers is None:
        followers = count(author.get("fan_count"))
    add_account(
        out,
        platform=PLATFORM,
        account_id=need_id(author, "id", where),
        handle=_handle(author),
        display_name=maybe_text(author, "name", where) or None,
        observed_at=observed_at,
        followers=followers,
    )
    return followers


def _summary_total(obj: dict, key: str) -> int | None:
    block = obj.get(key)
    if isinstance(block, dict) and isinstance(block.get("summary"), dict):
        return count(block["summary"].get("total_count"))
    return None


def _tagged(obj: dict, where: str) -> list[str]:
    tags = obj.get("message_tags")
    if isinstance(tags, dict):  # older versions: {offset: [tag, ...]}
        tags = [tag for group in tags.values() if isinstance(group, list) for tag in group]
    if not isinstance(tags, list):
        return []
    field = f"{where}.message_tags" if where else "message_tags"
    return [need_id(tag, "id", field) for tag in tags if isinstance(tag, dict)]


def _links(text: str | None, link: str | None) -> list[str]:
    found = textparts.urls(text)
    if link and link not in found:
        found.append(link)
    return found
