"""The X API v2 reader on real twarc2 output (DocNow/twarc-csv test data)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

import orjson
import pytest
from x_reading import X_FIXTURES, read_bytes, read_file

from meetlat.platforms.base import RawRecord, RecordError
from meetlat.platforms.x.v2 import XApiV2
from meetlat.warehouse.schema import ACCOUNT_SNAPSHOTS, ACCOUNTS, POST_METRICS, POSTS

READER = XApiV2()


def raw_page(name: str = "noflat.jsonl") -> dict:
    return json.loads((X_FIXTURES / name).read_text(encoding="utf-8").splitlines()[0])


@pytest.fixture(scope="module")
def noflat():
    return read_file(READER, "noflat.jsonl")


def by_id(outcomes) -> dict[str, dict]:
    return {o.post["post_id"]: o.post for o in outcomes}


def test_a_page_gives_one_record_per_tweet(noflat):
    page = raw_page()
    assert len(noflat) == 100
    assert all(o.problem is None for o in noflat)
    assert [o.record.item for o in noflat] == list(range(1, 101))
    assert {o.record.line for o in noflat} == {1}
    assert [o.post["post_id"] for o in noflat] == [t["id"] for t in page["data"]]
    for outcome, tweet in zip(noflat, page["data"], strict=True):
        assert outcome.record.raw == orjson.dumps(tweet)
        assert outcome.post["embedded"] is False


def test_kinds_follow_referenced_tweets(noflat):
    kinds = Counter(o.post["kind"] for o in noflat)
    assert kinds == {"repost": 47, "reply": 31, "quote": 8, "original": 14}
    expected = {}
    for tweet in raw_page()["data"]:
        types = {ref["type"] for ref in tweet.get("referenced_tweets", [])}
        expected[tweet["id"]] = (
            "reply"
            if "replied_to" in types
            else "repost"
            if "retweeted" in types
            else "quote"
            if "quoted" in types
            else "original"
        )
    assert {o.post["post_id"]: o.post["kind"] for o in noflat} == expected


def test_reply_linkage(noflat):
    raw = {t["id"]: t for t in raw_page()["data"]}
    replies = [o.post for o in noflat if o.post["kind"] == "reply"]
    for post in replies:
        tweet = raw[post["post_id"]]
        (target,) = [r["id"] for r in tweet["referenced_tweets"] if r["type"] == "replied_to"]
        assert post["in_reply_to_post_id"] == target
        assert post["in_reply_to_account_id"] == tweet["in_reply_to_user_id"]
    post = by_id(noflat)["1380242586288328707"]
    assert post["in_reply_to_post_id"] == "1380229267770933248"
    assert post["in_reply_to_account_id"] == "1142605723601264640"
    assert post["conversation_id"] == "1380220754978086917"


def test_addressed_but_not_answering_is_an_original(noflat):
    # in_reply_to_user_id is set (the text starts with @POTUS) but no tweet is answered
    post = by_id(noflat)["1380242449700847616"]
    assert post["kind"] == "original"
    assert post["in_reply_to_post_id"] is None and post["in_reply_to_account_id"] is None


def test_repost_embeds_its_original_with_its_own_metrics(noflat):
    first = noflat[0]
    post = first.post
    assert post["kind"] == "repost"
    assert post["repost_of_post_id"] == "1380175475545362437"
    original = [p for p in first.rows.posts if p["post_id"] == "1380175475545362437"]
    assert len(original) == 1 and original[0]["embedded"] is True
    assert original[0]["account_id"] == "2718660392"
    assert original[0]["handle"] == "williamserafino"
    assert original[0]["author_followers"] == 28341
    metrics = {m["post_id"]: m for m in first.rows.metrics}
    assert "1380242611781386245" not in metrics  # a retweet's counts are its original's
    assert metrics["1380175475545362437"]["likes"] == 241
    assert metrics["1380175475545362437"]["reposts"] == 410


def test_quote_linkage(noflat):
    raw = {t["id"]: t for t in raw_page()["data"]}
    quotes = [o for o in noflat if o.post["kind"] == "quote"]
    assert len(quotes) == 8
    for outcome in quotes:
        references = raw[outcome.post["post_id"]]["referenced_tweets"]
        (target,) = [r["id"] for r in references if r["type"] == "quoted"]
        assert outcome.post["quote_of_post_id"] == target
    embedded = {p["post_id"] for o in noflat for p in o.rows.posts[1:]}
    assert all(o.post["quote_of_post_id"] in embedded for o in quotes)


def test_every_referenced_tweet_is_embedded_once(noflat):
    page = raw_page()
    in_data = {t["id"] for t in page["data"]}
    referenced = {r["id"] for t in page["data"] for r in t.get("referenced_tweets", [])}
    embedded = [p for o in noflat for p in o.rows.posts[1:]]
    assert all(p["embedded"] for p in embedded)
    assert sorted(p["post_id"] for p in embedded) == sorted(referenced - in_data)
    assert len(embedded) == 64


def test_entities(noflat):
    posts = by_id(noflat)
    assert posts["1380242611781386245"]["mentions"] == ["williamserafino"]
    hashtagged = [p for p in posts.values() if p["hashtags"]]
    assert {"incompetentMoron"} <= {tag for p in hashtagged for tag in p["hashtags"]}
    with_urls = [p for p in posts.values() if p["urls"]]
    assert with_urls and all(u.startswith("http") for p in with_urls for u in p["urls"])
    assert not any("t.co/" in u for p in with_urls for u in p["urls"])
    every_mention = [m for p in posts.values() for m in p["mentions"]]
    assert every_mention and all(m == m.lower() for m in every_mention)
    assert any(p["mentions"] != [] and "POTUS" in p["text"] for p in posts.values())


def test_times_are_utc_and_ids_exact_strings(noflat):
    post = noflat[0].post
    assert post["created_at"] == datetime(2021, 4, 8, 19, 34, 16, tzinfo=UTC)
    for outcome in noflat:
        for row in outcome.rows.posts:
            assert row["created_at"].utcoffset().total_seconds() == 0
            assert type(row["post_id"]) is str and row["post_id"].isdigit()
            assert type(row["account_id"]) is str and row["account_id"].isdigit()


def test_users_of_includes_become_accounts_and_snapshots_once(noflat):
    page = raw_page()
    accounts = [a for o in noflat for a in o.rows.accounts]
    snapshots = [s for o in noflat for s in o.rows.snapshots]
    assert sorted(a["account_id"] for a in accounts) == sorted(
        u["id"] for u in page["includes"]["users"]
    )
    assert len(snapshots) == 178
    retrieved = datetime(2021, 4, 8, 19, 34, 32, tzinfo=UTC)
    assert {s["observed_at"] for s in snapshots} == {retrieved}
    alexandra = [s for s in snapshots if s["account_id"] == "1352661060663336960"]
    assert alexandra == [
        {
            "platform": "x",
            "account_id": "1352661060663336960",
            "handle": "Alexandravm12",
            "observed_at": retrieved,
            "followers": 58,
            "following": 49,
            "total_posts": 14483,
            "source_file": None,
        }
    ]
    # the author arrives with the first tweet that needs it
    assert "1352661060663336960" in {a["account_id"] for a in noflat[0].rows.accounts}
    account = [a for a in accounts if a["account_id"] == "1352661060663336960"][0]
    assert account["display_name"] == "Alexandra Machado"
    assert account["created_at"] == datetime(2021, 1, 22, 16, 55, 15, tzinfo=UTC)


def test_author_followers_and_handle_from_includes(noflat):
    post = noflat[0].post
    assert post["handle"] == "Alexandravm12"
    assert post["author_followers"] == 58


def test_metrics_rows(noflat):
    metrics = [m for o in noflat for m in o.rows.metrics]
    reposts = sum(1 for o in noflat if o.post["kind"] == "repost")
    assert len(metrics) == 100 - reposts + 64
    reply = [m for m in metrics if m["post_id"] == "1380242586288328707"][0]
    tweet = [t for t in raw_page()["data"] if t["id"] == "1380242586288328707"][0]
    counts = tweet["public_metrics"]
    assert (reply["likes"], reply["reposts"], reply["replies"], reply["quotes"]) == (
        counts["like_count"],
        counts["retweet_count"],
        counts["reply_count"],
        counts["quote_count"],
    )
    assert reply["views"] is None
    assert reply["observed_at"] == datetime(2021, 4, 8, 19, 34, 32, tzinfo=UTC)


def test_views_from_impression_count():
    (outcome,) = read_file(READER, "verified_type.jsonl")
    (metrics,) = outcome.rows.metrics
    assert metrics["views"] == 139075 and metrics["likes"] == 745
    assert outcome.post["handle"] == "TwitterDev"
    assert outcome.post["author_followers"] == 556601
    assert len(outcome.rows.posts) == 1  # the pinned tweet in includes is not referenced


def test_rows_have_exactly_the_schema_keys(noflat):
    for outcome in noflat:
        rows = outcome.rows
        assert all(set(p) == set(POSTS.names) for p in rows.posts)
        assert all(set(m) == set(POST_METRICS.names) for m in rows.metrics)
        assert all(set(a) == set(ACCOUNTS.names) for a in rows.accounts)
        assert all(set(s) == set(ACCOUNT_SNAPSHOTS.names) for s in rows.snapshots)
        assert all(p["source_file"] is None and p["record_hash"] is None for p in rows.posts)


def test_flattened_lines_give_the_same_posts_as_the_page(noflat):
    flat = read_file(READER, "flat.jsonl")
    assert len(flat) == 25 and all(o.problem is None for o in flat)
    assert all(o.record.item is None for o in flat)
    assert [o.record.line for o in flat] == list(range(1, 26))
    for outcome, paged in zip(flat, noflat[:25], strict=False):
        assert outcome.post == paged.post
        own = outcome.post["post_id"]
        assert [m for m in outcome.rows.metrics if m["post_id"] == own] == [
            m for m in paged.rows.metrics if m["post_id"] == own
        ]
    first = flat[0].rows
    assert first.posts[1]["post_id"] == "1380175475545362437"
    assert first.posts[1]["embedded"] is True
    assert {"1352661060663336960", "2718660392"} <= {a["account_id"] for a in first.accounts}
    assert {s["observed_at"] for s in first.snapshots} == {
        datetime(2021, 4, 8, 19, 34, 32, tzinfo=UTC)
    }


def test_stream_with_a_broken_line():
    outcomes = read_file(READER, "streaming_output_with_error.jsonl")
    lines = (X_FIXTURES / "streaming_output_with_error.jsonl").read_bytes().split(b"\n")
    assert [o.record.line for o in outcomes] == list(range(1, 9))
    good, bad = outcomes[:7], outcomes[7]
    assert bad.rows is None and bad.problem.startswith("geen geldige JSON")
    raw = [json.loads(line)["data"] for line in lines[:7]]
    for outcome, tweet, line in zip(good, raw, lines, strict=False):
        assert outcome.problem is None
        assert outcome.record.raw == line.strip()
        assert outcome.post["post_id"] == tweet["id"]
        refs = {r["type"]: r["id"] for r in tweet.get("referenced_tweets", [])}
        assert outcome.post["in_reply_to_post_id"] == refs.get("replied_to")
        assert outcome.post["quote_of_post_id"] == refs.get("quoted")
    assert Counter(o.post["kind"] for o in good) == {"reply": 3, "original": 3, "quote": 1}
    assert all(o.rows.snapshots for o in good)
    assert good[0].rows.snapshots[0]["observed_at"].tzinfo is not None


def test_error_lines_are_reported_and_empty_pages_are_no_records():
    data = (
        b'{"errors": [{"title": "operational-disconnect", "detail": "This stream has been'
        b' disconnected"}]}\n'
        b'{"meta": {"result_count": 0}, "__twarc": {"retrieved_at": "2021-04-08T19:34:32+00:00"}}\n'
        b"\n"
        b"[1, 2]\n"
        b"not json\n"
    )
    outcomes = read_bytes(READER, data)
    assert [o.record.line for o in outcomes] == [1, 4, 5]
    assert outcomes[0].problem == (
        "geen tweets in deze regel: operational-disconnect: This stream has been disconnected"
    )
    assert outcomes[1].problem.startswith("verwacht een JSON-object")
    assert outcomes[2].problem.startswith("geen geldige JSON")


TWEET = {
    "id": "1380242611781386245",
    "created_at": "2021-04-08T19:34:16.000Z",
    "text": "hallo",
    "author_id": "1352661060663336960",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": None}, "veld id ontbreekt (verwacht: een id als tekenreeks van cijfers)"),
        ({"id": 1380242611781386245}, "veld id is 1380242611781386245 (verwacht: een id"),
        (
            {"created_at": None, "id": "20"},  # without created_at, an id from before snowflakes
            "veld created_at ontbreekt en id 20 is te oud om de tijd te bevatten",
        ),
        ({"created_at": "gisteren"}, 'tijd "gisteren" in created_at is geen datum'),
        ({"text": 5}, "veld text is 5 (verwacht: een tekst)"),
        ({"author_id": 5}, "veld author_id is 5 (verwacht: een id"),
        ({"public_metrics": {"like_count": "veel"}}, "veld public_metrics.like_count is"),
        ({"referenced_tweets": [{"type": "quoted"}]}, "veld referenced_tweets.id ontbreekt"),
        ({"entities": {"mentions": [{"username": 7}]}}, "veld entities.mentions.username is 7"),
        ({"entities": []}, "veld entities is [] (verwacht: een object)"),
    ],
)
def test_wrong_shapes_raise_a_record_error_naming_the_field(change, message):
    tweet = {**TWEET, **change}
    tweet = {key: value for key, value in tweet.items() if value is not None}
    with pytest.raises(RecordError) as caught:
        READER.canonical(RawRecord(line=1, raw=orjson.dumps(tweet), value=tweet))
    assert message in str(caught.value)


def test_a_bare_v2_tweet_without_expansions():
    line = orjson.dumps({**TWEET, "lang": "nl", "public_metrics": {"like_count": 2}})
    (outcome,) = read_bytes(READER, line + b"\n")
    post = outcome.post
    assert (post["post_id"], post["kind"], post["language"]) == (TWEET["id"], "original", "nl")
    assert post["handle"] is None and post["author_followers"] is None
    assert outcome.rows.accounts == [] and outcome.rows.snapshots == []
    assert outcome.rows.metrics[0]["observed_at"] == post["created_at"]
    assert outcome.rows.metrics[0]["likes"] == 2


def test_a_reply_that_quotes_is_a_reply():
    tweet = {
        **TWEET,
        "referenced_tweets": [
            {"type": "quoted", "id": "1380175475545362437"},
            {"type": "replied_to", "id": "1380239988500897796"},
        ],
        "in_reply_to_user_id": "939091",
    }
    rows = READER.canonical(RawRecord(line=1, raw=orjson.dumps(tweet), value=tweet))
    post = rows.posts[0]
    assert post["kind"] == "reply"
    assert post["in_reply_to_post_id"] == "1380239988500897796"
    assert post["quote_of_post_id"] == "1380175475545362437"


def test_a_long_post_keeps_its_full_text():
    tweet = {**TWEET, "text": "kort…", "note_tweet": {"text": "de hele lange tekst"}}
    rows = READER.canonical(RawRecord(line=1, raw=orjson.dumps(tweet), value=tweet))
    assert rows.posts[0]["text"] == "de hele lange tekst"


def page_line(**changes) -> bytes:
    page = raw_page("verified_type.jsonl")
    page.update(changes)
    return orjson.dumps(page) + b"\n"


def test_a_page_with_broken_includes_is_one_record_with_its_error():
    (outcome,) = read_bytes(READER, page_line(includes={"users": [{"username": "a"}]}))
    assert outcome.record.line == 1 and outcome.rows is None
    assert outcome.problem == (
        "veld includes.users.id ontbreekt (verwacht: een id als tekenreeks van cijfers)"
    )
    (outcome,) = read_bytes(READER, page_line(data="tweets"))
    assert outcome.problem == 'veld data is "tweets" (verwacht: een lijst van tweets)'


def test_an_item_of_a_page_that_is_no_tweet():
    outcomes = read_bytes(READER, page_line(data=[5, raw_page("verified_type.jsonl")["data"][0]]))
    assert [o.record.item for o in outcomes] == [1, 2]
    assert outcomes[0].problem == "veld data is 5 (verwacht: een tweet-object)"
    assert outcomes[1].problem is None
    assert outcomes[1].rows.accounts  # the users go to the first tweet that can be read


def test_a_broken_user_or_referenced_tweet_is_named():
    page = raw_page("verified_type.jsonl")
    user = {**page["includes"]["users"][0], "public_metrics": {"followers_count": "veel"}}
    (outcome,) = read_bytes(READER, page_line(includes={"users": [user]}))
    assert outcome.problem.startswith('veld author.public_metrics.followers_count is "veel"')
    user = {**page["includes"]["users"][0], "public_metrics": {"tweet_count": -1.5}}
    (outcome,) = read_bytes(READER, page_line(includes={"users": [user]}))
    assert outcome.problem.startswith('bij gebruiker "2244994945": veld public_metrics.tweet_count')
    tweet = {**TWEET, "referenced_tweets": [{"type": "retweeted", "id": "9"}]}
    included = {"id": "9", "text": "x", "author_id": "1"}
    (outcome,) = read_bytes(READER, page_line(data=[tweet], includes={"tweets": [included]}))
    assert outcome.problem.startswith(
        'in de tweet "9" waarnaar verwezen wordt: veld created_at ontbreekt en id 9 is te oud'
    )
