"""The X API v1.1 reader on real recorded responses (tweepy's cassettes)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

import orjson
import pytest
from x_reading import X_FIXTURES, read_bytes, read_file

from meetlat.platforms.base import RawRecord, RecordError
from meetlat.platforms.x.v1 import XApiV1
from meetlat.warehouse.schema import ACCOUNT_SNAPSHOTS, ACCOUNTS, POST_METRICS, POSTS

READER = XApiV1()


def raw(name: str):
    return json.loads((X_FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def home():
    return read_file(READER, "v1_home_timeline.json")


def test_an_array_gives_one_record_per_status(home):
    statuses = raw("v1_home_timeline.json")
    assert len(home) == 19 and all(o.problem is None for o in home)
    assert [o.record.item for o in home] == list(range(1, 20))
    assert [o.post["post_id"] for o in home] == [s["id_str"] for s in statuses]
    assert Counter(o.post["kind"] for o in home) == {"original": 14, "repost": 3, "reply": 2}


def test_ids_are_the_exact_id_str(home):
    for outcome, status in zip(home, raw("v1_home_timeline.json"), strict=True):
        assert outcome.post["post_id"] == status["id_str"] == str(status["id"])
        assert outcome.post["account_id"] == status["user"]["id_str"]


def test_repost_embeds_the_original_with_its_own_author(home):
    outcome = [o for o in home if o.post["post_id"] == "1144426235763802112"][0]
    post, original = outcome.rows.posts
    assert post["kind"] == "repost" and post["repost_of_post_id"] == "1144039018356719616"
    assert post["handle"] == "Twitter" and post["author_followers"] == 56335783
    assert post["mentions"] == ["kingushbal"]
    assert original["post_id"] == "1144039018356719616" and original["embedded"] is True
    assert original["account_id"] == "1305778243" and original["handle"] == "kingushbal"
    assert original["created_at"] == datetime(2019, 6, 27, 0, 25, 31, tzinfo=UTC)
    assert [m["post_id"] for m in outcome.rows.metrics] == ["1144039018356719616"]
    snapshots = {s["account_id"]: s for s in outcome.rows.snapshots}
    assert snapshots["1305778243"]["followers"] == 167129
    assert snapshots["783214"]["following"] == 140
    assert snapshots["783214"]["total_posts"] == 10829
    # v1.1 carries no collection time: observations are dated with the status itself
    assert {s["observed_at"] for s in snapshots.values()} == {post["created_at"]}


def test_replies(home):
    replies = [o.post for o in home if o.post["kind"] == "reply"]
    assert [
        (p["post_id"], p["in_reply_to_post_id"], p["in_reply_to_account_id"]) for p in replies
    ] == [
        ("1149016022558683136", "1143624280401502208", "783214"),
        ("1144673160777912322", "1124403401360596992", "783214"),
    ]
    assert replies[0]["urls"] == ["https://twitter.com/i/web/status/1149016022558683136"]


def test_times_are_utc(home):
    assert home[0].post["created_at"] == datetime(2019, 7, 13, 2, 27, 22, tzinfo=UTC)
    account = [a for a in home[0].rows.accounts if a["account_id"] == home[0].post["account_id"]]
    assert account[0]["created_at"].tzinfo is not None


def test_metrics(home):
    outcome = [o for o in home if o.post["post_id"] == "1149407582488059909"][0]
    (metrics,) = outcome.rows.metrics
    assert (metrics["likes"], metrics["reposts"]) == (242256, 60216)
    assert metrics["replies"] is None and metrics["views"] is None
    assert metrics["observed_at"] == outcome.post["created_at"]


def test_a_search_response_gives_its_statuses():
    outcomes = read_file(READER, "v1_search_tweets.json")
    statuses = raw("v1_search_tweets.json")["statuses"]
    assert [o.post["post_id"] for o in outcomes] == [s["id_str"] for s in statuses]
    assert Counter(o.post["kind"] for o in outcomes) == {"original": 8, "repost": 6, "reply": 1}
    for outcome, status in zip(outcomes, statuses, strict=True):
        assert outcome.record.raw == orjson.dumps(status)
        if status.get("retweeted_status"):
            assert outcome.post["repost_of_post_id"] == status["retweeted_status"]["id_str"]
            assert outcome.rows.posts[1]["embedded"] is True


def test_json_lines_of_statuses():
    outcomes = read_file(READER, "v1_user_timeline.jsonl")
    lines = (X_FIXTURES / "v1_user_timeline.jsonl").read_text(encoding="utf-8").splitlines()
    assert [o.record.line for o in outcomes] == list(range(1, 9))
    for outcome, line in zip(outcomes, lines, strict=True):
        status = json.loads(line)
        assert outcome.post["kind"] == "reply"
        assert outcome.post["in_reply_to_post_id"] == status["in_reply_to_status_id_str"]
        assert outcome.post["in_reply_to_account_id"] == status["in_reply_to_user_id_str"]
        assert outcome.post["mentions"] == [
            m["screen_name"].lower() for m in status["entities"]["user_mentions"]
        ]


def test_a_single_status_document():
    (outcome,) = read_file(READER, "v1_get_status.json")
    assert outcome.post["post_id"] == "266367358078169089"
    assert outcome.post["created_at"] == datetime(2012, 11, 8, 2, 31, 41, tzinfo=UTC)


def test_rows_have_exactly_the_schema_keys(home):
    for outcome in home:
        rows = outcome.rows
        assert all(set(p) == set(POSTS.names) for p in rows.posts)
        assert all(set(m) == set(POST_METRICS.names) for m in rows.metrics)
        assert all(set(a) == set(ACCOUNTS.names) for a in rows.accounts)
        assert all(set(s) == set(ACCOUNT_SNAPSHOTS.names) for s in rows.snapshots)


def quote_of_real_statuses() -> dict:
    """A quote status made of two real ones (the cassettes hold no quote): the first status
    of the home timeline quoting the second, with an extended_tweet as the streaming API
    gives for long statuses."""
    first, second = raw("v1_home_timeline.json")[:2]
    return {
        **first,
        "truncated": True,
        "is_quote_status": True,
        "quoted_status_id_str": second["id_str"],
        "quoted_status": second,
        "extended_tweet": {
            "full_text": "De volledige tekst #Meetlat https://t.co/x",
            "entities": {
                "hashtags": [{"text": "Meetlat", "indices": [19, 27]}],
                "user_mentions": [{"screen_name": "TweepyDev", "id_str": "1072250532645998596"}],
                "urls": [{"url": "https://t.co/x", "expanded_url": "https://example.nl/a"}],
            },
        },
    }


def test_quote_and_extended_tweet():
    status = quote_of_real_statuses()
    rows = READER.canonical(RawRecord(line=1, raw=orjson.dumps(status), value=status))
    post, quoted = rows.posts
    assert post["kind"] == "quote" and post["quote_of_post_id"] == "1149867427863379968"
    assert quoted["post_id"] == "1149867427863379968" and quoted["embedded"] is True
    assert post["text"] == "De volledige tekst #Meetlat https://t.co/x"
    assert post["hashtags"] == ["Meetlat"]
    assert post["mentions"] == ["tweepydev"]
    assert post["urls"] == ["https://example.nl/a"]


def test_a_reply_that_quotes_is_a_reply():
    status = {
        **quote_of_real_statuses(),
        "in_reply_to_status_id_str": "1149864874178224128",
        "in_reply_to_user_id_str": "1072250532645998596",
    }
    post = READER.canonical(RawRecord(line=1, raw=b"", value=status)).posts[0]
    assert post["kind"] == "reply" and post["in_reply_to_post_id"] == "1149864874178224128"
    assert post["quote_of_post_id"] == "1149867427863379968"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id_str": None}, "veld id_str ontbreekt (verwacht: een id als tekenreeks van cijfers)"),
        ({"id_str": 1149867886946783232}, "veld id_str is 1149867886946783232"),
        ({"created_at": "gisteren"}, 'tijd "gisteren" in created_at is geen datum'),
        ({"text": ["a"]}, 'veld text is ["a"] (verwacht: een tekst)'),
        ({"user": None}, "veld user ontbreekt (verwacht: het user-object van de auteur)"),
        ({"user": {"screen_name": "x"}}, "veld user.id_str ontbreekt"),
        ({"favorite_count": 1.5}, "veld favorite_count is 1.5 (verwacht: een geheel getal)"),
        ({"retweeted_status": {"text": "x"}}, "veld retweeted_status.id_str ontbreekt"),
        ({"entities": {"hashtags": "#a"}}, "veld entities.hashtags is"),
    ],
)
def test_wrong_shapes_raise_a_record_error_naming_the_field(change, message):
    status = {**raw("v1_get_status.json"), **change}
    status = {key: value for key, value in status.items() if value is not None}
    with pytest.raises(RecordError) as caught:
        READER.canonical(RawRecord(line=1, raw=b"", value=status))
    assert message in str(caught.value)


def test_lines_that_are_not_statuses():
    outcomes = read_bytes(READER, b'"tekst"\n\n{kapot\n')
    assert [o.record.line for o in outcomes] == [1, 3]
    assert outcomes[0].problem.startswith("verwacht een JSON-object (een status)")
    assert outcomes[1].problem.startswith("geen geldige JSON")


def test_lines_that_each_hold_a_response():
    statuses = raw("v1_home_timeline.json")
    search = raw("v1_search_tweets.json")
    data = orjson.dumps(statuses[:2]) + b"\n" + orjson.dumps(search) + b"\n"
    outcomes = read_bytes(READER, data)
    assert [(o.record.line, o.record.item) for o in outcomes] == [(1, 1), (1, 2)] + [
        (2, n) for n in range(1, 16)
    ]
    assert all(o.problem is None for o in outcomes)
    assert outcomes[2].post["post_id"] == search["statuses"][0]["id_str"]
