"""Synthetic questionnaire answers for the demo: plausible, varied, reproducible, marked.

Each municipality gets a maturity (around phase 2, as the book finds for the average
municipality in 2014, lines 1336–1338; a little higher for larger municipalities) and a
level per aspect around it. Grades centre on the book's national means for 2014
(shifted by the aspect's level), yes/no and choice answers follow the book's shares
(shifted the same way), and the phase description chosen follows the level. Some
questions are left unanswered, as real respondents do. Every response is stored with
``synthetic = true`` and every explanation says it is synthetic.

The same codes and seed always give the same answers.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from meetlat.survey import answers
from meetlat.survey.answers import Response
from meetlat.survey.edition import ASPECTS, Edition

SEED = 2014
SKIP_SHARE = 0.04  # share of non-phase questions left unanswered
# Grade centres where the book publishes no mean (chosen so that the book's combined
# means hold, e.g. customer experience 7.1 and enthusiasm 6.4).
GRADE_CENTRES = {
    "content.events": 7.0,
    "content.compliments": 6.0,
    "customer_experience.audience_knowledge": 6.5,
    "customer_experience.reputation": 6.4,
    "vision.strategy": 6.2,
    "vision.guidelines": 6.0,
    "vision.participation_strategy": 5.2,
    "processes.enthusiasm.executive": 6.6,
    "processes.enthusiasm.council": 6.5,
    "processes.enthusiasm.communication": 7.8,
    "processes.enthusiasm.kcc": 6.2,
}
# Shares of "yes" where the book publishes none.
YES_SHARES: dict[str, float] = {}
CHOICE_SHARES = {
    "general.expectation_next_year": {"more": 0.83, "same": 0.15, "less": 0.02},
    "processes.responsible_department": {
        "communication": 0.70,
        "communication_and_others": 0.18,
        "kcc": 0.05,
        "departments": 0.04,
        "not_assigned": 0.03,
    },
}
EXPLANATIONS = (
    "Synthetisch antwoord voor de demo: we zijn hiermee aan het experimenteren.",
    "Synthetisch antwoord voor de demo: de afdeling communicatie trekt dit.",
    "Synthetisch antwoord voor de demo: dit staat nog in de kinderschoenen.",
    "Synthetisch antwoord voor de demo: hier willen we volgend jaar stappen zetten.",
)
SIZE_BONUS = {"under_20k": -0.2, "20k_50k": 0.0, "50k_100k": 0.25, "100k_plus": 0.5}


def _book_values() -> tuple[dict[str, float], dict[str, float]]:
    """The book's 2014 mean per question and share of 'yes' per yes/no question."""
    from meetlat.survey.aggregates import reference_figures

    means: dict[str, float] = dict(GRADE_CENTRES)
    yes: dict[str, float] = dict(YES_SHARES)
    for figure in reference_figures()["figures"]:
        value = figure["values"].get("2014")
        if value is None or "question" not in figure:
            continue
        if figure["statistic"] == "mean":
            means[figure["question"]] = value
        elif figure["statistic"] == "pct_yes":
            yes[figure["question"]] = value / 100
    return means, yes


def _size_bonus(code: str, year: int) -> float:
    from meetlat.survey.assessment import size_class_of

    return SIZE_BONUS.get(size_class_of(code, year) or "", 0.0)


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _pick(rng: random.Random, shares: dict[str, float], lift: float) -> str:
    values = list(shares)
    # a more mature municipality leans to the first (most developed) option
    weights = [shares[v] * (1 + lift / 2 if i == 0 else 1) for i, v in enumerate(values)]
    return rng.choices(values, weights=weights)[0]


def respond(edition: Edition, code: str, seed: int = SEED) -> Response:
    """One municipality's synthetic answers."""
    rng = random.Random(f"{seed}:{edition.name}:{code}")
    means, yes_shares = _book_values()
    maturity = _clip(rng.gauss(2.1, 0.55) + _size_bonus(code, edition.year), 1.0, 4.0)
    levels = {a: _clip(maturity + rng.gauss(0, 0.45), 1.0, 4.0) for a in ASPECTS}
    result: dict[str, object] = {}
    for question in edition.questions:
        level = levels.get(question.aspect, maturity)
        lift = level - 2.1  # how far this aspect is from the book's average municipality
        if question.type != "phase_choice" and rng.random() < SKIP_SHARE:
            continue
        if question.type == "grade":
            centre = means.get(question.id, 6.0) + 1.4 * lift
            result[question.id] = int(round(_clip(rng.gauss(centre, 1.1), 1, 10)))
        elif question.type == "phase_choice":
            result[question.id] = int(round(_clip(level + rng.gauss(0, 0.3), 1, 4)))
        elif question.type == "yes_no":
            share = _clip(yes_shares.get(question.id, 0.5) + 0.15 * lift, 0.02, 0.99)
            result[question.id] = "yes" if rng.random() < share else "no"
        elif question.type == "choice":
            shares = CHOICE_SHARES.get(question.id) or {str(o.value): 1.0 for o in question.options}
            result[question.id] = _pick(rng, shares, max(lift, 0.0))
        else:
            result[question.id] = rng.choice(EXPLANATIONS)
    return Response(municipality_code=code, answers=result, synthetic=True, source="synthetic")


def responses(edition: Edition, codes: list[str], seed: int = SEED) -> list[Response]:
    return [respond(edition, code, seed) for code in codes]


def write_csv(edition: Edition, items: list[Response], path: Path) -> Path:
    """Write responses as an answer file in the template's columns."""
    header = answers.template_header(edition)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for item in items:
            writer.writerow(
                [item.municipality_code]
                + ["" if item.answers.get(qid) is None else item.answers[qid] for qid in header[1:]]
            )
    return path
