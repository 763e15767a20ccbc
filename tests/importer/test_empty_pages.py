"""Empty API pages are valid files: they import 0 records, quietly, with exit code 0.

An empty page names no platform (``[]`` could come from any API), so no reader's sniff
recognises it; the import takes the first reader that finds no records in it. The
Mastodon context is a recorded response (tests/fixtures/mastodon/SOURCES.md); the other
pages are the shapes the APIs document for "no results", written out here.
"""

import json

import pytest

from meetlat.app.verifying import verify
from meetlat.archive import manifest, quarantine

PAGES = {
    "array.json": b"[]\n",
    "x-v2-data.json": b'{"data": []}\n',
    "x-v2-meta.json": b'{"data": [], "meta": {"result_count": 0}}\n',
    "x-v2-meta-only.json": b'{"meta": {"result_count": 0}}\n',
    "bluesky-feed.json": b'{"feed": []}\n',
    "bluesky-feed-cursor.json": b'{"feed": [], "cursor": "3kikckraho22b"}\n',
    "facebook.json": b'{"data": [], "paging": {}}\n',
}


def _check_quiet(result, workspace, files: int) -> None:
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["files"] == files and summary["exit_code"] == 0
    assert (summary["records_read"], summary["quarantined"]) == (0, 0)
    assert summary["problems"] == [] and summary["skipped"] == []
    assert quarantine.records(workspace.archive) == []
    assert len(manifest.entries(workspace.archive)) == files  # kept in the archive
    assert verify(workspace.root).intact


@pytest.mark.parametrize("name", sorted(PAGES))
def test_an_empty_page_imports_zero_records_quietly(cli, workspace, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PAGES[name])
    _check_quiet(cli("import", "--no-facts", path, "--json"), workspace, 1)


def test_the_recorded_empty_mastodon_context(cli, workspace, fixtures):
    path = fixtures / "mastodon" / "empty" / "context.json"
    _check_quiet(cli("import", "--no-facts", path, "--json"), workspace, 1)
    assert manifest.entries(workspace.archive)[0]["reader"] == "mastodon"
    human = cli("import", "--no-facts", path)
    assert human.exit_code == 0
    assert "1 bestand, 0 records: 0 nieuwe berichten, 0 herhalingen, 0 apart gezet" in (
        human.output
    )
    assert "quarantaine" not in human.output and "--format" not in human.output


@pytest.mark.parametrize(
    "name, format",
    [
        ("x-v2-meta.json", "x-v2"),
        ("facebook.json", "facebook"),
        ("bluesky-feed.json", "bluesky"),
        ("array.json", "mastodon"),
    ],
)
def test_an_empty_page_of_the_named_format_is_quiet_too(cli, workspace, tmp_path, name, format):
    path = tmp_path / name
    path.write_bytes(PAGES[name])
    _check_quiet(cli("import", "--no-facts", path, "--format", format, "--json"), workspace, 1)


def test_a_mastodon_context_named_with_format_reads_nothing(cli, workspace, fixtures):
    path = fixtures / "mastodon" / "empty" / "context.json"
    _check_quiet(cli("import", "--no-facts", path, "--format", "mastodon", "--json"), workspace, 1)


def test_empty_pages_beside_real_ones_in_a_folder(cli, workspace, fixtures, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, data in PAGES.items():
        (folder / name).write_bytes(data)
    (folder / "statuses.jsonl").write_bytes((fixtures / "mastodon" / "statuses.jsonl").read_bytes())
    result = cli("import", "--no-facts", folder, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["files"] == len(PAGES) + 1
    assert (summary["records_read"], summary["quarantined"]) == (5, 0)  # the 5 statuses


def test_a_json_object_that_is_no_page_is_still_not_recognised(cli, workspace, tmp_path):
    path = tmp_path / "iets.json"
    path.write_bytes(b'{"naam": "Utrecht", "inwoners": 361924}\n')
    result = cli("import", "--no-facts", path)
    assert result.exit_code == 2
    assert f"{path}: niet geïmporteerd, het formaat is niet herkend" in result.output
    assert "Kies het formaat met --format." in result.output
    assert manifest.entries(workspace.archive) == []
