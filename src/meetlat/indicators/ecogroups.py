"""The seven groups of a municipality's local ecosystem (the book, "De gemeentetweet",
seed 2751–3022) by Dutch word rules on what an account says of itself.

The groups are the book's: politiek en overheid (``politiek``), het bedrijfsleven
(``bedrijfsleven``), media, sport, kunst en cultuur (``cultuur``), verenigingsleven
(``verenigingen``) and non-profit; an account that matches none is ``burger``
(burger/onbekend).

The rules are a word list (``data/ecosystem-groups-nl.txt``, or a workspace's own copy),
one ``[group]`` heading followed by its words, one a line:

* the texts (display name, bio when known, handle) are lower-cased, their links and
  @mentions (the name of another account) are removed, and they are split into words
  at every character that is not a letter or digit (``-`` and ``'`` stay inside a word,
  so "huis-aan-huisblad" and "zzp'er" are one word);
* ``word`` matches that word exactly, ``word*`` every word that begins with it,
  ``*word`` every word that ends with it; an entry of several words matches those
  words one after the other;
* a handle has no spaces ("gemeentezaanstad"): besides its own words (split at ``_``,
  ``.``, ``@`` and digits), an entry of at least 5 letters also matches anywhere inside it;
* a group's score is the number of its entries that match; the group with the highest
  score wins, a tie goes to the group listed first in the book (the order of ``GROUPS``);
  no match at all gives ``burger``.

``parse`` reports every bad line (file, line, expected) at once as ``WordListError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from meetlat.i18n import _

GROUPS = ("politiek", "bedrijfsleven", "media", "sport", "cultuur", "verenigingen", "non-profit")
CITIZEN = "burger"
ALL = (*GROUPS, CITIZEN)
WORDS_FILE = Path(__file__).parent / "data" / "ecosystem-groups-nl.txt"
HANDLE_INSIDE = 5  # an entry this long matches anywhere inside a handle

_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_HANDLE_SPLIT = re.compile(r"[_.@\d]+")
_NOT_OWN = re.compile(r"https?://\S+|www\.\S+|@[\w.@-]+")


class WordListError(ValueError):
    """The word list has lines that are not a group heading, a word or a comment."""

    def __init__(self, problems: list[tuple[str, int, str]]):
        self.problems = problems  # (file, line, what is wrong)
        super().__init__("; ".join(f"{f}:{n}: {why}" for f, n, why in problems))


@dataclass(frozen=True)
class Entry:
    text: str  # as written in the list
    words: tuple[str, ...]
    prefix: bool  # word*
    suffix: bool  # *word

    def matches(self, words: list[str]) -> bool:
        size = len(self.words)
        for start in range(len(words) - size + 1):
            if all(self._word(i, words[start + i]) for i in range(size)):
                return True
        return False

    def _word(self, index: int, word: str) -> bool:
        wanted = self.words[index]
        if self.prefix and index == len(self.words) - 1 and word.startswith(wanted):
            return True
        if self.suffix and index == 0 and word.endswith(wanted):
            return True
        return word == wanted

    def inside(self, handle: str) -> bool:
        joined = "".join(self.words)
        return len(joined) >= HANDLE_INSIDE and joined in handle


@dataclass(frozen=True)
class Rules:
    entries: dict[str, tuple[Entry, ...]]  # group -> its entries, in GROUPS order
    source: str  # the file they were read from

    def classify(self, *texts: str | None, handle: str | None = None) -> tuple[str, list[str]]:
        """(group, the entries that matched for it) of an account described by ``texts``."""
        words = [w for text in texts if text for w in words_of(text)]
        handle_text = (handle or "").lower().lstrip("@")
        handle_words = [w for w in _HANDLE_SPLIT.split(handle_text) if w]
        best, best_matched = CITIZEN, []
        for group in GROUPS:
            matched = [
                e.text
                for e in self.entries.get(group, ())
                if e.matches(words) or e.matches(handle_words) or e.inside(handle_text)
            ]
            if len(matched) > len(best_matched):
                best, best_matched = group, matched
        return best, best_matched


def words_of(text: str) -> list[str]:
    """The words of a text, without its links and @mentions (another account's name)."""
    return _WORD.findall(_NOT_OWN.sub(" ", text.lower()))


def parse(text: str, source: str) -> Rules:
    entries: dict[str, list[Entry]] = {}
    problems = []
    group = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip().lower()
        if not line:
            continue
        if line.startswith("["):
            name = line.strip("[] ")
            if not line.endswith("]") or name not in GROUPS:
                problems.append(
                    (
                        source,
                        number,
                        _("a heading [group] of {groups}").format(groups=", ".join(GROUPS)),
                    )
                )
                group = None
                continue
            group = name
            entries.setdefault(group, [])
            continue
        if group is None:
            problems.append((source, number, _("a word after a [group] heading")))
            continue
        prefix, suffix = line.endswith("*"), line.startswith("*")
        words = tuple(words_of(line.strip("*")))
        if not words or "*" in line.strip("*"):
            problems.append((source, number, _("a word, word* or *word")))
            continue
        entries[group].append(Entry(line, words, prefix, suffix))
    if problems:
        raise WordListError(problems)
    return Rules({g: tuple(entries.get(g, ())) for g in GROUPS}, source)


def load(path: Path | None = None) -> Rules:
    """The rules of the word list at ``path`` (the shipped list when None)."""
    if path is None:
        return shipped()
    return parse(path.read_text(encoding="utf-8"), str(path))


@cache
def shipped() -> Rules:
    return parse(WORDS_FILE.read_text(encoding="utf-8"), str(WORDS_FILE))
