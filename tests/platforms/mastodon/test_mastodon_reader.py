"""The Mastodon reader on real API statuses (halcy/Mastodon.py cassettes)."""

from __future__ import annotations

import copy
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from meetlat.platforms.base import RawRecord, RecordError, Source
from meetlat.platforms.mastodon.html import html_to_text, parsed_text
from meetlat.platforms.mastodon.reader import MastodonStatuses

FOLDER = Path(__file__).parents[2] / "fixtures" / "mastodon"
READER = MastodonStatuses()


def file_source(path: Path) -> Source:
    return Source(str(path), lambda: path.open("rb"))


def read(name: str):
    records = list(READER.records(file_source(FOLDER / name)))
    return records, [READER.canonical(record) for record in records]


def statuses() -> list[dict]:
    lines = (FOLDER / "statuses.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def canonical_of(status: dict):
    return READER.canonical(RawRecord(line=1, raw=orjson.dumps(status), value=status))


def test_a_timeline_array_gives_one_record_per_status():
    records, rows = read("public_timeline.json")
    assert [(r.line, r.item) for r in records] == [(1, i) for i in range(1, 9)]
    posts = [c.posts[0] for c in rows]
    assert len({p["post_id"] for p in posts}) == 8
    assert {p["kind"] for p in posts} == {"original"}
    assert {p["handle"] for p in posts} == {
        "admin@localhost:3000",
        "mastodonpy_test_2@localhost:3000",
    }
    assert not any(p["embedded"] for p in posts)


def test_status_lines_keep_their_line_numbers_and_reply_linkage():
    records, rows = read("statuses.jsonl")
    assert [r.line for r in records] == [1, 2, 3, 4, 5]
    posts = [c.posts[0] for c in rows]
    assert [p["kind"] for p in posts] == ["original", "original", "reply", "original", "reply"]
    original, reply = posts[1], posts[2]
    assert reply["in_reply_to_post_id"] == original["post_id"] == "117020583245459824"
    assert reply["in_reply_to_account_id"] == original["account_id"] == "117020566092212359"
    assert reply["account_id"] != original["account_id"]
    direct = posts[4]  # answers a status that is not in the data
    assert direct["in_reply_to_post_id"] == "117020588315335369"
    assert direct["in_reply_to_account_id"] == "117020565966271181"


def test_text_mentions_tags_and_language():
    _, rows = read("statuses.jsonl")
    reply = rows[2].posts[0]
    assert reply["text"] == "@mastodonpy_test_2 same!"
    assert reply["mentions"] == ["mastodonpy_test_2@localhost:3000"]  # local: url host
    assert reply["language"] == "en" and rows[1].posts[0]["language"] == "ja"
    _, tagged = read("hashtag_timeline.json")
    post = tagged[0].posts[0]
    assert post["hashtags"] == ["hoot"] and post["text"] == "#hoot (hashtag toot)"
    assert post["urls"] == []  # the hashtag link is not a url of the post
    _, timeline = read("public_timeline.json")
    assert timeline[1].posts[0]["text"] == "you can't say that on television"


def test_times_are_utc_and_ids_exact_strings():
    _, rows = read("statuses.jsonl")
    post = rows[0].posts[0]
    assert post["created_at"] == datetime(2026, 8, 1, 13, 53, 15, 378000, tzinfo=UTC)
    assert post["post_id"] == "117020583223442465" and isinstance(post["account_id"], str)


def test_account_snapshot_and_metrics_observed_at_the_post_time():
    _, rows = read("statuses.jsonl")
    first = rows[0]
    assert first.accounts == [
        {
            "platform": "mastodon",
            "account_id": "117020565966271181",
            "handle": "mastodonpy_test@localhost:3000",
            "display_name": "John Lennon",
            "created_at": datetime(2026, 8, 1, tzinfo=UTC),
            "source_file": None,
        }
    ]
    created = first.posts[0]["created_at"]
    assert first.snapshots == [
        {
            "platform": "mastodon",
            "account_id": "117020565966271181",
            "handle": "mastodonpy_test@localhost:3000",
            "observed_at": created,
            "followers": 0,
            "following": 0,
            "total_posts": 23,
            "source_file": None,
        }
    ]
    assert first.posts[0]["author_followers"] == 0
    (metrics,) = first.metrics
    assert (metrics["likes"], metrics["reposts"], metrics["replies"], metrics["quotes"]) == (
        0,
        0,
        0,
        0,
    )
    assert metrics["views"] is None and metrics["observed_at"] == created


def test_a_reblog_is_a_repost_of_an_embedded_original_with_its_own_account():
    # No reblog was recorded: wrap a real status the way the API does (a status whose
    # `reblog` holds the original and whose own content is empty).
    rows = statuses()
    wrapper = copy.deepcopy(rows[3])  # by admin
    wrapper.update(id="117020600000000001", content="", reblog=rows[1], mentions=[], tags=[])
    result = canonical_of(wrapper)
    own, original = result.posts
    assert own["kind"] == "repost" and own["repost_of_post_id"] == "117020583245459824"
    assert own["text"] is None and own["embedded"] is False
    assert original["post_id"] == "117020583245459824" and original["embedded"] is True
    assert original["account_id"] == "117020566092212359" != own["account_id"]
    assert {a["handle"] for a in result.accounts} == {
        "admin@localhost:3000",
        "mastodonpy_test_2@localhost:3000",
    }
    assert [m["post_id"] for m in result.metrics] == ["117020583245459824"]


def test_quotes_of_mastodon_4_4_full_and_shallow():
    rows = statuses()
    quoting = copy.deepcopy(rows[0])
    quoting["quote"] = {"state": "accepted", "quoted_status": rows[1]}
    result = canonical_of(quoting)
    assert result.posts[0]["kind"] == "quote"
    assert result.posts[0]["quote_of_post_id"] == "117020583245459824"
    assert result.posts[1]["embedded"] is True
    shallow = copy.deepcopy(rows[0])
    shallow["quote"] = {"state": "accepted", "quoted_status_id": "117020583245459824"}
    only = canonical_of(shallow)
    assert len(only.posts) == 1 and only.posts[0]["quote_of_post_id"] == "117020583245459824"
    reply_quoting = copy.deepcopy(rows[2])
    reply_quoting["quote"] = {"state": "accepted", "quoted_status_id": "1"}
    assert canonical_of(reply_quoting).posts[0]["kind"] == "reply"


def test_html_paragraphs_breaks_and_links():
    content = (
        '<p>Werk aan de weg<br />tot vrijdag.</p><p>Zie <a href="https://www.voorbeeld.nl/'
        'werk/stationsstraat" rel="nofollow"><span class="invisible">https://www.</span>'
        '<span class="ellipsis">voorbeeld.nl/werk/stat</span><span class="invisible">'
        'ionsstraat</span></a> &amp; <a href="https://x/tags/weg" class="mention hashtag" '
        'rel="tag">#<span>weg</span></a></p>'
    )
    text, links = html_to_text(content)
    assert text == (
        "Werk aan de weg\ntot vrijdag.\n\nZie https://www.voorbeeld.nl/werk/stationsstraat & #weg"
    )
    assert links == ["https://www.voorbeeld.nl/werk/stationsstraat"]


def test_the_quick_path_for_plain_paragraphs_gives_what_the_parser_gives():
    contents = [s["content"] for s in statuses()]
    contents += [s["content"] for s in json.loads((FOLDER / "public_timeline.json").read_text())]
    contents += ["<p>a &amp; b<br>c</p><p>d &lt;e&gt;</p>", "<p>één</p>\n<p>twee<br/>drie</p>"]
    for content in contents:
        assert html_to_text(content) == parsed_text(content), content


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda s: s.pop("account"), '"account" ontbreekt'),
        (lambda s: s.update(created_at="gisteren"), "in created_at is geen datum"),
        (lambda s: s.update(id=None), '"id" ontbreekt'),
        (lambda s: s["account"].pop("id"), '"account.id" ontbreekt'),
        (lambda s: s.update(mentions="admin"), '"mentions" heeft het verkeerde type'),
        (lambda s: s.update(reblog={"id": "1"}), "reblog is geen Mastodon-status"),
        (lambda s: s.update(reblog={"id": "1", "content": ""}), '"reblog.created_at" ontbreekt'),
    ],
)
def test_wrong_shapes_are_record_errors_in_dutch(change, field):
    status = copy.deepcopy(statuses()[0])
    change(status)
    with pytest.raises(RecordError, match=field):
        canonical_of(status)


