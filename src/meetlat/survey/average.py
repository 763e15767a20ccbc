"""The average municipality on the growth model (seed lines 1336–1364, Afbeelding 11):
the national mean answers placed by the same rule as one municipality's.

"De 'gemiddelde gemeente' bestaat niet" (line 1350): the book places the mean profile,
not the most common phase. Its answers: per grade question the mean of every answer
given; per phase description the lower median of the descriptions chosen (a mean of
descriptions is no description). docs/survey.md, "The average municipality".
"""

from __future__ import annotations

from meetlat.survey.answers import Response
from meetlat.survey.edition import Edition
from meetlat.survey.placement import Profile, place

AVERAGE = "NL"  # the profile's municipality code: the country


def mean_answers(edition: Edition, responses: list[Response]) -> dict[str, object]:
    """The average municipality's answers to the grade and phase questions."""
    answers: dict[str, object] = {}
    for question in edition.questions:
        values = [
            r.answers[question.id] for r in responses if r.answers.get(question.id) is not None
        ]
        if not values:
            continue
        if question.type == "grade":
            answers[question.id] = sum(values) / len(values)
        elif question.type == "phase_choice":
            ordered = sorted(values)
            answers[question.id] = ordered[(len(ordered) - 1) // 2]
    return answers


def average_profile(edition: Edition, responses: list[Response]) -> Profile:
    """The mean profile of ``responses`` placed on the growth model."""
    return place_means(edition, mean_answers(edition, responses))


def place_means(edition: Edition, answers: dict[str, object]) -> Profile:
    """Place given national means (e.g. the book's published mean grades)."""
    return place(edition, AVERAGE, answers)
