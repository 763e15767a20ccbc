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
