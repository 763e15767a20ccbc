"""`meetlat archive verify` also finds what the hash chain alone cannot: an object that no
manifest line names, the last manifest line removed with its records, and a warehouse
part deleted, altered or added (the warehouse's own list of parts)."""

import json
import os

import pytest
from linesreader import NAME, line, write_lines

from meetlat.app.verifying import verify
from meetlat.archive import manifest, store
from meetlat.importer import import_paths
from meetlat.warehouse import parts


@pytest.fixture
def imported(workspace, lines_reader, tmp_path):
    write_lines(tmp_path / "a.jsonl", [line(1, likes=3), line(2), "bad"])
    write_lines(tmp_path / "b.jsonl", [line(3, at="2014-05-02T08:00:00Z")])
    import_paths(workspace, [tmp_path / "a.jsonl", tmp_path / "b.jsonl"], format=NAME)
    return workspace


def _findings(ws) -> dict[str, str]:
    report = verify(ws.root)
    return {f.item: f.problem for f in report.findings}


def _said(result) -> str:
    """What a command said, its lines wrapped at the terminal joined again."""
    return " ".join(result.output.split())


def _drop_last_line(ws) -> dict:
    """Remove the last manifest line with its record and quarantine lists; its entry."""
    path = manifest.manifest_path(ws.archive)
    lines = path.read_text().splitlines()
    entry = json.loads(lines[-1])
    path.write_text("".join(text + "\n" for text in lines[:-1]))
    for key in ("records", "quarantine"):
        if entry[key]:
            (ws.archive / entry[key]).unlink()
    return entry


def test_the_part_list_holds_every_part_with_its_sha256(imported):
    listed = parts.read(imported.warehouse)
    on_disk = parts.data_files(imported.warehouse)
    ids = [e["import_id"] for e in manifest.entries(imported.archive)]
    # a: posts of 2014-04, its metric, its account; b: posts of 2014-05 (account a repeat)
    assert sorted(listed["parts"]) == sorted(
        [
            f"posts/platform=x/month=2014-04/part-{ids[0]}.parquet",
            f"post_metrics/platform=x/month=2020-01/part-{ids[0]}.parquet",
            f"accounts/part-{ids[0]}.parquet",
            f"posts/platform=x/month=2014-05/part-{ids[1]}.parquet",
        ]
    )
    assert len(on_disk) == 4
    for path in on_disk:
        part = listed["parts"][path.relative_to(imported.warehouse).as_posix()]
        assert part["sha256"] == store.file_sha256(path)[0]
        assert part["size"] == path.stat().st_size
    assert listed["archive_head"] == manifest.read_head(imported.archive)
    assert manifest.read_head(imported.archive) == {
        "entries": 2,
        "entry_hash": manifest.entries(imported.archive)[-1]["entry_hash"],
    }
    assert verify(imported.root).intact


def test_an_object_no_manifest_line_names_is_an_orphan(cli, imported, tmp_path):
    stray = tmp_path / "stray.jsonl"
    stray.write_bytes(b'{"kind": "test-line", "id": "9"}\n')
    placed = store.put(imported.archive, stray)  # stored, but never imported
    result = cli("archive", "verify")
    assert result.exit_code == 1
    relative = f"archive/objects/{placed.sha256[:2]}/{placed.sha256}"
    assert (
        f"{relative}: een object dat geen manifestregel noemt: elk gearchiveerd bestand hoort "
        "bij een import in archive/manifest.jsonl" in _said(result)
    )


def test_the_last_line_removed_with_its_records_is_found_by_the_head(imported, tmp_path):
    # importing a.jsonl again adds a line whose object is shared and whose records are
    # all repeats (no warehouse part): only the head can tell that line was there
    import_paths(imported, [tmp_path / "a.jsonl"], format=NAME)
    before = set(parts.read(imported.warehouse)["parts"])
    _drop_last_line(imported)
    found = _findings(imported)
    assert found == {
        "archive/manifest.jsonl": "heeft 2 regels, maar de kop (archive/head.json) verwacht er 3, "
        f"eindigend op {manifest.read_head(imported.archive)['entry_hash'][:12]}: de laatste "
        "regels zijn verwijderd",
        "warehouse/parts.json": "gemaakt uit een manifest van 3 regels eindigend op "
        f"{manifest.read_head(imported.archive)['entry_hash'][:12]}, maar "
        "archive/manifest.jsonl heeft 2 regels eindigend op "
        f"{manifest.entries(imported.archive)[-1]['entry_hash'][:12]}",
    }
    assert set(parts.read(imported.warehouse)["parts"]) == before  # the line added none


