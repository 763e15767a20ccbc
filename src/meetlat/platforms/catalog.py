"""Every platform reader: importing this module registers them all, in the order of detection.

More specific formats come first (``readers.detect`` takes the first reader whose
``sniff`` accepts a file's head). Code that needs every reader (the importer, ``archive
verify``, the CLI) imports ``readers`` from here; ``meetlat.platforms.base`` holds only
the contract and the empty registry.
"""

# isort: off
import meetlat.platforms.x  # noqa: F401  (x-v2, x-v1, x-archive)
import meetlat.platforms.mastodon  # noqa: F401
import meetlat.platforms.bluesky  # noqa: F401
import meetlat.platforms.facebook  # noqa: F401
import meetlat.platforms.csvmap  # noqa: F401

# isort: on
from meetlat.platforms.base import readers

# The order of detection is the order of the packages above, whichever module a process
# imported first (a test or a command may import one reader before the catalog).
PACKAGES = ("x", "mastodon", "bluesky", "facebook", "csvmap")
readers.arrange(lambda reader: PACKAGES.index(reader.__module__.split(".")[2]))

__all__ = ["readers"]
