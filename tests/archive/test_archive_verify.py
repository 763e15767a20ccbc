"""`meetlat archive verify`: every altered or missing item is named; intact is said so."""

import json
import os

import pytest
from linesreader import NAME, line, write_lines

from meetlat.app.verifying import verify
from meetlat.archive import manifest
from meetlat.importer import import_paths


@pytest.fixture
def imported(workspace, lines_reader, tmp_path):
    write_lines(tmp_path / "a.jsonl", [line(1), line(2), "bad"])
    write_lines(tmp_path / "b.jsonl", [line(3)])
    import_paths(workspace, [tmp_path / "a.jsonl", tmp_path / "b.jsonl"], format=NAME)
    return workspace


def _object(ws, number=0):
    sha = manifest.entries(ws.archive)[number]["sha256"]
    return ws.archive / "objects" / sha[:2] / sha


def _rewrite(path, data: bytes):
    os.chmod(path, 0o644)
    path.write_bytes(data)


def test_an_intact_archive_says_so_in_dutch(cli, imported):
    result = cli("archive", "verify")
    assert result.exit_code == 0, result.output
    # 2 manifest entries + 2 objects + 2 record lists + 1 quarantine list + 3 warehouse
    # parts (a: its posts of 2014-04 and its account; b: its post, its account a repeat)
    assert "Alle 10 onderdelen intact" in result.stdout
    assert "3 warehousedelen" in result.stdout
    assert "4 records opnieuw gehasht" in result.stdout


def test_an_altered_object_is_named(cli, imported):
    path = _object(imported)
    _rewrite(path, path.read_bytes().replace(b'"1"', b'"7"'))
    result = cli("archive", "verify")
    assert result.exit_code == 1
    assert f"archive/objects/{path.parent.name}/{path.name}: gewijzigd" in result.output


def test_a_missing_object_is_named(cli, imported):
    path = _object(imported, 1)
    path.unlink()
    result = cli("archive", "verify")
    assert result.exit_code == 1
    assert f"archive/objects/{path.parent.name}/{path.name}: ontbreekt" in result.output


def test_an_altered_manifest_line_is_named(cli, imported):
    path = manifest.manifest_path(imported.archive)
    lines = path.read_text().splitlines()
    entry = json.loads(lines[0])
    entry["counts"]["posts_imported"] = 99
    lines[0] = json.dumps(entry, sort_keys=True)
    path.write_text("\n".join(lines) + "\n")
    result = cli("archive", "verify")
    assert result.exit_code == 1
    assert "archive/manifest.jsonl regel 1: gewijzigd" in result.output


def test_a_removed_manifest_line_is_found(cli, imported):
    path = manifest.manifest_path(imported.archive)
    lines = path.read_text().splitlines()
    path.write_text(lines[1] + "\n")
    report = verify(imported.root)
    problems = {f.item: f.problem for f in report.findings}
    assert "archive/manifest.jsonl regel 1" in problems  # the chain is broken
    assert any("staat niet in het manifest" in p for p in problems.values())


def test_an_altered_record_list_is_named(cli, imported):
    entry = manifest.entries(imported.archive)[0]
    path = imported.archive / entry["records"]
    _rewrite(path, path.read_bytes() + b"\0")
    result = cli("archive", "verify", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["intact"] is False
    assert report["error"] == "1 probleem gevonden in het archief." and report["exit_code"] == 1
    assert report["findings"] == [
        {
            "item": f"archive/{entry['records']}",
            "problem": "gewijzigd: de sha256 klopt niet meer met het manifest",
        }
    ]


def test_records_are_hashed_again_from_the_archived_file(imported, lines_reader, monkeypatch):
    original = lines_reader.records

    def changed(self, source):
        for record in original(self, source):
            if record.line == 2:
                record.raw = record.raw + b" "
            yield record

    monkeypatch.setattr(lines_reader, "records", changed)
    report = verify(imported.root)
    assert [f.problem for f in report.findings] == [
        "record op regel 2 van "
        + manifest.entries(imported.archive)[0]["name"]
        + " past niet meer bij de recordlijst"
    ]
    assert verify(imported.root, reread=False).intact


def test_archive_list_and_quarantine(cli, imported, tmp_path):
    listed = cli("archive", "list", "--json")
    assert [e["name"] for e in json.loads(listed.stdout)] == [
        str(tmp_path / "a.jsonl"),
        str(tmp_path / "b.jsonl"),
    ]
    table = cli("archive", "list")
    assert f"{NAME}  3 records: 2 nieuw, 0 herhaald, 1 apart gezet  {tmp_path / 'a.jsonl'}" in (
        table.stdout
    )
    import_paths(imported, [tmp_path / "a.jsonl"], format=NAME)  # the bad line again
    result = cli("archive", "quarantine", "--list")
    assert result.exit_code == 0
    assert f"{tmp_path / 'a.jsonl'} regel 3: geen geldige JSON" in result.stdout
    assert "1 record apart gezet." in result.stdout  # listed once although imported twice
    counts = cli("archive", "quarantine")
    assert f"{tmp_path / 'a.jsonl'}: 1 record apart gezet" in counts.stdout
    as_json = json.loads(cli("archive", "quarantine", "--json").stdout)
    assert as_json[0]["raw"] == "bad" and as_json[0]["line"] == 3


def test_an_empty_archive(cli, workspace):
    assert "Het archief is leeg" in cli("archive", "list").stdout
    assert "De quarantaine is leeg" in cli("archive", "quarantine", "--list").stdout
    result = cli("archive", "verify")
    assert result.exit_code == 0 and "Alle 0 onderdelen intact" in result.stdout
