"""Bluesky: getAuthorFeed and getPostThread responses and raw app.bsky.feed.post records,
and the repository export (a CAR file of the account's records)."""

# isort: off
from meetlat.platforms.bluesky import reader  # noqa: F401  (registers "bluesky")
from meetlat.platforms.bluesky import repository  # noqa: F401  (registers "bluesky-repo")

# isort: on
