"""The Bluesky repository (CAR) reader on repo.car, built by make_car.py from the real records.

The expected values are read by hand from post_record.json, thread_view_post_with_embed_
media.json and invalid/like_record.json (see SOURCES.md); the CIDs the independent
encoder computed for the real records are the CIDs the records have in those files.
"""

from __future__ import annotations

import base64
import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from meetlat.app.verifying import verify
from meetlat.importer import import_paths
from meetlat.platforms.base import RawRecord, Source
from meetlat.platforms.bluesky.cbor import CborError, Cid, decode
from meetlat.platforms.bluesky.reader import BlueskyPosts
from meetlat.platforms.bluesky.repository import BlueskyRepository
from meetlat.platforms.catalog import readers
from meetlat.platforms.ids import bluesky_tid_time

FOLDER = Path(__file__).parents[2] / "fixtures" / "bluesky"
CAR = FOLDER / "repo.car"
READER = BlueskyRepository()
DID = "did:plc:kvwvcn5iqfooopmyzvb4qzba"
POSTS = f"at://{DID}/app.bsky.feed.post/"
REPOST = f"at://{DID}/app.bsky.feed.repost/3kahezl3wrs22"


def records_of(data: bytes):
    return list(READER.records(Source("repo.car", lambda: io.BytesIO(data))))


def posts_of(records):
    return [READER.canonical(record).posts[0] for record in records if record.error is None]


def cid_bytes(text: str) -> bytes:
    body = text[1:].upper()
    return base64.b32decode(body + "=" * (-len(body) % 8))


def test_posts_and_the_repost_in_key_order_with_their_record_keys():
    records = records_of(CAR.read_bytes())
    assert [(r.line, r.item, r.error) for r in records] == [(1, i, None) for i in range(1, 5)]
    posts = posts_of(records)
    assert [p["post_id"] for p in posts] == [
        POSTS + "3k2yihcrp6f2c",
        POSTS + "3kahesw26il2z",
        POSTS + "3kaheyt6vpc22",
        REPOST,
    ]
    assert {p["account_id"] for p in posts} == {DID}
    assert [p["kind"] for p in posts] == ["original", "original", "quote", "repost"]


def test_texts_times_and_links_as_in_the_json_records():
    new, test, quoting, repost = posts_of(records_of(CAR.read_bytes()))
    assert new["text"] == "new text114" and new["language"] is None
    assert new["created_at"] == datetime(2024, 2, 22, 19, 58, 13, 903293, tzinfo=UTC)
    assert (test["text"], test["language"]) == ("test", "en")
    assert test["created_at"] == datetime(2023, 9, 28, 12, 46, 18, 414000, tzinfo=UTC)
    assert quoting["text"] is None  # the record's text is ""
    assert quoting["created_at"] == datetime(2023, 9, 28, 12, 49, 36, 735000, tzinfo=UTC)
    assert quoting["quote_of_post_id"] == POSTS + "3kahesw26il2z"
    assert repost["repost_of_post_id"] == POSTS + "3kahesw26il2z"
    assert repost["created_at"] == datetime(2023, 9, 28, 12, 50, 2, 123000, tzinfo=UTC)
    # the record keys are TIDs of about the time the posts were made
    assert abs(bluesky_tid_time(test["post_id"]) - test["created_at"]).total_seconds() < 1


def test_the_records_keep_their_real_cids_and_json_form():
    records = records_of(CAR.read_bytes())
    assert [r.value["cid"] for r in records[:3]] == [
        "bafyreifzi5xyrf3c5jw7cci4zrltyl25ik2dboznop4qo4cotcfbyjtita",
        "bafyreier7l7l33k23invvoeth2ed2hkwlxlv3igbhp3536hmmeouob7mzi",
        "bafyreigb666sdjyyaczcahxmf5tzh7dec6bwr3nhdab7llebn7vhsxzgr4",
    ]
    image = records[2].value["value"]["embed"]["media"]["images"][0]["image"]
    assert image["ref"] == {"$link": "bafkreic3cp5ky525vsukjvrzxsc2h3jka2gud74l2hgeatw2rhj2qycnmq"}
    assert image["size"] == 474482


