"""The Dutch question rule: does a post ask something (a question or a request)?

One rule, used by the ``inbound_questions`` indicator (questions.py) and by the webcare
queue (app/webcare.py). It is given twice from the same regular expressions: as an Ibis
expression (``asks_something``, so DuckDB and Spark run it inside the query) and as a
Python function (``is_question``, for texts in hand: the labelled evaluation set, the
webcare test). ``tests/webcare/test_question_rule.py`` checks that both agree.

The rule, applied to the lower-cased text:

0. A retweet (the text starts with ``rt @``) asks nothing: it passes on another post.
1. Removed first: links, @mentions, passages between double quotes (``"…"``, ``“…”``,
   ``„…”``: a quoted question is reported, not asked) and rhetorical forms
   (``RHETORICAL``: exclamations such as "wat een …", "hoe mooi is dat", and fixed
   rhetorical questions such as "waarom ook niet?", "wie wil dat nou niet?"), each up to
   the end of its clause. A removed passage leaves a line break, so it still ends a
   sentence.
2. What is left asks something when

   a. it contains a question mark; or
   b. a sentence starts with an interrogative word or a verb (in Dutch a sentence that
      starts with a verb is a question or a request): ``QUESTION_WORDS``; or
   c. it contains a request phrase: ``REQUEST_PHRASES``.

A sentence starts at the beginning of the text or after ``.``, ``!``, ``?``, ``:``,
``;`` or a line break (after spaces); the word must end there ("is het open" matches,
"iseen" does not). Word boundaries are ASCII, as in DuckDB's RE2.
"""

from __future__ import annotations

import re

QUESTION_WORDS = (
    "wie", "wat", "waar", "waarom", "wanneer", "hoe", "hoelang", "hoeveel", "welk",
    "welke", "waarheen", "waarvoor", "waarmee", "waarover",
    "kan", "kunnen", "kun", "kunt", "mag", "mogen", "moet", "moeten", "is", "zijn",
    "heeft", "hebben", "heb", "hebt", "wordt", "worden", "word", "gaat", "gaan", "komt",
    "komen", "klopt", "weet", "weten", "zou", "zouden", "ben", "bent", "doet", "doen",
    "staat", "staan", "wil", "wilt", "willen",
)  # fmt: skip
REQUEST_PHRASES = (
    "graag", "kunt u", "kun je", "kunnen jullie", "zou u", "zou je", "ik wil graag",
    "help", "hulp nodig", "wie weet", "weet iemand", "wilt u", "ik vraag me af",
    "ik zoek",
)  # fmt: skip
# words that make an exclamation of "wat …" / "hoe …" ("wat een dag", "hoe mooi is dat")
EXCLAIMED = (
    "een", "leuk", "leuke", "mooi", "mooie", "fijn", "fijne", "gaaf", "gave", "tof",
    "toffe", "geweldig", "prachtig", "knap", "goed", "jammer", "zonde", "bijzonder",
    "heerlijk", "vreselijk", "erg", "raar", "gek", "handig", "slim", "interessant",
    "typisch", "triest", "sneu",
)  # fmt: skip
# words and fixed forms that make a whole sentence rhetorical (the asker gives the answer)
RHETORICAL = (
    "immers", "nou helemaal", "waarom ook niet", "wie wil dat nou niet",
    "wie wil dat nu niet", "wie wil dat niet", "wie had dat gedacht", "wat wil je nog meer",
    "wie niet", "wat dacht je", "hoe kan het ook anders", "wat is er mooier",
    "waarom zou je niet", "waarom zouden we",
)  # fmt: skip


def _alternatives(words) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


RETWEET_PATTERN = r"^\s*rt\s+@"
REMOVED_PATTERN = (
    r"https?://\S+|www\.\S+|@[a-z0-9_.-]+"
    + r'|"[^"\n]*"|“[^”\n]*”|„[^”"\n]*[”"]'
    + r"|[^.!?\n]*\b(" + _alternatives(RHETORICAL) + r")\b[^.!?\n]*[.!?]*"
    + r"|\b(wat|hoe)\s+(" + _alternatives(EXCLAIMED) + r")\b[^.!?,;:\n]*[.!?]*"
    + r"|\bhoe\s+([a-z]{2,}er|meer|minder)\b[^.!?\n]*[.!?]*"
)  # fmt: skip
QUESTION_PATTERN = (
    r"\?"
    + r"|(^|[.!?:;\n])\s*(" + _alternatives(QUESTION_WORDS) + r")\b[^,.!?:;\n]*([.!:;\n]|$)"
    + r"|\b(" + _alternatives(REQUEST_PHRASES) + r")\b"
)  # fmt: skip

_RETWEET = re.compile(RETWEET_PATTERN, re.ASCII)
_REMOVED = re.compile(REMOVED_PATTERN, re.ASCII)
_QUESTION = re.compile(QUESTION_PATTERN, re.ASCII)


def cleaned(text: str) -> str:
    """The lower-cased text with links, mentions, quotations and rhetorical forms removed."""
    return _REMOVED.sub("\n", text.lower())


def is_question(text: str | None) -> bool:
    """Does ``text`` ask something by the rule above (plain Python)."""
    if not text:
        return False
    if _RETWEET.search(text.lower()):
        return False
    return _QUESTION.search(cleaned(text)) is not None


def asks_something(text):
    """Ibis boolean: the same rule inside a query (DuckDB, Spark)."""
    import ibis

    lowered = text.lower()
    rest = lowered.re_replace(REMOVED_PATTERN, "\n")
    asks = rest.re_search(QUESTION_PATTERN).coalesce(False)
    return ibis.ifelse(lowered.re_search(RETWEET_PATTERN).coalesce(False), False, asks)
