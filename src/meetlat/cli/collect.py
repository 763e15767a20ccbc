"""`meetlat collect`: the registry accounts' posts, replies and profiles from the open APIs."""

from __future__ import annotations

import re
import time
from datetime import date

import typer

from meetlat.app import importing
from meetlat.cli import choices
from meetlat.cli.common import current_workspace, fail, report_facts, say, warn
from meetlat.collect.base import AccountResult
from meetlat.collect.service import REGISTRY, BadAccounts, BadSetting, collect, platforms
from meetlat.i18n import _, ngettext, number

_EVERY = re.compile(r"(\d+)\s*([smhu]?)")
_UNITS = {"s": 1, "": 60, "m": 60, "h": 3600, "u": 3600}


def every_seconds(text: str) -> int:
    """``15m``, ``1h`` (``1u``), ``900s``; a bare number is minutes."""
    match = _EVERY.fullmatch(text.strip().lower())
    if not match or int(match.group(1)) < 1:
        fail(_("--every {text}: expected minutes such as 15m, or 1h.").format(text=text), 2)
    return int(match.group(1)) * _UNITS[match.group(2)]


def progress_line(done: AccountResult) -> str:
    """One Dutch line per account."""
    name = f"{done.account.platform}:{done.account.handle}"
    if done.missing:
        return _("{account}: the platform knows no such account.").format(account=name)
    posts = ngettext("{n} new post", "{n} new posts", done.posts).format(n=number(done.posts))
    requests = ngettext("{n} request", "{n} requests", done.requests).format(
        n=number(done.requests)
    )
    line = _("{account}: {posts}, {duplicates} already stored, {requests}.").format(
        account=name, posts=posts, duplicates=number(done.duplicates), requests=requests
    )
    if done.quarantined:
        line += " " + ngettext(
            "{n} record set aside (see meetlat archive verify).",
            "{n} records set aside (see meetlat archive verify).",
            done.quarantined,
        ).format(n=number(done.quarantined))
    return line


def _report(done: AccountResult) -> None:
    if done.error:
        say(progress_line(done))
        warn(
            _("{account}: stopped early: {reason}; the next run goes on from here.").format(
                account=f"{done.account.platform}:{done.account.handle}", reason=done.error
            )
        )
    else:
        say(progress_line(done), "[green]✓[/green]")
    for note in done.notes:
        warn(f"{done.account.platform}:{done.account.handle}: {note}")


def collect_command(
    platform: str = choices.option(
        None, "--platform", platforms(), _("Only this platform: {values}. Default: all of them.")
    ),
    accounts: str = typer.Option(
        REGISTRY,
        "--accounts",
        help=_("registry (the registered accounts) or a file of platform,handle lines."),
    ),  # fmt: skip
    since: str = typer.Option(
        None,
        "--since",
        help=_("The first collection of an account goes back to this day (YYYY-MM-DD)."),
    ),  # fmt: skip
    replies_days: int = typer.Option(
        7,
        "--replies-days",
        min=0,
        help=_("Fetch the replies to own posts of this many recent days again."),
    ),  # fmt: skip
    every: str = typer.Option(
        None, "--every", help=_("Collect again and again at this interval (15m, 1h).")
    ),
) -> None:
    platform = choices.choose(platform, platforms(), "--platform")
    day = None
    if since is not None:
        try:
            day = date.fromisoformat(since)
        except ValueError:
            fail(_("--since {text}: expected a date as YYYY-MM-DD.").format(text=since), 2)
    interval = every_seconds(every) if every is not None else None
    ws = current_workspace()
    while True:
        failed = _once(ws, platform, accounts, day, replies_days)
        if interval is None:
            if failed:
                raise typer.Exit(1)
            return
        say(_("Next collection in {seconds} s (Ctrl-C stops).").format(seconds=interval))
        try:
            time.sleep(interval)
        except KeyboardInterrupt:
            return


def _once(ws, platform, accounts, day, replies_days) -> bool:
    try:
        result = collect(
            ws, platform=platform, accounts=accounts, since=day, replies_days=replies_days,
            progress=_report,
        )  # fmt: skip
    except (BadAccounts, BadSetting) as error:
        fail(str(error), 2)
    except importing.WarehouseBusy as error:
        fail(str(error))
    except KeyboardInterrupt:
        fail(_("Interrupted: the next collection goes on where this one stopped."), 130)
    for name in result.skipped_platforms:
        warn(_("{platform}: no collector for this platform; its accounts were skipped.").format(
            platform=name))  # fmt: skip
    if not result.accounts:
        say(_("No accounts to collect."))
    report_facts(result.facts)
    return bool(result.failed)


def register(app: typer.Typer) -> None:
    app.command(
        "collect",
        help=_(
            "Collect the registered accounts' posts, replies and profiles from the open "
            "APIs (Mastodon, Bluesky, X) into the archive and the warehouse."
        ),
    )(collect_command)
