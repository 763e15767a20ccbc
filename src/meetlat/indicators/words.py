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


def _own_posts(ws_or_con, start, end, roles, municipality, platform, handle, engine,
               grouped: bool = False):  # fmt: skip
    """The own posts of the selected accounts (``grouped``: with municipality_code, one row
    per municipality and post, a post counting for every municipality it is one of)."""

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
    columns = ("municipality_code", "platform", "post_id") if grouped else ("platform", "post_id")
    keys = sent.filter(sent.kind != "repost").select(*columns).distinct()
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
    return _top(_word_rows(posts), "word", top)


def _word_rows(posts):
    posts = posts.filter(posts.text.notnull())
    keys = [c for c in ("municipality_code",) if c in posts.columns]
    split = posts.select(*keys, word=clean_text(posts.text).re_split(r"[^\p{L}\p{N}]+").unnest())
    return split.filter(
        split.word.length() >= 2,
        split.word.re_search(r"\p{L}"),
        ~split.word.isin(sorted(stopwords())),
    )


def _tag_rows(posts):
    keys = [c for c in ("municipality_code",) if c in posts.columns]
    tags = posts.select(*keys, tag=posts.hashtags.unnest())
    tags = tags.select(*keys, hashtag=tags.tag.lower().lstrip().re_replace(r"^#", ""))
    return tags.filter(tags.hashtag.length() > 0)


def _top(rows, column: str, top: int):
    """The ``top`` values of ``column`` by count (ties alphabetically)."""
    counted = rows.group_by(column).aggregate(count=rows.count())
    result = counted.order_by([counted["count"].desc(), counted[column]]).limit(top).execute()
    return result.astype({"count": "int64"}).reset_index(drop=True)


def _top_per_municipality(rows, column: str, top: int) -> dict:
    """municipality code → the frame ``_top`` gives for that municipality's rows alone."""
    import ibis

    counted = rows.group_by("municipality_code", column).aggregate(count=rows.count())
    rank = ibis.row_number().over(
        group_by=counted.municipality_code, order_by=[counted["count"].desc(), counted[column]]
    )
    ranked = counted.mutate(rank=rank)
    result = ranked.filter(ranked["rank"] < top).execute()
    result = result.sort_values(["municipality_code", "rank"], kind="stable")
    found = {}
    for code, part in result.groupby("municipality_code", sort=True):
        frame = part[[column, "count"]].astype({"count": "int64"}).reset_index(drop=True)
        found[code] = frame
    return found


def by_municipality(ws_or_con, start: date, end: date, roles=None, top: int = 25,
                    engine: str = "duckdb") -> tuple[dict, dict]:  # fmt: skip
    """(code → top words, code → top hashtags) of every measured municipality at once:
    for each, the frames ``words`` and ``hashtags`` give with ``municipality=code`` (a
    municipality without any is left out)."""
    posts = _own_posts(ws_or_con, start, end, roles, None, None, None, engine, grouped=True)
    return (
        _top_per_municipality(_word_rows(posts), "word", top),
        _top_per_municipality(_tag_rows(posts), "hashtag", top),
    )


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
    return _top(_tag_rows(posts), "hashtag", top)
