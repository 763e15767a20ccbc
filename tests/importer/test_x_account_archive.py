"""An X account archive as X delivers it: the zip, and that zip unpacked into a folder.

tests/fixtures/x/account-archive is laid out as a real archive (see SOURCES.md):
``Your archive.html``, ``assets/`` (the archive viewer), ``data/`` with tweets.js,
tweets-part1.js, account.js, profile.js, manifest.js, follower.js, following.js,
like.js, README.txt and a photo in ``data/tweets_media/``. The tests zip it the way X
does (the folders at the top of the zip).
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import UTC, date, datetime

import pytest

from meetlat.app.accounts import import_accounts
from meetlat.app.measuring import measure
from meetlat.app.verifying import rebuild, verify
from meetlat.archive import manifest, store
from meetlat.importer import COMPLETE, import_paths
from meetlat.warehouse.connection import connect

ACCOUNT = "1200000000000000001"
TWEETS = 4  # in data/tweets.js
ALL_TWEETS = 5  # with data/tweets-part1.js
FILES = 14  # every file of the archive
IMPORTED = ("data/tweets-part1.js", "data/tweets.js")


@pytest.fixture
def folder(fixtures):
    return fixtures / "x" / "account-archive"


@pytest.fixture
def archive_zip(folder, tmp_path):
    path = tmp_path / "twitter-2024-03-10-4f1b2c3d4e5f.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as packed:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                packed.write(file, file.relative_to(folder).as_posix())
    return path


def _table(ws, name):
    return connect(ws).table(name).to_pandas()


def _registered(ws, tmp_path):
    registry = tmp_path / "accounts.csv"
    registry.write_text(
        "municipality_code,platform,handle,role\nGM0363,x,gemeentevoorbeeld,corporate\n",
        encoding="utf-8",
    )
    import_accounts(ws, registry)


def _posts_measured(ws) -> int:
    frame = measure(ws, date(2024, 3, 1), date(2024, 3, 31)).frame
    (row,) = frame[frame["handle"] == "gemeentevoorbeeld"].to_dict("records")
    return int(row["posts_sent"])


def test_the_zip_imports_its_tweets_under_the_archive_account(workspace, archive_zip, tmp_path):
    summary = import_paths(workspace, [archive_zip])
    assert (summary.files, summary.posts_imported, summary.quarantined) == (2, ALL_TWEETS, 0)
    assert summary.skipped == [] and summary.problems == []
    assert summary.not_data == FILES - len(IMPORTED)  # media, pages, the other data files
    assert summary.outcome() == COMPLETE
    posts = _table(workspace, "posts")
    assert len(posts) == ALL_TWEETS
    assert set(zip(posts["account_id"], posts["handle"], strict=True)) == {
        (ACCOUNT, "gemeentevoorbeeld")
    }
    accounts = _table(workspace, "accounts")
    assert accounts[["account_id", "handle", "display_name"]].values.tolist() == [
        [ACCOUNT, "gemeentevoorbeeld", "Gemeente Voorbeeld"]
    ]
    (snapshot,) = _table(workspace, "account_snapshots").to_dict("records")
    assert (snapshot["followers"], snapshot["following"], snapshot["total_posts"]) == (3, 2, 5)
    assert snapshot["observed_at"] == datetime(2024, 3, 10, 14, 2, 11, tzinfo=UTC)
    # only the zip itself is archived, once; its two tweet files are its members
    entries = manifest.entries(workspace.archive)
    assert sorted(e["member"] for e in entries) == list(IMPORTED)
    assert {e["sha256"] for e in entries} == {store.file_sha256(archive_zip)[0]}
    assert all(e["quarantine"] is None for e in entries)
    assert not (workspace.archive / "quarantine").exists() or not any(
        (workspace.archive / "quarantine").iterdir()
    )
    assert verify(workspace.root).intact
    _registered(workspace, tmp_path)
    assert _posts_measured(workspace) == ALL_TWEETS


def test_the_unpacked_folder_finds_account_js_beside_tweets_js(workspace, folder, archive_zip):
    summary = import_paths(workspace, [folder])
    assert (summary.files, summary.posts_imported, summary.not_data) == (2, ALL_TWEETS, FILES - 2)
    assert summary.skipped == [] and summary.outcome() == COMPLETE
    assert set(_table(workspace, "posts")["account_id"]) == {ACCOUNT}
    assert len(_table(workspace, "account_snapshots")) == 1  # the same one from both files
    again = import_paths(workspace, [archive_zip])  # the zip after its folder adds nothing
    assert (again.posts_imported, again.duplicates, again.authors_filled) == (0, ALL_TWEETS, 0)
    assert (again.accounts, again.snapshots) == (0, 0)


def test_an_archive_imported_without_its_account_is_repaired_by_importing_it_again(
    workspace, folder, archive_zip, tmp_path
):
    alone = tmp_path / "only-tweets"  # tweets.js without account.js, as an older Meetlat
    alone.mkdir()  # that did not look inside the zip left it: posts without an author
    shutil.copy(folder / "data" / "tweets.js", alone / "tweets.js")
    first = import_paths(workspace, [alone / "tweets.js"])
    assert (first.posts_imported, first.accounts) == (TWEETS, 0)
    assert set(_table(workspace, "posts")["account_id"].isna()) == {True}
    _registered(workspace, tmp_path)
    assert _posts_measured(workspace) == 0  # nobody's posts

    repair = import_paths(workspace, [archive_zip])
    assert repair.posts_imported == ALL_TWEETS - TWEETS  # only tweets-part1.js is new
    assert repair.duplicates == TWEETS  # the posts of tweets.js are not counted again
    assert repair.authors_filled == TWEETS
    assert (repair.accounts, repair.snapshots) == (1, 1)
    assert repair.records_read == repair.posts_imported + repair.duplicates
    posts = _table(workspace, "posts")
    assert len(posts) == ALL_TWEETS and posts["post_id"].is_unique
    assert set(posts["account_id"]) == {ACCOUNT}
    assert set(posts["handle"]) == {"gemeentevoorbeeld"}
    assert _posts_measured(workspace) == ALL_TWEETS
    assert verify(workspace.root).intact

    third = import_paths(workspace, [archive_zip])  # nothing left to repair
    assert (third.posts_imported, third.authors_filled, third.duplicates) == (0, 0, ALL_TWEETS)
    assert len(_table(workspace, "post_authors")) == TWEETS

    rebuilt = rebuild(workspace)  # the warehouse again from the archive: the same repair
    assert not rebuilt.rebuilt.differences
    assert set(_table(workspace, "posts")["account_id"]) == {ACCOUNT}
    assert _posts_measured(workspace) == ALL_TWEETS


def test_the_summary_says_what_was_passed_over_and_what_was_repaired(
    cli, workspace, folder, archive_zip, tmp_path
):
    alone = tmp_path / "only-tweets"
    alone.mkdir()
    shutil.copy(folder / "data" / "tweets.js", alone / "tweets.js")
    assert cli("import", "--no-facts", alone / "tweets.js").exit_code == 0
    result = cli("import", "--no-facts", archive_zip)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "2 bestanden, 5 records: 1 nieuw bericht, 4 herhalingen, 0 apart gezet" in text
    assert "12 bestanden overgeslagen omdat ze geen exportgegevens bevatten" in text
    assert "niet gearchiveerd" in text
    assert "4 eerder zonder account opgeslagen berichten hebben nu hun account" in text
