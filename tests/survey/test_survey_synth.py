"""Synthetic answers for the demo: valid, varied, reproducible, marked."""

from __future__ import annotations

from meetlat.cli import demo
from meetlat.survey import answers, synth
from meetlat.survey.answers import check_rows

CODES = ["GM0363", "GM0344", "GM0060", "GM0599", "GM0518", "GM0034", "GM0855", "GM0014"]


def test_same_seed_same_answers_other_seed_other_answers(edition):
    first = synth.responses(edition, CODES, seed=7)
    assert first == synth.responses(edition, CODES, seed=7)
    assert first != synth.responses(edition, CODES, seed=8)


def test_answers_are_valid_varied_and_marked(edition):
    items = synth.responses(edition, CODES)
    rows = [
        (n, {"municipality_code": r.municipality_code, **r.answers}) for n, r in enumerate(items)
    ]
    _checked, problems = check_rows(rows, edition, "synthetic")
    assert problems == []
    assert all(r.synthetic for r in items)
    assert len({r.answers.get("function_result.overall_grade") for r in items}) > 2
    assert len({r.answers["content.phase"] for r in items}) > 1
    explanations = [v for r in items for k, v in r.answers.items() if k.endswith(".explanation")]
    assert explanations and all("Synthetisch" in text for text in explanations)


def test_demo_section_imports_and_prints(workspace, edition, capsys):
    demo.questionnaire_section(workspace, CODES)
    stored = answers.load(workspace, "2014")
    assert sorted(stored) == sorted(CODES)
    assert all(r.synthetic for r in stored.values())
    printed = capsys.readouterr().out
    assert "Amsterdam" in printed
    assert "Boek 2014" in printed
    assert "synthetisch" in printed


def test_demo_section_skips_municipalities_that_did_not_exist_yet(workspace, capsys):
    demo.questionnaire_section(workspace, ["GM1979", "GM0363"])  # Eemsdelta began in 2021
    assert sorted(answers.load(workspace, "2014")) == ["GM0363"]
    assert "1 gemeente bestond niet" in capsys.readouterr().out
