"""The import with the real X v2 and Mastodon readers on real payloads (tests/fixtures)."""

import shutil

import pytest

from meetlat import workspace as workspace_module
from meetlat.app.verifying import verify
from meetlat.importer import PARTIAL, import_paths
from meetlat.platforms.catalog import readers
from meetlat.warehouse.connection import connect


def _needs(name):
    if name not in readers.names():
        pytest.skip(f"reader {name} is not installed yet")


def _posts(ws):
    return connect(ws).table("posts").to_pandas()


def test_x_v2_pages_with_a_broken_line(workspace, fixtures, tmp_path):
    _needs("x-v2")
    paths = [fixtures / "x" / "noflat.jsonl", fixtures / "x" / "streaming_output_with_error.jsonl"]
    summary = import_paths(workspace, paths)
    assert summary.records_read == (
        summary.posts_imported + summary.duplicates + summary.quarantined
    )
    assert summary.quarantined == 1
    problem = summary.problems[0]
    assert problem["file"].endswith("streaming_output_with_error.jsonl")
    assert problem["line"] == 8 and "JSON" in problem["reason"]
    posts = _posts(workspace)
    assert len(posts) == summary.posts_imported + summary.embedded_posts
    assert posts["post_id"].is_unique
    assert summary.snapshots > 0 and summary.accounts > 0
    again = import_paths(workspace, paths)
    assert (again.posts_imported, again.metrics, again.snapshots, again.accounts) == (0, 0, 0, 0)
    assert again.duplicates == summary.records_read - summary.quarantined
    report = verify(workspace.root)
    assert report.intact and report.records == 2 * summary.records_read


def test_x_v2_gzipped_gives_the_same_posts(workspace, fixtures, tmp_path):
    _needs("x-v2")
    import gzip

    plain = fixtures / "x" / "noflat.jsonl"
    packed = tmp_path / "noflat.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    first = import_paths(workspace, [packed])
    second = import_paths(workspace, [plain])
    assert first.posts_imported == 100
    assert second.duplicates == 100 and second.posts_imported == 0


def test_mastodon_statuses(workspace, fixtures, tmp_path):
    _needs("mastodon")
    folder = tmp_path / "mastodon"
    shutil.copytree(fixtures / "mastodon", folder, ignore=shutil.ignore_patterns("*.md"))
    summary = import_paths(workspace, [folder])
    assert summary.files == len(list(folder.iterdir()))
    assert summary.records_read == (
        summary.posts_imported + summary.duplicates + summary.quarantined
    )
    assert summary.posts_imported > 0
    assert set(_posts(workspace)["platform"]) == {"mastodon"}
    assert verify(workspace.root).intact


def test_a_file_no_reader_knows_does_not_stop_the_rest_of_its_folder(workspace, fixtures, tmp_path):
    _needs("x-v2")
    folder = tmp_path / "export"
    folder.mkdir()
    shutil.copy(fixtures / "x" / "noflat.jsonl", folder)
    (folder / "rommel.dat").write_bytes(b"\x00\x01 geen export\n")
    summary = import_paths(workspace, [folder])
    assert [s["file"].rsplit("/", 1)[-1] for s in summary.skipped] == ["rommel.dat"]
    reason = summary.skipped[0]["reason"]
    assert "x-v2" in reason and "mastodon" in reason
    assert not summary.skipped[0]["choose_format"]  # a binary file: no format would help
    assert summary.files == 1 and summary.quarantined == 0
    assert len(_posts(workspace)) == summary.posts_imported + summary.embedded_posts > 0
    assert summary.outcome() == PARTIAL


def test_notes_mappings_and_archive_companions_in_a_folder_are_skipped(workspace, fixtures):
    _needs("x-archive")
    # tests/fixtures/x holds SOURCES.md, and an account archive with account.js beside
    # tweets.js: a whole folder imports without anyone having to pick the files.
    summary = import_paths(workspace, [fixtures / "x"])
    assert not any(p["file"].endswith(("SOURCES.md", "account.js")) for p in summary.problems)
    assert summary.posts_imported > 100


def test_files_read_by_worker_processes_give_the_same_result(workspace, fixtures, tmp_path):
    _needs("x-v2")
    paths = [
        fixtures / "x" / "noflat.jsonl",
        fixtures / "x" / "flat.jsonl",
        fixtures / "x" / "streaming_output_with_error.jsonl",
    ]
    other = workspace_module.init(tmp_path / "alone")
    alone = import_paths(other, paths, workers=1)
    together = import_paths(workspace, paths, workers=2)
    assert together.quarantine_folder == str(workspace.archive / "quarantine")
    together.quarantine_folder = alone.quarantine_folder  # each workspace has its own
    assert together.as_dict() == alone.as_dict()
    assert not any((workspace.warehouse / "_staging").iterdir())
    assert verify(workspace.root).intact


def test_a_failing_worker_imports_nothing_of_its_file(workspace, fixtures, tmp_path):
    from meetlat.importer.sources import Unit
    from meetlat.importer.worker import WorkerFailed, stage_in_child

    unit = Unit(fixtures / "x" / "noflat.jsonl", "noflat.jsonl")
    with pytest.raises(WorkerFailed, match="KeyError"):
        stage_in_child(workspace.root, unit, "no-such-reader", "20260101T000000Z-abcdef-00001")
    staging = workspace.warehouse / "_staging"
    assert not staging.exists() or not any(staging.iterdir())
