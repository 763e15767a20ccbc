"""What every collector is, and the run they share: fetch, archive, import, remember.

A collector (``@collectors.register("mastodon")``) collects one platform's registry
accounts through its open API. For each response it calls ``run.keep(...)``, which

1. writes the response body byte for byte to the account's inbox folder. The profile
   (followers, following, total posts) goes with the run's first page of posts, in a small
   envelope that adds when and from where the profile was fetched: ``{"collected": {...},
   "profile": <profile body>, "page": <page body>}``, both bodies byte for byte inside.
   (The warehouse keeps records of posts, so a profile snapshot rides on the newest post:
   the reader adds it to that post's rows, observed at ``fetched_at``);
2. imports that file with the platform's reader (``app.importing.import_files``): the
   import keeps the bytes in the archive and chains them in its manifest *before* it
   parses them, and its duplicate rules store a post seen again nothing twice;
3. removes the inbox file once the import is done.

Only then does the collector save its cursor (``state.AccountState``). Tokens travel in
request headers only; nothing of a request's headers is written anywhere.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

from meetlat.app.importing import import_files
from meetlat.archive.atomic import fsync_dir
from meetlat.collect.http import Client, Response
from meetlat.collect.state import AccountState, inbox
from meetlat.importer import ImportSummary
from meetlat.plugins import Registry
from meetlat.workspace import Workspace


@dataclass(frozen=True)
class Account:
    """One registry account to collect."""

    platform: str
    handle: str
    municipality_code: str = ""


@dataclass
class AccountResult:
    """What collecting one account did."""

    account: Account
    requests: int = 0
    files: int = 0
    posts: int = 0  # new posts stored (own posts, replies, embedded ones)
    duplicates: int = 0
    snapshots: int = 0
    quarantined: int = 0
    error: str | None = None  # why collecting stopped early (the cursors are kept)
    missing: bool = False  # the platform knows no such account
    notes: list[str] = field(default_factory=list)  # what was left out, the rest collected


@dataclass
class Run:
    """The settings of one collection run and the counts it gathers."""

    ws: Workspace
    client: Client
    base_url: str = ""  # "" : each account's own server (the tests: a loopback server)
    token: str = ""  # the platform's token ("" : none); sent, never written
    since: date | None = None  # the first run of an account goes back to this day
    replies_days: int = 7  # own posts this young have their replies fetched again
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    summaries: list[ImportSummary] = field(default_factory=list)
    memo: dict = field(default_factory=dict)  # answers reused within the run (whose token)
    _states: dict = field(default_factory=dict)

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, result: AccountResult, url: str, params=None, auth: bool = True) -> Response:
        """GET ``url``; the token goes along only when ``auth`` (its own server)."""
        result.requests += 1
        return self.client.get(url, params, self.headers() if auth else {})

    def state(self, account: Account) -> AccountState:
        """The account's cursors (one object per account and run: each save writes all)."""
        key = (account.platform, account.handle)
        if key not in self._states:
            self._states[key] = AccountState(self.ws, account.platform, account.handle)
        return self._states[key]

    def pending(self, account: Account, result: AccountResult, reader: str) -> None:
        """Import the responses an interrupted run wrote but did not import."""
        folder = inbox(self.ws, account.platform, account.handle)
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
            self._import(path, result, reader)

    def keep(
        self, account: Account, result: AccountResult, reader: str, endpoint: str,
        response: Response, profile: Response | None = None,
    ) -> Path:  # fmt: skip
        """Write ``response``'s body (with ``profile`` in its envelope, when given) to the
        inbox and import it; returns the file's name (now only in the archive)."""
        stamp = response.fetched_at.strftime("%Y%m%dT%H%M%S%fZ")
        folder = inbox(self.ws, account.platform, account.handle)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{stamp}-{endpoint}.json"
        body = response.body if profile is None else envelope(account.platform, profile, response)
        temporary = path.with_name(f".{path.name}.tmp")
        with open(temporary, "wb") as out:
            out.write(body)
            out.flush()
        temporary.replace(path)
        fsync_dir(folder)
        self._import(path, result, reader)
        return path

    def _import(self, path: Path, result: AccountResult, reader: str) -> None:
        summary = import_files(self.ws, [path], format=reader, update=False).summary
        self.summaries.append(summary)
        result.files += summary.files
        result.posts += summary.posts_imported + summary.embedded_posts
        result.duplicates += summary.duplicates
        result.snapshots += summary.snapshots
        result.quarantined += summary.quarantined
        path.unlink()


def envelope(platform: str, response: Response, page: Response) -> bytes:
    """A profile response with when and where it was fetched (a profile does not say when
    its counts were true) and the page of posts it goes with; both bodies are inside byte
    for byte. The URL's query is kept (it names the account), never a header."""
    meta = _collected(platform, response)
    return (
        b'{"collected":' + meta + b',"profile":' + response.body.strip()
        + b',"page":' + page.body.strip() + b"}\n"
    )  # fmt: skip


def notifications_envelope(platform: str, page: Response) -> bytes:
    """A page of notifications with when and where it was fetched: ``{"collected": {...},
    "notifications": <the body byte for byte>}`` (the reader reads the statuses inside)."""
    return (
        b'{"collected":' + _collected(platform, page) + b',"notifications":'
        + page.body.strip() + b"}\n"
    )  # fmt: skip


def _collected(platform: str, response: Response) -> bytes:
    return json.dumps(
        {
            "platform": platform,
            "fetched_at": response.fetched_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "url": response.url,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


class Collector(ABC):
    """One platform's collection. Subclasses register with ``@collectors.register``."""

    name: ClassVar[str] = ""  # set by the registry: the --platform value
    platform: ClassVar[str] = ""
    reader: ClassVar[str] = ""  # the reader its responses are imported with
    title: ClassVar[str] = ""
    endpoints: ClassVar[tuple[str, ...]] = ()
    default_server: ClassVar[str] = ""

    @classmethod
    def describe(cls) -> dict:
        return {
            "name": cls.name,
            "title": cls.title,
            "kind": "collector",
            "platform": cls.platform,
            "reader": cls.reader,
            "endpoints": list(cls.endpoints),
            "module": cls.__module__,
        }

    @abstractmethod
    def collect(self, account: Account, run: Run) -> AccountResult:
        """Collect one account: profile, own posts, replies; never raises for a failed
        request (the result's ``error`` says it), so that the next account still runs."""


def _named(name: str, cls: type, details: dict) -> type:
    if details:
        raise TypeError(f"unexpected details for collector {name!r}: {sorted(details)}")
    cls.name = name
    return cls


def _check(cls: type) -> None:
    if not (isinstance(cls, type) and issubclass(cls, Collector)):
        raise TypeError(f"collector {cls!r} is not a subclass of Collector")
    if not (cls.platform and cls.reader and cls.title and cls.endpoints):
        raise ValueError(f"collector {cls.name!r} needs a platform, reader, title, endpoints")
    missing = sorted(getattr(cls, "__abstractmethods__", ()))
    if missing:
        raise TypeError(f"collector {cls.name!r} does not implement {', '.join(missing)}")


collectors: Registry[type[Collector]] = Registry("collector", make=_named, validate=_check)
