"""The X account archive reader on a tweets.js written by hand after the documented layout."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest
from x_reading import X_FIXTURES, bytes_source, file_source, read

from meetlat.platforms.base import RawRecord, RecordError
from meetlat.platforms.x.archive import XArchiveTweets
from meetlat.warehouse.schema import ACCOUNTS, POST_METRICS, POSTS

READER = XArchiveTweets()
ARCHIVE = X_FIXTURES / "archive"
ACCOUNT = "1200000000000000001"


@pytest.fixture(scope="module")
def archive():
    return read(READER, file_source(ARCHIVE / "tweets.js"))


def test_one_record_per_tweet(archive):
    assert [o.record.item for o in archive] == [1, 2, 3, 4]
    assert {o.record.line for o in archive} == {1}
    assert all(o.problem is None for o in archive)
    assert [o.post["post_id"] for o in archive] == [
        "1764572739793846273",
        "1764573368939446273",
        "1764638212879286273",
        "1764916253291446273",
    ]


def test_kinds_and_linkage(archive):
    posts = [o.post for o in archive]
    assert [p["kind"] for p in posts] == ["original", "reply", "reply", "repost"]
    assert posts[1]["in_reply_to_post_id"] == "1764572739793846273"  # a thread
    assert posts[1]["in_reply_to_account_id"] == ACCOUNT
    assert posts[2]["in_reply_to_post_id"] == "1764631929811898385"  # a citizen's question
    assert posts[2]["in_reply_to_account_id"] == "987654321"
    assert posts[3]["repost_of_post_id"] is None  # the archive does not name the original
    assert all(p["embedded"] is False for p in posts)


def test_the_author_comes_from_account_js(archive):
    assert {(o.post["account_id"], o.post["handle"]) for o in archive} == {
        (ACCOUNT, "gemeentevoorbeeld")
    }
    assert archive[0].rows.accounts == [
        {
            "platform": "x",
            "account_id": ACCOUNT,
            "handle": "gemeentevoorbeeld",
            "display_name": "Gemeente Voorbeeld",
            "created_at": datetime(2019, 11, 12, 10, 0, tzinfo=UTC),
            "source_file": None,
        }
    ]
    assert all(o.rows.accounts == [] for o in archive[1:])
    assert all(o.rows.snapshots == [] for o in archive)  # the archive holds no counts


def test_entities_times_and_string_counts(archive):
    first = archive[0]
    assert first.post["created_at"] == datetime(2024, 3, 4, 8, 45, tzinfo=UTC)
    assert first.post["hashtags"] == ["afval"]
    assert first.post["urls"] == ["https://www.example.nl/afvalpas"]
    assert first.post["language"] == "nl"
    assert archive[2].post["mentions"] == ["inwoner_jan"]
    (metrics,) = first.rows.metrics
    assert (metrics["likes"], metrics["reposts"]) == (12, 3)
    assert metrics["observed_at"] == first.post["created_at"]
    assert archive[3].rows.metrics == []  # a repost's counts are its original's


def test_rows_have_exactly_the_schema_keys(archive):
    for outcome in archive:
        assert all(set(p) == set(POSTS.names) for p in outcome.rows.posts)
        assert all(set(m) == set(POST_METRICS.names) for m in outcome.rows.metrics)
        assert all(set(a) == set(ACCOUNTS.names) for a in outcome.rows.accounts)


def test_without_account_js_the_author_is_unknown(tmp_path):
    shutil.copy(ARCHIVE / "tweets.js", tmp_path / "tweets.js")
    outcomes = read(READER, file_source(tmp_path / "tweets.js"))
    assert len(outcomes) == 4
    assert {o.post["account_id"] for o in outcomes} == {None}
    assert all(o.rows.accounts == [] for o in outcomes)


def test_older_archives_and_a_closing_semicolon():
    data = (
        b'window.YTD.tweet.part0 = [ {"tweet": {"id_str": "1764572739793846273",'
        b' "created_at": "Mon Mar 04 08:45:00 +0000 2024", "full_text": "hallo",'
        b' "user_id_str": "42"}} ];\n'
    )
    assert READER.sniff(data)
    (outcome,) = read(READER, bytes_source(data, "tweet.js"))
    assert outcome.post["account_id"] == "42" and outcome.post["text"] == "hallo"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"window.YTD.tweets.part0 [", "geen toewijzing"),
        (b"window.YTD.tweets.part0 = {}", "verwacht een lijst van tweets"),
        (b"window.YTD.tweets.part0 = [ {", "geen geldige JSON"),
    ],
)
def test_a_broken_file_is_one_record_with_its_error(data, message):
    (outcome,) = read(READER, bytes_source(data, "tweets.js"))
    assert outcome.problem.startswith(message)


@pytest.mark.parametrize(
    ("tweet", "message"),
    [
        ({"created_at": "Mon Mar 04 08:45:00 +0000 2024", "full_text": "x"}, "veld id_str"),
        ({"id_str": "1", "full_text": "x"}, "in created_at is geen datum"),
        ({"id_str": "1", "created_at": "Mon Mar 04 08:45:00 +0000 2024"}, "veld text"),
        (
            {
                "id_str": "1",
                "created_at": "Mon Mar 04 08:45:00 +0000 2024",
                "full_text": "x",
                "favorite_count": "veel",
            },
            'veld favorite_count is "veel" (verwacht: een geheel getal)',
        ),
    ],
)
def test_wrong_shapes_raise_a_record_error(tweet, message):
    with pytest.raises(RecordError) as caught:
        READER.canonical(RawRecord(line=1, raw=b"", value={"tweet": tweet}, item=2))
    assert message in str(caught.value)
