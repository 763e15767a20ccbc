"""The Bluesky reader on a real getPostThread response and post record (MarshalX/atproto
test data) and on a hand-made getAuthorFeed response (see tests/fixtures/bluesky)."""

from __future__ import annotations

import copy
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from meetlat.platforms.base import RawRecord, RecordError, Source
from meetlat.platforms.bluesky.reader import BlueskyPosts
from meetlat.platforms.catalog import readers
from meetlat.platforms.ids import bluesky_tid_time

FOLDER = Path(__file__).parents[2] / "fixtures" / "bluesky"
READER = BlueskyPosts()
SDK = "did:plc:kvwvcn5iqfooopmyzvb4qzba"
GEMEENTE = "did:plc:hm3gemeentevoorbeeld0"
INWONER = "did:plc:hm3inwonerexample00000"


def file_source(path: Path) -> Source:
    return Source(str(path), lambda: path.open("rb"))


def read(name: str):
    return read_path(FOLDER / name)


def read_path(path: Path):
    records = list(READER.records(file_source(path)))
    return records, [READER.canonical(record) for record in records]


def canonical_of(value):
    return READER.canonical(RawRecord(line=1, raw=orjson.dumps(value), value=value))


def test_a_real_thread_post_quoting_another():
    records, (rows,) = read("thread_view_post_with_embed_media.json")
    assert [(r.line, r.item) for r in records] == [(1, 1)]
    own, quoted = rows.posts
    assert own["post_id"] == f"at://{SDK}/app.bsky.feed.post/3kaheyt6vpc22"
    assert own["kind"] == "quote" and own["embedded"] is False
    assert own["quote_of_post_id"] == f"at://{SDK}/app.bsky.feed.post/3kahesw26il2z"
    assert quoted["post_id"] == own["quote_of_post_id"] and quoted["embedded"] is True
    assert quoted["text"] == "test" and own["text"] is None  # the quoting post has no text
    assert own["account_id"] == SDK and own["handle"] == "test.marshal.dev"
    assert own["language"] == "en"
    assert own["created_at"] == datetime(2023, 9, 28, 12, 49, 36, 735000, tzinfo=UTC)
    assert own["conversation_id"] == own["post_id"]
    assert {m["post_id"] for m in rows.metrics} == {quoted["post_id"], own["post_id"]}
    assert rows.snapshots == []  # author views without counts give no snapshot
    assert rows.accounts[0]["created_at"] == datetime(2023, 4, 26, 19, 5, 34, 249000, tzinfo=UTC)


def test_the_post_id_is_the_full_uri_and_its_key_decodes_to_a_time():
    _, (rows,) = read("thread_view_post_with_embed_media.json")
    post = rows.posts[0]
    decoded = bluesky_tid_time(post["post_id"])
    assert abs((decoded - post["created_at"]).total_seconds()) < 1


def test_a_real_raw_post_record():
    records, (rows,) = read("post_record.json")
    assert len(records) == 1
    (post,) = rows.posts
    assert post["post_id"] == f"at://{SDK}/app.bsky.feed.post/3k2yihcrp6f2c"
    assert post["account_id"] == SDK and post["handle"] is None
    assert post["text"] == "new text114" and post["kind"] == "original"
    assert post["created_at"] == datetime(2024, 2, 22, 19, 58, 13, 903293, tzinfo=UTC)
    assert rows.accounts[0]["account_id"] == SDK and rows.metrics == []


