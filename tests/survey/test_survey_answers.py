"""Answer files: template, import, rejection with nothing stored, replacement."""

from __future__ import annotations

import json

import pytest

from meetlat.survey import answers


def write_csv(path, header, *rows):
    lines = [",".join(header)] + [",".join(str(c) for c in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


HEADER = [
    "municipality_code",
    "function_result.overall_grade",
    "general.twitter_account",
    "processes.responsible_department",
    "content.phase",
    "content.explanation",
]


def test_template_is_code_then_every_question(edition):
    header = answers.template_header(edition)
    assert header[0] == "municipality_code"
    assert header[1:] == edition.ids()


def test_a_good_csv_is_stored_with_typed_values(tmp_path, workspace, edition):
    file = write_csv(
        tmp_path / "a.csv",
        HEADER,
        ["GM0363", 8, "ja", "communication", 3, "We doen veel"],
        ["gm0344", "", "no", "", "2", ""],
    )
    result = answers.import_file(workspace, file, edition)
    assert (result.added, result.replaced, result.total) == (2, 0, 2)
    stored = answers.load(workspace, "2014")
    assert stored["GM0363"].answers == {
        "function_result.overall_grade": 8,
        "general.twitter_account": "yes",
        "processes.responsible_department": "communication",
        "content.phase": 3,
        "content.explanation": "We doen veel",
    }
    # blank cells are unanswered questions; the code is normalised
    assert stored["GM0344"].answers == {"general.twitter_account": "no", "content.phase": 2}
    assert stored["GM0344"].synthetic is False


def test_reimport_with_replace_replaces_the_municipality_s_answers(tmp_path, workspace, edition):
    answers.import_file(
        workspace, write_csv(tmp_path / "a.csv", HEADER, ["GM0363", 8, "yes", "", 3, ""]), edition
    )
    again = write_csv(
        tmp_path / "b.csv",
        ["municipality_code", "function_result.overall_grade"],
        ["GM0363", 5],
        ["GM0344", 6],
    )
    result = answers.import_file(workspace, again, edition, replace=True)
    assert (result.added, result.replaced, result.total) == (1, 1, 2)
    stored = answers.load(workspace, "2014")
    assert stored["GM0363"].answers == {"function_result.overall_grade": 5}


def test_reimport_of_some_columns_keeps_the_other_stored_answers(tmp_path, workspace, edition):
    answers.import_file(
        workspace,
        write_csv(tmp_path / "a.csv", HEADER, ["GM0363", 8, "yes", "", 3, "Veel"]),
        edition,
    )
    again = write_csv(
        tmp_path / "b.csv",
        ["municipality_code", "function_result.overall_grade", "content.explanation"],
        ["GM0363", 5, ""],  # a new grade; the explanation cleared by its blank cell
    )
    result = answers.import_file(workspace, again, edition)
    assert (result.added, result.replaced, result.total) == (0, 1, 1)
    assert "general.twitter_account" in result.not_in_file
    assert "function_result.overall_grade" not in result.not_in_file
    assert len(result.not_in_file) == len(edition.ids()) - 2
    stored = answers.load(workspace, "2014")
    assert stored["GM0363"].answers == {
        "function_result.overall_grade": 5,
        "general.twitter_account": "yes",
        "content.phase": 3,
    }


def test_json_rows_cover_their_own_keys(tmp_path, workspace, edition):
    answers.import_file(
        workspace, write_csv(tmp_path / "a.csv", HEADER, ["GM0363", 8, "yes", "", 3, ""]), edition
    )
    file = tmp_path / "b.json"
    file.write_text(json.dumps([{"municipality_code": "GM0363", "content.phase": 2}]))
    answers.import_file(workspace, file, edition)
    stored = answers.load(workspace, "2014")["GM0363"].answers
    assert stored == {
        "function_result.overall_grade": 8,
        "general.twitter_account": "yes",
        "content.phase": 2,
    }


def test_a_bad_file_stores_nothing_and_names_every_problem(tmp_path, workspace, edition):
    good = write_csv(tmp_path / "good.csv", HEADER, ["GM0363", 7, "yes", "", 2, ""])
    answers.import_file(workspace, good, edition)
    before = answers.store_path(workspace, "2014").read_bytes()
    bad = write_csv(
        tmp_path / "bad.csv",
        [*HEADER, "content.nonsense"],
        ["GM0344", 11, "misschien", "communication", 2, "", ""],  # line 2: two bad values
        ["GM9999", 6, "yes", "", 2, "", ""],  # line 3: unknown code
        ["GM0001", 6, "yes", "", 2, "", ""],  # line 4: Adorp, merged in 1990
        ["GM0363", 7.5, "yes", "marketing", 5, "", ""],  # line 5: three bad values
        ["GM0363", 6, "yes", "", 2, "", ""],  # line 6: listed twice
    )
    with pytest.raises(answers.InvalidAnswers) as error:
        answers.import_file(workspace, bad, edition)
    problems = error.value.problems
    found = {(p.row, p.question_id) for p in problems}
    assert (1, "content.nonsense") in found
    assert (2, "function_result.overall_grade") in found
    assert (2, "general.twitter_account") in found
    assert (3, None) in found and (4, None) in found
    assert (5, "function_result.overall_grade") in found
    assert (5, "processes.responsible_department") in found
    assert (5, "content.phase") in found
    assert (6, None) in found
    texts = {(p.row, p.question_id): str(p) for p in problems}
    assert "1 tot en met 10" in texts[(2, "function_result.overall_grade")]
    assert "ja of nee" in texts[(2, "general.twitter_account")]
    assert "communication" in texts[(5, "processes.responsible_department")]
    assert "GM9999" in texts[(3, None)]
    assert "1990" not in texts[(4, None)] and "GM0001" in texts[(4, None)]
    assert "bad.csv rij 5" in texts[(5, "content.phase")]
    assert answers.store_path(workspace, "2014").read_bytes() == before


def test_json_files_are_checked_the_same_way(tmp_path, workspace, edition):
    file = tmp_path / "a.json"
    file.write_text(
        json.dumps(
            [
                {
                    "municipality_code": "GM0363",
                    "content.phase": 4,
                    "general.twitter_account": True,
                },
                {"municipality_code": "GM0344", "content.phase": "4"},
            ]
        ),
        encoding="utf-8",
    )
    answers.import_file(workspace, file, edition)
    stored = answers.load(workspace, "2014")
    assert stored["GM0363"].answers == {"content.phase": 4, "general.twitter_account": "yes"}
    assert stored["GM0344"].answers == {"content.phase": 4}
    file.write_text(
        json.dumps([{"municipality_code": "GM0599", "content.phase": 0}]), encoding="utf-8"
    )
    with pytest.raises(answers.InvalidAnswers) as error:
        answers.import_file(workspace, file, edition)
    assert [(p.row, p.question_id) for p in error.value.problems] == [(1, "content.phase")]
    assert "GM0599" not in answers.load(workspace, "2014")


def test_unreadable_files_are_reported(tmp_path, workspace, edition):
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    with pytest.raises(answers.InvalidAnswers):
        answers.import_file(workspace, broken, edition)
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(answers.InvalidAnswers):
        answers.import_file(workspace, empty, edition)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("municipality_code,content.explanation\nGM0363,café\n".encode("cp1252"))
    with pytest.raises(answers.InvalidAnswers) as error:
        answers.import_file(workspace, latin, edition)
    assert "UTF-8" in str(error.value.problems[0])
    missing = tmp_path / "missing.csv"
    with pytest.raises(answers.InvalidAnswers) as error:
        answers.import_file(workspace, missing, edition)
    assert str(error.value.problems[0]) == f"{missing}: bestand niet gevonden"
    ragged = write_csv(tmp_path / "ragged.csv", HEADER, ["GM0363", 7])
    with pytest.raises(answers.InvalidAnswers) as error:
        answers.import_file(workspace, ragged, edition)
    assert error.value.problems[0].row == 2
    assert not answers.store_path(workspace, "2014").exists()


def test_semicolon_separated_files_from_dutch_spreadsheets(tmp_path, workspace, edition):
    file = tmp_path / "excel.csv"
    file.write_text(
        "municipality_code;content.explanation;content.phase\nGM0363;Veel, heel veel;3\n",
        encoding="utf-8",
    )
    answers.import_file(workspace, file, edition)
    assert answers.load(workspace, "2014")["GM0363"].answers == {
        "content.explanation": "Veel, heel veel",
        "content.phase": 3,
    }


def test_a_row_without_any_answer_is_a_problem(tmp_path, workspace, edition):
    file = write_csv(tmp_path / "blank.csv", HEADER, ["GM0363", "", "", "", "", ""])
    with pytest.raises(answers.InvalidAnswers) as error:
        answers.import_file(workspace, file, edition)
    assert "GM0363" in str(error.value.problems[0])
