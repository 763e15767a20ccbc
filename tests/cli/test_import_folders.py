"""`meetlat import` of a folder: every file it can, each one it cannot named with the reason.

Exit codes: 0 when everything was imported, 1 when some records or files were set
aside, 2 when nothing could be imported. "Kies het formaat met --format" only where
naming a format could help (a text file no reader recognised), not for an empty,
unreadable or binary file.
"""

import ctypes
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import meetlat
from meetlat.archive import manifest

HINT = "Kies het formaat met --format"


def _folder(tmp_path: Path, fixtures: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(fixtures / "mastodon" / "statuses.jsonl", folder)  # 5 statuses
    shutil.copy(fixtures / "mastodon" / "hashtag_timeline.json", folder / "tag.json")  # 1
    return folder


def _skipped(output: str) -> dict:
    return {Path(s["file"]).name: s["reason"] for s in json.loads(output)["skipped"]}


def test_a_folder_of_good_files_exits_0(cli, workspace, fixtures, tmp_path):
    result = cli("import", "--no-facts", _folder(tmp_path, fixtures), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["files"], summary["posts_imported"], summary["exit_code"]) == (2, 6, 0)


def test_empty_unrecognised_and_broken_link_files_do_not_block_the_others(
    cli, workspace, fixtures, tmp_path
):
    folder = _folder(tmp_path, fixtures)
    (folder / "leeg.json").write_bytes(b"")
    (folder / "notities.dat").write_text("Kijk morgen nog naar de export van Utrecht.\n")
    (folder / "afbeelding.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "weg.json").symlink_to(tmp_path / "verdwenen.json")
    (folder / "rondje.json").symlink_to(folder / "rondje.json")
    result = cli("import", "--no-facts", folder, "--json")
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert (summary["files"], summary["posts_imported"], summary["quarantined"]) == (2, 6, 0)
    tried = (
        "x-v2, x-v1, x-archive, mastodon, mastodon-archive, bluesky, bluesky-repo, facebook, "
        "facebook-dyi, csv"
    )
    assert _skipped(result.stdout) == {
        "afbeelding.bin": f"het formaat is niet herkend (geprobeerd: {tried})",
        "leeg.json": "het bestand is leeg",
        "notities.dat": f"het formaat is niet herkend (geprobeerd: {tried})",
        "rondje.json": "het is een symbolische koppeling die naar zichzelf leidt (een lus)",
        "weg.json": (
            f"het is een symbolische koppeling naar {tmp_path / 'verdwenen.json'}, dat niet bestaat"
        ),
    }
    hints = {Path(s["file"]).name for s in summary["skipped"] if s["choose_format"]}
    assert hints == {"notities.dat"}
    assert len(manifest.entries(workspace.archive)) == 2

    human = cli("import", "--no-facts", folder)
    assert human.exit_code == 1
    out = " ".join(human.output.split())
    assert f"{folder / 'leeg.json'}: niet geïmporteerd, het bestand is leeg" in out
    assert "5 bestanden zijn niet geïmporteerd." in out
    assert "Er is niets geïmporteerd" not in out and HINT not in out


def _without_root_privilege():
    """In the child: give up root's right to read any file (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH), so that chmod 000 keeps it out as it keeps a user out."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _meetlat(*args, home: Path):
    env = dict(
        os.environ,
        MEETLAT_HOME=str(home),
        MEETLAT_LANG="nl",
        COLUMNS="200",
        PYTHONPATH=str(Path(meetlat.__file__).parents[1]),
    )
    return subprocess.run(
        [sys.executable, "-m", "meetlat.cli.main", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=_without_root_privilege if os.geteuid() == 0 else None,
        timeout=120,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl and chmod 000")
def test_a_file_without_read_permission_is_named_and_the_others_imported(fixtures, tmp_path):
    folder = _folder(tmp_path, fixtures)
    secret = folder / "geheim.json"
    secret.write_bytes((fixtures / "mastodon" / "hashtag_timeline.json").read_bytes())
    secret.chmod(0)
    home = tmp_path / "werkruimte"
    assert _meetlat("init", home=home).returncode == 0
    result = _meetlat("import", "--no-facts", folder, "--json", home=home)
    assert result.returncode == 1, result.stderr
    assert _skipped(result.stdout) == {"geheim.json": "geen toestemming om het te lezen"}
    summary = json.loads(result.stdout)
    assert (summary["files"], summary["posts_imported"]) == (2, 6)
    assert "Traceback" not in result.stderr


def test_a_single_unrecognised_text_file_exits_2_with_the_format_hint(cli, workspace, tmp_path):
    path = tmp_path / "export.txt.dat"
    path.write_text("datum,bericht\n2024-01-02,hallo\n")
    result = cli("import", "--no-facts", path)
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert f"{path}: niet geïmporteerd, het formaat is niet herkend" in out
    assert "Er is niets geïmporteerd. Kies het formaat met --format." in out
    assert manifest.entries(workspace.archive) == []


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02 binair"])
def test_no_format_hint_where_a_format_would_not_help(cli, workspace, tmp_path, content):
    path = tmp_path / "bestand.json"
    path.write_bytes(content)
    result = cli("import", "--no-facts", path)
    assert result.exit_code == 2
    assert "Er is niets geïmporteerd." in result.output and HINT not in result.output


def test_an_empty_file_with_a_named_format_is_named_too(cli, workspace, tmp_path):
    path = tmp_path / "leeg.jsonl"
    path.write_bytes(b"")
    result = cli("import", "--no-facts", path, "--format", "mastodon", "--json")
    assert result.exit_code == 2
    summary = json.loads(result.stdout)
    assert summary["skipped"][0]["reason"] == "het bestand is leeg"
    assert summary["error"] == "Er is niets geïmporteerd."


def test_a_folder_without_files_exits_2(cli, workspace, tmp_path):
    folder = tmp_path / "leeg"
    folder.mkdir()
    (folder / "LEESMIJ.md").write_text("Hier komen de exports.\n")  # a note, not an export
    result = cli("import", "--no-facts", folder)
    assert result.exit_code == 2
    assert f"in {folder} staan geen bestanden om te importeren" in " ".join(result.output.split())


def test_a_file_whose_records_are_all_set_aside_exits_2(cli, workspace, tmp_path):
    path = tmp_path / "kapot.jsonl"
    path.write_text(
        '{"id": "1", "account": {}, "reblogs_count": 0, "in_reply_to_account_id": null\n'
    )
    result = cli("import", "--no-facts", path, "--format", "mastodon")
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert "1 apart gezet" in out and "Er is niets geïmporteerd." in out
    assert "quarantaine" in out  # the record is kept there


def test_the_help_lists_the_exit_codes(cli):
    result = cli("import", "--help")
    out = " ".join(result.output.split())
    assert (
        "Afsluitcode 0: alles is geïmporteerd; 1: er zijn records of bestanden apart gezet" in out
    )
