"""Facebook pages: Graph API page posts with their comments."""

from meetlat.platforms.facebook import reader  # noqa: F401  (registers the reader)
