"""The x-v2 columnar path gives exactly what the row path gives: rows, records, quarantine."""

import shutil

import orjson
import pyarrow.parquet as pq
import pytest

from meetlat import workspace as workspace_module
from meetlat.archive import manifest
from meetlat.importer import import_paths
from meetlat.platforms.x.v2 import XApiV2
from meetlat.warehouse.schema import TABLES

USER = {
    "id": "10",
    "username": "Utrecht",
    "name": "Gemeente Utrecht",
    "created_at": "2009-03-01T10:00:00.000Z",
    "public_metrics": {"followers_count": 120, "following_count": 5, "tweet_count": 900},
}
OTHER = {"id": "11", "username": "Zeist", "public_metrics": {"followers_count": "12"}}


def _tweet(tweet_id, **fields):
    return {
        "id": tweet_id,
        "text": f"tweet {tweet_id} @zeist #wijk",
        "author_id": "10",
        "created_at": "2021-04-08T19:34:16.000Z",
        "edit_history_tweet_ids": [tweet_id],
        "lang": "nl",
        "conversation_id": tweet_id,
        "public_metrics": {"like_count": 3, "retweet_count": 1, "reply_count": 0},
        "entities": {
            "mentions": [{"username": "Zeist", "id": "11"}],
            "hashtags": [{"tag": "wijk"}],
            "urls": [{"url": "https://t.co/x", "expanded_url": "https://utrecht.nl"}],
        },
        **fields,
    }


def _page(tweets, users=(USER, OTHER), included=(), retrieved="2021-04-09T10:00:00+00:00"):
    page = {"data": list(tweets), "includes": {"users": list(users), "tweets": list(included)}}
    if retrieved:
        page["__twarc"] = {"retrieved_at": retrieved}
    return orjson.dumps(page)


def _crafted(path):
    quoted = _tweet("900", author_id="11", text="the original")
    lines = [
        _page(
            [_tweet("1"), _tweet("2", referenced_tweets=[{"type": "quoted", "id": "900"}])],
            included=[quoted],
        ),
        b"{not json",
        b"",
        _page([_tweet("3", author_id=3), "not a tweet", _tweet("4", created_at="gisteren")]),
        _page(
            [_tweet("1"), _tweet("5", referenced_tweets=[{"type": "retweeted", "id": "900"}])],
            included=[quoted],
            retrieved=None,
        ),
        _page([_tweet("6")], users=[{"id": 10}]),
        b'{"errors": [{"title": "Not Found Error", "detail": "gone"}]}',
        b'{"meta": {"result_count": 0}}',
        orjson.dumps({"data": _tweet("7")}),
        orjson.dumps(_tweet("8")),
        b"[1, 2]",
        _page(
            [
                _tweet(
                    "9",
                    referenced_tweets=[{"type": "replied_to", "id": "901"}],
                    in_reply_to_user_id="11",
                )
            ],
            included=[_tweet("901", author_id="11", id="901")],
        ),
        _page([_tweet("10", entities={"mentions": [{"username": True}]})]),
        b'{"data": [], "meta": {}}',
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")


def _state(ws):
    tables = {}
    for name in TABLES:
        rows = []
        for path in sorted((ws.warehouse / name).rglob("*.parquet")):
            folder = path.parent.relative_to(ws.warehouse).as_posix()
            rows.extend((folder, repr(sorted(r.items()))) for r in pq.read_table(path).to_pylist())
        tables[name] = sorted(rows)
    entries = manifest.entries(ws.archive)
    lists = []
    for entry in entries:
        listed = pq.read_table(ws.archive / entry["records"]).to_pylist()
        aside = (
            pq.read_table(ws.archive / entry["quarantine"]).drop(["import_id"]).to_pylist()
            if entry["quarantine"]
            else []
        )
        lists.append((entry["name"], entry["counts"], listed, aside))
    return tables, lists


@pytest.mark.parametrize("workers", [1])
def test_the_columnar_path_gives_what_the_row_path_gives(fixtures, tmp_path, monkeypatch, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "noflat.jsonl",
        "flat.jsonl",
        "streaming_output_with_error.jsonl",
        "verified_type.jsonl",
    ):
        shutil.copy(fixtures / "x" / name, folder / name)
    _crafted(folder / "zz-crafted.jsonl")
    files = sorted(folder.iterdir())

    columns_ws = workspace_module.init(tmp_path / "columns")
    by_columns = import_paths(columns_ws, files, format="x-v2", workers=workers)
    monkeypatch.setattr(XApiV2, "columnar", None)
    rows_ws = workspace_module.init(tmp_path / "rows")
    by_rows = import_paths(rows_ws, files, format="x-v2", workers=workers)

    assert by_columns.quarantine_folder == str(columns_ws.archive / "quarantine")
    assert by_rows.quarantine_folder == str(rows_ws.archive / "quarantine")
    by_columns.quarantine_folder = by_rows.quarantine_folder  # each workspace has its own
    assert by_columns.as_dict() == by_rows.as_dict()
    assert by_rows.quarantined >= 6 and by_rows.embedded_posts >= 1 and by_rows.accounts >= 2
    tables_c, lists_c = _state(columns_ws)
    tables_r, lists_r = _state(rows_ws)
    for name in TABLES:
        assert tables_c[name] == tables_r[name], name
        assert tables_r[name] or name == "post_authors", name  # no post came authorless
    assert lists_c == lists_r
