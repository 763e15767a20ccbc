"""A defect in a reader stops the import loudly; bad input is still set aside with its place."""

import orjson
import pytest
from linesreader import NAME, TestLines, line, write_lines

from meetlat.archive import quarantine
from meetlat.importer import import_paths
from meetlat.warehouse.connection import connect


class BuggyLines(TestLines):
    """The test-lines reader with a bug: it looks up a key every record lacks."""

    def canonical(self, record):
        rows = super().canonical(record)
        rows.posts[0]["text"] = record.value["no-such-key"]  # KeyError: a defect, not input
        return rows


def test_a_defect_in_a_reader_propagates_with_its_traceback(
    workspace, lines_reader, monkeypatch, tmp_path
):
    from meetlat.platforms.catalog import readers

    monkeypatch.setitem(readers._readers, NAME, BuggyLines)
    source = tmp_path / "a.jsonl"
    write_lines(source, [line(1), line(2)])
    with pytest.raises(KeyError, match="no-such-key") as caught:
        import_paths(workspace, [source], format=NAME)
    assert any(frame.name == "canonical" for frame in caught.traceback)
    assert not list(workspace.warehouse.rglob("posts/**/*.parquet"))
    assert quarantine.records(workspace.archive) == []


def test_a_type_error_in_a_reader_is_not_a_quarantined_record(
    workspace, lines_reader, monkeypatch, tmp_path
):
    def broken(self, record):
        return len(record.value["id"]) + None  # TypeError

    monkeypatch.setattr(TestLines, "canonical", broken)
    source = tmp_path / "a.jsonl"
    write_lines(source, [line(1)])
    with pytest.raises(TypeError):
        import_paths(workspace, [source], format=NAME)


def _page(tweets, users=(), included=()):
    return orjson.dumps(
        {
            "data": list(tweets),
            "includes": {"users": list(users), "tweets": list(included)},
            "__twarc": {"retrieved_at": "2021-04-09T10:00:00+00:00"},
        }
    ).decode()


def _tweet(tweet_id, **fields):
    return {
        "id": tweet_id,
        "text": f"tweet {tweet_id}",
        "author_id": "10",
        "created_at": "2021-04-08T19:34:16.000Z",
        "edit_history_tweet_ids": [tweet_id],
        **fields,
    }


def test_x_v2_records_of_the_wrong_shape_are_set_aside_with_file_and_line(workspace, tmp_path):
    source = tmp_path / "pages.jsonl"
    user = {"id": "10", "username": "Utrecht", "name": "Gemeente Utrecht"}
    write_lines(
        source,
        [
            _page([_tweet("1"), _tweet("2", entities={"mentions": [5]})], users=[user]),
            _page([_tweet("3", author_id=3), _tweet("4", referenced_tweets="quoted")]),
            _page([_tweet("5", public_metrics=[1]), _tweet("6", created_at=7)]),
            _page([_tweet("7", entities={"mentions": [{"username": True}]})]),
            _page([_tweet("8")], users=[{"id": 10}]),
            _page([_tweet("9", id=9)]),
        ],
    )
    summary = import_paths(workspace, [source], format="x-v2")
    assert summary.records_read == 8 + 1  # the page with a bad user is one record
    assert summary.posts_imported == 1
    places = sorted((p["line"], p["item"]) for p in summary.problems)
    assert places == [(1, 2), (2, 1), (2, 2), (3, 1), (3, 2), (4, 1), (5, None), (6, 1)]
    assert all(p["file"] == str(source) for p in summary.problems)
    reasons = {(p["line"], p["item"]): p["reason"] for p in summary.problems}
    assert "entities.mentions" in reasons[(1, 2)]
    assert "author_id" in reasons[(2, 1)]
    assert "includes.users.id" in reasons[(5, None)]
    kept = quarantine.records(workspace.archive)
    assert len(kept) == summary.quarantined == 8
    posts = connect(workspace).table("posts").to_pandas()
    assert list(posts["post_id"]) == ["1"]
