"""Counts a person reads take the right form: "1 bestand", "2 bestanden"."""

from __future__ import annotations

from meetlat.cli.importer import SHOWN_PROBLEMS, print_summary
from meetlat.importer.summary import ImportSummary


def _problems(count):
    return [{"file": "a.jsonl", "line": n, "item": None, "reason": "kapot"} for n in range(count)]


def test_one_of_each_is_singular(capsys):
    one = ImportSummary(files=1, records_read=1, posts_imported=1, duplicates=1, quarantined=1)
    one.problems = _problems(SHOWN_PROBLEMS + 1)
    print_summary(one)
    out = " ".join(capsys.readouterr().out.split())
    assert "1 bestand, 1 record: 1 nieuw bericht, 1 herhaling, 1 apart gezet" in out
    assert "… en nog 1 probleem" in out and "problemen" not in out


def test_many_are_plural(capsys):
    many = ImportSummary(files=2, records_read=1500, posts_imported=1500)
    many.problems = _problems(SHOWN_PROBLEMS + 3)
    print_summary(many)
    out = " ".join(capsys.readouterr().out.split())
    assert "2 bestanden, 1.500 records: 1.500 nieuwe berichten, 0 herhalingen, 0 apart gezet" in out
    assert "… en nog 3 problemen" in out


def test_accounts_cli_counts_one_problem(cli, workspace, tmp_path):
    bad = tmp_path / "accounts.csv"
    bad.write_text("municipality_code,platform,handle,role\nGM9999,x,nergens,corporate\n")
    result = cli("accounts", "import", bad)
    assert result.exit_code == 1
    assert "1 probleem in" in " ".join(result.output.split())


def test_a_missing_registry_file_is_named_without_line_zero(cli, workspace, tmp_path):
    result = cli("accounts", "import", tmp_path / "nope.csv")
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "nope.csv: bestand niet gevonden" in text and "regel 0" not in text


def test_survey_import_of_one_municipality_is_singular(cli, workspace, tmp_path):
    answers = tmp_path / "one.csv"
    answers.write_text("municipality_code,content.phase\nGM0363,3\n", encoding="utf-8")
    result = cli("survey", "import", answers, "--edition", "2014")
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "De antwoorden van 1 gemeente uit" in out, out
    assert "1 gemeente heeft geantwoord." in out
