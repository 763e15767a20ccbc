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


def test_a_missing_answer_file_is_named_without_line_zero(cli, workspace, tmp_path):
    result = cli("survey", "import", tmp_path / "weg.csv", "--edition", "2014")
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "weg.csv: bestand niet gevonden" in text and "regel 0" not in text
    assert "1 probleem in" in text


def test_one_embedded_post_and_one_new_account_are_singular(capsys):
    one = ImportSummary(files=1, records_read=1, posts_imported=1)
    one.embedded_posts, one.accounts, one.snapshots, one.metrics = 1, 1, 1, 1
    print_summary(one)
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Ook opgeslagen: 1 ingesloten bericht, 1 nieuw account, 1 accountmomentopname, "
        "1 meting van cijfers" in out
    )


def test_a_measurement_written_to_a_file_counts_its_rows(cli, workspace, tmp_path):
    registry = tmp_path / "accounts.csv"
    registry.write_text("municipality_code,platform,handle,role\nGM0344,x,utrecht,council\n")
    assert cli("accounts", "import", registry).exit_code == 0
    out = tmp_path / "meting.csv"
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-06-30", "--out", out)
    assert result.exit_code == 0, result.output
    assert f"Geschreven: {out} (1 rij)." in " ".join(result.output.split())


def test_importing_one_account_is_singular(cli, workspace, tmp_path):
    registry = tmp_path / "accounts.csv"
    registry.write_text("municipality_code,platform,handle,role\nGM0344,x,utrecht,council\n")
    result = cli("accounts", "import", registry)
    text = " ".join(result.output.split())
    assert f"1 account geïmporteerd uit {registry}: 1 nieuw, 0 vervangen;" in text
    assert "het register bevat 1 account." in text


def test_archive_verify_counts_one_of_each_in_the_singular(cli, workspace, tmp_path):
    empty = tmp_path / "leeg.json"
    empty.write_text("[]", encoding="utf-8")
    assert cli("import", empty, "--format", "x-v2", "--no-facts").exit_code == 0
    result = cli("archive", "verify")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "(1 bestand, 1 lijst, 1 manifestregel, 0 warehousedelen); 0 records opnieuw" in text
