"""A JSON array gives exactly what the same records give as JSON lines.

The records come from real payloads in tests/fixtures (X v2 pages and streamed
responses, Mastodon statuses and a timeline, Bluesky feed, thread and record
responses). Each set is written once as one JSON array and once as JSON lines, imported
into a workspace of its own, and every warehouse table is compared row for row (the
file and record hashes aside: the files differ by design).
"""

import json

import orjson
import pytest

from meetlat import workspace as workspace_module
from meetlat.archive import quarantine
from meetlat.importer import COMPLETE, import_paths
from meetlat.warehouse.connection import connect

TABLES = ("posts", "post_metrics", "accounts", "account_snapshots")
FILE_COLUMNS = ["source_file", "record_hash"]


def _lines(path, count: int | None = None) -> list:
    lines = [line for line in path.read_bytes().splitlines() if line.strip()]
    return [orjson.loads(line) for line in lines[:count]]


def _sets(fixtures) -> dict:
    x, mastodon, bluesky = fixtures / "x", fixtures / "mastodon", fixtures / "bluesky"
    return {
        "x-v2": _lines(x / "noflat.jsonl")
        + _lines(
            x / "streaming_output_with_error.jsonl",
            7,  # the 8th line is cut off
        ),
        "mastodon": _lines(mastodon / "statuses.jsonl")
        + orjson.loads((mastodon / "public_timeline.json").read_bytes()),
        "bluesky": [
            orjson.loads((bluesky / name).read_bytes())
            for name in ("author_feed.json", "thread_view_post_with_embed_media.json")
        ]
        + orjson.loads((bluesky / "author_feed.json").read_bytes())["feed"],
    }


def _rows(ws, table: str) -> list[tuple]:
    frame = connect(ws).table(table).to_pandas().drop(columns=FILE_COLUMNS, errors="ignore")
    frame = frame.astype(object).where(frame.notna(), None)  # NaN is not equal to NaN
    rows = [
        tuple(tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v for v in row)
        for row in frame.itertuples(index=False)
    ]
    return sorted(rows, key=repr)


def _import(tmp_path, name: str, data: bytes, format: str):
    ws = workspace_module.init(tmp_path / name)
    path = tmp_path / f"{name}.json"
    path.write_bytes(data)
    return ws, import_paths(ws, [path], format=format)


@pytest.mark.parametrize("format", ["x-v2", "mastodon", "bluesky"])
def test_an_array_gives_the_rows_of_the_same_records_as_json_lines(fixtures, tmp_path, format):
    records = _sets(fixtures)[format]
    array_ws, by_array = _import(tmp_path, "array", json.dumps(records, indent=2).encode(), format)
    lines = b"".join(orjson.dumps(record) + b"\n" for record in records)
    lines_ws, by_lines = _import(tmp_path, "lines", lines, format)

    counted = ("records_read", "posts_imported", "duplicates", "quarantined", "embedded_posts")
    counted += ("accounts", "snapshots", "metrics")
    assert [getattr(by_array, n) for n in counted] == [getattr(by_lines, n) for n in counted]
    assert by_array.outcome() == by_lines.outcome() == COMPLETE
    assert by_array.posts_imported + by_array.embedded_posts > 5 and by_array.metrics > 5
    assert by_array.accounts > 1
    for table in TABLES:
        assert _rows(array_ws, table) == _rows(lines_ws, table), table
    assert quarantine.records(array_ws.archive) == []


def test_a_mastodon_context_gives_its_statuses_as_json_lines_do(fixtures, tmp_path):
    statuses = _lines(fixtures / "mastodon" / "statuses.jsonl")
    context = {"ancestors": statuses[1:2], "descendants": statuses[2:3]}  # a reply and its parent
    context_ws, by_context = _import(tmp_path, "context", orjson.dumps(context), "mastodon")
    lines = b"".join(orjson.dumps(status) + b"\n" for status in statuses[1:3])
    lines_ws, by_lines = _import(tmp_path, "lines", lines, "mastodon")
    assert (by_context.records_read, by_context.posts_imported) == (2, 2)
    for table in TABLES:
        assert _rows(context_ws, table) == _rows(lines_ws, table), table