def test_author_feed_items_kinds_and_linkage():
    records, rows = read("author_feed.json")
    assert [(r.line, r.item) for r in records] == [(1, 1), (1, 2), (1, 3), (1, 4)]
    own = [c.posts[0] for c in rows]
    assert [p["kind"] for p in own] == ["quote", "repost", "reply", "original"]
    assert {p["account_id"] for p in own} == {GEMEENTE}
    quote, repost, reply, original = own
    news = f"at://did:plc:hm3regionieuwsexample0/app.bsky.feed.post/{'3kikalbvzk22b'}"
    assert quote["quote_of_post_id"] == news and repost["repost_of_post_id"] == news
    assert repost["post_id"] == f"{news}#repost:{GEMEENTE}"
    assert repost["created_at"] == datetime(2024, 1, 9, 11, 41, 7, tzinfo=UTC)
    question = rows[2].posts[1]
    assert question["embedded"] is True and question["account_id"] == INWONER
    assert reply["in_reply_to_post_id"] == question["post_id"]
    assert reply["in_reply_to_account_id"] == INWONER
    assert reply["conversation_id"] == question["post_id"]
    embedded_news = rows[1].posts[1]
    assert embedded_news["post_id"] == news and embedded_news["urls"] == [
        "https://regionieuws.example.nl/fietsbrug"
    ]


def test_facets_give_mentions_by_handle_tags_and_links():
    _, rows = read("author_feed.json")
    reply = rows[2].posts[0]
    assert reply["mentions"] == ["inwoner.bsky.social"]  # found after a multi-byte "é"
    assert rows[2].posts[1]["mentions"] == ["gemeentevoorbeeld.bsky.social"]
    original = rows[3].posts[0]
    assert original["hashtags"] == ["afval"]
    assert original["urls"] == ["https://www.voorbeeld.nl/afval"]


def test_a_mention_facet_that_covers_no_handle_gives_the_did():
    record = json.loads((FOLDER / "post_record.json").read_text())
    record["value"]["facets"] = [
        {
            "index": {"byteStart": 0, "byteEnd": 3},
            "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:abc"}],
        }
    ]
    assert canonical_of(record).posts[0]["mentions"] == ["did:plc:abc"]


def test_metrics_and_snapshots_when_the_author_view_has_counts():
    _, rows = read("author_feed.json")
    metrics = {m["post_id"]: m for c in rows for m in c.metrics}
    first = rows[0].posts[0]
    assert metrics[first["post_id"]]["likes"] == 7
    assert metrics[first["post_id"]]["observed_at"] == first["created_at"]
    item = json.loads((FOLDER / "author_feed.json").read_text())["feed"][3]
    item["post"]["author"].update(followersCount=1520, followsCount=80, postsCount=312)
    result = canonical_of(item)
    (snapshot,) = result.snapshots
    assert (snapshot["followers"], snapshot["following"], snapshot["total_posts"]) == (
        1520,
        80,
        312,
    )
    assert snapshot["observed_at"] == result.posts[0]["created_at"]
    assert result.posts[0]["author_followers"] == 1520


def test_a_thread_gives_every_post_as_a_record_in_order():
    def view(key: str, parent: str | None = None) -> dict:
        record = {"$type": "app.bsky.feed.post", "text": key, "createdAt": "2024-01-08T10:00:00Z"}
        if parent:
            ref = {"uri": f"at://{GEMEENTE}/app.bsky.feed.post/{parent}", "cid": "x"}
            record["reply"] = {"root": ref, "parent": ref}
        return {
            "uri": f"at://{GEMEENTE}/app.bsky.feed.post/{key}",
            "author": {"did": GEMEENTE, "handle": "g.example"},
            "record": record,
        }

    thread = {
        "thread": {
            "$type": "app.bsky.feed.defs#threadViewPost",
            "post": view("b", "a"),
            "parent": {"post": view("a")},
            "replies": [
                {"post": view("c", "b"), "replies": [{"post": view("d", "c")}]},
                {"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://x", "notFound": True},
                {"post": view("e", "b")},
            ],
        }
    }
    data = orjson.dumps(thread) + b"\n" + orjson.dumps(thread)
    records = list(READER.records(Source("t.jsonl", lambda: io.BytesIO(data))))
    assert [(r.line, r.item) for r in records] == [(1, i) for i in range(1, 6)] + [
        (2, i) for i in range(1, 6)
    ]
    posts = [READER.canonical(r).posts[0] for r in records[:5]]
    assert [p["text"] for p in posts] == ["a", "b", "c", "d", "e"]
    assert [p["kind"] for p in posts] == ["original", "reply", "reply", "reply", "reply"]


