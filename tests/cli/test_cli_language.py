"""What Typer and click write themselves reads Dutch: the help pages, the usage errors
(also as JSON with --json), the version."""

from __future__ import annotations

import errno
import json
import re

import pytest
import typer.main
from typer.testing import CliRunner

from meetlat import __version__
from meetlat.cli import commands
from meetlat.cli.main import build_app

# English that Typer or click would write if a text of theirs slipped through
ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|\[default|\[required|required\]"
    r"|<str>|<int>|<float>|<path>|<Path>|list\[|\bTEXT\b|\bINTEGER\b|\bPATH\b|\bFILE\b"
    r"|Error:|Try '|No such|Missing|Invalid value|unexpected extra|is not one of"
)


def _command_paths(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, (*path, name))


def _all_commands():
    return list(_command_paths(typer.main.get_command(build_app())))


def test_every_group_and_command_is_meetlats_own():
    for path, command in _all_commands():
        kind = commands.Group if hasattr(command, "commands") else commands.Command
        assert isinstance(command, kind), f"meetlat {' '.join(path)} is made without cli.App"


@pytest.mark.parametrize("path", [p for p, _ in _all_commands()], ids=" ".join)
def test_every_help_page_is_dutch(cli, path):
    result = cli(*path, "--help")
    assert result.exit_code == 0, result.output
    english = ENGLISH.findall(result.output)
    assert not english, (
        f"English on the help of meetlat {' '.join(path)}: {english}\n{result.output}"
    )
    assert result.output.startswith("Gebruik: meetlat")
    assert "Toon deze hulp en stop." in result.output


def test_help_names_the_sections_and_types_in_dutch(cli):
    text = cli("import", "--help").output
    assert "Gebruik: meetlat import [OPTIES] {PAD}..." in text
    assert "Argumenten:" in text and "Opties:" in text
    assert "PAD <paden>" in text and "--format <tekst>" in text
    assert "[standaard: auto]" in text and "[verplicht]" in text
    top = cli("--help").output
    assert "Gebruik: meetlat [OPTIES] COMMANDO [ARGUMENTEN]..." in top
    assert "Commando's:" in top
    synth = cli("synth", "--help").output
    assert "--posts <geheel getal>" in synth and "--out <pad>" in synth


@pytest.mark.parametrize(
    "args, expected",
    [
        (("measure", "--bogus"), "Fout: Onbekende optie: --bogus"),
        (("measure", "--form", "2014-04-01"), "Onbekende optie: --form (bedoelt u --from"),
        (("import",), "Fout: Argument 'PAD' ontbreekt."),
        (("reference", "show"), "Fout: Argument 'CODE' ontbreekt."),
        (("measure", "--from", "2014-04-01"), "Fout: Optie '--to' ontbreekt."),
        (("measure", "--to"), "Fout: Optie '--to' heeft een waarde nodig."),
        (("reference", "show", "GM0363", "GM0344"), "Fout: Onverwacht extra argument: GM0344"),
        (("reference", "show", "GM0363", "a", "b"), "Onverwachte extra argumenten: a b"),
        (("synth", "--posts", "veel", "--out", "x"), "'--posts': geen geheel getal."),
        (("mesure",), "Fout: Onbekend commando 'mesure'. Bedoelt u 'measure'"),
    ],
)
def test_usage_errors_are_dutch(cli, args, expected):
    result = cli(*args)
    assert result.exit_code == 2
    text = result.output
    assert expected in text, text
    assert not ENGLISH.findall(text), text


def test_a_usage_error_shows_the_usage_and_where_help_is(cli):
    text = cli("measure", "--bogus").output
    assert "Gebruik: meetlat measure [OPTIES]" in text
    assert "Probeer 'meetlat measure --help' voor hulp." in text


def test_without_a_command_the_help_is_shown(cli):
    result = cli()
    assert "Gebruik: meetlat [OPTIES]" in result.output and "Commando's:" in result.output


def test_a_usage_error_with_json_prints_one_json_error_object(cli):
    result = cli("measure", "--json", "--bogus")
    assert result.exit_code == 2
    error = json.loads(result.stdout)
    assert error["error"].startswith("Onbekende optie: --bogus") and error["exit_code"] == 2


def test_a_failing_command_with_json_prints_one_json_error_object(cli):
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-06-30", "--json")
    assert result.exit_code == 1  # there is no workspace
    error = json.loads(result.stdout)
    assert "meetlat init" in error["error"] and error["exit_code"] == 1


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"meetlat {__version__}\n"


def test_english_on_request(monkeypatch):
    monkeypatch.setenv("MEETLAT_LANG", "en")
    text = CliRunner().invoke(build_app(), ["measure", "--help"]).output
    assert text.startswith("Usage: meetlat measure [OPTIONS]") and "Show this message" in text


def test_a_fault_of_the_machine_ends_in_one_sentence_in_every_way_of_running(cli, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", "/data/meetlat")

    monkeypatch.setattr("meetlat.workspace.current", read_only)
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-06-30", "--json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert "/data/meetlat kan niet worden geschreven" in error["error"]
    assert error["exit_code"] == 1


@pytest.mark.parametrize(
    "english, dutch",
    [
        ("'xml' is not one of 'table', 'json'.", "'xml' is niet een van: 'table', 'json'."),
        ("Value 'x' is not a valid float.", "'x' is niet van het type getal."),
        ("File 'a.csv' does not exist.", "Bestand 'a.csv' bestaat niet."),
        ("Directory 'uit' is a file.", "Map 'uit' is een bestand."),
        ("Path 'p' is not writable.", "Pad 'p' kan niet worden beschreven."),
        ("Option '--out' does not take a value.", "Optie '--out' neemt geen waarde."),
        ("Input should be greater than or equal to 1", "minstens 1."),
        ("Een tekst van Meetlat zelf.", "Een tekst van Meetlat zelf."),
    ],
)
def test_clicks_other_reasons_are_dutch(english, dutch):
    assert commands.reason_text(english) == dutch
