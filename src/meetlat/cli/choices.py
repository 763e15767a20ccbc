"""The values of the options that choose among a few words, with their Dutch synonyms.

An option shows its values in its help and accepts each value as well as its Dutch word
(``--by gemeente`` is ``--by municipality``); anything else stops with the values listed.
"""

from __future__ import annotations

from datetime import date, datetime

import typer

from meetlat.app import measuring
from meetlat.cli.common import fail
from meetlat.i18n import _, gettext_in
from meetlat.indicators.periods import BadPeriod, named_period

BY = measuring.BY
ENGINES = measuring.ENGINES
RANK_ROLES = tuple(measuring.RANKINGS)
PEER_GROUPS = measuring.PEER_GROUPS
TABLES = ("10", "11", "14")  # the book's tables that `meetlat rank` prints
# Dutch words that are not the Dutch text of the value's own label
SYNONYMS = {
    "municipality": ("gemeente", "gemeenten"),
    "size": ("grootteklasse", "grootte"),
    "province": ("provincie",),
    "corporate": ("corporaat", "organisatie"),
    "table": ("tabel",),
    "auto": ("automatisch",),
    "md": ("markdown",),
    "nl": ("nederlands", "dutch"),
    "en": ("engels", "english"),
    "researcher": ("onderzoeker",),
    "coordinator": ("coördinator",),
}


def words(value: str) -> tuple[str, ...]:
    """The words that choose ``value``: itself, its Dutch text, its synonyms."""
    dutch = gettext_in("nl", value)
    return tuple(dict.fromkeys((value, dutch.lower(), *SYNONYMS.get(value, ()))))


def listed(values: tuple[str, ...]) -> str:
    """``account, municipality (gemeente)``: the values with their Dutch words."""
    parts = []
    for value in values:
        others = [w for w in words(value) if w != value]
        parts.append(f"{value} ({', '.join(others)})" if others else value)
    return ", ".join(parts)


def option(default, name: str, values: tuple[str, ...], help_text: str):
    """An option that chooses among ``values`` (``default`` ``...``: a value must be
    given): its help (``help_text``, translated, with ``{values}``) lists them with their
    Dutch words; the command reads it with ``choose``."""
    return typer.Option(default, name, help=help_text.format(values=listed(values)))


def resolve(text: str, values: tuple[str, ...]) -> str:
    """The value ``text`` names (its Dutch word too), else ``text`` as it is (for a use
    case that names the values itself when it refuses one)."""
    wanted = text.strip().lower()
    return next((value for value in values if wanted in words(value)), text)


def choose(text: str | None, values: tuple[str, ...], option: str) -> str | None:
    """The value ``text`` names (None stays None), or stop naming the allowed values."""
    if text is None:
        return None
    value = resolve(text, values)
    if value in values:
        return value
    fail(
        _("{option} {value}: expected one of {values}.").format(
            option=option, value=text, values=listed(values)
        )
    )


def period_option():
    """--period of the commands that take a named period (national, publish, report)."""
    return typer.Option(
        ..., "--period", help=_("Period: 2014Q2, 2014-05, 2014 or 2014-04-01..2014-06-30.")
    )


def period(text: str) -> tuple[date, date]:
    """The first and last day of a named --period, or stop naming what is expected (exit 2)."""
    try:
        return named_period(text)
    except BadPeriod:
        fail(_("--period {text}: expected 2014Q2, 2014-05, 2014 or FROM..TO.").format(text=text), 2)


def generated_at(text: str) -> str:
    """A report's ``--generated-at`` (a date or moment), or stop with the reason (exit 2)."""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        fail(
            _(
                "--generated-at {text}: expected a date or moment such as 2014-09-01 or "
                "2014-09-01T12:00Z."
            ).format(text=text),  # fmt: skip
            2,
        )
    return text
