"""Gettext for every word a user sees.

The Dutch catalogues are the ``.po`` files in ``meetlat/locale/nl/LC_MESSAGES/``; each
part of Meetlat keeps its own file there (``import.po``, ``reference.po``, ...) and all
of them are merged into one catalogue when the first message is translated. The
English source text is the message id, so English needs no catalogue.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from meetlat import settings

LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def _catalogue(language: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    messages: dict = {}  # message id -> text; (singular, plural) -> (forms...)
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    for po_file in sorted(folder.glob("*.po")):
        with po_file.open("rb") as handle:
            for message in read_po(handle):
                if message.fuzzy or not message.id or not message.string:
                    continue
                if isinstance(message.id, tuple):  # msgid_plural: keep it only when whole
                    if all(message.string):
                        messages[tuple(message.id)] = tuple(message.string)
                else:
                    messages[message.id] = message.string
    return messages


# the language of one request of the web application (None: the setting's)
_chosen: ContextVar[str | None] = ContextVar("meetlat_language", default=None)


def language() -> str:
    return _chosen.get() or settings.load().language


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Every message inside the block in ``lang`` (a web request in the visitor's language)."""
    token = _chosen.set(lang)
    try:
        yield
    finally:
        _chosen.reset(token)


def gettext(message: str) -> str:
    """Translate ``message`` into the user's language (Dutch by default)."""
    lang = language()
    if lang == "en":
        return message
    return _catalogue(lang).get(message, message)


_ = gettext


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` ("1 bestand", "2 bestanden") in the user's
    language."""
    return ngettext_in(language(), singular, plural, count)


def number(value: float | int, decimals: int = 0) -> str:
    """A number as the user reads it: Dutch notation (48.213 and 7,5) unless English."""
    from babel.numbers import format_decimal

    locale = "en_GB" if language() == "en" else "nl_NL"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale)


def ngettext_in(language: str, singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` in ``language``: Dutch and English both use
    the singular for exactly one."""
    index = 0 if count == 1 else 1
    if language != "en":
        forms = _catalogue(language).get((singular, plural))
        if forms:
            return forms[min(index, len(forms) - 1)]
    return (singular, plural)[index]


def gettext_in(language: str, message: str) -> str:
    """Translate ``message`` into ``language`` whatever the user's language is (for texts
    whose language the caller chooses, such as advice rendered with ``lang="en"``)."""
    if language == "en":
        return message
    return _catalogue(language).get(message, message)
