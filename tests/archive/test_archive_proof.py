"""`meetlat archive head`, `archive verify --since HEAD` and `archive check` (the book's
digital watermark, seed 6214–6232) on a workspace with real X pages imported."""

from __future__ import annotations

import json
import shutil

import pytest

from meetlat.archive import manifest, watermark
from meetlat.importer import import_paths
from meetlat.warehouse.connection import connect


@pytest.fixture
def imported(workspace, fixtures, tmp_path, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(workspace.root))
    for number, name in enumerate(["flat.jsonl", "v1_user_timeline.jsonl"]):
        folder = tmp_path / f"in{number}"
        folder.mkdir()
        shutil.copy(fixtures / "x" / name, folder / name)
        import_paths(workspace, [folder])
    return workspace


def _head(cli) -> str:
    result = cli("archive", "head", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["entry_hash"]


def test_the_head_is_the_last_entry_of_the_chain(cli, imported):
    data = json.loads(cli("archive", "head", "--json").stdout)
    last = manifest.entries(imported.archive)[-1]
    assert data == {
        "entries": 2,
        "entry_hash": last["entry_hash"],
        "imported_at": last["imported_at"],
    }
    shown = cli("archive", "head")
    assert "na 2 vermeldingen" in shown.stdout and last["entry_hash"] in shown.stdout


def test_a_published_head_stays_a_prefix_as_the_archive_grows(cli, imported, fixtures, tmp_path):
    first = manifest.entries(imported.archive)[0]["entry_hash"]
    proven = cli("archive", "verify", "--since", first, "--quick")
    assert proven.exit_code == 0, proven.output
    assert "regel 1 van de keten" in proven.stdout and "1 vermelding toegevoegd" in proven.stdout
    data = json.loads(cli("archive", "verify", "--since", first, "--quick", "--json").stdout)
    assert data["since"] == {
        "head": first, "line": 1, "broken_at_line": None, "entries_after": 1, "proven": True,
    }  # fmt: skip


def test_an_altered_entry_before_the_published_head_is_caught(cli, imported):
    head = _head(cli)
    path = manifest.manifest_path(imported.archive)
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[0])
    entry["name"] = "iets-anders.jsonl"  # altered, its hash no longer holds
    lines[0] = json.dumps(entry, sort_keys=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("archive", "verify", "--since", head, "--quick")
    assert result.exit_code == 1
    assert "De keten is verbroken bij regel 1 van het manifest" in result.stderr


def test_a_removed_entry_makes_the_published_head_unknown(cli, imported):
    head = _head(cli)
    path = manifest.manifest_path(imported.archive)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(first + "\n", encoding="utf-8")  # the last entry removed
    result = cli("archive", "verify", "--since", head, "--quick", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["since"]["line"] is None and data["since"]["proven"] is False
    assert data["error"]


def test_a_post_s_watermark_proves_and_disproves_a_text(cli, imported):
    post = connect(imported).table("posts").to_pandas().sort_values("post_id").iloc[0]
    # the public hash by hand: sha256 of the version, platform, id and normalised text
    expected = watermark.public_hash(post["platform"], post["post_id"], post["text"])
    checked = json.loads(
        cli("archive", "check", "--post", post["post_id"], "--text", post["text"], "--json").stdout
    )
    assert checked["public_hash"] == expected and checked["same_text"] is True
    code = checked["control_code"]
    assert len(code) == 64 and (imported.root / watermark.KEY_FILE).stat().st_mode & 0o077 == 0
    # the same post asked by its address, with extra white space and the code it was given
    address = f"https://x.com/iemand/status/{post['post_id']}"
    again = cli(
        "archive", "check", "--post", address, "--text", f"  {post['text']}  ", "--code", code
    )
    assert again.exit_code == 0 and "is de gearchiveerde tekst" in again.stdout
    forged = cli("archive", "check", "--post", post["post_id"], "--text", post["text"] + " (echt!)")
    assert forged.exit_code == 1 and "NIET de gearchiveerde tekst" in forged.stdout
    wrong_code = cli("archive", "check", "--post", post["post_id"], "--code", "0" * 64)
    assert wrong_code.exit_code == 1
    unknown = cli("archive", "check", "--post", "123")
    assert unknown.exit_code == 2 and "Geen bericht 123" in unknown.stderr


def test_the_control_code_needs_the_workspace_secret(tmp_path):
    hashed = watermark.public_hash("x", "1", "Hallo  wereld")
    assert hashed == watermark.public_hash("x", "1", "Hallo wereld")  # white space normalised
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = watermark.mark(tmp_path / "a", "x", "1", "Hallo wereld")
    other = watermark.mark(tmp_path / "b", "x", "1", "Hallo wereld")
    assert one.public_hash == other.public_hash and one.control_code != other.control_code
    assert watermark.code_matches(tmp_path / "a", hashed, one.control_code)
    assert not watermark.code_matches(tmp_path / "b", hashed, one.control_code)
    assert watermark.mark(tmp_path / "a", "x", "1", "Hallo wereld") == one  # one key, kept
