"""X (Twitter): API v2 (twarc2), API v1.1 statuses and the account archive's tweets.js.

Importing this package registers its readers; the import order is the order of detection.
"""

# isort: off
from meetlat.platforms.x import v2
from meetlat.platforms.x import v1
from meetlat.platforms.x import archive

# isort: on

__all__ = ["archive", "v1", "v2"]
