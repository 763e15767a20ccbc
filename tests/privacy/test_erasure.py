"""`meetlat privacy erase`: a private person taken out of the warehouse, the facts and the
reports, recorded by pseudonym, kept out of a re-import and a rebuild, shown by `archive
verify` as an erasure; a public body refused; idempotent; all or nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from meetlat import workspace as workspace_module
from meetlat.app import accounts, erasing
from meetlat.archive import manifest
from meetlat.importer import import_paths
from meetlat.indicators import facts, factstore
from meetlat.privacy import pseudonym
from meetlat.warehouse import layout, parts
from meetlat.warehouse.connection import connect
from meetlat.warehouse.recovery import recover

FIXTURES = Path(__file__).parents[1] / "fixtures"
MUNICIPAL = "fox12oregon"
PERSON = "TalkToTheFoot"  # a citizen in the real sample: one reply, mentioned by another
TABLES = ("posts", "post_metrics", "accounts", "account_snapshots", "post_authors")


@pytest.fixture
def ws(tmp_path, monkeypatch):
    ws = workspace_module.init(tmp_path / "ws")
    monkeypatch.setenv("MEETLAT_HOME", str(ws.root))
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "x" / "flat.jsonl", folder)
    registry = tmp_path / "accounts.csv"
    registry.write_text(f"municipality_code,platform,handle,role\nGM0363,x,{MUNICIPAL},corporate\n")
    accounts.import_accounts(ws, registry)
    import_paths(ws, [folder])
    return ws


def _rows(ws) -> dict[str, list[dict]]:
    return {
        table: [
            row
            for path in layout.table_files(ws.warehouse, table)
            for row in pq.read_table(path).to_pylist()
        ]
        for table in TABLES
    }


def _names_person(rows: dict[str, list[dict]]) -> list[str]:
    """Every place in the warehouse rows where the person's handle still stands."""
    found = []
    for table, listed in rows.items():
        for row in listed:
            text = json.dumps(row, default=str).lower()
            if PERSON.lower() in text:
                found.append(f"{table}: {text[:80]}")
    return found


