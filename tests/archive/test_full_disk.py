"""A full disk during an import: one Dutch sentence, the warehouse and the archive as they
were before that file, and no archived file left that no manifest line names."""

import errno

import pytest
from linesreader import NAME, line, write_lines

from meetlat.app.verifying import verify
from meetlat.archive import manifest, store
from meetlat.cli import main
from meetlat.importer import import_paths
from meetlat.importer.reading import stage_file
from meetlat.importer.sources import Unit
from meetlat.warehouse import staging
from meetlat.warehouse.dedupe import Finisher
from meetlat.warehouse.recovery import recover


def _full(path="/ws/some-file"):
    return OSError(errno.ENOSPC, "No space left on device", str(path))


def _state(ws) -> dict[str, str]:
    """Every file of the archive and the warehouse with its sha256 (the lock left out)."""
    return {
        path.relative_to(ws.root).as_posix(): store.file_sha256(path)[0]
        for folder in (ws.archive, ws.warehouse)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".import.lock"
    }


@pytest.fixture
def earlier(workspace, lines_reader, tmp_path):
    """A workspace with one file imported, and a new file whose import will fail."""
    write_lines(tmp_path / "a.jsonl", [line(1, likes=3), line(2)])
    import_paths(workspace, [tmp_path / "a.jsonl"], format=NAME)
    write_lines(tmp_path / "b.jsonl", [line(3, at="2014-05-02T08:00:00Z"), line(4, followers=9)])
    return workspace, tmp_path / "b.jsonl"


def _unchanged(ws, before, new_file):
    assert _state(ws) == before
    sha = store.file_sha256(new_file)[0]
    assert not store.object_path(ws.archive, sha).exists()  # no orphan object
    assert not any((ws.warehouse / "_staging").iterdir())
    assert verify(ws.root).intact


def test_a_manifest_line_cut_off_by_a_full_disk_undoes_the_file(earlier, monkeypatch):
    ws, new_file = earlier
    before = _state(ws)
    real = manifest._write_all

    def half_then_full(fd, data):
        real(fd, data[: len(data) // 2])  # half the line reaches the disk
        raise _full(manifest.manifest_path(ws.archive))

    monkeypatch.setattr(manifest, "_write_all", half_then_full)
    with pytest.raises(OSError) as failed:
        import_paths(ws, [new_file], format=NAME)
    assert failed.value.errno == errno.ENOSPC
    _unchanged(ws, before, new_file)  # the manifest cut back, the parts moved back


def test_a_full_disk_writing_the_part_list_changes_nothing(earlier, monkeypatch):
    ws, new_file = earlier
    before = _state(ws)
    real = staging.atomic.write_json

    def full_at_parts(path, value):
        if path.name == staging.PARTS:
            raise _full(path)
        real(path, value)

    monkeypatch.setattr(staging.atomic, "write_json", full_at_parts)
    with pytest.raises(OSError):
        import_paths(ws, [new_file], format=NAME)
    _unchanged(ws, before, new_file)


def test_a_full_disk_writing_a_warehouse_part_changes_nothing(earlier, monkeypatch):
    ws, new_file = earlier
    before = _state(ws)

    def full(self, table, new, month_of):
        raise _full(self.stage.folder / "commit" / "warehouse" / table)

    monkeypatch.setattr(Finisher, "_write_table", full)
    with pytest.raises(OSError):
        import_paths(ws, [new_file], format=NAME)
    _unchanged(ws, before, new_file)


def test_the_import_command_says_so_in_one_dutch_sentence(earlier, monkeypatch, capsys):
    ws, new_file = earlier
    before = _state(ws)

    def full(fd, data):
        raise _full(manifest.manifest_path(ws.archive))

    monkeypatch.setattr(manifest, "_write_all", full)
    with pytest.raises(SystemExit) as stopped:
        main.main(["import", str(new_file), "--format", NAME])
    assert stopped.value.code == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "Traceback" not in err
    assert err.startswith("✗ De schijf is vol:") and err.count("✗") == 1
    _unchanged(ws, before, new_file)


def test_an_import_killed_while_reading_leaves_no_orphan_object(earlier):
    ws, new_file = earlier
    before = _state(ws)
    # what a process killed after staging leaves: a stage without READY and its object
    staged = stage_file(
        ws.root, Unit(new_file, str(new_file)), NAME, "20260101T000000Z-dead00-00001"
    )
    assert staged.stored.path.exists()
    assert recover(ws.root) == [("20260101T000000Z-dead00-00001", "removed")]
    _unchanged(ws, before, new_file)


def test_an_object_of_an_earlier_import_is_kept_when_its_repeat_fails(earlier, monkeypatch):
    ws, _new = earlier
    first = manifest.entries(ws.archive)[0]

    def full(self, table, new, month_of):
        raise _full()

    monkeypatch.setattr(Finisher, "_write_table", full)
    with pytest.raises(OSError):
        import_paths(ws, [first["path"]], format=NAME)
    assert store.object_path(ws.archive, first["sha256"]).exists()  # its line names it
    assert verify(ws.root).intact