def test_the_account_is_the_commits_did_with_the_profiles_display_name():
    canonical = READER.canonical(records_of(CAR.read_bytes())[0])
    account = canonical.accounts[0]
    assert (account["account_id"], account["handle"], account["display_name"]) == (
        DID,
        None,
        "Python SDK",
    )
    assert canonical.snapshots == [] and canonical.metrics == []


def test_a_damaged_record_block_is_set_aside_and_the_others_kept():
    data = CAR.read_bytes().replace(b"new text114", b"new text115")
    records = records_of(data)
    bad = [r for r in records if r.error]
    assert len(bad) == 1 and bad[0].item == 1
    assert bad[0].error.startswith(f"record {POSTS}3k2yihcrp6f2c: blok 6 bij byte ")
    assert bad[0].error.endswith(
        "passen niet bij de CID "
        + ("bafyreifzi5xyrf3c5jw7cci4zrltyl25ik2dboznop4qo4cotcfbyjtita (het blok is beschadigd)")
    )
    assert len(posts_of(records)) == 3


def test_a_truncated_file_keeps_the_complete_records():
    data = CAR.read_bytes()
    repost_cid = cid_bytes("bafyreiezevkx2hz66k4vlswgjvgfsexy4xfrouew7xnnwyqqddxapfxqpu")
    cut = data[: data.rfind(repost_cid) + 10]  # inside the repost's own block (the last)
    records = records_of(cut)
    assert [p["post_id"][-13:] for p in posts_of(records)] == [
        "3k2yihcrp6f2c",
        "3kahesw26il2z",
        "3kaheyt6vpc22",
    ]
    missing, tail = (r for r in records if r.error)
    assert missing.item == 4 and REPOST in missing.error and "afgekapt" in missing.error
    assert tail.item == 5 and "houdt op midden in een blok" in tail.error
    assert cut.endswith(tail.raw)


def test_a_lost_tree_node_is_named_and_the_rest_is_read():
    data = CAR.read_bytes()
    at = data.find(b"app.bsky.actor.profile/self")  # the only key of its tree node
    records = records_of(data[:at] + b"X" + data[at + 1 :])
    lost = [r for r in records if r.error]
    assert len(lost) == 1 and lost[0].item == 1
    assert "(het blok is beschadigd); de records eronder in de repository zijn niet te lezen" in (
        lost[0].error
    )
    posts = posts_of(records)
    assert len(posts) == 4
    assert READER.canonical(records[1]).accounts[0]["display_name"] is None  # was the profile's
    at = data.find(b"app.bsky.feed.post/3k2yihcrp6f2c")  # the node of every post: all lost
    records = records_of(data[:at] + b"X" + data[at + 1 :])
    assert len(records) == 1 and records[0].error and not posts_of(records)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x05hello", "geen leesbare CAR-kop"),
        (b"\x02\xa0\x00", "geen kop van CAR-versie 1"),
    ],
)
def test_a_file_without_a_readable_header_is_one_record_set_aside(data, message):
    records = records_of(data)
    assert len(records) == 1 and message in records[0].error and records[0].raw == data


def test_a_file_cut_after_its_header_has_no_commit():
    data = CAR.read_bytes()
    records = records_of(data[: 1 + data[0]])
    assert len(records) == 1 and "staat niet in het bestand" in records[0].error


def test_sniff_takes_car_files_only():
    head = CAR.read_bytes()[:65536]
    assert readers.detect(head) is BlueskyRepository
    for path in sorted(FOLDER.glob("*.json")):
        assert not BlueskyRepository.sniff(path.read_bytes()[:65536]), path.name
    assert not BlueskyRepository.sniff(b"")
    assert not BlueskyRepository.sniff(b"{\n")
    assert not BlueskyRepository.sniff(b"platform,handle,text\n")


