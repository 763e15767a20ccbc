"""The duplicate rules of the warehouse, and the connection's view of them."""

import pyarrow.parquet as pq
from linesreader import NAME, line, write_lines

from meetlat.archive import manifest
from meetlat.importer import import_paths
from meetlat.warehouse import schema
from meetlat.warehouse.connection import connect
from meetlat.warehouse.layout import table_files


def _table(ws, name):
    return connect(ws).table(name).to_pandas()


def test_accounts_are_kept_as_first_seen(workspace, lines_reader, tmp_path):
    write_lines(
        tmp_path / "a.jsonl", [line(1, user="7", handle="utrecht", name="Gemeente Utrecht")]
    )
    write_lines(tmp_path / "b.jsonl", [line(2, user="7", handle="utrecht_nieuw", name="Utrecht")])
    first = import_paths(workspace, [tmp_path / "a.jsonl"], format=NAME)
    second = import_paths(workspace, [tmp_path / "b.jsonl"], format=NAME)
    assert (first.accounts, second.accounts) == (1, 0)
    accounts = _table(workspace, "accounts")
    assert accounts[["account_id", "handle"]].values.tolist() == [["7", "utrecht"]]
    assert set(_table(workspace, "posts")["handle"]) == {"utrecht", "utrecht_nieuw"}


def test_equal_observations_from_another_file_are_not_added_again(
    workspace, lines_reader, tmp_path
):
    record = line(1, likes=5, followers=20, seen="2014-05-01T00:00:00Z")
    write_lines(tmp_path / "a.jsonl", [record])
    write_lines(tmp_path / "b.jsonl", [record, record.replace('"likes": 5', '"likes": 6')])
    import_paths(workspace, [tmp_path / "a.jsonl"], format=NAME)
    second = import_paths(workspace, [tmp_path / "b.jsonl"], format=NAME)
    assert (second.duplicates, second.metrics, second.snapshots) == (2, 1, 0)
    assert sorted(_table(workspace, "post_metrics")["likes"]) == [5, 6]


def test_rows_have_the_canonical_schema_and_point_back_to_the_archive(
    workspace, lines_reader, tmp_path
):
    write_lines(tmp_path / "a.jsonl", [line(1, likes=1, followers=2)])
    import_paths(workspace, [tmp_path / "a.jsonl"], format=NAME)
    entry = manifest.entries(workspace.archive)[0]
    for table, expected in schema.TABLES.items():
        files = table_files(workspace.warehouse, table)
        if table == "post_authors":
            assert not files  # only for posts stored before without their author
            continue
        assert files, table
        stored = pq.read_table(files[0])
        assert stored.schema.names == expected.names, table
        assert set(stored.column("source_file").to_pylist()) == {entry["sha256"]}
    records = pq.read_table(workspace.archive / entry["records"]).to_pylist()
    posts = _table(workspace, "posts")
    assert records[0]["status"] == "imported"
    assert records[0]["record_hash"] == posts.loc[0, "record_hash"]
