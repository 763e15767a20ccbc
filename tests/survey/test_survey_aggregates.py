"""National and peer-group figures against hand-computed values; the book's figures."""

from __future__ import annotations

import json

import pytest

from meetlat.survey import aggregates, answers, assessment, summary
from meetlat.survey import edition as editions
from meetlat.survey.answers import Response
from meetlat.survey.edition import PACKAGE_DIR

# Amsterdam (100k+, Noord-Holland), Utrecht (100k+, Utrecht), Ameland (<20k, Friesland)
HAND = [
    Response(
        "GM0363",
        {
            "function_result.overall_grade": 8,
            "general.twitter_account": "yes",
            "processes.responsible_department": "communication",
            "content.phase": 3,
            "vision.strategy": 7,
            "content.explanation": "tekst",
        },
    ),
    Response(
        "GM0344",
        {
            "function_result.overall_grade": 6,
            "general.twitter_account": "yes",
            "processes.responsible_department": "kcc",
            "content.phase": 2,
            "vision.strategy": 5,
        },
    ),
    Response(
        "GM0060",
        {
            "function_result.overall_grade": 5,
            "general.twitter_account": "no",
            "content.phase": 2,
            "vision.strategy": 6,
        },
    ),
]


def test_figures_by_hand(edition):
    figures = aggregates.figures(edition, HAND)
    grade = figures["function_result.overall_grade"]
    assert grade.n == 3
    assert grade.mean == pytest.approx(19 / 3)
    assert grade.distribution == {str(v): (1 if v in (5, 6, 8) else 0) for v in range(1, 11)}
    assert grade.percentages == {}
    twitter = figures["general.twitter_account"]
    assert (twitter.n, twitter.mean) == (3, None)
    assert twitter.distribution == {"yes": 2, "no": 1}
    assert twitter.percentages == pytest.approx({"yes": 200 / 3, "no": 100 / 3})
    department = figures["processes.responsible_department"]
    assert department.n == 2
    assert department.percentages["communication"] == 50.0
    assert department.percentages["kcc"] == 50.0
    assert department.percentages["departments"] == 0.0
    phase = figures["content.phase"]
    assert phase.mean == pytest.approx(7 / 3)
    assert phase.distribution == {"1": 0, "2": 2, "3": 1, "4": 0}
    text = figures["content.explanation"]
    assert (text.n, text.distribution, text.percentages) == (1, {}, {})
    assert figures["people.rollout"].n == 0 and figures["people.rollout"].mean is None


def test_peer_groups_by_size_and_province(edition):
    by_size = aggregates.groups(edition, HAND, "size")
    assert {k: [r.municipality_code for r in v] for k, v in by_size.items()} == {
        "100k_plus": ["GM0363", "GM0344"],
        "under_20k": ["GM0060"],
    }
    by_province = aggregates.groups(edition, HAND, "province")
    assert sorted(by_province) == ["Fryslân", "Noord-Holland", "Utrecht"]
    big = aggregates.figures(edition, by_size["100k_plus"])
    assert big["function_result.overall_grade"].mean == 7.0


def test_compute_each_statistic_by_hand():
    compute = aggregates.compute
    mean = {"statistic": "mean", "question": "function_result.overall_grade"}
    assert compute(mean, HAND) == (6.33, 3)
    pooled = {
        "statistic": "mean",
        "questions": ["function_result.overall_grade", "vision.strategy"],
    }
    assert compute(pooled, HAND) == (round(37 / 6, 2), 6)
    yes = {"statistic": "pct_yes", "question": "general.twitter_account"}
    assert compute(yes, HAND) == (66.7, 3)
    assert compute({**yes, "statistic": "count_no"}, HAND) == (1, 3)
    value = {
        "statistic": "pct_value",
        "question": "processes.responsible_department",
        "value": "communication",
    }
    assert compute(value, HAND) == (50.0, 2)
    at_least = {"statistic": "pct_at_least", "question": "vision.strategy", "threshold": 6}
    assert compute(at_least, HAND) == (66.7, 3)
    assert compute({**at_least, "statistic": "pct_below"}, HAND) == (33.3, 3)
    assert compute({**at_least, "statistic": "count_below"}, HAND) == (1, 3)
    ten = {"statistic": "count_value", "question": "function_result.overall_grade", "value": 8}
    assert compute(ten, HAND) == (1, 3)
    assert compute({"statistic": "respondents"}, HAND) == (3, 3)
    assert compute({"statistic": "response_pct"}, HAND, invited=403) == (0.7, 3)
    modal = {"statistic": "modal_overall_phase"}
    assert compute(modal, HAND, phases=[2, 3, 2, None]) == (2, 3)
    assert compute(mean, []) == (None, 0)


