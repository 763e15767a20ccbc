"""The Facebook reader on hand-made Graph API page posts (see tests/fixtures/facebook)."""

from __future__ import annotations

import copy
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from meetlat.platforms.base import RawRecord, RecordError, Source
from meetlat.platforms.facebook.reader import FacebookPagePosts

FOLDER = Path(__file__).parents[2] / "fixtures" / "facebook"
READER = FacebookPagePosts()
PAGE = "104512345678901"
POST = f"{PAGE}_512300000000001"


def file_source(path: Path) -> Source:
    return Source(str(path), lambda: path.open("rb"))


def read(name: str):
    records = list(READER.records(file_source(FOLDER / name)))
    return records, [READER.canonical(record) for record in records]


def first_post() -> dict:
    return json.loads((FOLDER / "page_posts.json").read_text())["data"][0]


def canonical_of(post):
    return READER.canonical(RawRecord(line=1, raw=orjson.dumps(post), value=post))


def test_each_post_of_data_is_a_record():
    records, rows = read("page_posts.json")
    assert [(r.line, r.item) for r in records] == [(1, 1), (1, 2)]
    records, rows = read("page_posts_pages.jsonl")
    assert [(r.line, r.item) for r in records] == [(1, 1), (2, 1)]


def test_the_post_and_its_comments_as_embedded_replies():
    _, rows = read("page_posts.json")
    post, question, answer, anonymous = rows[0].posts
    assert post["post_id"] == POST and post["account_id"] == PAGE
    assert post["kind"] == "original" and post["embedded"] is False
    assert post["created_at"] == datetime(2014, 4, 1, 9, 30, tzinfo=UTC)
    assert post["hashtags"] == ["verkeer"]
    assert post["urls"] == ["https://www.voorbeeld.nl/werkzaamheden"]
    assert [c["kind"] for c in (question, answer, anonymous)] == ["reply"] * 3
    assert all(c["embedded"] and c["conversation_id"] == POST for c in (question, answer))
    assert question["in_reply_to_post_id"] == POST and question["in_reply_to_account_id"] == PAGE
    # the page answers the citizen's comment (named in `parent`)
    assert answer["account_id"] == PAGE
    assert answer["in_reply_to_post_id"] == question["post_id"]
    assert answer["in_reply_to_account_id"] == "2298765432109876"
    assert anonymous["account_id"] is None and anonymous["in_reply_to_post_id"] == POST
    assert {a["account_id"] for a in rows[0].accounts} == {PAGE, "2298765432109876"}


def test_metrics_of_posts_and_comments():
    _, rows = read("page_posts.json")
    metrics = {m["post_id"]: m for m in rows[0].metrics}
    assert (metrics[POST]["likes"], metrics[POST]["reposts"], metrics[POST]["replies"]) == (
        12,
        3,
        3,
    )
    assert metrics[POST]["observed_at"] == datetime(2014, 4, 1, 9, 30, tzinfo=UTC)
    comment = metrics["512300000000001_600000000000011"]
    assert (comment["likes"], comment["replies"]) == (2, 1)


def test_message_tags_are_mentions_and_a_share_is_a_repost():
    _, rows = read("page_posts.json")
    assert rows[1].posts[1]["mentions"] == [PAGE]
    _, pages = read("page_posts_pages.jsonl")
    shared = pages[0].posts[0]
    assert shared["kind"] == "repost"
    assert shared["repost_of_post_id"] == "100998877665544_700000000000001"
    with_message = copy.deepcopy(
        json.loads((FOLDER / "page_posts_pages.jsonl").read_text().splitlines()[0])["data"][0]
    )
    with_message["message"] = "Lees dit!"
    quote = canonical_of(with_message).posts[0]
    assert (
        quote["kind"] == "quote" and quote["quote_of_post_id"] == "100998877665544_700000000000001"
    )


def test_handle_and_snapshot_from_the_from_object():
    post = first_post()
    post["from"].update(username="GemeenteVoorbeeld", followers_count=4210)
    result = canonical_of(post)
    assert result.posts[0]["handle"] == "gemeentevoorbeeld"
    assert result.posts[0]["author_followers"] == 4210
    (snapshot,) = [s for s in result.snapshots if s["account_id"] == PAGE]
    assert snapshot["followers"] == 4210
    assert snapshot["observed_at"] == datetime(2014, 4, 1, 9, 30, tzinfo=UTC)
    without = first_post()
    assert canonical_of(without).snapshots == []
    assert canonical_of(without).posts[0]["handle"] == PAGE


def test_a_post_without_from_belongs_to_the_page_in_its_id():
    post = first_post()
    del post["from"]
    result = canonical_of(post)
    assert result.posts[0]["account_id"] == PAGE


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.pop("id"), '"id" ontbreekt'),
        (lambda p: p.update(created_time="1 april"), 'tijd "1 april" in created_time'),
        (lambda p: p.pop("created_time"), '"created_time" ontbreekt'),
        (
            lambda p: p["comments"]["data"][1].pop("created_time"),
            r"comments.data\[1\].created_time",
        ),
        (lambda p: p.update(comments=[1, 2]), '"comments" heeft het verkeerde type'),
        (lambda p: p.update(message=["x"]), '"message" heeft het verkeerde type'),
    ],
)
def test_wrong_shapes_are_record_errors_in_dutch(change, message):
    post = first_post()
    change(post)
    with pytest.raises(RecordError, match=message):
        canonical_of(post)


def test_a_bad_line_is_a_record_with_an_error():
    lines = (FOLDER / "page_posts_pages.jsonl").read_bytes().splitlines()
    data = lines[0] + b'\n{"data": [\n' + lines[1] + b"\n"
    records = list(READER.records(Source("p.jsonl", lambda: io.BytesIO(data))))
    assert [(r.line, r.error is None) for r in records] == [(1, True), (2, False), (3, True)]


def test_sniff_accepts_graph_posts_and_rejects_other_formats():
    for path in FOLDER.glob("*.json*"):
        assert FacebookPagePosts.sniff(path.read_bytes()), path.name
    fixtures = FOLDER.parent
    for folder, pattern in (("mastodon", "*.json*"), ("bluesky", "*.json"), ("csvmap", "*.csv")):
        for path in (fixtures / folder).glob(pattern):
            assert not FacebookPagePosts.sniff(path.read_bytes()[:65536]), path.name
    x_v2 = b'{"data":[{"id":"1","author_id":"2","created_at":"2014-04-01T09:30:00.000Z"}]}'
    assert not FacebookPagePosts.sniff(x_v2)
