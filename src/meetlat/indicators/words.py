"""Top words and top hashtags of the measured accounts' posts (the book's Afbeelding 9).

Text: every own post in the period that is not a repost (a repost's text is someone
else's). Before counting, the text is lower-cased and links (``http://``, ``https://``,
``www.``), @mentions, #hashtags and HTML entities (``&amp;``) are removed; it is then
split on every character that is not a letter or digit. A word counts when it has at
least two characters, at least one letter, and is not in the Dutch stop-word list
``data/stopwords-nl.txt``. Hashtags come from the posts' ``hashtags`` column, lower case.
Ties are ordered alphabetically.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from meetlat.indicators.engine import connection
from meetlat.indicators.scope import Scope

STOPWORDS_FILE = Path(__file__).parent / "data" / "stopwords-nl.txt"


@cache
def stopwords() -> frozenset[str]:
    words = set()
    for line in STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


def _own_posts(ws_or_con, start, end, roles, municipality, platform, handle, engine):

    scope = Scope(
        connection(ws_or_con, engine),
        start,
        end,
        roles=tuple(roles) if roles else None,
        engine=engine,
        municipality=municipality,
        platform=platform,
        handle=handle,
    )
    sent = scope.source("sent")
    keys = sent.filter(sent.kind != "repost").select("platform", "post_id").distinct()
    posts = scope.posts
    return posts.join(keys, ["platform", "post_id"])


def clean_text(text):
    """Ibis: lower-cased text without links, mentions, hashtags and HTML entities."""
    return (
        text.lower()
        .re_replace(r"(https?://|www\.)\S+", " ")
        .re_replace(r"[@#][\p{L}\p{N}_.]+", " ")
        .re_replace(r"&[a-z]+;", " ")
    )


def words(
    ws_or_con,
    start: date,
    end: date,
    roles=None,
    municipality: str | None = None,
    platform: str | None = None,
    handle: str | None = None,
    top: int = 25,
    engine: str = "duckdb",
):
    """The ``top`` words: a DataFrame with columns word, count."""
    posts = _own_posts(ws_or_con, start, end, roles, municipality, platform, handle, engine)
    posts = posts.filter(posts.text.notnull())
    split = posts.select(word=clean_text(posts.text).re_split(r"[^\p{L}\p{N}]+").unnest())
    kept = split.filter(
        split.word.length() >= 2,
        split.word.re_search(r"\p{L}"),
        ~split.word.isin(sorted(stopwords())),
    )
    counted = kept.group_by("word").aggregate(count=kept.count())
    result = counted.order_by([counted["count"].desc(), counted.word]).limit(top).execute()
    return result.astype({"count": "int64"}).reset_index(drop=True)


def hashtags(
    ws_or_con,
    start: date,
    end: date,
    roles=None,
    municipality: str | None = None,
    platform: str | None = None,
    handle: str | None = None,
    top: int = 25,
    engine: str = "duckdb",
):
    """The ``top`` hashtags (lower case, without #): a DataFrame with columns hashtag, count."""
    posts = _own_posts(ws_or_con, start, end, roles, municipality, platform, handle, engine)
    tags = posts.select(tag=posts.hashtags.unnest())
    tags = tags.select(hashtag=tags.tag.lower().lstrip().re_replace(r"^#", ""))
    tags = tags.filter(tags.hashtag.length() > 0)
    counted = tags.group_by("hashtag").aggregate(count=tags.count())
    result = counted.order_by([counted["count"].desc(), counted.hashtag]).limit(top).execute()
    return result.astype({"count": "int64"}).reset_index(drop=True)
