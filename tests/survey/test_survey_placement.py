"""Placement on hand-made answer sets, as docs/survey.md documents it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from survey_answersets import aspect_answers, uniform_answers

from meetlat.survey import assessment, placement
from meetlat.survey.edition import ASPECTS


def test_all_phase_1_answers_give_phase_1_everywhere(edition):
    profile = placement.place(edition, "GM0363", uniform_answers(edition, 1, 2))
    assert profile.phases() == dict.fromkeys(ASPECTS, 1)
    assert assessment.overall(profile) == 1


def test_all_phase_4_answers_give_phase_4_everywhere(edition):
    profile = placement.place(edition, "GM0363", uniform_answers(edition, 4, 9))
    assert profile.phases() == dict.fromkeys(ASPECTS, 4)
    assert assessment.overall(profile) == 4


@pytest.mark.parametrize(
    ("chosen", "grades", "expected", "code"),
    [
        (1, [2, 2], 1, "kept"),
        (4, [9, 9], 4, "kept"),
        (2, [7, 7], 2, "kept"),  # 7.0: within phase 2's band
        (2, [8, 8], 2, "kept"),  # 8.0: band 3, but only 0.5 above phase 2's band (7.5)
        (2, [8, 9], 3, "moved_up"),  # 8.5: 1.0 above 7.5
        (1, [9, 10], 2, "moved_up"),  # far above, one phase at most
        (3, [5, 5], 2, "moved_down"),  # 2.5 below 7.5
        (3, [6, 7], 2, "moved_down"),  # 6.5: exactly the margin below 7.5
        (3, [7, 7, 7, 7, 6], 3, "kept"),  # 6.8: 0.7 below
        (4, [8, 8], 4, "kept"),  # 8.0: 0.5 below 8.5
        (4, [1, 1], 3, "moved_down"),  # far below, one phase at most
    ],
)
def test_the_documented_examples(edition, chosen, grades, expected, code):
    answers = aspect_answers(edition, "content", chosen, grades)
    result = placement.place_aspect(edition, "content", answers)
    assert result.phase == expected
    assert result.chosen == chosen
    assert result.grade_mean == pytest.approx(sum(grades) / len(grades))
    assert result.reasons[-1].code == code
    assert result.shift == expected - chosen


def test_a_mixed_profile(edition):
    answers = {}
    answers |= aspect_answers(edition, "content", 3, [8, 9, 4, 7, 6])  # 6.8 → kept 3
    answers |= aspect_answers(edition, "customer_experience", 2, [9, 9, 8])  # 8.67 → up 3
    answers |= aspect_answers(edition, "context", 2, [])  # choice only → 2
    answers |= aspect_answers(edition, "conversation", None, [5])  # grades only → 2
    answers |= aspect_answers(edition, "vision", 3, [4, 4, 5])  # 4.33 → down 2
    profile = placement.place(edition, "GM0363", answers)
    assert profile.phases() == {
        "content": 3,
        "customer_experience": 3,
        "context": 2,
        "conversation": 2,
        "collaboration": None,
        "vision": 2,
        "function_result": None,
        "processes": None,
        "resources": None,
        "people": None,
    }
    codes = {a: [r.code for r in p.reasons] for a, p in profile.aspects.items()}
    assert codes["context"] == ["chosen", "choice_only"]
    assert codes["conversation"] == ["grades", "grades_only"]
    assert codes["people"] == ["none"]


def test_reasons_name_the_answers_used(edition):
    answers = aspect_answers(edition, "customer_experience", 2, [9, 9, 8])
    result = placement.place_aspect(edition, "customer_experience", answers)
    chosen, grades, moved = result.reasons
    assert chosen.answers == {"customer_experience.phase": 2}
    assert grades.answers == {
        "customer_experience.audience_knowledge": 9,
        "customer_experience.direct_questions": 9,
        "customer_experience.reputation": 8,
    }
    assert "customer_experience.direct_questions 9" in grades.text
    assert "8,7" in grades.text  # Dutch notation on screen
    assert "fase 3" in moved.text


def test_yes_no_and_text_answers_do_not_move_a_phase(edition):
    answers = aspect_answers(edition, "resources", 1, [2, 2, 2])
    answers |= {"resources.time": "yes", "resources.structural_budget": "yes"}
    assert placement.place_aspect(edition, "resources", answers).phase == 1


def test_bands():
    assert [placement.band(m) for m in (1, 4.4, 4.5, 7.4, 7.5, 8.4, 8.5, 10)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]


@given(
    chosen=st.integers(1, 4),
    grades=st.lists(st.integers(1, 10), min_size=1, max_size=5),
)
@settings(max_examples=200, deadline=None)
def test_grades_move_the_chosen_phase_by_at_most_one_towards_their_band(chosen, grades):
    from meetlat.survey import edition as editions

    edition = editions.load("2014")
    result = placement.place_aspect(
        edition, "content", aspect_answers(edition, "content", chosen, grades)
    )
    assert 1 <= result.phase <= 4
    assert abs(result.phase - chosen) <= 1
    if result.phase != chosen:  # only ever towards the grades' band
        assert (result.phase - chosen) * (result.grade_phase - chosen) > 0
