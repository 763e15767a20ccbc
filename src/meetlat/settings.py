"""Every setting Meetlat reads, in one place.

| setting          | environment variable | default          | meaning                                  |
|------------------|----------------------|------------------|------------------------------------------|
| home             | MEETLAT_HOME         | ./meetlat-data   | the workspace folder                     |
| language         | MEETLAT_LANG         | nl               | language of messages (nl or en)          |
| office_hours     | MEETLAT_OFFICE_HOURS | 08:30-17:00      | working hours for office reaction times  |
| office_days      | MEETLAT_OFFICE_DAYS  | 1-5              | working weekdays (1 = Monday)            |
| mastodon_token   | MEETLAT_MASTODON_TOKEN | (none)         | a Mastodon access token for collecting   |
| mastodon_server  | MEETLAT_MASTODON_SERVER | social.overheid.nl | server of a handle without @server   |
| x_bearer_token   | MEETLAT_X_BEARER_TOKEN | (none)         | an X API v2 bearer token for collecting  |
| bluesky_token    | MEETLAT_BLUESKY_TOKEN | (none)          | a Bluesky token for searchPosts          |
| collect_base_url | MEETLAT_COLLECT_BASE_URL | (none)        | send every collect request here (tests)  |
| collect_timeout  | MEETLAT_COLLECT_TIMEOUT | 30             | seconds to wait for one answer           |

The web application's settings are in ``WebSettings`` (``load_web``); docs/settings.md
describes every one of both, and a test checks that it does.
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
    mastodon_token: str  # never printed or written anywhere
    mastodon_server: str
    x_bearer_token: str  # never printed or written anywhere
    bluesky_token: str  # sent with searchPosts only; never printed or written anywhere
    collect_base_url: str  # "" : each platform's own servers
    collect_timeout: str  # seconds; checked by the collect use case


def load() -> Settings:
    """Read the settings from the environment (called anew each time: tests change it)."""
    return Settings(
        home=Path(os.environ.get("MEETLAT_HOME", DEFAULT_HOME)).expanduser(),
        language=os.environ.get("MEETLAT_LANG", "nl"),
        office_hours=os.environ.get("MEETLAT_OFFICE_HOURS", "08:30-17:00"),
        office_days=os.environ.get("MEETLAT_OFFICE_DAYS", "1-5"),
        mastodon_token=os.environ.get("MEETLAT_MASTODON_TOKEN", "").strip(),
        mastodon_server=os.environ.get("MEETLAT_MASTODON_SERVER", "social.overheid.nl").strip(),
        x_bearer_token=os.environ.get("MEETLAT_X_BEARER_TOKEN", "").strip(),
        bluesky_token=os.environ.get("MEETLAT_BLUESKY_TOKEN", "").strip(),
        collect_base_url=os.environ.get("MEETLAT_COLLECT_BASE_URL", "").strip().rstrip("/"),
        collect_timeout=os.environ.get("MEETLAT_COLLECT_TIMEOUT", "30").strip(),
    )


@dataclass(frozen=True)
class WebSettings:
    database_url: str  # "" means the SQLite file web.sqlite3 in the workspace
    secret_key: str  # "" means a key generated once and kept in the workspace
    debug: bool
    allowed_hosts: tuple[str, ...]
    https: bool  # served behind HTTPS: secure cookies, HSTS and redirects to https
    base_url: str  # the address in invitation links
    login_attempts: int  # failed logins (and invitation tries) per address per 10 minutes


class InvalidSetting(ValueError):
    """A setting in the environment has a value Meetlat cannot use; the front ends say so
    in the user's language (``name``, what was found, what is expected)."""

    def __init__(self, name: str, value: str, expected: str):
        self.name, self.value, self.expected = name, value, expected
        super().__init__(f"{name} must be {expected}, not {value!r}")


def _flag(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value not in ("0", "1", "true", "false", "yes", "no", "ja", "nee"):
        raise InvalidSetting(name, value, "0 or 1")
    return value in ("1", "true", "yes", "ja")


def _count(name: str, default: str) -> int:
    value = os.environ.get(name, default).strip()
    if not value.isdigit() or int(value) < 1:
        raise InvalidSetting(name, value, "a whole number of 1 or more")
    return int(value)


def load_web() -> WebSettings:
    """The web application's settings, read from the environment."""
    hosts = os.environ.get("MEETLAT_ALLOWED_HOSTS", "127.0.0.1,localhost")
    return WebSettings(
        database_url=os.environ.get("MEETLAT_DATABASE_URL", ""),
        secret_key=os.environ.get("MEETLAT_SECRET_KEY", ""),
        debug=_flag("MEETLAT_DEBUG", "0"),
        allowed_hosts=tuple(h.strip() for h in hosts.split(",") if h.strip()),
        https=_flag("MEETLAT_HTTPS", "0"),
        base_url=os.environ.get("MEETLAT_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        login_attempts=_count("MEETLAT_LOGIN_ATTEMPTS", "10"),
    )
