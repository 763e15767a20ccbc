"""The Facebook "Download your information" reader on an export laid out as Facebook
writes it (tests/fixtures/facebook/dyi-export, see SOURCES.md)."""

from __future__ import annotations

import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from meetlat.importer import COMPLETE, NOTHING, import_paths
from meetlat.importer.sources import Unit
from meetlat.platforms.base import RawRecord, RecordError
from meetlat.platforms.catalog import readers
from meetlat.platforms.facebook.dyi import FacebookDownloadPosts, repair
from meetlat.platforms.facebook.reader import FacebookPagePosts
from meetlat.warehouse.connection import connect

FIXTURES = Path(__file__).parents[2] / "fixtures" / "facebook"
EXPORT = FIXTURES / "dyi-export"
POSTS = EXPORT / "your_facebook_activity" / "posts" / "your_posts_1.json"
READER = FacebookDownloadPosts()
ACCOUNT = "gemeentevoorbeeld"


def _read(unit: Unit):
    records = list(READER.records(unit.source()))
    return records, [READER.canonical(r) if r.error is None else None for r in records]


@pytest.fixture(scope="module")
def read_posts():
    return _read(Unit(POSTS, str(POSTS)))


def test_detected_as_the_export_and_not_as_the_graph_api():
    head = POSTS.read_bytes()[:65536]
    assert readers.detect(head) is FacebookDownloadPosts
    assert not FacebookPagePosts.sniff(head)
    for graph in ("page_posts.json", "page_posts_pages.jsonl"):
        graph_head = (FIXTURES / graph).read_bytes()[:65536]
        assert not FacebookDownloadPosts.sniff(graph_head)
        assert readers.detect(graph_head) is FacebookPagePosts


def test_one_record_per_post_with_the_account_of_the_profile(read_posts):
    records, rows = read_posts
    assert [r.item for r in records] == [1, 2, 3, 4, 5]
    assert all(r.error is None for r in records)
    posts = [c.posts[0] for c in rows]
    assert {(p["account_id"], p["handle"], p["platform"]) for p in posts} == {
        (ACCOUNT, ACCOUNT, "facebook")
    }
    assert rows[0].accounts == [
        {
            "platform": "facebook",
            "account_id": ACCOUNT,
            "handle": ACCOUNT,
            "display_name": "Gemeente Voorbeeld",
            "created_at": datetime(2010, 1, 1, 10, 0, tzinfo=UTC),
            "source_file": None,
        }
    ]
    assert all(c.accounts == [] for c in rows[1:])
    assert all(c.metrics == [] and c.snapshots == [] for c in rows)  # the export has none


def test_times_texts_links_and_kinds(read_posts):
    _records, rows = read_posts
    posts = [c.posts[0] for c in rows]
    assert posts[0]["created_at"] == datetime(2024, 3, 4, 10, 25, tzinfo=UTC)
    assert posts[0]["hashtags"] == ["afval"]
    assert posts[0]["urls"] == ["https://www.example.nl/afvalpas"]  # once, though named twice
    assert [p["kind"] for p in posts] == ["original", "original", "quote", "repost", "original"]
    assert posts[3]["text"] is None and posts[3]["repost_of_post_id"] is None
    assert all(p["post_id"].startswith("dyi-") for p in posts)
    assert len({p["post_id"] for p in posts}) == 5


def test_the_mojibake_of_the_export_is_repaired(read_posts):
    raw = POSTS.read_text(encoding="utf-8")
    assert "caf\\u00c3\\u00a9" in raw and "\\u00f0\\u009f\\u008e\\u0089" in raw  # as written
    _records, rows = read_posts
    second, fifth = rows[1].posts[0]["text"], rows[4].posts[0]["text"]
    assert second.startswith("Het café op de Markt is weer open! Zaterdag om 14.00 uur")
    assert "wethouder Müller" in second and second.endswith("🎉 #centrum")
    assert "coördinatieplan" in fifth
    assert rows[1].posts[0]["hashtags"] == ["centrum"]


@pytest.mark.parametrize(
    ("found", "meant"),
    [
        ("caf\u00c3\u00a9", "café"),
        ("\u00f0\u009f\u008e\u0089", "🎉"),
        ("plain", "plain"),
        ("café", "café"),  # latin-1 that is no UTF-8: already right
        ("✊ caf\u00c3\u00a9", "✊ caf\u00c3\u00a9"),  # a character above U+00FF: not mojibake
    ],
)
def test_repair(found, meant):
    assert repair(found) == meant


def test_the_same_post_in_a_later_export_keeps_its_id(read_posts, tmp_path):
    folder = tmp_path / "later"
    shutil.copytree(EXPORT, folder)
    later = folder / POSTS.relative_to(EXPORT)
    text = later.read_text(encoding="utf-8")
    later.write_text(
        text.replace('"update_timestamp": 1709548200', '"update_timestamp": 1709999999')
    )
    _records, rows = _read(Unit(later, str(later)))
    assert [c.posts[0]["post_id"] for c in rows] == [c.posts[0]["post_id"] for c in read_posts[1]]


def test_without_profile_information_the_file_is_set_aside_saying_what_is_expected(tmp_path):
    alone = tmp_path / "your_posts_1.json"
    shutil.copy(POSTS, alone)
    (record,), _rows = _read(Unit(alone, str(alone)))
    assert record.raw == POSTS.read_bytes()  # the whole file, kept in the quarantine
    assert "account" in record.error and "profile_information.json" in record.error
    assert "import the whole export" in record.error or "hele export" in record.error


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"data": [{"post": "x"}]}, 'veld "timestamp" is null (verwacht: Unix-seconden)'),
        ({"timestamp": "gisteren"}, 'veld "timestamp" is "gisteren"'),
        ({"timestamp": 1709547900, "data": {"post": "x"}}, 'veld "data" heeft het verkeerde type'),
        ([1, 2], "een bericht van de Facebook-export"),
    ],
)
def test_wrong_shapes_raise_a_record_error(post, message, read_posts):
    profile = read_posts[0][0].context
    with pytest.raises(RecordError) as caught:
        READER.canonical(RawRecord(line=1, raw=b"", value=post, item=2, context=profile))
    assert message in str(caught.value)


def test_the_export_imports_as_a_zip_and_as_a_folder(workspace, tmp_path):
    packed = tmp_path / "facebook-gemeentevoorbeeld-2024-03-10-AbCdEfGh.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        for file in sorted(EXPORT.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(EXPORT).as_posix())
    summary = import_paths(workspace, [packed])
    assert (summary.files, summary.posts_imported, summary.quarantined) == (1, 5, 0)
    assert summary.not_data == 2  # profile_information.json (read with the posts), the photo
    assert summary.outcome() == COMPLETE
    posts = connect(workspace).table("posts").to_pandas()
    assert set(posts["account_id"]) == {ACCOUNT}
    again = import_paths(workspace, [EXPORT])
    assert (again.posts_imported, again.duplicates, again.accounts) == (0, 5, 0)


def test_the_posts_file_alone_imports_nothing_and_says_why(workspace, tmp_path):
    alone = tmp_path / "your_posts_1.json"
    shutil.copy(POSTS, alone)
    summary = import_paths(workspace, [alone])
    assert (summary.posts_imported, summary.quarantined, summary.files_set_aside) == (0, 1, 1)
    assert summary.outcome() == NOTHING
    assert "profile_information.json" in summary.problems[0]["reason"]