def _state(ws) -> dict[str, str]:
    """sha256 of every file of the workspace but the facts (which a refresh may rewrite)."""
    return {
        p.relative_to(ws.root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(ws.root.rglob("*"))
        if p.is_file()
        and factstore.FOLDER not in p.parts
        and p.name not in (".import.lock", pseudonym.KEY_FILE)
    }


def test_erasure_takes_the_person_out_and_records_it_by_pseudonym(ws, cli):
    before = _rows(ws)
    assert _names_person(before)  # the person is in the data
    own = [r for r in before["posts"] if (r["handle"] or "").lower() == PERSON.lower()]
    assert own
    result = cli("privacy", "erase", "--account", PERSON, "--platform", "x",
                 "--reason", "verzoek per e-mail", "--request-id", "AVG-2026-7")  # fmt: skip
    assert result.exit_code == 0, result.output
    name = pseudonym.pseudonym(pseudonym.key(ws.root), "x", PERSON)
    assert name in result.stdout and "gewist" in result.stdout
    after = _rows(ws)
    assert not _names_person(after)
    gone = {r["post_id"] for r in own}
    assert not gone & {r["post_id"] for r in after["posts"]}
    assert not gone & {r["post_id"] for r in after["post_metrics"]}
    # the posts of others stay, a mention of the person becomes the pseudonym
    assert len(after["posts"]) == len(before["posts"]) - len(own)
    mentioning = [r for r in after["posts"] if name in (r["mentions"] or [])]
    assert mentioning and all(f"@{name}" in r["text"] for r in mentioning)
    # recorded: pseudonym, counts, reason; never the handle
    log = (ws.root / "privacy" / "erasures.jsonl").read_text(encoding="utf-8")
    assert PERSON.lower() not in log.lower()
    (line,) = [json.loads(text) for text in log.splitlines()]
    assert line["pseudonym"] == name and line["request_id"] == "AVG-2026-7"
    assert line["removed"]["posts"] == len(own) and line["reason"] == "verzoek per e-mail"
    (entry,) = manifest.erasures(ws.archive)
    assert entry["pseudonym"] == name and PERSON.lower() not in json.dumps(entry).lower()


def test_the_facts_are_rebuilt_from_the_erased_warehouse(ws, cli):
    assert cli("measure", "--from", "2021-04-01", "--to", "2021-04-30").exit_code == 0
    folder = factstore.facts_dir(ws.warehouse, "duckdb")
    old = (folder / factstore.KEY_FILE).read_text(encoding="utf-8")
    result = cli("privacy", "erase", "--account", PERSON, "--platform", "x")
    assert result.exit_code == 0 and "Meetfeiten" in result.stdout + result.stderr
    assert (folder / factstore.KEY_FILE).read_text(encoding="utf-8") != old
    assert facts.refresh(ws.warehouse, "duckdb") is None  # made from the warehouse as it is


def test_archive_verify_shows_the_erasure_not_tampering(ws, cli):
    assert cli("privacy", "erase", "--account", PERSON, "--platform", "x",
               "--request-id", "AVG-1").exit_code == 0  # fmt: skip
    result = cli("archive", "verify")
    assert result.exit_code == 0, result.output
    assert "Wissing van burger-" in result.stdout and "AVG-1" in result.stdout
    assert "intact" in result.stdout
    report = json.loads(cli("archive", "verify", "--json").stdout)
    assert report["intact"] and len(report["erasures"]) == 1
    # the archived file itself is kept byte for byte (Archiefwet)
    (imported,) = manifest.imports(ws.archive)
    assert (ws.archive / "objects" / imported["sha256"][:2] / imported["sha256"]).exists()
    assert cli("archive", "list", "--json").stdout.count('"import_id"') == 1


def test_a_changed_part_after_an_erasure_is_still_caught(ws, cli):
    assert cli("privacy", "erase", "--account", PERSON, "--platform", "x").exit_code == 0
    part = next(iter(layout.table_files(ws.warehouse, "posts")))
    part.chmod(0o644)
    part.write_bytes(part.read_bytes() + b"\0")
    result = cli("archive", "verify", "--quick")
    assert result.exit_code == 1 and "sha256" in result.stdout + result.stderr


def test_erasing_again_finds_nothing_left(ws, cli):
    assert cli("privacy", "erase", "--account", PERSON, "--platform", "x").exit_code == 0
    state = _state(ws)
    again = cli("privacy", "erase", "--account", "@talktothefoot", "--platform", "x")
    assert again.exit_code == 0, again.output
    assert "Niets meer te wissen" in again.stdout
    assert _state(ws) == state
    assert len(manifest.erasures(ws.archive)) == 1


def test_a_public_body_is_not_erased(ws, cli):
    state = _state(ws)
    result = cli("privacy", "erase", "--account", MUNICIPAL, "--platform", "x")
    assert result.exit_code == 2
    assert "register van overheidsorganen" in result.stderr
    assert _state(ws) == state


def test_reimport_and_rebuild_do_not_bring_the_person_back(ws, cli, tmp_path):
    assert cli("privacy", "erase", "--account", PERSON, "--platform", "x").exit_code == 0
    again = tmp_path / "again"
    again.mkdir()
    lines = (FIXTURES / "x" / "flat.jsonl").read_text(encoding="utf-8").splitlines()
    (again / "copy.jsonl").write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    assert cli("import", again).exit_code == 0
    assert not _names_person(_rows(ws))
    rebuilt = cli("archive", "rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert not _names_person(_rows(ws))
    assert cli("archive", "verify").exit_code == 0


def test_a_report_naming_the_person_is_removed_others_stay(ws, cli):
    (ws.reports / "naming.html").write_text(f"<p>@{PERSON}</p>", encoding="utf-8")
    (ws.reports / "naming.pdf").write_bytes(b"%PDF-1.4 compressed")
    (ws.reports / "other.html").write_text("<p>Gemeente</p>", encoding="utf-8")
    result = cli("privacy", "erase", "--account", PERSON, "--platform", "x")
    assert result.exit_code == 0
    assert sorted(p.name for p in ws.reports.iterdir()) == ["other.html"]
    assert "reports/naming.html" in result.stdout


def test_a_request_before_any_import_is_recorded_and_kept_out(tmp_path, cli, monkeypatch):
    ws = workspace_module.init(tmp_path / "fresh")
    monkeypatch.setenv("MEETLAT_HOME", str(ws.root))
    assert cli("privacy", "erase", "--account", PERSON, "--platform", "x").exit_code == 0
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "x" / "flat.jsonl", folder)
    import_paths(ws, [folder])
    assert not _names_person(_rows(ws))
    assert connect(ws).table("posts").count().execute() > 0


@pytest.mark.parametrize("step", ["staged", "ready", "chained", "facts"])
def test_a_fault_midway_leaves_the_old_or_the_new_state(ws, cli, monkeypatch, step):
    state = _state(ws)
    listed = parts.read(ws.warehouse)

    def fail(name):
        if name == step:
            raise RuntimeError(f"killed at {name}")

    monkeypatch.setattr(erasing, "_step", fail)
    with pytest.raises(RuntimeError):
        erasing.erase(ws, "x", PERSON)
    monkeypatch.undo()
    recover(ws.root)  # what the next command does first
    if step == "staged":  # before READY: as it was
        assert _state(ws) == state and parts.read(ws.warehouse) == listed
        assert _names_person(_rows(ws)) and not manifest.erasures(ws.archive)
    else:  # READY: rolled forward, whole
        assert not _names_person(_rows(ws)) and len(manifest.erasures(ws.archive)) == 1
        assert not list(layout.staging_root(ws.warehouse).glob("*"))
    monkeypatch.setenv("MEETLAT_HOME", str(ws.root))
    assert cli("archive", "verify").exit_code == 0
    assert cli("privacy", "erase", "--account", PERSON, "--platform", "x").exit_code == 0
    assert not _names_person(_rows(ws)) and len(manifest.erasures(ws.archive)) == 1


def test_published_open_data_holds_registry_accounts_only(ws, cli):
    published = cli("publish", "--edition", "2014", "--period", "2021-04")
    assert published.exit_code == 0, published.output
    state = _state(ws)
    result = cli("privacy", "erase", "--account", PERSON, "--platform", "x", "--json")
    done = json.loads(result.stdout)
    assert done["erased"] and done["published_naming"] == []
    # the published version is untouched, and the scan does see a handle that is there
    assert {k: v for k, v in _state(ws).items() if k.startswith("published/")} == {
        k: v for k, v in state.items() if k.startswith("published/")
    }
    assert erasing._naming(ws.root / "published", [MUNICIPAL])


def _quarantined(ws) -> list[bytes]:
    return [
        raw
        for path in sorted((ws.archive / "quarantine").glob("*.parquet"))
        for raw in pq.read_table(path).column("raw").to_pylist()
    ]


def test_the_person_s_records_leave_the_quarantine_lists_too(ws, cli, tmp_path):
    lines = (FIXTURES / "x" / "flat.jsonl").read_text(encoding="utf-8").splitlines()
    (own,) = [line for line in lines if f"twitter.com/{PERSON}/status" in line]
    other = json.dumps({"data": "cut"})  # a record of the wrong shape, of nobody
    cut = tmp_path / "cut"
    cut.mkdir()
    (cut / "cut.jsonl").write_text(own[: len(own) // 2] + "\n" + other + "\n")
    imported = cli("import", cut)
    assert imported.exit_code == 2, imported.output  # nothing imported: all set aside
    assert any(PERSON.encode() in raw for raw in _quarantined(ws))
    result = cli("privacy", "erase", "--account", PERSON, "--platform", "x", "--json")
    assert json.loads(result.stdout)["removed"]["quarantine"] == 1
    left = _quarantined(ws)
    assert len(left) == 1 and not any(PERSON.encode() in raw for raw in left)
    assert cli("archive", "verify").exit_code == 0  # the new list is the erasure's
    # the same cut record imported again (another file) is not set aside again
    (cut / "cut.jsonl").write_text(other + "\n" + own[: len(own) // 2] + "\n")
    again = cli("import", cut, "--format", "x-v2")
    assert again.exit_code == 2 and "2 apart gezet" in again.output, again.output
    assert not any(PERSON.encode() in raw for raw in _quarantined(ws))
    assert len(_quarantined(ws)) == 2
    assert cli("archive", "verify").exit_code == 0
    # and a list altered by anyone else is still caught
    path = next((ws.archive / "quarantine").glob("*.parquet"))
    path.chmod(0o644)
    path.write_bytes(path.read_bytes() + b"\0")
    assert cli("archive", "verify", "--quick").exit_code == 1


def test_a_full_disk_at_the_manifest_line_leaves_the_old_state(ws, monkeypatch):
    state = _state(ws)

    def full(archive, entry):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(manifest, "append", full)
    with pytest.raises(OSError):
        erasing.erase(ws, "x", PERSON)
    monkeypatch.undo()
    recover(ws.root)
    assert _state(ws) == state and not list(layout.staging_root(ws.warehouse).glob("*"))
