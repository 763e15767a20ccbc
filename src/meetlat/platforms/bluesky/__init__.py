"""Bluesky: getAuthorFeed and getPostThread responses and raw app.bsky.feed.post records."""

from meetlat.platforms.bluesky import reader  # noqa: F401  (registers the reader)
