"""What the webcare page of a municipality shows (meetlat.app.webcare), gathered once and
kept under the workspace's data key, like the dashboards.

Per registry account of the municipality (each platform and handle of the registry): the
posts addressed to it in the period, with the reply that answered each question; the
texts with every @mention of a citizen replaced by the pseudonym (the senders are
pseudonyms already). Ages are counted at the request from ``now()``, so what is kept
stays valid while the data do not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from meetlat.app import accounts, facts, webcare
from meetlat.i18n import _, ngettext, number
from meetlat.indicators.periods import AMSTERDAM
from meetlat.web.dashboards import Kept

KEPT = Kept(64)  # per (workspace, data key, code, start, end)
HEARD = Kept(64)  # the same and the terms file's size and time: the listened posts
DEFAULT_DAYS = 7
LONGEST_DAYS = 366
SHOWN = 200  # rows at most in the answered and listening tables


def now() -> datetime:
    """The moment the ages are counted from (a test sets it)."""
    return datetime.now(UTC)


def today() -> date:
    return now().astimezone(AMSTERDAM).date()


class BadPeriod(ValueError):
    """A period the page cannot show (the message says why, in Dutch)."""


def period(van: str | None, tot: str | None) -> tuple[date, date]:
    """The period of the ``van`` and ``tot`` parameters: by default the last 7 days
    up to today, a missing end is the start plus 6 days, a missing start the end minus 6."""
    first = _day("van", van)
    last = _day("tot", tot)
    if first is None and last is None:
        last = today()
    if first is None:
        first = last - timedelta(days=DEFAULT_DAYS - 1)
    if last is None:
        last = first + timedelta(days=DEFAULT_DAYS - 1)
    if last < first:
        raise BadPeriod(
            _("The last day ({end}) is before the first day ({start}).").format(
                end=last.isoformat(), start=first.isoformat()
            )
        )
    if (last - first).days + 1 > LONGEST_DAYS:
        raise BadPeriod(
            _("Choose a period of at most {days} days.").format(days=number(LONGEST_DAYS))
        )
    return first, last


def _day(name: str, value: str | None) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadPeriod(
            _("{name}={value} is not a date: give one such as 2014-04-01.").format(
                name=name, value=value[:40]
            )
        ) from None


def duration(minutes: float | None) -> str:
    """A reaction time or age in Dutch words: minutes under an hour, hours under a day,
    else days (each rounded down)."""
    if minutes is None:
        return "–"
    whole = max(0, int(minutes))
    if whole < 60:
        return ngettext("{count} minute", "{count} minutes", whole).format(count=number(whole))
    if whole < 24 * 60:
        hours = whole // 60
        return ngettext("{count} hour", "{count} hours", hours).format(count=number(hours))
    days = whole // (24 * 60)
    return ngettext("{count} day", "{count} days", days).format(count=number(days))


def local(moment: datetime | None) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M") if moment else "–"


@dataclass
class Account:
    platform: str
    handle: str
    messages: list[webcare.Message] = field(default_factory=list)
    replies: dict[str, str] = field(default_factory=dict)  # post id → masked reply text


def accounts_of(ws, code: str) -> list[tuple[str, str]]:
    """(platform, handle) of every registry account of the municipality."""
    rows = accounts.list_accounts(ws, municipality=code)
    return sorted({(r["platform"], r["handle"]) for r in rows if r["handle"]})


def gather(ws, code: str, start: date, end: date) -> list[Account]:
    """Per registry account of ``code`` active in the period, what was addressed to it."""

    def make() -> list[Account]:
        moment = now()
        found = []
        for platform, handle in accounts_of(ws, code):
            try:
                posts = webcare.messages(ws, handle, start, end, platform=platform, now=moment)
            except webcare.WebcareError:  # not active in the period
                continue
            found.append(Account(platform, handle, posts))
        every = [m for a in found for m in a.messages]
        replies = webcare.reply_texts(ws, every) if every else {}
        for account in found:  # texts come masked from the use case
            for m in account.messages:
                if m.reply_id:
                    account.replies[m.post_id] = replies.get((m.platform, m.reply_id), "")
        return found

    key = (str(ws.root), facts.data_key(ws), code, start, end)
    return KEPT.get(key, make)


def listening(ws, code: str, start: date, end: date) -> list[dict] | None:
    """The posts matching the municipality's search terms, texts masked; None when it
    has no search terms. Kept like ``gather``, and while the terms file is unchanged."""
    if code not in webcare.load_terms(ws):
        return None

    def make() -> list[dict]:
        return webcare.listening(ws, code, start, end)  # texts masked there

    terms = (ws.root / webcare.TERMS_FILE).stat()
    key = (str(ws.root), facts.data_key(ws), code, start, end, terms.st_size, terms.st_mtime_ns)
    return HEARD.get(key, make)


def clear() -> None:
    KEPT.clear()
    HEARD.clear()
