"""Finding and masking the personal data the book names in a text (seed 6766–6768).

``mask(text)`` replaces, in this order:

* e-mail addresses (``naam@domein.nl``) by ``[e-mail]``;
* IPv6 addresses (checked with ``ipaddress``: eight groups or a ``::``) and IPv4
  addresses (four numbers 0–255) by ``[IP-adres]``;
* Dutch telephone numbers — ``0``, ``+31`` or ``0031``, then nine digits, with spaces,
  hyphens or ``(0)`` between them (``06-12345678``, ``+31 6 1234 5678``,
  ``020 123 4567``), or an area code in brackets and ten digits in all
  (``(024)3996200``, the government almanac's notation) — by ``[telefoon]``;
* a BSN: nine digits on their own (or ``1234.56.782``, ``123 456 782``) that pass the
  elfproef (9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11, not all zero) by ``[BSN]``;
  nine digits that fail it are left as they are (an order number, an amount);
* a Dutch postcode: four digits not starting with 0, an optional space and two capital
  letters, not SA, SD or SS (``1234 AB``; ``1234ab`` only without a space, so that
  "2014 en" stays) by ``[postcode]``;
* names, where a text says that a name follows: ``Naam: …``, ``Mijn naam is …``,
  ``Ik ben …`` / ``Ik heet …`` followed by a capitalised word, and a signature after a
  greeting (``Groet,``, ``Groetjes``, ``Met vriendelijke groet``, ``Mvg``, ``Gr.``):
  the capitalised words after it, with Dutch tussenvoegsels between them (``van der``,
  ``de``, ``ter``) by ``[naam]``.

Wrongly caught: a year followed by two capitals ("in 2015 NL") looks like a postcode.
Not caught: names anywhere else in a sentence ("ik sprak Jan de Vries vandaag"), street
addresses (house numbers without postcode), licence plates, and numbers written with
other separators. Ids of posts and accounts (long digit strings) are never taken for a
BSN or a telephone number: a match must not touch other digits.
"""

from __future__ import annotations

import ipaddress
import re

from meetlat.i18n import _

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-zA-Z]{2,}\b")
IPV6 = re.compile(r"(?<![\w:])[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}(?![\w:])")
IPV4 = re.compile(r"(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)")
PHONE = re.compile(r"(?<![\w+])(\+31|0031|0)[\s-]?(\(0\)[\s-]?)?[1-9]([\s-]?\d){8}(?![\d])")
PHONE_AREA = re.compile(r"(?<![\w(])\(0\d{1,3}\)[\s-]?\d([\s-]?\d){4,8}(?!\d)")  # (024)3996200
BSN = re.compile(r"(?<![\d.])(\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3} \d{3} \d{3})(?![\d]|\.\d)")
POSTCODE = re.compile(r"\b[1-9]\d{3}(?: ?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})\b")

_NAME_WORD = r"[A-ZÀ-Ý][\w'’-]+"
_INFIX = r"(?:van|de|der|den|het|ter|ten|te|in|op|'t|’t)"
_FULL_NAME = rf"{_NAME_WORD}(?:\s+(?:{_INFIX}\s+)*{_NAME_WORD})*"
NAME = re.compile(
    rf"(?P<lead>\b(?:[Nn]aam\s*:\s*|[Mm]ijn naam is\s+|[Ii]k (?:ben|heet)\s+"
    rf"|(?:[Mm]et )?(?:[Vv]riendelijke )?[Gg]roet(?:en|jes)?,?\s+|[Mm]vg,?\s+|[Gg]r\.\s*))"
    rf"(?P<name>{_FULL_NAME})"
)
# words after "Ik ben" that are not a name although capitalised at the start of a sentence
_NOT_NAMES = frozenset({"Het", "De", "Een", "Ik", "Wij", "We", "Dit", "Dat", "Er", "Nederland"})


def elfproef(digits: str) -> bool:
    """Whether nine digits (separators allowed) pass the BSN's eleven test."""
    numbers = [int(c) for c in digits if c.isdigit()]
    if len(numbers) != 9 or not any(numbers):
        return False
    total = sum(weight * n for weight, n in zip(range(9, 1, -1), numbers[:8], strict=True))
    return (total - numbers[8]) % 11 == 0


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _is_ipv4(match: re.Match) -> bool:
    return all(0 <= int(part) <= 255 and (part == "0" or not part.startswith("0"))
               for part in match.groups())  # fmt: skip


def _is_ipv6(text: str) -> bool:
    if "::" not in text and text.count(":") != 7:
        return False
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


def placeholders() -> dict[str, str]:
    return {
        "email": _("[e-mail]"),
        "ip": _("[IP address]"),
        "phone": _("[telephone]"),
        "bsn": _("[BSN]"),
        "postcode": _("[postcode]"),
        "name": _("[name]"),
    }


def find(text: str) -> list[tuple[str, str]]:
    """Every (kind, matched text) ``mask`` would replace, in the order it replaces them."""
    found: list[tuple[str, str]] = []
    _masked(text or "", found)
    return found


def mask(text: str | None) -> str | None:
    """``text`` with the personal data above replaced by placeholders (None stays None)."""
    if text is None:
        return None
    return _masked(text, [])


def _masked(text: str, found: list[tuple[str, str]]) -> str:
    marks = placeholders()

    def replace(kind: str, pattern: re.Pattern, text: str, valid=lambda m: True) -> str:
        def one(match: re.Match) -> str:
            if not valid(match):
                return match.group(0)
            found.append((kind, match.group(0)))
            return marks[kind]

        return pattern.sub(one, text)

    text = replace("email", EMAIL, text)
    text = replace("ip", IPV6, text, lambda m: _is_ipv6(m.group(0)))
    text = replace("ip", IPV4, text, _is_ipv4)
    text = replace("phone", PHONE_AREA, text, lambda m: _digits(m.group(0)) == 10)
    text = replace("phone", PHONE, text)
    text = replace("bsn", BSN, text, lambda m: elfproef(m.group(0)))
    text = replace("postcode", POSTCODE, text)

    def name(match: re.Match) -> str:
        words = match.group("name")
        if words.split()[0] in _NOT_NAMES:
            return match.group(0)
        found.append(("name", words))
        return match.group("lead") + marks["name"]

    return NAME.sub(name, text)
