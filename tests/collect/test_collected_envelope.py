"""The readers and the profile envelope of `meetlat collect`: a page with its profile."""

import io
from datetime import UTC, datetime

import pytest
from loopback import FIXTURES

from meetlat.collect.base import envelope
from meetlat.collect.http import Response
from meetlat.platforms.base import RecordError, Source
from meetlat.platforms.catalog import readers

FETCHED = datetime(2026, 12, 1, 10, 30, tzinfo=UTC)


def _file(platform, profile, page):
    def answer(name):
        return Response("http://127.0.0.1/x?acct=a", 200, {}, (FIXTURES / name).read_bytes(),
                        FETCHED)  # fmt: skip

    return envelope(platform, answer(profile), answer(page))


def _read(data):
    reader = readers.detect(data[:65536])
    source = Source("collected.json", lambda: io.BytesIO(data))
    return reader, [(r, reader().canonical(r)) for r in reader().records(source)]


def test_a_mastodon_page_with_its_profile_is_detected_and_read():
    data = _file("mastodon", "mastodon/lookup.json", "mastodon/statuses_page1.json")
    reader, rows = _read(data)
    assert reader.name == "mastodon"
    assert [c.posts[0]["post_id"] for _, c in rows] == ["117020593741189701", "117020593378945190"]
    first, second = rows[0][1], rows[1][1]
    fetched = [s for s in first.snapshots if s["observed_at"] == FETCHED]
    assert [(s["followers"], s["following"], s["total_posts"]) for s in fetched] == [(0, 0, 3)]
    assert all(s["observed_at"] != FETCHED for s in second.snapshots)


def test_a_bluesky_feed_page_with_its_profile_is_detected_and_read():
    data = _file("bluesky", "bluesky/profile.json", "bluesky/feed_page1.json")
    reader, rows = _read(data)
    assert reader.name == "bluesky" and len(rows) == 2
    fetched = [s for s in rows[0][1].snapshots if s["observed_at"] == FETCHED]
    assert [(s["followers"], s["following"], s["total_posts"]) for s in fetched] == [
        (1250, 48, 312)
    ]
    assert rows[0][1].posts[0]["post_id"].endswith("3kikckraho22b")


def test_the_bodies_stay_byte_for_byte_inside_the_envelope():
    data = _file("bluesky", "bluesky/profile.json", "bluesky/feed_page1.json")
    assert (FIXTURES / "bluesky/profile.json").read_bytes() in data
    assert (FIXTURES / "bluesky/feed_page1.json").read_bytes() in data
    assert data.startswith(b'{"collected":{"platform":"bluesky","fetched_at":"2026-12-01T10:30')


def test_a_profile_that_is_no_account_sets_the_record_aside():
    bad = Response("u", 200, {}, b'{"note": "no account"}', FETCHED)
    page = Response("u", 200, {}, (FIXTURES / "mastodon/statuses_page2.json").read_bytes(), FETCHED)
    reader = readers.get("mastodon")
    source = Source("x.json", lambda: io.BytesIO(envelope("mastodon", bad, page)))
    records = list(reader().records(source))
    with pytest.raises(RecordError, match="acct"):
        reader().canonical(records[0])
