"""The summary of one edition: national figures, peer groups, the book's figures beside ours."""

from __future__ import annotations

from meetlat.survey import aggregates, answers, average
from meetlat.survey import edition as editions
from meetlat.survey.edition import Edition


def previous_edition(ws, edition: Edition) -> Edition | None:
    """The latest earlier edition with stored answers (the one changes are measured from)."""
    earlier = [
        name
        for name in answers.stored_editions(ws)
        if name < edition.name and name in editions.available(ws)
    ]
    return editions.load(earlier[-1], ws) if earlier else None


def invited(edition: Edition) -> int:
    """The municipalities in force on the edition's fieldwork day (all were invited)."""
    from meetlat import reference

    return len(reference.municipalities_on(edition.fieldwork))


def overall_phases(edition: Edition, responses: list[answers.Response]) -> list[int | None]:
    from meetlat.survey import assessment, placement

    return [
        assessment.overall(placement.place(edition, r.municipality_code, r.answers))
        for r in responses
    ]


def average_summary(edition: Edition, responses: list[answers.Response]) -> dict | None:
    """The average municipality: its mean profile per aspect and its overall phase."""
    from meetlat.survey import assessment

    if not responses:
        return None
    profile = average.average_profile(edition, responses)
    return {
        "overall_phase": assessment.overall(profile),
        "aspects": [
            {
                "aspect": p.aspect,
                "phase": p.phase,
                "chosen": p.chosen,
                "grade_mean": None if p.grade_mean is None else round(p.grade_mean, 2),
            }
            for p in profile.aspects.values()
        ],
    }


def build(ws, edition: Edition, peer_group: str | None = None) -> dict:
    """Everything `meetlat survey summary` shows, as plain data (JSON-ready)."""
    responses = list(answers.load(ws, edition.name).values())
    previous = previous_edition(ws, edition)
    previous_figures = None
    if previous is not None:
        previous_figures = aggregates.figures(
            previous, list(answers.load(ws, previous.name).values())
        )
    national = aggregates.figures(edition, responses)
    result = {
        "edition": edition.name,
        "respondents": len(responses),
        "synthetic": sum(1 for r in responses if r.synthetic),
        "invited": invited(edition),
        "previous_edition": previous.name if previous else None,
        "questions": aggregates.with_change(national, previous_figures),
        "reference": aggregates.comparison(
            edition, responses, invited(edition), overall_phases(edition, responses)
        ),
        "average": average_summary(edition, responses),
        "peer_groups": None,
    }
    if peer_group:
        previous_groups = {}
        if previous is not None:
            for key, members in aggregates.groups(
                previous, list(answers.load(ws, previous.name).values()), peer_group
            ).items():
                previous_groups[key] = aggregates.figures(previous, members)
        result["peer_groups"] = {
            "by": peer_group,
            "groups": [
                {
                    "key": key,
                    "respondents": len(members),
                    "questions": aggregates.with_change(
                        aggregates.figures(edition, members), previous_groups.get(key)
                    ),
                }
                for key, members in aggregates.groups(edition, responses, peer_group).items()
            ],
        }
    return result
