"""Choice options list their values and accept the Dutch words."""

from __future__ import annotations

import json

import pytest

from meetlat.cli import choices


@pytest.mark.parametrize(
    "text, values, expected",
    [
        ("gemeente", choices.BY, "municipality"),
        ("Municipality", choices.BY, "municipality"),
        ("account", choices.BY, "account"),
        ("raad", choices.RANK_ROLES, "council"),
        ("provincie", choices.PEER_GROUPS, "province"),
        ("grootteklasse", choices.PEER_GROUPS, "size"),
        ("SPARK", choices.ENGINES, "spark"),
        (None, choices.ENGINES, None),
    ],
)
def test_values_and_their_dutch_words(text, values, expected):
    assert choices.choose(text, values, "--x") == expected


def test_an_unknown_word_names_every_value(cli, workspace):
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-06-30", "--by", "provincie")
    assert result.exit_code == 1
    assert "--by provincie: kies uit account, municipality (gemeente" in result.output
    result = cli("rank", "--from", "2014-04-01", "--to", "2014-06-30", "--role", "burger")
    assert (
        "--role burger: kies uit corporate" in result.output and "council (raad)" in result.output
    )


def test_help_lists_the_values(cli):
    text = " ".join(cli("measure", "--help").output.split())
    assert "account, municipality (gemeente, gemeenten)" in text
    assert "duckdb, spark" in text
    text = " ".join(cli("rank", "--help").output.split())
    assert "size (grootteklasse, grootte), province (provincie)" in text


def test_dutch_words_work_on_the_command_line(cli, workspace, tmp_path):
    registry = tmp_path / "accounts.csv"
    registry.write_text("municipality_code,platform,handle,role\nGM0344,x,utrecht,council\n")
    assert cli("accounts", "import", registry).exit_code == 0
    args = ("--from", "2014-04-01", "--to", "2014-06-30", "--json")
    rows = json.loads(cli("measure", *args, "--by", "gemeente", "--role", "raad").stdout)
    assert [r["municipality_code"] for r in rows] == ["GM0344"]
    ranked = cli("rank", *args, "--role", "raad", "--peer-group", "provincie")
    assert ranked.exit_code == 0, ranked.output


@pytest.mark.parametrize(
    "command, option, listed",
    [
        (("accounts", "list"), "--format", "table (tabel), csv, json"),
        (("reference", "list"), "--format", "table (tabel), csv, json"),
        (("reference", "show"), "--format", "table (tabel), json"),
        (("survey", "questions"), "--format", "table (tabel), json, csv"),
        (("model", "show"), "--format", "md (markdown), json"),
        (("model", "show"), "--lang", "nl (nederlands, dutch), en (engels, english)"),
        (("synth",), "--format", "x-v2, mastodon"),
        (("users", "create"), "--role", "researcher (onderzoeker), coordinator (coördinator)"),
        (("rank",), "--engine", "duckdb, spark"),
        (("compare",), "--role", "council (raad)"),
        (("survey", "summary"), "--peer-group", "province (provincie)"),
    ],
)
def test_every_choice_option_lists_its_values(cli, command, option, listed):
    text = " ".join(cli(*command, "--help").output.split())
    assert listed in text, text


def test_the_output_formats_accept_the_dutch_words(cli, workspace):
    shown = cli("reference", "show", "GM0363", "--format", "tabel")
    assert shown.exit_code == 0 and "Amsterdam" in shown.output
    assert json.loads(cli("reference", "show", "GM0363", "--format", "JSON").stdout)
    document = cli("model", "show", "--format", "markdown", "--lang", "engels")
    assert document.exit_code == 0 and "The growth model" in document.output
    assert cli("survey", "questions", "--format", "tabel").exit_code == 0


def test_an_unknown_format_names_the_values(cli, tmp_path):
    result = cli("reference", "show", "GM0363", "--format", "xml")
    assert result.exit_code == 1
    assert "--format xml: kies uit table (tabel), json." in result.output
    result = cli("synth", "--format", "facebook", "--out", tmp_path / "s")
    assert result.exit_code == 1
    assert "--format facebook: kies uit x-v2, mastodon." in result.output


def test_import_lists_every_format_and_accepts_automatisch(cli, workspace, tmp_path):
    from meetlat.platforms.catalog import readers

    text = " ".join(cli("import", "--help").output.split())
    assert "auto (automatisch)" in text
    assert all(name in text for name in readers.names())
    empty = tmp_path / "leeg.json"
    empty.write_text("[]", encoding="utf-8")
    result = cli("import", empty, "--format", "automatisch", "--no-facts")
    assert result.exit_code == 0, result.output
    unknown = cli("import", empty, "--format", "tweets")
    assert unknown.exit_code == 2 and "mastodon-archive" in unknown.output
