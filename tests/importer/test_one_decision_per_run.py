"""Duplicates are decided once for all the files of a run: the outcome is that of importing
the files one at a time, in the same order (each file against the warehouse and the files
before it; within a file a record's own post before an embedded copy)."""

import pyarrow.parquet as pq
import pytest
from linesreader import NAME, line, write_lines

from meetlat.archive import manifest
from meetlat.importer import import_paths, service
from meetlat.warehouse.connection import connect

TABLES = ("posts", "post_metrics", "accounts", "account_snapshots")
COUNTS = ("records_read", "posts_imported", "duplicates", "quarantined", "embedded_posts")


def _files(tmp_path):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    write_lines(
        a,
        [
            line(1, likes=2, followers=10, user="7"),
            line(2, quote={"id": "5", "user": "8", "at": "2014-03-01T08:00:00Z"}),
            "{not json",
        ],
    )
    write_lines(
        b,
        [
            line(5, at="2014-03-01T08:00:00Z", user="8"),  # embedded in a: a duplicate here
            line(1, likes=2, followers=10, user="7"),  # the same post and observations
            line(6, quote={"id": "7", "at": "2014-05-01T08:00:00Z"}, likes=1),
            line(7, at="2014-05-01T08:00:00Z", likes=4),  # own after its embedded copy
        ],
    )
    write_lines(
        c,
        [
            line(7, at="2014-05-01T08:00:00Z", likes=4),
            line(1, likes=3, followers=11, user="7", seen="2021-01-01T00:00:00Z"),  # new
            line(8, at="2014-06-01T08:00:00Z"),
        ],
    )
    return [a, b, c]


def _rows(ws, table):
    frame = connect(ws).table(table).to_pandas().drop(columns=["source_file"])
    frame = frame.astype(str)
    return sorted(map(tuple, frame.to_numpy().tolist()))


def _outcome(ws):
    entries = manifest.entries(ws.archive)
    lists = [pq.read_table(ws.archive / entry["records"]).to_pylist() for entry in entries]
    counts = [{k: entry["counts"][k] for k in COUNTS} for entry in entries]
    return {table: _rows(ws, table) for table in TABLES}, lists, counts


@pytest.fixture
def second_workspace(tmp_path):
    from meetlat import workspace as workspaces

    return workspaces.init(tmp_path / "ws-one-by-one")


@pytest.mark.parametrize("at_once", [1_000_000, 7, 4])
def test_one_run_of_several_files_equals_one_run_per_file(
    workspace, second_workspace, lines_reader, tmp_path, monkeypatch, at_once
):
    """In one group, in groups of at most 7 or 4 records (a: 3 records, b: 4, c: 3; so
    a+b then c, or each file alone), each group judged against the groups before it."""
    monkeypatch.setattr(service, "DECIDE_AT_ONCE", at_once)
    files = _files(tmp_path)
    together = import_paths(workspace, files, format=NAME)
    for path in files:
        import_paths(second_workspace, [path], format=NAME)
    assert together.files == 3
    assert (together.posts_imported, together.duplicates, together.quarantined) == (5, 4, 1)
    assert _outcome(workspace) == _outcome(second_workspace)
    statuses = [[row["status"] for row in records] for records in _outcome(workspace)[1]]
    assert statuses == [
        ["imported", "imported", "quarantined"],
        ["duplicate", "duplicate", "imported", "imported"],
        ["duplicate", "duplicate", "imported"],
    ]


def test_files_are_decided_in_consecutive_groups_of_bounded_size():
    class Staged:
        def __init__(self, records_read):
            self.records_read = records_read

    sizes = [3, 4, 3, 9, 1, 1]
    groups = service.decision_groups([Staged(n) for n in sizes], limit=7)
    assert [[one.records_read for one in group] for group in groups] == [[3, 4], [3], [9], [1, 1]]
