"""X API v2 pages asked without tweet.fields: only id, text and edit_history_tweet_ids.

Both pages are real responses recorded by tweepy (tests/fixtures/x/SOURCES.md). The
search page holds the posts of a test bot that writes the moment it posts into its
text ("2022-10-07 22:42:12.637103 tweepy"), so the time taken from each snowflake id
can be held against a time written by someone else.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from x_reading import X_FIXTURES, file_source, read

from meetlat.importer import COMPLETE, import_paths
from meetlat.platforms.catalog import readers
from meetlat.platforms.x.v2 import XApiV2
from meetlat.warehouse.connection import connect

READER = XApiV2()
SEARCH = X_FIXTURES / "v2_search_recent_default_fields.json"
TIMELINE = X_FIXTURES / "v2_users_tweets_default_fields.json"


def _snowflake_time(post_id: str) -> datetime:
    return datetime.fromtimestamp(((int(post_id) >> 22) + 1288834974657) / 1000, UTC)


@pytest.mark.parametrize("path", [SEARCH, TIMELINE])
def test_the_pages_are_recognised_as_x_v2(path):
    assert readers.detect(path.read_bytes()[:65536]) is XApiV2


def test_each_post_is_dated_by_its_id():
    outcomes = read(READER, file_source(SEARCH))
    assert len(outcomes) == 10 and all(o.problem is None for o in outcomes)
    for outcome in outcomes:
        post = outcome.post
        assert post["created_at"] == _snowflake_time(post["post_id"])
        written = datetime.fromisoformat(post["text"].removesuffix(" tweepy")).replace(tzinfo=UTC)
        # the bot wrote its clock into the text just before posting
        assert timedelta(0) <= post["created_at"] - written < timedelta(seconds=2)
    first = outcomes[0].post
    assert first["created_at"] == datetime(2022, 10, 7, 22, 42, 12, 752000, tzinfo=UTC)


def test_without_author_id_the_posts_have_no_author():
    outcomes = read(READER, file_source(TIMELINE))
    assert [o.post["post_id"] for o in outcomes] == ["1577730467436138524", "1565318587736285184"]
    assert {(o.post["account_id"], o.post["handle"]) for o in outcomes} == {(None, None)}
    assert all(o.rows.accounts == [] and o.rows.metrics == [] for o in outcomes)
    assert outcomes[1].post["created_at"] == datetime(2022, 9, 1, 12, 40, 8, 186000, tzinfo=UTC)


def test_imported_they_are_stored_with_the_time_of_their_id(workspace):
    summary = import_paths(workspace, [SEARCH, TIMELINE])
    assert (summary.posts_imported, summary.quarantined, summary.outcome()) == (12, 0, COMPLETE)
    posts = connect(workspace).table("posts").to_pandas()
    assert posts["created_at"].notna().all()
    by_id = dict(zip(posts["post_id"], posts["created_at"], strict=True))
    assert by_id["1578511538419212288"].to_pydatetime() == _snowflake_time("1578511538419212288")
