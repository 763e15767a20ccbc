"""Each X reader recognises its own files and no one else's."""

from __future__ import annotations

import pytest
from x_reading import X_FIXTURES

from meetlat.platforms.x import sniffing
from meetlat.platforms.x.archive import XArchiveTweets
from meetlat.platforms.x.v1 import XApiV1
from meetlat.platforms.x.v2 import XApiV2

X_READERS = [XApiV2, XApiV1, XArchiveTweets]
OWN = {
    "noflat.jsonl": XApiV2,
    "flat.jsonl": XApiV2,
    "streaming_output_with_error.jsonl": XApiV2,
    "verified_type.jsonl": XApiV2,
    "v1_home_timeline.json": XApiV1,
    "v1_search_tweets.json": XApiV1,
    "v1_get_status.json": XApiV1,
    "v1_user_timeline.jsonl": XApiV1,
    "archive/tweets.js": XArchiveTweets,
}

# The shapes of the other platforms' payloads (abridged from real ones: a Mastodon.py
# cassette status, atproto's post_record.json, a Graph API page of posts).
FOREIGN = {
    "mastodon status lines": (
        b'{"id":"117020583223442465","created_at":"2026-08-01T13:53:15.378Z",'
        b'"in_reply_to_id":null,"in_reply_to_account_id":null,"language":"en",'
        b'"uri":"http://localhost:3000/ap/users/117020565966271181/statuses/117020583223442465",'
        b'"content":"<p>Toot!</p>","reblog":null,"text":null,'
        b'"account":{"id":"117020565966271181","username":"mastodonpy_test"}}\n'
    ),
    "mastodon status array": (
        b'[{"id":"117020583223442465","created_at":"2026-08-01T13:53:15.378Z",'
        b'"uri":"http://localhost:3000/statuses/1","content":"<p>Toot!</p>",'
        b'"account":{"id":"1","username":"a"}}]'
    ),
    "bluesky record": (
        b'{\n    "uri": "at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/3k2yihcrp6f2c",\n'
        b'    "cid": "bafyreifzi5xyrf3c5jw7cci4zrltyl25ik2dboznop4qo4cotcfbyjtita",\n'
        b'    "value": {\n        "text": "new text114",\n'
        b'        "$type": "app.bsky.feed.post",\n'
        b'        "createdAt": "2024-02-22T19:58:13.903293+00:00"\n    }\n}\n'
    ),
    "facebook page posts": (
        b'{"data": [{"id": "104512345678901_512300000000001",'
        b' "created_time": "2014-04-01T09:30:00+0000",'
        b' "from": {"name": "Gemeente Voorbeeld", "id": "104512345678901"},'
        b' "message": "De Stationsstraat is afgesloten."}]}'
    ),
    "csv export": b"datum,auteur,tekst\n2014-04-01 09:30,gemeente,Hallo\n",
    "twarc compliance lines": (
        b'{"id":"1170025343920402432","action":"delete","created_at":"2019-09-06T17:25:54.667Z"}\n'
    ),
    "empty": b"",
}


def head(name: str) -> bytes:
    return (X_FIXTURES / name).read_bytes()[:65536]


@pytest.mark.parametrize("name", sorted(OWN))
def test_own_files_are_recognised_by_exactly_their_reader(name):
    accepted = [reader for reader in X_READERS if reader.sniff(head(name))]
    assert accepted == [OWN[name]]


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_foreign_payloads_are_rejected(name):
    assert not any(reader.sniff(FOREIGN[name]) for reader in X_READERS)


def test_a_page_longer_than_the_head_is_recognised_by_its_keys():
    page_head = head("noflat.jsonl")
    assert sniffing.is_missing(sniffing.first_value(page_head))  # cut off within the page
    assert XApiV2.sniff(page_head) and not XApiV1.sniff(page_head)


def test_a_long_v1_document_is_recognised_by_its_keys():
    cut = head("v1_home_timeline.json")[:4000]
    assert sniffing.is_missing(sniffing.first_value(cut))
    assert XApiV1.sniff(cut) and not XApiV2.sniff(cut)


def test_lines_without_tweets_before_the_first_page_do_not_hide_the_format():
    page = (X_FIXTURES / "streaming_output_with_error.jsonl").read_bytes().split(b"\n")[0]
    errors = b'{"errors": [{"title": "operational-disconnect"}]}'
    empty = b'{"meta": {"result_count": 0}}'
    assert XApiV2.sniff(b"\n".join([errors, empty, page]))
    assert not XApiV2.sniff(b"\n".join([errors, empty]))
