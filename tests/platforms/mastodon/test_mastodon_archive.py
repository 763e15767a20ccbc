"""The Mastodon account archive reader on outbox.json + actor.json (tests/fixtures/mastodon/archive).

The archive holds the statuses of mastodonpy_test_2 that the API fixtures beside it
hold too (see SOURCES.md), so the two readers must agree on them.
"""

from __future__ import annotations

import io
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from meetlat.importer import import_paths
from meetlat.platforms.base import RawRecord, RecordError, Source
from meetlat.platforms.catalog import readers
from meetlat.platforms.mastodon.archive import MastodonArchive
from meetlat.platforms.mastodon.reader import MastodonStatuses
from meetlat.warehouse.connection import connect

FOLDER = Path(__file__).parents[2] / "fixtures" / "mastodon"
ARCHIVE = FOLDER / "archive"
READER = MastodonArchive()
ME = "117020566092212359"  # mastodonpy_test_2, the archive's account
HOST = "http://localhost:3000"
HANDLE = "mastodonpy_test_2@localhost:3000"  # the full address: name@server


def file_source(path: Path) -> Source:
    return Source(str(path), lambda: path.open("rb"))


def read(path: Path = ARCHIVE / "outbox.json"):
    records = list(READER.records(file_source(path)))
    return records, [READER.canonical(record) for record in records]


def outbox() -> dict:
    return json.loads((ARCHIVE / "outbox.json").read_text(encoding="utf-8"))


def canonical_of(activity: dict, context=None):
    return READER.canonical(RawRecord(1, orjson.dumps(activity), activity, None, 1, context))


def test_every_activity_is_one_record_in_order():
    records, rows = read()
    assert [(r.line, r.item, r.error) for r in records] == [(1, i, None) for i in range(1, 7)]
    assert records[0].raw == orjson.dumps(outbox()["orderedItems"][0])
    posts = [c.posts[0] for c in rows]
    assert [p["post_id"] for p in posts] == [
        "117020583245459824",
        "117020586180926938",
        "117020588388552703",
        "117020593378945190",
        "117020593741189701",
        "117020594667524711",
    ]
    assert [p["kind"] for p in posts] == ["original"] * 2 + ["reply"] + ["original"] * 2 + [
        "repost"
    ]
    assert {(p["account_id"], p["handle"]) for p in posts} == {(ME, HANDLE)}
    assert not any(p["embedded"] for p in posts) and all(len(c.posts) == 1 for c in rows)


def test_texts_times_tags_and_reply_linkage_read_by_hand():
    _, rows = read()
    first, kate, reply, _again, hoot, boost = (c.posts[0] for c in rows)
    assert first["text"] == "Toot, finally!" and first["language"] == "ja"
    assert first["created_at"] == datetime(2026, 8, 1, 13, 53, 15, tzinfo=UTC)  # whole seconds
    assert kate["text"].endswith("the KDE Advanced Text Editor, Kate")
    assert reply["text"] == "@mastodonpy_test pssssst!"
    assert reply["mentions"] == ["mastodonpy_test@localhost:3000"]  # local: href host
    assert reply["in_reply_to_post_id"] == "117020588315335369"
    assert reply["in_reply_to_account_id"] == "117020565966271181"
    assert hoot["hashtags"] == ["hoot"] and hoot["urls"] == []
    assert (
        hoot["conversation_id"]
        == "tag:localhost:3000,2026-08-01:objectId=105:objectType=Conversation"
    )
    assert boost["repost_of_post_id"] == "117020592137523525"
    assert boost["created_at"] == datetime(2026, 8, 1, 13, 56, 10, tzinfo=UTC)
    assert boost["text"] is None


def test_the_account_comes_from_actor_json_without_a_snapshot():
    _, rows = read()
    account = rows[0].accounts[0]
    assert (account["account_id"], account["handle"]) == (ME, HANDLE)
    assert account["created_at"] == datetime(2026, 8, 1, tzinfo=UTC)
    assert account["display_name"] is None  # the actor's name is empty
    assert all(not c.snapshots for c in rows)


