"""The average municipality on the growth model (seed lines 1336–1364, Afbeelding 11):
the national mean answers placed by the same rule as one municipality's.

"De 'gemiddelde gemeente' bestaat niet" (line 1350): the book places the mean profile,
not the most common phase. Its answers: per grade question the mean of every answer
given; per phase description the lower median of the descriptions chosen (a mean of
descriptions is no description). docs/survey.md, "The average municipality".
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from meetlat.survey import aggregates
from meetlat.survey.answers import Response
from meetlat.survey.edition import ASPECTS, Edition
from meetlat.survey.placement import Profile, place

AVERAGE = "NL"  # the profile's municipality code: the country
PEER_GROUPS = ("size", "province")


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


@dataclass(frozen=True)
class PeerMedians:
    """The median aspect grades of one municipality's peers (docs/reports.md)."""

    by: str  # size | province
    group: str  # the size class key or the province
    peers: int  # the other municipalities of the group with stored answers
    grades: dict[str, float | None]  # aspect → median of the peers' aspect grade means


class PeerGrades:
    """Every answering municipality's aspect grade means (each placed once) and peer
    groups, from which ``of`` takes one municipality's peer medians.

    A municipality's peers are the *other* municipalities of its size class (inhabitants
    on 1 January of the edition's year) or province that answered, as for the advice's
    peers (meetlat.growthmodel.advice). Per aspect the peer median is the median of the
    peers' aspect grade means (each the mean of that peer's 1–10 grades of the aspect, as
    placement computes it); peers without a grade of the aspect are left out; an even
    number of values gives the mean of the two middle ones; None when no peer graded it.
    docs/reports.md, "Peer medians"."""

    def __init__(self, edition: Edition, responses: list[Response]):
        self.edition = edition
        self.means = {
            r.municipality_code: {
                aspect: placed.grade_mean
                for aspect, placed in place(edition, r.municipality_code, r.answers).aspects.items()
            }
            for r in responses
        }
        self.groups = {
            by: {code: aggregates.group_key(code, edition, by) for code in self.means}
            for by in PEER_GROUPS
        }

    def of(self, code: str, by: str) -> PeerMedians | None:
        """The peer medians of ``code`` in its group of ``by`` (None: group not known)."""
        group = aggregates.group_key(code, self.edition, by)
        if group == aggregates.UNKNOWN_GROUP:
            return None
        peers = [c for c, g in self.groups[by].items() if g == group and c != code]
        grades: dict[str, float | None] = {}
        for aspect in ASPECTS:
            values = [self.means[c][aspect] for c in peers if self.means[c][aspect] is not None]
            grades[aspect] = statistics.median(values) if values else None
        return PeerMedians(by, group, len(peers), grades)
