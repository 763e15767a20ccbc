"""What both Facebook readers (Graph API JSON and the "Download your information" export)
build alike: a page post or comment as a canonical post row.

``post(...)`` fills in the platform and finds hashtags and links in the text (Facebook
gives no entities), adding the links the source names beside the text (a post's ``link``,
an export's attachment URLs) once each.
"""

from __future__ import annotations

from collections.abc import Iterable

from meetlat.platforms import textparts
from meetlat.platforms.rows import post_row

PLATFORM = "facebook"


def post(*, text: str | None, links: Iterable[str | None] = (), **columns) -> dict:
    """A canonical Facebook post row; ``columns`` are the other columns of the posts schema."""
    return post_row(
        platform=PLATFORM,
        text=text,
        hashtags=textparts.hashtags(text),
        urls=links_of(text, links),
        **columns,
    )


def links_of(text: str | None, links: Iterable[str | None] = ()) -> list[str]:
    """The links in ``text``, then each of ``links`` not found there yet."""
    found = textparts.urls(text)
    for link in links:
        if link and link not in found:
            found.append(link)
    return found