def test_the_head_rewritten_too_still_shows_in_the_warehouse(imported):
    entry = _drop_last_line(imported)
    os.replace(imported.archive / "head.json", imported.archive / "kept.json")
    manifest.head_path(imported.archive).write_text(json.dumps(manifest.head_of(imported.archive)))
    found = _findings(imported)
    sha = entry["sha256"]
    assert found[f"archive/objects/{sha[:2]}/{sha}"].startswith("een object dat geen")
    assert found["warehouse/parts.json"].startswith("gemaakt uit een manifest van 2 regels")
    part = f"warehouse/posts/platform=x/month=2014-05/part-{entry['import_id']}.parquet"
    assert found[part] == (
        f"komt uit import {entry['import_id']}, die in geen enkele manifestregel staat"
    )


def test_a_missing_head_is_named(imported):
    manifest.head_path(imported.archive).unlink()
    last = manifest.entries(imported.archive)[-1]["entry_hash"][:12]
    assert _findings(imported)["archive/head.json"] == (
        f"ontbreekt: verwacht naast het manifest, met zijn 2 regels en laatste hash {last}"
    )


def test_a_deleted_warehouse_part_is_named_with_its_expected_hash(cli, imported):
    listed = parts.read(imported.warehouse)["parts"]
    relative = next(r for r in listed if r.startswith("posts/") and "2014-05" in r)
    (imported.warehouse / relative).unlink()
    result = cli("archive", "verify", "--quick")
    assert result.exit_code == 1
    assert (
        f"warehouse/{relative}: ontbreekt: de lijst van delen verwacht het met sha256 "
        f"{listed[relative]['sha256']} (herstel het met: meetlat archive rebuild)"
    ) in _said(result)


def test_an_altered_warehouse_part_is_named(cli, imported):
    listed = parts.read(imported.warehouse)["parts"]
    relative = next(r for r in listed if r.startswith("accounts/"))
    path = imported.warehouse / relative
    path.write_bytes(path.read_bytes() + b"\0")
    actual = store.file_sha256(path)[0]
    result = cli("archive", "verify", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"] == [
        {
            "item": f"warehouse/{relative}",
            "problem": f"gewijzigd: de sha256 is {actual}, de lijst van delen verwacht "
            f"{listed[relative]['sha256']} (herstel het met: meetlat archive rebuild)",
        }
    ]


def test_a_part_added_behind_the_list_is_named(imported):
    listed = parts.read(imported.warehouse)["parts"]
    relative = next(r for r in listed if r.startswith("accounts/"))
    extra = (imported.warehouse / relative).with_name("part-extra.parquet")
    extra.write_bytes((imported.warehouse / relative).read_bytes())
    assert _findings(imported) == {
        "warehouse/accounts/part-extra.parquet": "staat niet in de lijst van delen van het "
        "warehouse (warehouse/parts.json): het is er later bijgezet"
    }


def test_a_missing_part_list_is_named(imported):
    parts.parts_path(imported.warehouse).unlink()
    assert _findings(imported) == {
        "warehouse/parts.json": "ontbreekt: de lijst van delen van het warehouse hoort naast "
        "de tabellen te staan (herstel het warehouse met: meetlat archive rebuild)"
    }


def test_a_warehouse_without_a_list_gets_none_from_an_import(imported, tmp_path):
    # a warehouse of an older Meetlat: an import does not begin a list that would vouch
    # for parts nobody checked; verify keeps saying so (and `archive rebuild` makes one)
    parts.parts_path(imported.warehouse).unlink()
    write_lines(tmp_path / "c.jsonl", [line(5)])
    import_paths(imported, [tmp_path / "c.jsonl"], format=NAME)
    assert parts.read(imported.warehouse) is None
    assert list(_findings(imported)) == ["warehouse/parts.json"]
    assert manifest.read_head(imported.archive)["entries"] == 3  # the head goes on


def test_the_registry_is_listed_and_checked(cli, imported, tmp_path):
    registry = tmp_path / "accounts.csv"
    registry.write_text("municipality_code,platform,handle,role\nGM0344,x,utrecht,corporate\n")
    assert cli("accounts", "import", registry).exit_code == 0
    path = imported.warehouse / "registry" / "accounts.parquet"
    listed = parts.read(imported.warehouse)
    assert listed["registry"] == {
        "registry/accounts.parquet": {
            "sha256": store.file_sha256(path)[0],
            "size": path.stat().st_size,
            "import_id": None,
        }
    }
    assert len(listed["parts"]) == 4  # the imports' parts are kept
    assert verify(imported.root).intact
    expected = listed["registry"]["registry/accounts.parquet"]["sha256"]
    path.write_bytes(path.read_bytes() + b"\0")
    assert _findings(imported) == {
        "warehouse/registry/accounts.parquet": "gewijzigd: de sha256 is "
        f"{store.file_sha256(path)[0]}, de lijst van delen verwacht {expected} (importeer het "
        "register opnieuw met: meetlat accounts import)"
    }
    path.unlink()
    assert _findings(imported)["warehouse/registry/accounts.parquet"].startswith(
        f"ontbreekt: de lijst van delen verwacht het met sha256 {expected}"
    )
    assert cli("accounts", "import", registry).exit_code == 0  # imported again: intact
    assert verify(imported.root).intact