@pytest.mark.parametrize(
    ("encoded", "value"),
    [  # examples of RFC 8949, appendix A
        ("1903e8", 1000),
        ("3903e7", -1000),
        ("6449455446", "IETF"),
        ("83010203", [1, 2, 3]),
        ("a26161016162820203", {"a": 1, "b": [2, 3]}),
        ("f4", False),
        ("f5", True),
        ("f6", None),
        ("fb3ff199999999999a", 1.1),
        ("4401020304", b"\x01\x02\x03\x04"),
    ],
)
def test_dag_cbor_values(encoded, value):
    assert decode(bytes.fromhex(encoded)) == value


@pytest.mark.parametrize(
    "encoded",
    ["9fff", "c11a514b67b0", "a10102", "0102", "62c328", "f7", "1a0102"],
)
def test_what_is_not_dag_cbor_is_an_error(encoded):
    # indefinite array, tag 1, integer key, bytes left over, bad UTF-8, undefined, cut off
    with pytest.raises(CborError):
        decode(bytes.fromhex(encoded))


def test_cid_text_forms():
    raw = cid_bytes("bafyreier7l7l33k23invvoeth2ed2hkwlxlv3igbhp3536hmmeouob7mzi")
    assert str(Cid(raw)) == "bafyreier7l7l33k23invvoeth2ed2hkwlxlv3igbhp3536hmmeouob7mzi"
    # version 0 is the bare multihash in base58: that of the same digest
    v0 = str(Cid(b"\x12\x20" + raw[4:]))
    assert v0.startswith("Qm") and len(v0) == 46


def test_an_import_of_the_car_file(workspace, tmp_path):
    path = tmp_path / "repo.car"
    shutil.copy(CAR, path)
    summary = import_paths(workspace, [path])
    assert (summary.records_read, summary.posts_imported, summary.quarantined) == (4, 4, 0)
    again = import_paths(workspace, [path])
    assert (again.posts_imported, again.duplicates) == (0, 4)
    assert verify(workspace.root).intact


def test_an_import_of_a_truncated_car_file_keeps_the_good_posts(workspace, tmp_path):
    data = CAR.read_bytes()
    repost_cid = cid_bytes("bafyreiezevkx2hz66k4vlswgjvgfsexy4xfrouew7xnnwyqqddxapfxqpu")
    path = tmp_path / "repo.car"
    path.write_bytes(data[: data.rfind(repost_cid) + 10])
    summary = import_paths(workspace, [path])
    assert (summary.records_read, summary.posts_imported, summary.quarantined) == (5, 3, 2)
    start = data.rfind(repost_cid) - 2  # the block's length takes 2 bytes
    # blocks: the commit, 4 tree nodes, 5 records, then the repost (see make_car.py)
    assert [(p["item"], p["reason"].split(": ")[0]) for p in summary.problems] == [
        (4, f"record {REPOST} staat niet in het bestand"),
        (5, f"blok 11 bij byte {start}"),
    ]
    assert summary.problems[1]["reason"].endswith("(het bestand is afgekapt)")
    assert verify(workspace.root).intact


def test_a_file_cut_inside_a_block_length_names_it():
    data = CAR.read_bytes()
    records = records_of(data + b"\x80")  # a length that goes on beyond the end
    assert len(posts_of(records)) == 4
    assert "de lengte van het blok is niet te lezen" in records[-1].error
    assert records[-1].raw == b"\x80"


def test_the_json_reader_gives_the_same_posts_for_the_records_as_listrecords_gives_them():
    json_reader = BlueskyPosts()
    for record in records_of(CAR.read_bytes()):
        value = orjson.loads(record.raw)  # {uri, cid, value}: the form of listRecords
        same = json_reader.canonical(RawRecord(line=1, raw=record.raw, value=value))
        assert same.posts == READER.canonical(record).posts
