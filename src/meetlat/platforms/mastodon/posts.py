"""The rows of a Mastodon post, shared by the API reader and the account archive reader.

Both sources describe the same statuses in other words (the REST API's Status entity,
the archive's ActivityPub Note); once a reader has picked out the values, the rows are
built here, the same way for both:

- ``kind_of``: a boost is a repost, else a reply (a reply that also quotes stays a
  reply), else a quote, else an original post.
- ``place``: the record's own post comes first, before the posts embedded in it.
- ``add_metrics``: a boost carries no metrics of its own (favouriting or boosting a boost
  acts on the original), so only other posts get a metrics row.
- ``add_author``: the author's account once, and a snapshot when counts are known.
- ``text_and_links``: the plain text and ordinary links of HTML ``content``.
"""

from __future__ import annotations

from meetlat.platforms.base import Canonical
from meetlat.platforms.mastodon.html import html_to_text
from meetlat.platforms.rows import add_account, metrics_row

PLATFORM = "mastodon"


def kind_of(repost_of: str | None, in_reply_to: str | None, quote_of: str | None) -> str:
    if repost_of:
        return "repost"
    if in_reply_to:
        return "reply"
    if quote_of:
        return "quote"
    return "original"


def place(out: Canonical, post: dict) -> None:
    """Add ``post`` to ``out``: an embedded post after the others, the own post first."""
    if post["embedded"]:
        out.posts.append(post)
    else:
        out.posts.insert(0, post)


def add_metrics(out: Canonical, post: dict, *, likes, reposts, replies=None, quotes=None) -> None:
    """A metrics row for ``post`` observed at its creation (the sources carry no fetch time)."""
    if post["kind"] == "repost":
        return
    out.metrics.append(
        metrics_row(
            platform=PLATFORM,
            post_id=post["post_id"],
            observed_at=post["created_at"],
            likes=likes,
            reposts=reposts,
            replies=replies,
            quotes=quotes,
        )
    )


def add_author(
    out: Canonical,
    account_id: str,
    handle: str | None,
    observed_at,
    *,
    display_name: str | None = None,
    created_at=None,
    followers: int | None = None,
    following: int | None = None,
    total_posts: int | None = None,
) -> int | None:
    """Add the account (and a snapshot of its counts, if any); returns ``followers``."""
    add_account(
        out,
        platform=PLATFORM,
        account_id=account_id,
        handle=handle,
        display_name=display_name or None,
        created_at=created_at,
        observed_at=observed_at,
        followers=followers,
        following=following,
        total_posts=total_posts,
    )
    return followers


def text_and_links(content: str | None) -> tuple[str | None, list[str]]:
    """The plain text (None when empty) and the ordinary links of HTML ``content``."""
    if not content:
        return None, []
    text, links = html_to_text(content)
    return text or None, links
