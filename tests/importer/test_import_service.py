"""The import run through the library API: counts, duplicates, bad input, sources."""

import gzip
import zipfile

import pytest
from linesreader import NAME, line, write_lines

from meetlat.archive import manifest
from meetlat.importer import NOTHING, PARTIAL, ImportInterrupted, UnknownFormat, import_paths
from meetlat.warehouse.connection import connect
from meetlat.warehouse.layout import table_files


def _table(ws, name):
    return connect(ws).table(name).to_pandas()


def _warehouse_files(ws):
    return sorted(p.relative_to(ws.root) for p in ws.warehouse.rglob("*.parquet"))


def test_the_invariant_holds_and_embedded_posts_are_counted_apart(
    workspace, lines_reader, tmp_path
):
    source = tmp_path / "a.jsonl"
    write_lines(
        source,
        [
            line(1, likes=2, followers=10, user="7", handle="utrecht"),
            "",
            "   ",
            line(2, quote={"id": "90", "user": "8", "at": "2014-03-01T08:00:00Z"}),
            line(1, likes=2, followers=10, user="7", handle="utrecht"),  # same post again
            line(3, quote={"id": "2", "at": "2014-04-01T09:30:00Z"}),  # embeds post 2 again
            "{not json",
        ],
    )
    summary = import_paths(workspace, [source], format=NAME)
    assert summary.files == 1
    assert summary.records_read == 5  # blank lines are not records
    assert (summary.posts_imported, summary.duplicates, summary.quarantined) == (3, 1, 1)
    assert summary.records_read == summary.posts_imported + summary.duplicates + summary.quarantined
    assert summary.embedded_posts == 1  # post 90; post 2 was already the file's own post
    assert summary.accounts == 3  # 7, 10 (default user) and 8
    posts = _table(workspace, "posts").set_index("post_id")
    assert sorted(posts.index) == ["1", "2", "3", "90"]
    assert not posts.loc["2", "embedded"] and posts.loc["90", "embedded"]
    sha = manifest.entries(workspace.archive)[0]["sha256"]
    assert set(posts["source_file"]) == {sha}
    assert posts["record_hash"].str.len().eq(64).all()
    assert posts.loc["90", "record_hash"] == posts.loc["2", "record_hash"]  # its record's hash


def test_running_an_import_again_changes_nothing(workspace, lines_reader, tmp_path):
    source = tmp_path / "a.jsonl"
    write_lines(source, [line(1, likes=2, followers=10), line(2, likes=0), "bad"])
    first = import_paths(workspace, [source], format=NAME)
    files = _warehouse_files(workspace)
    again = import_paths(workspace, [source], format=NAME)
    assert (first.posts_imported, first.metrics, first.snapshots) == (2, 2, 1)
    assert (again.posts_imported, again.duplicates, again.quarantined) == (0, 2, 1)
    assert (again.metrics, again.snapshots, again.accounts, again.embedded_posts) == (0, 0, 0, 0)
    assert _warehouse_files(workspace) == files
    assert len(_table(workspace, "posts")) == 2
    assert len(manifest.entries(workspace.archive)) == 2  # every import is recorded


def test_a_later_observation_adds_metrics_and_a_snapshot_and_newest_metrics_win(
    workspace, lines_reader, tmp_path
):
    early, late, older = tmp_path / "early.jsonl", tmp_path / "late.jsonl", tmp_path / "old.jsonl"
    write_lines(early, [line(1, likes=2, followers=10, seen="2014-05-01T00:00:00Z")])
    write_lines(late, [line(1, likes=9, followers=12, seen="2014-06-01T00:00:00Z", text="changed")])
    write_lines(older, [line(1, likes=1, followers=8, seen="2014-04-02T00:00:00Z")])
    import_paths(workspace, [early], format=NAME)
    second = import_paths(workspace, [late, older], format=NAME)
    assert (second.posts_imported, second.duplicates, second.metrics, second.snapshots) == (
        0,
        2,
        2,
        2,
    )
    posts = _table(workspace, "posts")
    assert len(posts) == 1
    assert posts.loc[0, "likes"] == 9  # the newest observation, not the last imported
    assert not isinstance(
        posts.loc[0, "text"], str
    )  # posts are never changed by a later observation
    snapshots = _table(workspace, "account_snapshots").sort_values("observed_at")
    assert snapshots["followers"].tolist() == [8, 10, 12]
    assert len(_table(workspace, "post_metrics")) == 3


