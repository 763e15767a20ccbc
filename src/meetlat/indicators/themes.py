"""Theme lexicons and matching a post's text to themes (the book's theme profiles).

A lexicon is a CSV file with the columns ``theme,term`` (lines starting with ``#`` are
comments). Meetlat ships the Dutch lexicon of the book's municipal themes in
``data/themes-nl.csv``; a workspace replaces it as a whole with
``<workspace>/reference/themes.csv`` in the same shape.

Matching: the text is lower-cased; links (``http://``, ``https://``, ``www.``),
@mentions and HTML entities (``&amp;``) are removed, a hashtag counts as its word
(``#wmo`` is ``wmo``); the rest is split on every character that is not a letter or
digit (a hyphen too: ``re-integratie`` is the two words ``re integratie``, and a term is
split the same way). A term of several words matches those words in a row. In a term's
word, ``*`` at the end matches any ending and ``*`` at the start any beginning
(``ondernem*``: ondernemer, ondernemerschap; ``*zorg``: jeugdzorg; ``*zorg*`` both).
A post belongs to every theme with at least one matching term.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from meetlat.i18n import _

PACKAGE_FILE = Path(__file__).parent / "data" / "themes-nl.csv"
OVERRIDE_FILE = "themes.csv"  # in the workspace's reference folder

_LINK = re.compile(r"(https?://|www\.)\S+")
_MENTION = re.compile(r"@[\w.]+")
_ENTITY = re.compile(r"&[a-z]+;")
_SPLIT = re.compile(r"[^\w]+|_")


class BadLexicon(ValueError):
    """A lexicon file that cannot be used: the file, the line and what was expected."""


@dataclass(frozen=True)
class Term:
    text: str  # as written in the lexicon
    words: tuple[str, ...]  # each a word, possibly with * at the start and/or end


@dataclass(frozen=True)
class Lexicon:
    source: str  # the file it was read from
    themes: dict[str, tuple[Term, ...]]  # in the order of the file

    @property
    def names(self) -> list[str]:
        return list(self.themes)

    def match(self, text: str | None) -> list[str]:
        """The themes of ``text``, in the lexicon's order."""
        words = tokens(text)
        if not words:
            return []
        return [name for name, terms in self.themes.items() if any(_found(t, words) for t in terms)]


def tokens(text: str | None) -> list[str]:
    if not text:
        return []
    cleaned = _ENTITY.sub(" ", _MENTION.sub(" ", _LINK.sub(" ", text.lower())))
    return [word for word in _SPLIT.split(cleaned.replace("#", " ")) if word]


def _word_matches(pattern: str, word: str) -> bool:
    starts, ends = pattern.startswith("*"), pattern.endswith("*")
    core = pattern.strip("*")
    if starts and ends:
        return core in word
    if ends:
        return word.startswith(core)
    if starts:
        return word.endswith(core)
    return word == core


def _found(term: Term, words: list[str]) -> bool:
    size = len(term.words)
    for i in range(len(words) - size + 1):
        if all(_word_matches(p, w) for p, w in zip(term.words, words[i : i + size], strict=True)):
            return True
    return False


def _term_words(term: str) -> tuple[str, ...]:
    parts = []
    for piece in term.lower().split():
        inner = [w for w in _SPLIT.split(piece.strip("*")) if w]
        if not inner:
            continue
        if piece.startswith("*"):
            inner[0] = "*" + inner[0]
        if piece.endswith("*"):
            inner[-1] = inner[-1] + "*"
        parts.extend(inner)
    return tuple(parts)


def parse(text: str, source: str) -> Lexicon:
    """A lexicon from the CSV ``text`` of file ``source``; raises BadLexicon."""
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise BadLexicon(_("{file}: the lexicon is empty.").format(file=source))
    header_line, header = lines[0]
    columns = [c.strip().lower() for c in next(csv.reader([header]))]
    if columns != ["theme", "term"]:
        raise BadLexicon(
            _("{file}, line {line}: expected the columns theme,term, found {found}.").format(
                file=source, line=header_line, found=",".join(columns)
            )
        )
    themes: dict[str, list[Term]] = {}
    for number, line in lines[1:]:
        row = next(csv.reader(io.StringIO(line)))
        if len(row) != 2 or not row[0].strip() or not _term_words(row[1]):
            raise BadLexicon(
                _("{file}, line {line}: expected a theme and a term, found {found!r}.").format(
                    file=source, line=number, found=line
                )
            )
        name, term = row[0].strip(), row[1].strip()
        themes.setdefault(name, []).append(Term(term, _term_words(term)))
    return Lexicon(source, {name: tuple(terms) for name, terms in themes.items()})


def read(path: Path) -> Lexicon:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadLexicon(
            _("{file}: the lexicon cannot be read ({reason}).").format(file=path, reason=error)
        ) from error
    return parse(text, str(path))


def load(reference_folder: Path | None = None, path: Path | None = None) -> Lexicon:
    """The lexicon to use: ``path`` when given, else the workspace's own
    (``reference_folder/themes.csv``) when it exists, else the package's."""
    if path is not None:
        return read(path)
    if reference_folder is not None and (Path(reference_folder) / OVERRIDE_FILE).exists():
        return read(Path(reference_folder) / OVERRIDE_FILE)
    return read(PACKAGE_FILE)


def counts(lexicon: Lexicon, texts: Iterable[str | None]) -> dict[str, int]:
    """How many of ``texts`` belong to each theme (a text may count for several)."""
    found = dict.fromkeys(lexicon.names, 0)
    for text in texts:
        for name in lexicon.match(text):
            found[name] += 1
    return found
