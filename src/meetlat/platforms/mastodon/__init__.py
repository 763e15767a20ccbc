"""Mastodon: API statuses (``GET /api/v1/statuses/:id``, timelines) as JSON arrays or lines,
and the account archive's ActivityPub ``outbox.json`` (with ``actor.json``)."""

# isort: off
from meetlat.platforms.mastodon import reader  # noqa: F401  (registers "mastodon")
from meetlat.platforms.mastodon import archive  # noqa: F401  (registers "mastodon-archive")

# isort: on