def test_every_kind_of_bad_input_is_set_aside_and_the_rest_imported(
    workspace, lines_reader, tmp_path
):
    source = tmp_path / "bad.jsonl"
    write_lines(
        source,
        [
            line(1),
            "{this is not json",
            '{"kind": "test-line", "text": "no id"}',
            line(3, at="gisteren"),
            b'{"kind": "test-line", "id": "4", "text": "caf\xe9"}',
            line(5),
        ],
    )
    summary = import_paths(workspace, [source], format=NAME)
    assert (summary.posts_imported, summary.quarantined, summary.records_read) == (2, 4, 6)
    problems = {p["line"]: p for p in summary.problems}
    assert sorted(problems) == [2, 3, 4, 5]
    assert all(p["file"] == str(source) for p in summary.problems)
    assert "geen geldige JSON" in problems[2]["reason"]
    assert "expected an object with an id" in problems[3]["reason"]
    assert '"gisteren"' in problems[4]["reason"]
    assert problems[5]["reason"] == "geen geldige UTF-8 bij byte 46"
    from meetlat.archive import quarantine

    kept = quarantine.records(workspace.archive)
    assert [r["line"] for r in kept] == [2, 3, 4, 5]
    assert kept[3]["raw"] == b'{"kind": "test-line", "id": "4", "text": "caf\xe9"}'


def test_an_undetectable_file_is_skipped_and_the_others_are_imported(
    workspace, lines_reader, tmp_path
):
    (tmp_path / "exports").mkdir()
    good, unknown = tmp_path / "exports" / "a.jsonl", tmp_path / "exports" / "b.dat"
    write_lines(good, [line(1)])
    unknown.write_text("Dit is geen export.\n")
    summary = import_paths(workspace, [tmp_path / "exports"])
    assert [s["file"] for s in summary.skipped] == [str(unknown)]
    assert NAME in summary.skipped[0]["reason"]
    assert summary.skipped[0]["choose_format"]  # text that a named reader might read
    assert (summary.files, summary.posts_imported) == (1, 1)
    assert [e["name"] for e in manifest.entries(workspace.archive)] == [str(good)]
    assert summary.outcome() == PARTIAL


def test_when_no_file_can_be_imported_nothing_is_written(workspace, lines_reader, tmp_path):
    unknown, empty = tmp_path / "b.dat", tmp_path / "c.jsonl"
    unknown.write_text("Dit is geen export.\n")
    empty.write_bytes(b"")
    summary = import_paths(workspace, [unknown, empty])
    assert [(s["file"], s["reason"]) for s in summary.skipped][1] == (
        str(empty),
        "het bestand is leeg",
    )
    assert summary.files == 0 and summary.outcome() == NOTHING
    assert not manifest.entries(workspace.archive)
    assert not (workspace.archive / "objects").exists()
    assert _warehouse_files(workspace) == []


