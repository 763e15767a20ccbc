"""CSV exports of monitoring tools (Coosto, OBI4wan/Spotler Engage) through a column mapping."""

from meetlat.platforms.csvmap import reader  # noqa: F401  (registers the reader)
