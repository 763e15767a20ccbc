"""Every collector: importing this module registers them all."""

# isort: off
import meetlat.collect.mastodon  # noqa: F401
import meetlat.collect.bluesky  # noqa: F401
import meetlat.collect.x  # noqa: F401

# isort: on
from meetlat.collect.base import collectors

__all__ = ["collectors"]
