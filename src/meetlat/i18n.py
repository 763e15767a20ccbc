"""Gettext for every word a user sees.

The Dutch catalogues are the ``.po`` files in ``meetlat/locale/nl/LC_MESSAGES/``; each
part of Meetlat keeps its own file there (``import.po``, ``reference.po``, ...) and all
of them are merged into one catalogue when the first message is translated. The
English source text is the message id, so English needs no catalogue.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from meetlat import settings

LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def _catalogue(language: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    messages: dict[str, str] = {}
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    for po_file in sorted(folder.glob("*.po")):
        with po_file.open("rb") as handle:
            for message in read_po(handle):
                if message.id and message.string and not message.fuzzy:
                    messages[message.id] = message.string
    return messages


def language() -> str:
    return settings.load().language


def gettext(message: str) -> str:
    """Translate ``message`` into the user's language (Dutch by default)."""
    lang = language()
    if lang == "en":
        return message
    return _catalogue(lang).get(message, message)


_ = gettext


def number(value: float | int, decimals: int = 0) -> str:
    """A number as the user reads it: Dutch notation (48.213 and 7,5) unless English."""
    from babel.numbers import format_decimal

    locale = "en_GB" if language() == "en" else "nl_NL"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale)


def gettext_in(language: str, message: str) -> str:
    """Translate ``message`` into ``language`` whatever the user's language is (for texts
    whose language the caller chooses, such as advice rendered with ``lang="en"``)."""
    if language == "en":
        return message
    return _catalogue(language).get(message, message)
