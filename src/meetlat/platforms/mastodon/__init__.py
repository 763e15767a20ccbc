"""Mastodon: API statuses (``GET /api/v1/statuses/:id``, timelines) as JSON arrays or lines."""

from meetlat.platforms.mastodon import reader  # noqa: F401  (registers the reader)