def test_a_notification_is_not_a_status():
    notification = {"id": "21", "type": "mention", "created_at": "2026-08-01T13:51:42.823Z"}
    notification["account"] = statuses()[0]["account"]
    with pytest.raises(RecordError, match="het record is geen Mastodon-status"):
        canonical_of(notification)


def test_a_record_that_is_not_an_object():
    with pytest.raises(RecordError, match="geen JSON-object"):
        READER.canonical(RawRecord(line=1, raw=b"42", value=42))


def test_a_bad_line_is_a_record_with_an_error_and_the_rest_is_read():
    good = (FOLDER / "statuses.jsonl").read_bytes().splitlines()[0]
    data = good + b"\n{kapot\n\n" + good + b"\n"
    records = list(READER.records(Source("t.jsonl", lambda: io.BytesIO(data))))
    assert [r.line for r in records] == [1, 2, 4]
    assert records[1].error and "JSON" in records[1].error
    assert records[2].value["id"] == "117020583223442465"


def test_sniff_accepts_statuses_and_rejects_other_formats():
    for path in FOLDER.glob("*.json*"):
        assert MastodonStatuses.sniff(path.read_bytes()[:65536]), path.name
    fixtures = FOLDER.parent
    others = [
        *sorted((fixtures / "bluesky").glob("*.json")),
        *sorted((fixtures / "facebook").glob("*.json*")),
        *sorted((fixtures / "csvmap").glob("*.csv")),
    ]
    for path in others:
        assert not MastodonStatuses.sniff(path.read_bytes()[:65536]), path.name
    x_v1 = b'{"created_at":"Wed Oct 10 20:19:24 +0000 2018","id":1,"id_str":"1",'
    x_v1 += b'"in_reply_to_status_id":null,"user":{"id_str":"2","favourites_count":1}}'
    x_v2 = b'{"data":[{"id":"1","author_id":"2","text":"hoi"}],"includes":{"users":[]}}'
    assert not MastodonStatuses.sniff(x_v1) and not MastodonStatuses.sniff(x_v2)