def test_an_unknown_format_name_is_refused(workspace, tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text("{}\n")
    with pytest.raises(UnknownFormat, match="auto"):
        import_paths(workspace, [source], format="nonsense")


def test_auto_detects_per_file_and_reads_gz_zip_and_folders(workspace, lines_reader, tmp_path):
    folder = tmp_path / "exports"
    (folder / "sub").mkdir(parents=True)
    write_lines(folder / "sub" / "b.jsonl", [line(2)])
    write_lines(folder / "a.jsonl", [line(1)])
    (folder / ".hidden").write_text("not data")
    with gzip.open(folder / "c.jsonl.gz", "wb") as handle:
        handle.write((line(3) + "\n" + line(4) + "\n").encode())
    with zipfile.ZipFile(tmp_path / "d.zip", "w") as archive:
        archive.writestr("x/e.jsonl", line(5) + "\n")
        archive.writestr("f.jsonl.gz", gzip.compress((line(6) + "\n").encode()))
        archive.writestr("__MACOSX/._e.jsonl", "junk")
    summary = import_paths(workspace, [folder, tmp_path / "d.zip"])
    assert (summary.files, summary.posts_imported) == (5, 6)
    names = [e["name"] for e in manifest.entries(workspace.archive)]
    assert names == [
        str(folder / "a.jsonl"),
        str(folder / "c.jsonl.gz"),
        str(folder / "sub" / "b.jsonl"),
        f"{tmp_path / 'd.zip'}!f.jsonl.gz",
        f"{tmp_path / 'd.zip'}!x/e.jsonl",
    ]
    entries = manifest.entries(workspace.archive)
    assert entries[3]["sha256"] == entries[4]["sha256"]  # the zip itself is kept, once
    assert entries[1]["compression"] == "gzip"
    objects = list((workspace.archive / "objects").rglob("*"))
    assert len([p for p in objects if p.is_file()]) == 4
    gz_object = workspace.archive / "objects" / entries[1]["sha256"][:2] / entries[1]["sha256"]
    assert gz_object.read_bytes() == (folder / "c.jsonl.gz").read_bytes()  # kept as received


def test_the_same_bytes_are_archived_once(workspace, lines_reader, tmp_path):
    write_lines(tmp_path / "a.jsonl", [line(1)])
    write_lines(tmp_path / "copy.jsonl", [line(1)])
    summary = import_paths(workspace, [tmp_path / "a.jsonl", tmp_path / "copy.jsonl"], NAME)
    assert (summary.posts_imported, summary.duplicates) == (1, 1)
    objects = [p for p in (workspace.archive / "objects").rglob("*") if p.is_file()]
    assert len(objects) == 1


def test_an_interrupted_file_leaves_no_trace_and_earlier_files_stay(
    workspace, lines_reader, tmp_path
):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_lines(first, [line(1), line(2)])
    write_lines(second, [line(3), line(4), line(5)])
    import_paths(workspace, [first], format=NAME)
    before = _warehouse_files(workspace)
    lines_reader.boom_at = 3  # Ctrl-C while reading line 3 of b.jsonl
    with pytest.raises(ImportInterrupted) as caught:
        import_paths(workspace, [second], format=NAME)
    assert caught.value.file == str(second)
    assert _warehouse_files(workspace) == before
    assert not any((workspace.warehouse / "_staging").iterdir())
    assert len(manifest.entries(workspace.archive)) == 1
    assert sorted(_table(workspace, "posts")["post_id"]) == ["1", "2"]
    lines_reader.boom_at = None
    again = import_paths(workspace, [second], format=NAME)
    assert again.posts_imported == 3


def test_posts_are_partitioned_by_platform_and_month(workspace, lines_reader, tmp_path):
    source = tmp_path / "a.jsonl"
    write_lines(
        source, [line(1, at="2014-04-30T23:30:00+00:00"), line(2, at="2014-05-01T01:00:00+02:00")]
    )
    import_paths(workspace, [source], format=NAME)
    folders = sorted(
        p.parent.relative_to(workspace.warehouse).as_posix()
        for p in table_files(workspace.warehouse, "posts")
    )
    assert folders == ["posts/platform=x/month=2014-04"]  # 01:00+02:00 is still April in UTC
    assert "month" not in _table(workspace, "posts").columns


def test_a_truncated_gz_keeps_what_could_be_read_and_says_so(workspace, lines_reader, tmp_path):
    from meetlat.app.verifying import verify

    packed = gzip.compress(("\n".join(line(i) for i in range(1, 2001)) + "\n").encode())
    source = tmp_path / "cut.jsonl.gz"
    source.write_bytes(packed[: len(packed) - 30])
    summary = import_paths(workspace, [source], format=NAME)
    assert 0 < summary.posts_imported < 2000
    assert summary.records_read == summary.posts_imported + summary.duplicates
    assert [p["reason"].split(":")[0] for p in summary.problems] == [
        "het bestand is vanaf hier beschadigd"
    ]
    assert verify(workspace.root).intact  # the damaged file is kept exactly as received
