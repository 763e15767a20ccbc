"""`meetlat themes profile|before-after|interactive` on real X posts."""

from __future__ import annotations

import json
import shutil

import pytest

from meetlat.app import importing


@pytest.fixture
def noflat(workspace, fixtures):
    importing.import_files(workspace, [fixtures / "x" / "noflat.jsonl"])
    return workspace


def test_interactive_as_json_and_table(noflat, fixtures, cli):
    groups = fixtures / "themes" / "groups.csv"
    result = cli(
        "themes", "interactive", "--groups", groups, "--period", "2021-04-08..2021-04-08", "--json"
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["total"]["share"] == 54.5
    assert [g["share"] for g in found["groups"]] == [50.0, 57.1, None]
    assert "regel 10: onbekend platform" in result.stderr
    table = cli("themes", "interactive", "--groups", groups, "--period", "2021-04-08..2021-04-08")
    assert "Interactieve berichten" in table.stdout and "54,5%" in table.stdout
    assert "PDXPapaG" not in table.stdout  # per group, never per account


def test_profile_with_the_package_lexicon_and_an_own_one(noflat, fixtures, cli, tmp_path):
    groups = fixtures / "themes" / "groups.csv"
    result = cli("themes", "profile", "--groups", groups, "--period", "2021-04-08..2021-04-08")
    assert result.exit_code == 0, result.output
    assert "sociaal domein" in result.stdout and "themes-nl.csv" in result.stdout
    own = tmp_path / "en.csv"
    shutil.copy(fixtures / "themes" / "lexicon-en.csv", own)
    result = cli(
        "themes", "profile", "--groups", groups, "--period", "2021-04-08..2021-04-08",
        "--lexicon", own, "--json",
    )  # fmt: skip
    found = json.loads(result.stdout)
    assert found["groups"][0]["counts"] == {"obama": 3, "guns": 1, "media": 0, "politics": 0}


def test_before_after_and_bad_input(noflat, fixtures, cli, tmp_path):
    groups = fixtures / "themes" / "groups.csv"
    result = cli(
        "themes",
        "before-after",
        "--groups",
        groups,
        "--date",
        "2021-04-07",
        "--days",
        "2",
        "--json",
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(g["group"], g["before"], g["after"]) for g in found["groups"]] == [
        ("A", 0, 4), ("B", 0, 7), ("C", 0, 0),
    ]  # fmt: skip
    bad = cli("themes", "before-after", "--groups", groups, "--date", "19-03-2014")
    assert bad.exit_code == 2 and "verwacht werd een dag" in bad.stderr
    missing = cli("themes", "interactive", "--groups", tmp_path / "geen.csv", "--period", "2014")
    assert missing.exit_code == 1 and "kan niet worden gelezen" in missing.stderr


def test_the_lexicon_is_copied_into_the_workspace_and_edited_there(workspace, cli):
    shown = cli("themes", "lexicon", "--json")
    assert shown.exit_code == 0, shown.output
    found = json.loads(shown.stdout)
    assert found["source"].endswith("themes-nl.csv") and "wmo" in found["themes"]["sociaal domein"]
    assert cli("themes", "lexicon", "--copy").exit_code == 0
    own = workspace.reference / "themes.csv"
    own.write_text(own.read_text() + "havens,haven*\n")
    found = json.loads(cli("themes", "lexicon", "--json").stdout)
    assert found["source"] == str(own) and found["themes"]["havens"] == ["haven*"]
    again = cli("themes", "lexicon", "--copy")
    assert again.exit_code == 1 and "bestaat al" in again.stderr
    own.write_text("theme,term\nhavens\n")
    bad = cli("themes", "lexicon")
    assert bad.exit_code == 1 and "regel 2" in bad.stderr
