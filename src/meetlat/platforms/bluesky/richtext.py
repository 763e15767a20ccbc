"""Mentions, hashtags and links of a Bluesky post record (facets, tags, embeds).

Facets point into the text by UTF-8 *byte* offsets. A mention facet carries the DID of
the mentioned account; the handle is the text it covers (``@name.bsky.social``), which
is used when it reads as a handle, else the DID.
"""

from __future__ import annotations

MENTION = "app.bsky.richtext.facet#mention"
LINK = "app.bsky.richtext.facet#link"
TAG = "app.bsky.richtext.facet#tag"


def facets(record: dict) -> tuple[list[str], list[str], list[str]]:
    """(mentions, hashtags, urls) of a post record."""
    text = record.get("text") if isinstance(record.get("text"), str) else ""
    encoded = text.encode("utf-8")
    mentions: list[str] = []
    tags: list[str] = []
    links: list[str] = []
    for facet in _listed(record.get("facets")):
        if not isinstance(facet, dict):
            continue
        for feature in _listed(facet.get("features")):
            if not isinstance(feature, dict):
                continue
            kind = feature.get("$type")
            if kind == MENTION and isinstance(feature.get("did"), str):
                mentions.append(_covered_handle(encoded, facet.get("index")) or feature["did"])
            elif kind == TAG and isinstance(feature.get("tag"), str):
                tags.append(feature["tag"])
            elif kind == LINK and isinstance(feature.get("uri"), str):
                links.append(feature["uri"])
    for tag in _listed(record.get("tags")):  # tags outside the text (the record's own list)
        if isinstance(tag, str) and tag not in tags:
            tags.append(tag)
    external = _external_uri(record.get("embed"))
    if external and external not in links:
        links.append(external)
    return mentions, tags, links


def _listed(value) -> list | tuple:
    """A list as found, or nothing for any other value (facets are read leniently)."""
    return value if isinstance(value, list) else ()


def _covered_handle(encoded: bytes, index) -> str | None:
    if not isinstance(index, dict):
        return None
    start, end = index.get("byteStart"), index.get("byteEnd")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
        return None
    try:
        covered = encoded[start:end].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if covered.startswith("@") and len(covered) > 1 and " " not in covered:
        return covered[1:].lower()
    return None


def _external_uri(embed) -> str | None:
    if not isinstance(embed, dict):
        return None
    if embed.get("$type") == "app.bsky.embed.recordWithMedia":
        embed = embed.get("media")
        if not isinstance(embed, dict):
            return None
    external = embed.get("external")
    if embed.get("$type") == "app.bsky.embed.external" and isinstance(external, dict):
        uri = external.get("uri")
        return uri if isinstance(uri, str) else None
    return None


def quoted_uri(embed) -> str | None:
    """The at:// URI of the post a record embeds (a quote), or None."""
    if not isinstance(embed, dict):
        return None
    if embed.get("$type") == "app.bsky.embed.recordWithMedia":
        embed = embed.get("record")
        if not isinstance(embed, dict):
            return None
    if embed.get("$type") not in ("app.bsky.embed.record", None):
        return None
    target = embed.get("record")
    uri = target.get("uri") if isinstance(target, dict) else None
    if isinstance(uri, str) and "/app.bsky.feed.post/" in uri:
        return uri
    return None
