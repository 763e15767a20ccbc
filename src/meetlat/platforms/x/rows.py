"""Canonical rows of the X platform: plain dicts with exactly the keys of the schemas.

``source_file`` and ``record_hash`` are the importer's to fill in; they stay None here.
"""

from __future__ import annotations

from datetime import datetime

PLATFORM = "x"


def post(
    post_id: str,
    account_id: str | None,
    handle: str | None,
    created_at: datetime,
    text: str,
    language: str | None,
    kind: str,
    in_reply_to_post_id: str | None,
    in_reply_to_account_id: str | None,
    repost_of_post_id: str | None,
    quote_of_post_id: str | None,
    conversation_id: str | None,
    mentions: list[str],
    hashtags: list[str],
    urls: list[str],
    author_followers: int | None,
    embedded: bool,
) -> dict:
    return {
        "platform": PLATFORM,
        "post_id": post_id,
        "account_id": account_id,
        "handle": handle,
        "created_at": created_at,
        "text": text,
        "language": language,
        "kind": kind,
        "in_reply_to_post_id": in_reply_to_post_id,
        "in_reply_to_account_id": in_reply_to_account_id,
        "repost_of_post_id": repost_of_post_id,
        "quote_of_post_id": quote_of_post_id,
        "conversation_id": conversation_id,
        "mentions": mentions,
        "hashtags": hashtags,
        "urls": urls,
        "author_followers": author_followers,
        "embedded": embedded,
        "source_file": None,
        "record_hash": None,
    }


def metrics(
    post_id: str,
    observed_at: datetime,
    likes: int | None,
    reposts: int | None,
    replies: int | None,
    quotes: int | None,
    views: int | None,
) -> dict:
    return {
        "platform": PLATFORM,
        "post_id": post_id,
        "observed_at": observed_at,
        "likes": likes,
        "reposts": reposts,
        "replies": replies,
        "quotes": quotes,
        "views": views,
        "source_file": None,
    }


def account(
    account_id: str, handle: str | None, display_name: str | None, created_at: datetime | None
) -> dict:
    return {
        "platform": PLATFORM,
        "account_id": account_id,
        "handle": handle,
        "display_name": display_name,
        "created_at": created_at,
        "source_file": None,
    }


def snapshot(
    account_id: str,
    handle: str | None,
    observed_at: datetime,
    followers: int | None,
    following: int | None,
    total_posts: int | None,
) -> dict:
    return {
        "platform": PLATFORM,
        "account_id": account_id,
        "handle": handle,
        "observed_at": observed_at,
        "followers": followers,
        "following": following,
        "total_posts": total_posts,
        "source_file": None,
    }