def test_metrics_from_likes_and_shares_but_none_for_a_boost():
    _, rows = read()
    assert [len(c.metrics) for c in rows] == [1, 1, 1, 1, 1, 0]
    metrics = rows[0].metrics[0]
    assert (metrics["likes"], metrics["reposts"], metrics["replies"]) == (0, 0, None)
    assert metrics["observed_at"] == rows[0].posts[0]["created_at"]


def test_the_archive_and_the_api_give_the_same_posts():
    api = MastodonStatuses()
    lines = (FOLDER / "statuses.jsonl").read_text(encoding="utf-8").splitlines()
    statuses = [json.loads(line) for line in lines]
    statuses += json.loads((FOLDER / "hashtag_timeline.json").read_text(encoding="utf-8"))
    from_api = {}
    for status in statuses:
        record = RawRecord(line=1, raw=orjson.dumps(status), value=status)
        post = api.canonical(record).posts[0]
        from_api[post["post_id"]] = post
    _, rows = read()
    compared = 0
    keys = ("account_id", "text", "language", "kind", "in_reply_to_post_id")
    keys += ("in_reply_to_account_id", "mentions", "hashtags", "urls")
    for canonical in rows:
        post = canonical.posts[0]
        if post["post_id"] in from_api:
            other = from_api[post["post_id"]]
            assert {k: post[k] for k in keys} == {k: other[k] for k in keys}
            assert post["handle"] == other["handle"]  # one address from the API and the archive
            assert post["created_at"] == other["created_at"].replace(microsecond=0)
            compared += 1
    assert compared == 3  # the reply, the one in the hashtag timeline and the first toot


def test_without_actor_json_the_account_comes_from_the_actor_address(tmp_path):
    shutil.copy(ARCHIVE / "outbox.json", tmp_path / "outbox.json")
    records, rows = read(tmp_path / "outbox.json")
    assert all(r.context is None for r in records)
    post = rows[0].posts[0]
    assert (post["account_id"], post["handle"]) == (ME, None)
    assert rows[0].accounts[0]["created_at"] is None


def test_a_zip_member_does_not_look_for_actor_json_elsewhere(tmp_path, monkeypatch):
    shutil.copy(ARCHIVE / "actor.json", tmp_path / "actor.json")
    monkeypatch.chdir(tmp_path)  # Path("archive.zip!outbox.json").with_name(...) is here
    data = (ARCHIVE / "outbox.json").read_bytes()
    records = list(READER.records(Source("archive.zip!outbox.json", lambda: io.BytesIO(data))))
    assert len(records) == 6 and all(r.context is None for r in records)


def test_archives_with_named_addresses_of_older_accounts(tmp_path):
    old = f"{HOST}/users/mastodonpy_test_2"
    for name in ("outbox.json", "actor.json"):
        text = (ARCHIVE / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace(f"{HOST}/ap/users/{ME}", old), "utf-8")
    _, rows = read(tmp_path / "outbox.json")
    post = rows[0].posts[0]
    assert post["post_id"] == "117020583245459824"  # still the number the API gives
    assert (post["account_id"], post["handle"]) == (old, HANDLE)
    (tmp_path / "actor.json").unlink()
    _, rows = read(tmp_path / "outbox.json")
    assert rows[0].posts[0]["handle"] == HANDLE  # the name in the address


def test_statuses_of_other_servers_keep_their_address():
    create = outbox()["orderedItems"][2]
    parent = "https://mastodon.example/users/bob/statuses/110000000000000001"
    create["object"]["inReplyTo"] = parent
    post = canonical_of(create).posts[0]
    assert post["in_reply_to_post_id"] == parent
    assert post["in_reply_to_account_id"] == "https://mastodon.example/users/bob"
    boost = outbox()["orderedItems"][5]
    boost["object"] = parent
    assert canonical_of(boost).posts[0]["repost_of_post_id"] == parent
    own = outbox()["orderedItems"][0]
    own["object"]["inReplyTo"] = outbox()["orderedItems"][1]["object"]["id"]
    post = canonical_of(own).posts[0]  # a thread of one's own
    assert (post["in_reply_to_post_id"], post["in_reply_to_account_id"]) == (
        "117020586180926938",
        ME,
    )


