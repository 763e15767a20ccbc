"""Every setting Meetlat reads, in one place.

| setting          | environment variable | default          | meaning                                  |
|------------------|----------------------|------------------|------------------------------------------|
| home             | MEETLAT_HOME         | ./meetlat-data   | the workspace folder                     |
| language         | MEETLAT_LANG         | nl               | language of messages (nl or en)          |
| office_hours     | MEETLAT_OFFICE_HOURS | 08:30-17:00      | working hours for office reaction times  |
| office_days      | MEETLAT_OFFICE_DAYS  | 1-5              | working weekdays (1 = Monday)            |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOME = "meetlat-data"


@dataclass(frozen=True)
class Settings:
    home: Path
    language: str
    office_hours: str
    office_days: str


def load() -> Settings:
    """Read the settings from the environment (called anew each time: tests change it)."""
    return Settings(
        home=Path(os.environ.get("MEETLAT_HOME", DEFAULT_HOME)).expanduser(),
        language=os.environ.get("MEETLAT_LANG", "nl"),
        office_hours=os.environ.get("MEETLAT_OFFICE_HOURS", "08:30-17:00"),
        office_days=os.environ.get("MEETLAT_OFFICE_DAYS", "1-5"),
    )
