"""The collect use case: which accounts, one collector per platform, the facts afterwards.

``collect(ws, platform=None, accounts="registry", since=None, progress=...)`` collects
every registry account of the platforms that have a collector (or only ``platform``),
or the accounts of a file (one ``platform,handle`` per line, or a registry CSV), and
reports each account to ``progress`` when it is done. The measurement facts are updated
once at the end when anything was imported.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from meetlat import settings
from meetlat.app.accounts import list_accounts
from meetlat.app.facts import FactsUpdate, update_facts
from meetlat.collect.base import Account, AccountResult, Run
from meetlat.collect.catalog import collectors
from meetlat.collect.http import Client
from meetlat.i18n import _
from meetlat.workspace import Workspace

REGISTRY = "registry"


class BadAccounts(ValueError):
    """The accounts file cannot be read; the message names the file and line."""


class BadSetting(ValueError):
    """A collect setting has a value that cannot be used."""


@dataclass
class CollectResult:
    accounts: list[AccountResult] = field(default_factory=list)
    facts: FactsUpdate | None = None
    skipped_platforms: list[str] = field(default_factory=list)  # no collector for them

    @property
    def failed(self) -> list[AccountResult]:
        return [a for a in self.accounts if a.error]


def platforms() -> tuple[str, ...]:
    return tuple(collectors.names())


def read_accounts_file(path: Path) -> list[Account]:
    """Accounts of a file: a registry CSV (header with platform and handle) or lines of
    ``platform,handle``."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BadAccounts(
            _("{file}: cannot be read ({error})").format(file=path, error=error)
        ) from None
    rows = list(csv.reader(text.splitlines()))
    header = [c.strip().lower() for c in rows[0]] if rows else []
    found: list[Account] = []
    if "platform" in header and "handle" in header:
        p, h = header.index("platform"), header.index("handle")
        m = header.index("municipality_code") if "municipality_code" in header else None
        body = list(enumerate(rows[1:], start=2))
    else:
        p, h, m = 0, 1, None
        body = list(enumerate(rows, start=1))
    for line, row in body:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(p, h) or not row[p].strip() or not row[h].strip():
            raise BadAccounts(
                _("{file} line {line}: expected platform,handle").format(file=path, line=line)
            )
        found.append(
            Account(row[p].strip().lower(), row[h].strip().lstrip("@").lower(),
                    row[m].strip() if m is not None and len(row) > m else "")
        )  # fmt: skip
    return found


def registry_accounts(ws: Workspace) -> list[Account]:
    return [
        Account(row["platform"], row["handle"], row["municipality_code"])
        for row in list_accounts(ws)
        if row["status"] != "closed"
    ]


def make_run(
    ws: Workspace, since: date | None, replies_days: int, client: Client | None,
    now: Callable[[], datetime] | None = None,
) -> Run:  # fmt: skip
    config = settings.load()
    timeout = config.collect_timeout
    if not timeout.isdigit() or int(timeout) < 1:
        raise BadSetting(
            _("MEETLAT_COLLECT_TIMEOUT must be a whole number of seconds, not {value!r}").format(
                value=timeout
            )
        )
    run = Run(
        ws,
        client or Client(timeout=float(timeout)),
        base_url=config.collect_base_url,
        since=since,
        replies_days=replies_days,
    )
    if now is not None:  # the tests: a moment of their recorded responses
        run.now = now
    return run


def collect(
    ws: Workspace,
    platform: str | None = None,
    accounts: str = REGISTRY,
    since: date | None = None,
    replies_days: int = 7,
    progress: Callable[[AccountResult], None] | None = None,
    client: Client | None = None,
    update: bool = True,
    now: Callable[[], datetime] | None = None,
) -> CollectResult:
    """Collect the accounts (see the module's description); ``now`` is the run's clock."""
    chosen = registry_accounts(ws) if accounts == REGISTRY else read_accounts_file(Path(accounts))
    if platform:
        chosen = [a for a in chosen if a.platform == platform]
    run = make_run(ws, since, replies_days, client, now)
    result = CollectResult()
    config = settings.load()
    tokens = {"mastodon": config.mastodon_token, "x": config.x_bearer_token,
              "bluesky": config.bluesky_token}  # fmt: skip
    for account in chosen:
        if account.platform not in collectors:
            if account.platform not in result.skipped_platforms:
                result.skipped_platforms.append(account.platform)
            continue
        run.token = tokens.get(account.platform, "")
        done = collectors.get(account.platform)().collect(account, run)
        result.accounts.append(done)
        if progress is not None:
            progress(done)
    if update and any(a.files for a in result.accounts):
        result.facts = update_facts(ws)
    return result