def test_the_reference_file_holds_the_book_s_figures(edition):
    figures = {f["key"]: f for f in aggregates.reference_figures()["figures"]}
    expect = {
        "overall_grade": {"2013": 6.3, "2014": 7.0},
        "direct_questions": {"2013": 7.2, "2014": 8.4},
        "use_communication": {"2013": 8.3, "2014": 8.1},
        "use_council": {"2013": 6.3, "2014": 5.8},
        "use_kcc": {"2013": 3.5, "2014": 4.7},
        "use_clerk": {"2013": 3.4, "2014": 3.5},
        "use_management": {"2013": 3.3, "2014": 3.2},
        "twitter_account": {"2013": 96, "2014": 97},
        "facebook_account": {"2013": 73, "2014": 75},
        "respondents": {"2014": 210},
        "conversation": {"2013": 4.9, "2014": 5.7},
        "context_policy_input": {"2013": 5.0, "2014": 4.9},
    }
    for key, values in expect.items():
        assert figures[key]["values"] == values, key
    assert figures["respondents"]["invited"] == {"2014": 403}
    ids = set(edition.ids())
    statistics = {
        "mean", "pct_yes", "pct_no", "count_no", "pct_value", "count_value", "pct_at_least",
        "pct_below", "count_below", "respondents", "response_pct", "modal_overall_phase",
        "measured",
    }  # fmt: skip
    for figure in figures.values():
        assert figure["statistic"] in statistics, figure["key"]
        for qid in figure.get("questions") or [figure.get("question")] * ("question" in figure):
            assert qid in ids, (figure["key"], qid)
        for first, last in figure["lines"]:
            assert 841 <= first <= last <= 1414, figure["key"]
        assert figure["text"]["nl"] and figure["text"]["en"]


def test_comparison_puts_ours_beside_the_book(edition):
    rows = {r["key"]: r for r in aggregates.comparison(edition, HAND, invited=403)}
    assert rows["overall_grade"]["ours"] == 6.33
    assert rows["overall_grade"]["book"] == {"2013": 6.3, "2014": 7.0}
    assert rows["twitter_account"]["ours"] == 66.7
    assert rows["respondents"]["ours"] == 3
    assert rows["conversation"]["ours"] is None and rows["conversation"]["n"] == 0
    assert "followers_mean" not in rows  # measurement figures are not questionnaire figures


def test_change_from_the_previous_edition_by_question_id(workspace, edition, tmp_path):
    answers.save(workspace, "2014", HAND)
    raw = json.loads((PACKAGE_DIR / "2014.json").read_text(encoding="utf-8"))
    raw["edition"], raw["year"], raw["fieldwork"] = "2015", 2015, "2015-06-15"
    raw["questions"] = [q for q in raw["questions"] if q["id"] != "vision.strategy"]
    folder = editions.workspace_dir(workspace)
    folder.mkdir(parents=True)
    (folder / "2015.json").write_text(json.dumps(raw), encoding="utf-8")
    later = editions.load("2015", workspace)
    answers.save(
        workspace,
        "2015",
        [
            Response(
                "GM0363", {"function_result.overall_grade": 9, "general.twitter_account": "yes"}
            ),
            Response(
                "GM0344", {"function_result.overall_grade": 8, "general.twitter_account": "yes"}
            ),
        ],
    )
    data = summary.build(workspace, later, peer_group="size")
    assert data["previous_edition"] == "2014"
    rows = {r["question_id"]: r for r in data["questions"]}
    grade = rows["function_result.overall_grade"]["change"]
    assert grade["mean"] == pytest.approx(8.5 - 19 / 3, abs=0.01)
    assert grade["mean_previous"] == 6.33
    twitter = rows["general.twitter_account"]["change"]
    assert twitter["percentage_points"] == {"yes": pytest.approx(33.3), "no": pytest.approx(-33.3)}
    assert "vision.strategy" not in rows
    assert rows["people.rollout"]["change"] is None
    groups = {g["key"]: g for g in data["peer_groups"]["groups"]}
    big = {r["question_id"]: r for r in groups["100k_plus"]["questions"]}
    assert big["function_result.overall_grade"]["change"]["mean"] == 1.5
    first = summary.build(workspace, edition)
    assert first["previous_edition"] is None
    assert first["respondents"] == 3 and first["invited"] == 403


def test_assessing_every_municipality_equals_assessing_each_one(workspace, edition):
    answers.save(workspace, "2014", HAND)
    every = assessment.assess_all(workspace, edition)
    assert [a.municipality_code for a in every] == ["GM0060", "GM0344", "GM0363"]
    for found in every:
        alone = assessment.assess(workspace, found.municipality_code, edition)
        assert found.as_dict() == alone.as_dict()
    assert every[2].peers == ["GM0344"]  # Amsterdam's peer: Utrecht, also 100k+
