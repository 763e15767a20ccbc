"""Mentions, hashtags and links found in plain post text, for sources without entities.

Used by readers whose source gives only the text (Facebook messages, CSV exports):
``mentions`` lower case without ``@``, ``hashtags`` as written without ``#``, ``urls`` as
written. Sources with structured entities (X, Mastodon, Bluesky facets) use those instead.
"""

from __future__ import annotations

import re

_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_MENTION = re.compile(
    r"(?<![\w@/.])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?)"
)
_HASHTAG = re.compile(r"(?<![\w#&/])#(\w+)")
_TRAILING = ".,;:!?)]}'\""


def urls(text: str | None) -> list[str]:
    if not text:
        return []
    return [match.rstrip(_TRAILING) for match in _URL.findall(text)]


def _without_urls(text: str) -> str:
    return _URL.sub(" ", text)


def mentions(text: str | None) -> list[str]:
    if not text:
        return []
    return [name.lower() for name in _MENTION.findall(_without_urls(text))]


def hashtags(text: str | None) -> list[str]:
    if not text:
        return []
    return [tag for tag in _HASHTAG.findall(_without_urls(text)) if not tag.isdigit()]