def test_a_link_card_is_a_url_and_media_have_no_column():
    create = outbox()["orderedItems"][0]
    create["object"]["attachment"] = [
        {"type": "Document", "mediaType": "image/png", "url": "media_attachments/files/1.png"},
        {"type": "Link", "href": "https://joinmastodon.org/"},
    ]
    assert canonical_of(create).posts[0]["urls"] == ["https://joinmastodon.org/"]


def test_a_quote_of_mastodon_4_4():
    create = outbox()["orderedItems"][0]
    create["object"]["quote"] = f"{HOST}/ap/users/117020565693913441/statuses/117020592137523525"
    post = canonical_of(create).posts[0]
    assert (post["kind"], post["quote_of_post_id"]) == ("quote", "117020592137523525")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: a.update(type="Like"), "activiteit van het type Like wordt niet gelezen"),
        (lambda a: a["object"].update(type="Article"), "object van het type Article"),
        (lambda a: a.pop("object"), '"object" ontbreekt'),
        (lambda a: a["object"].update(published="gisteren"), "object.published is geen datum"),
        (lambda a: a.update(actor=7), '"actor" heeft het verkeerde type'),
        (lambda a: a["object"].update(tag="#hoot"), '"object.tag" heeft het verkeerde type'),
    ],
)
def test_wrong_activities_are_record_errors_in_dutch(change, message):
    activity = outbox()["orderedItems"][0]
    change(activity)
    with pytest.raises(RecordError, match=message):
        canonical_of(activity)


def test_a_file_that_is_no_outbox_is_one_record_with_a_clear_error():
    for data in (b'{"type": "OrderedCollection", "orderedItems": {}}', b'{"orderedItems": [kapot'):
        records = list(READER.records(Source("outbox.json", lambda d=data: io.BytesIO(d))))
        assert len(records) == 1 and records[0].error, data
    assert (
        "OrderedCollection"
        in list(READER.records(Source("outbox.json", lambda: io.BytesIO(b"[]"))))[0].error
    )


def test_an_empty_outbox_gives_no_records():
    data = b'{"id":"outbox.json","type":"OrderedCollection","totalItems":0,"orderedItems":[]}'
    assert list(READER.records(Source("outbox.json", lambda: io.BytesIO(data)))) == []
    assert MastodonArchive.sniff(data)


def test_sniff_takes_the_outbox_only():
    head = (ARCHIVE / "outbox.json").read_bytes()[:65536]
    assert MastodonArchive.sniff(head) and not MastodonStatuses.sniff(head)
    assert readers.detect(head) is MastodonArchive
    assert not MastodonArchive.sniff((ARCHIVE / "actor.json").read_bytes())
    likes = b'{"@context":"https://www.w3.org/ns/activitystreams","id":"likes.json",'
    likes += b'"type":"OrderedCollection","totalItems":1,"orderedItems":["https://x.example/1"]}'
    assert not MastodonArchive.sniff(likes)
    for path in sorted(FOLDER.glob("*.json*")):
        assert not MastodonArchive.sniff(path.read_bytes()[:65536]), path.name


def test_a_folder_with_the_archive_imports_its_posts_and_skips_actor_json(workspace, tmp_path):
    folder = tmp_path / "archief"
    shutil.copytree(ARCHIVE, folder)
    summary = import_paths(workspace, [folder])
    assert summary.files == 1 and summary.problems == []
    assert (summary.records_read, summary.posts_imported) == (6, 6)
    accounts = connect(workspace).table("accounts").to_pandas()
    assert accounts[["account_id", "handle"]].values.tolist() == [[ME, HANDLE]]
    posts = connect(workspace).table("posts").to_pandas()
    assert sorted(posts["kind"]) == ["original"] * 4 + ["reply", "repost"]
