"""Hand-made answer sets for the placement and aggregate tests."""

from __future__ import annotations


def uniform_answers(edition, phase: int | None, grade: int | None) -> dict:
    """Every phase_choice answered ``phase`` and every grade answered ``grade``."""
    answers = {}
    for question in edition.questions:
        if question.type == "phase_choice" and phase is not None:
            answers[question.id] = phase
        elif question.type == "grade" and grade is not None:
            answers[question.id] = grade
    return answers


def aspect_answers(edition, aspect: str, chosen: int | None, grades: list[int]) -> dict:
    """Answers for one aspect: the chosen description and its grades in question order."""
    answers = {}
    if chosen is not None:
        answers[edition.phase_question(aspect).id] = chosen
    grade_questions = [q for q in edition.by_aspect(aspect) if q.type == "grade"]
    assert len(grades) <= len(grade_questions)
    for question, grade in zip(grade_questions, grades, strict=False):
        answers[question.id] = grade
    return answers
