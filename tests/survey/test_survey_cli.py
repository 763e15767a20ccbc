"""`meetlat survey …` and `meetlat assess`: JSON outputs, rejection, tables."""

from __future__ import annotations

import csv
import io
import json

from survey_answersets import uniform_answers

from meetlat import accounts
from meetlat.survey import answers


def write(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_questions_as_json_and_csv(cli, edition, narrow):
    result = cli("survey", "questions", "--edition", "2014", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [q["id"] for q in data["questions"]] == edition.ids()
    crisis = next(q for q in data["questions"] if q["id"] == "content.crisis_communication")
    assert crisis["allowed"] == list(range(1, 11))
    assert crisis["lines"] == [[897, 903]]
    phase = next(q for q in data["questions"] if q["id"] == "people.phase")
    assert [o["value"] for o in phase["options"]] == [1, 2, 3, 4]
    rows = list(csv.DictReader(io.StringIO(cli("survey", "questions", "--format", "csv").stdout)))
    assert rows[0]["id"] == "general.twitter_account" and rows[0]["allowed"] == "yes|no"
    table = cli("survey", "questions")
    assert table.exit_code == 0 and "content.crisis_communication" in table.stdout
    assert "ja/nee" in table.stdout and "yes_no" not in table.stdout  # types in Dutch
    assert max(len(line) for line in table.stdout.splitlines()) <= 80


def test_template_prints_the_header(cli, edition):
    result = cli("survey", "template", "--edition", "2014")
    assert result.stdout.strip() == ",".join(["municipality_code", *edition.ids()])
    assert cli("survey", "template", "--edition", "1999").exit_code == 1


def test_import_rejects_a_bad_file_and_stores_nothing(cli, workspace, tmp_path):
    bad = write(
        tmp_path / "bad.csv",
        ["municipality_code", "customer_experience.direct_questions"],
        [["GM0363", "12"], ["GM0344", "8"]],
    )
    result = cli("survey", "import", bad, "--edition", "2014")
    assert result.exit_code == 1
    assert "rij 2" in result.output
    assert "customer_experience.direct_questions" in result.output
    assert "1 tot en met 10" in result.output
    assert "niets opgeslagen" in result.output
    assert not answers.store_path(workspace, "2014").exists()


def test_a_partial_import_keeps_and_names_the_other_questions(cli, workspace, tmp_path):
    columns = ["municipality_code", "content.phase", "function_result.overall_grade"]
    first = write(tmp_path / "first.csv", columns, [["GM0363", "3", "8"]])
    assert cli("survey", "import", first, "--edition", "2014").exit_code == 0
    only_grade = write(
        tmp_path / "grade.csv",
        ["municipality_code", "function_result.overall_grade"],
        [["GM0363", "6"]],
    )
    result = cli("survey", "import", only_grade, "--edition", "2014")
    assert result.exit_code == 0, result.output
    assert (
        "stonden niet in het bestand; de opgeslagen antwoorden erop zijn bewaard" in result.stdout
    )
    assert "content.phase" in result.stdout
    stored = answers.load(workspace, "2014")["GM0363"].answers
    assert stored == {"content.phase": 3, "function_result.overall_grade": 6}
    result = cli("survey", "import", only_grade, "--edition", "2014", "--replace")
    assert "zijn gewist" in result.stdout
    assert answers.load(workspace, "2014")["GM0363"].answers == {"function_result.overall_grade": 6}


def test_import_summary_and_assess(cli, workspace, tmp_path, edition):
    high = uniform_answers(edition, 4, 9) | {"general.twitter_account": "yes"}
    low = uniform_answers(edition, 1, 2) | {"general.twitter_account": "no"}
    header = answers.template_header(edition)
    rows = [
        [code] + [values.get(qid, "") for qid in header[1:]]
        for code, values in (("GM0363", high), ("GM0344", low), ("GM0060", low))
    ]
    file = write(tmp_path / "answers.csv", header, rows)
    imported = cli("survey", "import", file, "--edition", "2014")
    assert imported.exit_code == 0, imported.output
    assert "3 nieuw" in imported.stdout

    data = json.loads(cli("survey", "summary", "--edition", "2014", "--json").stdout)
    assert data["respondents"] == 3 and data["invited"] == 403
    rows = {r["question_id"]: r for r in data["questions"]}
    assert rows["function_result.overall_grade"]["mean"] == round((9 + 2 + 2) / 3, 2)
    assert rows["general.twitter_account"]["distribution"] == {"yes": 1, "no": 2}
    book = {r["key"]: r for r in data["reference"]}
    assert book["overall_grade"]["book"]["2014"] == 7.0
    assert book["overall_grade"]["ours"] == 4.33
    assert book["typical_phase"]["ours"] == 1

    grouped = json.loads(cli("survey", "summary", "--peer-group", "size", "--json").stdout)
    keys = [g["key"] for g in grouped["peer_groups"]["groups"]]
    assert keys == ["100k_plus", "under_20k"]
    by_size = " ".join(cli("survey", "summary", "--peer-group", "grootteklasse").stdout.split())
    assert "minder dan 20.000 inwoners (n=1)" in by_size or "20.000 inwoners (n=1)" in by_size
    assert "under_20k" not in by_size and "100k_plus" not in by_size
    by_province = json.loads(cli("survey", "summary", "--peer-group", "province", "--json").stdout)
    assert [g["key"] for g in by_province["peer_groups"]["groups"]] == [
        "Fryslân",
        "Noord-Holland",
        "Utrecht",
    ]
    screen = cli("survey", "summary", "--peer-group", "province")
    assert screen.exit_code == 0 and "Vergelijkingsgroepen naar provincie" in screen.stdout
    assert "Boek 2014" in cli("survey", "summary").stdout

    shown = cli("assess", "GM0363", "--edition", "2014").stdout
    assert "Redenen" in shown
    assert any(line.startswith("Content: Voor Content is") for line in shown.splitlines())
    assessed = json.loads(cli("assess", "GM0363", "--edition", "2014", "--json").stdout)
    assert assessed["overall_phase"] == 4
    assert {a["aspect"]: a["phase"] for a in assessed["profile"]} == {
        a["aspect"]: 4 for a in assessed["profile"]
    }
    assert assessed["peers"] == ["GM0344"]  # same size class, answered
    assert assessed["signals"] == []
    assert assessed["advice"]["overall_phase"] == 4
    assert {s["aspect"] for s in assessed["advice"]["steps"]} == {
        a["aspect"] for a in assessed["profile"]
    }
    screen = cli("assess", "GM0344")
    assert screen.exit_code == 0 and "Totale fase: 1" in screen.stdout

    accounts.save(
        workspace,
        [
            {
                "municipality_code": "GM0344",
                "platform": "x",
                "handle": "gemeenteutrecht",
                "role": "corporate",
                "active_from": None,
                "active_to": None,
                "status": "active",
            }
        ],
    )
    low_json = json.loads(cli("assess", "GM0344", "--json").stdout)
    assert [s["code"] for s in low_json["signals"]] == ["account_denied"]
    assert low_json["advice"]["attention_points"]  # below phase 3: the book's points
    assert "gemeenteutrecht" in cli("assess", "GM0344").stdout


def test_assess_without_answers_fails_clearly(cli, workspace):
    result = cli("assess", "GM0363")
    assert result.exit_code == 1
    assert "geen opgeslagen antwoorden" in result.output
    assert cli("assess", "GM9999").exit_code == 1


def test_choice_results_name_the_options_in_dutch(edition):
    from meetlat.app.figuretext import result_text

    row = {
        "question_id": "processes.responsible_department",
        "mean": None,
        "percentages": {"communication": 70.0, "not_assigned": 30.0},
    }
    assert result_text(row, edition) == "Volledig bij de afdeling communicatie 70%, Niet belegd 30%"
    yes_no = {"question_id": "x", "mean": None, "percentages": {"yes": 25.0, "no": 75.0}}
    assert result_text(yes_no, edition) == "ja 25%, nee 75%"
