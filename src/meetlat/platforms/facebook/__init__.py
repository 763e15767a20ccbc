"""Facebook pages: Graph API page posts with their comments, and the "Download your
information" export's posts."""

# isort: off
from meetlat.platforms.facebook import reader  # noqa: F401  (registers "facebook")
from meetlat.platforms.facebook import dyi  # noqa: F401  (registers "facebook-dyi")

# isort: on
