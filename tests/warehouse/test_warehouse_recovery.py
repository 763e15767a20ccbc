"""One file is one unit: a crash before READY undoes it, a crash after READY finishes it."""

import pytest
from linesreader import NAME, line, write_lines

from meetlat.archive import manifest
from meetlat.importer import import_paths
from meetlat.warehouse import staging
from meetlat.warehouse.connection import connect
from meetlat.warehouse.recovery import WarehouseBusy, locked, recover


class Crash(Exception):
    """Stands in for the process dying."""


def _parquet(ws):
    return sorted(
        p.relative_to(ws.root) for p in ws.root.rglob("*.parquet") if "_staging" not in p.parts
    )


def _post_ids(ws):
    return sorted(connect(ws).table("posts").to_pandas()["post_id"])


def test_a_crash_after_ready_is_rolled_forward_on_the_next_open(
    workspace, lines_reader, tmp_path, monkeypatch
):
    source = tmp_path / "a.jsonl"
    write_lines(source, [line(1, likes=3), line(2), "bad"])

    def crash(folder, root):
        raise Crash

    with monkeypatch.context() as patch, pytest.raises(Crash):
        patch.setattr(staging, "roll_forward", crash)
        import_paths(workspace, [source], format=NAME)
    stages = list((workspace.warehouse / "_staging").iterdir())
    assert len(stages) == 1 and (stages[0] / "READY").exists()  # kept for recovery
    assert _parquet(workspace) == []
    assert _post_ids(workspace) == ["1", "2"]  # connect() recovered it
    assert not any((workspace.warehouse / "_staging").iterdir())
    assert len(manifest.entries(workspace.archive)) == 1
    assert any(p.parts[1] == "quarantine" for p in _parquet(workspace))


def test_a_crash_halfway_through_the_moves_is_finished_once(
    workspace, lines_reader, tmp_path, monkeypatch
):
    source = tmp_path / "a.jsonl"
    write_lines(source, [line(1, likes=3, followers=4), line(2, at="2015-01-01T00:00:00Z")])
    real_replace = staging.os.replace
    moves = []

    def replace_then_crash(src, dst):
        if "/commit/" in str(src):  # a move out of the stage's commit tree
            if len(moves) == 2:
                raise Crash
            moves.append(dst)
        real_replace(src, dst)

    with monkeypatch.context() as patch, pytest.raises(Crash):
        patch.setattr(staging.os, "replace", replace_then_crash)
        import_paths(workspace, [source], format=NAME)
    assert len(_parquet(workspace)) == 2  # two files in place, the rest still staged
    recover(workspace.root)
    assert _post_ids(workspace) == ["1", "2"]
    assert len(manifest.entries(workspace.archive)) == 1
    again = import_paths(workspace, [source], format=NAME)
    assert (again.posts_imported, again.duplicates, again.metrics, again.snapshots) == (0, 2, 0, 0)


def test_a_stage_without_ready_is_removed(workspace, lines_reader, tmp_path):
    write_lines(tmp_path / "a.jsonl", [line(1)])
    import_paths(workspace, [tmp_path / "a.jsonl"], format=NAME)
    before = _parquet(workspace)
    orphan = workspace.warehouse / "_staging" / "20260101T000000Z-abcdef-00001"
    (orphan / "commit" / "warehouse" / "posts").mkdir(parents=True)
    (orphan / "commit" / "warehouse" / "posts" / "part-x.parquet").write_bytes(b"half")
    assert recover(workspace.root) == [(orphan.name, "removed")]
    assert _parquet(workspace) == before


def test_recovery_leaves_a_running_import_alone(workspace):
    stage = workspace.warehouse / "_staging" / "running"
    stage.mkdir(parents=True)
    with locked(workspace.warehouse):
        assert recover(workspace.root) == []
        assert stage.exists()
        with pytest.raises(WarehouseBusy, match="Er loopt al een import"):
            import_paths(workspace, [])
    assert recover(workspace.root) == [("running", "removed")]