def test_not_a_post_record_is_a_record_error():
    like = json.loads((FOLDER / "invalid" / "like_record.json").read_text())
    with pytest.raises(RecordError, match="app.bsky.feed.like.*verwacht: app.bsky.feed.post"):
        canonical_of(like)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda v: v["post"].pop("author"), '"post.author" ontbreekt'),
        (lambda v: v["post"]["record"].update(createdAt="gisteren"), "post.record.createdAt"),
        (lambda v: v["post"]["record"].pop("createdAt"), '"post.record.createdAt" ontbreekt'),
        (lambda v: v["post"].update(uri="https://bsky.app/x"), "at://-URI"),
        (lambda v: v["post"]["record"].update(text=5), '"post.record.text" heeft het verkeerde'),
    ],
)
def test_wrong_shapes_are_record_errors_in_dutch(change, message):
    item = json.loads((FOLDER / "author_feed.json").read_text())["feed"][3]
    item = copy.deepcopy(item)
    change(item)
    with pytest.raises(RecordError, match=message):
        canonical_of(item)


def test_an_object_of_no_known_shape():
    with pytest.raises(RecordError, match="geen Bluesky-bericht"):
        canonical_of({"hallo": "wereld"})


def test_sniff_accepts_bluesky_and_rejects_other_formats():
    for path in FOLDER.glob("*.json"):
        assert BlueskyPosts.sniff(path.read_bytes()), path.name
    assert not BlueskyPosts.sniff((FOLDER / "invalid" / "like_record.json").read_bytes())
    fixtures = FOLDER.parent
    for folder, pattern in (("mastodon", "*.json*"), ("facebook", "*.json*"), ("csvmap", "*.csv")):
        for path in (fixtures / folder).glob(pattern):
            assert not BlueskyPosts.sniff(path.read_bytes()[:65536]), path.name
    x_v2 = b'{"data":[{"id":"1","author_id":"2","text":"at://x"}],"includes":{"users":[]}}'
    assert not BlueskyPosts.sniff(x_v2)


def test_a_search_posts_body_is_read_post_view_by_post_view():
    """``app.bsky.feed.searchPosts``: ``{"posts": [postView], "cursor", "hitsTotal"}``, as
    ``meetlat collect`` archives it (tests/fixtures/collect/bluesky/make_search.py)."""
    collected = FOLDER.parent / "collect" / "bluesky"
    page = collected / "search_mentions_page2.json"
    assert readers.detect(page.read_bytes()[:65536]) is BlueskyPosts
    records, (rows,) = read_path(page)
    assert [(r.line, r.item) for r in records] == [(1, 1)]
    own, quoted = rows.posts
    assert own["post_id"] == f"at://{SDK}/app.bsky.feed.post/3kaheyt6vpc22"
    assert own["kind"] == "quote" and quoted["embedded"] is True
    records, (rows,) = read_path(collected / "search_mentions_page3.json")
    (post,) = rows.posts  # the quoted post as a post view of its own
    assert post["post_id"] == quoted["post_id"] and post["embedded"] is False
    assert post["text"] == "test" and post["handle"] == "test.marshal.dev"
    records, rows = read_path(collected / "search_term_sterrenwijk.json")
    assert [r.posts[0]["account_id"] for r in rows] == [GEMEENTE, INWONER]
    assert rows[1].posts[0]["mentions"] == ["gemeentevoorbeeld.bsky.social"]
    for name in ("search_mentions_page1.json", "search_hashtag_afval.json"):
        assert BlueskyPosts.sniff((collected / name).read_bytes()), name
