"""Facebook Graph API page posts (``/{page-id}/posts`` or ``/feed``) into canonical rows.

What it reads: responses ``{"data": [post, ...], "paging": {...}}``, one per line or one
document per file; also a bare array of posts or one post per line. Each post of ``data``
is a record. (The "Download your information" export is read by ``facebook.dyi``.)

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
  kind ``reply``. A comment without ``from`` (Graph hides commenters without permission)
  has no account. Metrics: see below.

Which comment a comment answers. Facebook keeps two levels: comments on the post, and
replies in a comment's thread. The API names the thread's first comment as a reply's
``parent`` (or nests the reply in that comment's ``comments``), also when the reply
answers a later reply in the thread. So a comment answers, in this order:

1. when its ``message_tags`` name the author of an earlier comment under the same post
   (Facebook tags the person one replies to), that person's latest earlier comment (in
   the thread when the comment is in one);
2. when it is a reply in a thread its own author started (the page answering in the
   thread of its own comment), the latest earlier comment in that thread by someone else
   (the citizen it answers), if any;
3. else the comment named in ``parent.id``, else the comment it is nested in, else the
   post.

``in_reply_to_account_id`` is the answered comment's or post's author. So the page's
answer to a citizen in the comments under its own post is a reply to that citizen, not a
thread of its own. A comment of the page on its own post with no ``parent`` and no tag
stays a reply to its own post (a self-reply): the API gives nothing that links it to a
citizen's comment, and placement alone is not taken as proof.

Metrics: ``reactions.summary.total_count`` (else ``likes.summary.total_count``) → likes,
``shares.count`` → reposts, ``comments.summary.total_count`` → replies; for comments
``like_count`` and ``comment_count``. A ``from`` with ``followers_count`` or ``fan_count``
gives an account snapshot. Responses do not say when they were fetched, so metrics and
snapshots are observed at the post's ``created_time``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import Canonical, RawRecord, Reader, Source, readers
from meetlat.platforms.facebook import common
from meetlat.platforms.facebook.common import PLATFORM
from meetlat.platforms.jsonsource import json_values, starts_with_json
from meetlat.platforms.rows import account_row, add_account, count, metrics_row
from meetlat.platforms.shape import (
    maybe_id,
    maybe_list,
    maybe_object,
    maybe_text,
    need_id,
    need_time,
    record_object,
)

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
            common.post(
                post_id=post_id,
                account_id=account_id,
                handle=_handle(author) if author else account_id,
                created_at=created_at,
                text=text,
                links=[link],
                kind=kind,
                repost_of_post_id=parent if kind == "repost" else None,
                quote_of_post_id=parent if kind == "quote" else None,
                conversation_id=post_id,
                mentions=_tagged(post, ""),
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
        _comments(post, post_id, account_id, out)
        return out


@dataclass
class _Comment:
    """One comment as found, before it is known which comment it answers."""

    value: dict
    field: str  # where it is in the record, for messages
    post_id: str
    account_id: str | None
    handle: str | None
    followers: int | None
    created_at: datetime
    parent: str  # what the API says it answers: parent.id, the enclosing comment or the post
    thread: str | None  # the thread's first comment, None for a comment on the post
    tags: list[str]
    order: int  # position in the record


def _comments(post: dict, post_id: str, page_id: str, out: Canonical) -> None:
    """The comments under ``post`` (nested ones too) as embedded replies."""
    found: list[_Comment] = []
    _collect(post, "", post_id, None, found, out, depth=0)
    by_id = {comment.post_id: comment for comment in found}
    for comment in found:
        answered = _answered(comment, found, by_id, post_id)
        if answered in by_id:
            answered_account = by_id[answered].account_id
        else:  # the post, or a comment that is not in the response: unknown
            answered_account = page_id if answered == post_id else None
        out.posts.append(
            common.post(
                post_id=comment.post_id,
                account_id=comment.account_id,
                handle=comment.handle,
                created_at=comment.created_at,
                text=maybe_text(comment.value, "message", comment.field) or None,
                kind="reply",
                in_reply_to_post_id=answered,
                in_reply_to_account_id=answered_account,
                conversation_id=post_id,
                mentions=comment.tags,
                author_followers=comment.followers,
                embedded=True,
            )
        )
        out.metrics.append(
            metrics_row(
                platform=PLATFORM,
                post_id=comment.post_id,
                observed_at=comment.created_at,
                likes=count(comment.value.get("like_count")),
                replies=count(comment.value.get("comment_count")),
            )
        )


def _collect(parent: dict, where: str, post_id: str, thread: str | None,
             found: list[_Comment], out: Canonical, depth: int) -> None:  # fmt: skip
    """Every comment under ``parent`` (a post or a comment), depth first, in file order."""
    comments = maybe_object(parent, "comments", where)
    if comments is None or depth >= MAX_DEPTH:
        return
    base = f"{where}.comments.data" if where else "comments.data"
    enclosing = maybe_id(parent, "id", where) if where else post_id
    for position, value in enumerate(maybe_list(comments, "data", base[: -len(".data")])):
        field = f"{base}[{position}]"
        value = record_object(value, lambda: _("a Facebook comment"))
        comment_id = need_id(value, "id", field)
        created_at = need_time(value, "created_time", field)
        author = maybe_object(value, "from", field)
        followers = _account(author, f"{field}.from", created_at, out) if author else None
        named = maybe_object(value, "parent", field)
        answered = need_id(named, "id", f"{field}.parent") if named is not None else enclosing
        in_thread = None if answered == post_id else (thread or answered)
        found.append(
            _Comment(
                value=value,
                field=field,
                post_id=comment_id,
                account_id=need_id(author, "id", f"{field}.from") if author else None,
                handle=_handle(author) if author else None,
                followers=followers,
                created_at=created_at,
                parent=answered,
                thread=in_thread,
                tags=_tagged(value, field),
                order=len(found),
            )
        )
        _collect(value, field, post_id, in_thread or comment_id, found, out, depth + 1)


def _answered(comment: _Comment, found: list[_Comment], by_id: dict, post_id: str) -> str:
    """The id of the comment (or post) that ``comment`` answers: the rules of the docstring."""

    def latest(keep) -> _Comment | None:
        earlier = [
            other
            for other in found
            if other is not comment
            and (other.created_at, other.order) <= (comment.created_at, comment.order)
            and keep(other)
        ]
        return max(earlier, key=lambda other: (other.created_at, other.order), default=None)

    def in_thread(other: _Comment) -> bool:
        return comment.thread is None or comment.thread in (other.thread, other.post_id)

    tagged = {tag for tag in comment.tags if tag != comment.account_id}
    if tagged:
        answer = latest(lambda other: other.account_id in tagged and in_thread(other))
        if answer is not None:
            return answer.post_id
    starter = by_id.get(comment.thread) if comment.thread else None
    if starter is not None and comment.account_id and starter.account_id == comment.account_id:
        answer = latest(lambda other: in_thread(other) and other.account_id != comment.account_id)
        if answer is not None:
            return answer.post_id
    return comment.parent


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
