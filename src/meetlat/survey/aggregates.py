"""National and peer-group figures per question, and the comparison with the book's.

For every question of an edition, over the municipalities that answered it:

- ``n``: the number of answers (unanswered questions do not count);
- ``mean``: the mean answer of grade and phase_choice questions;
- ``distribution``: the number of answers per allowed value (zeros included), for
  every question type but free text;
- ``percentages``: each value's share of the answers in %, for yes/no, choice and
  phase_choice questions;
- ``change``: the difference with the previous edition that has stored answers and
  asks the same question id (mean difference; percentage-point differences).

Peer groups are size classes (inhabitants on 1 January of the edition's year) or
provinces; a municipality without a population figure or province is in ``unknown``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from meetlat.survey.answers import Response
from meetlat.survey.edition import Edition, Question

REFERENCE_DIR = Path(__file__).parent / "reference_figures"
PERCENT_TYPES = ("yes_no", "choice", "phase_choice")
MEAN_TYPES = ("grade", "phase_choice")
UNKNOWN_GROUP = "unknown"


@dataclass(frozen=True)
class QuestionFigures:
    question_id: str
    aspect: str | None
    type: str
    n: int
    mean: float | None
    distribution: dict[str, int]
    percentages: dict[str, float]

    def as_dict(self) -> dict:
        return {
            "question_id": self.question_id,
            "aspect": self.aspect,
            "type": self.type,
            "n": self.n,
            "mean": None if self.mean is None else round(self.mean, 2),
            "distribution": self.distribution,
            "percentages": {k: round(v, 1) for k, v in self.percentages.items()},
        }


def figures_for(question: Question, responses: list[Response]) -> QuestionFigures:
    values = [r.answers[question.id] for r in responses if r.answers.get(question.id) is not None]
    n = len(values)
    mean = sum(values) / n if question.type in MEAN_TYPES and n else None
    distribution: dict[str, int] = {}
    percentages: dict[str, float] = {}
    if question.type != "text":
        counts = Counter(values)
        distribution = {str(v): counts.get(v, 0) for v in question.allowed()}
        if question.type in PERCENT_TYPES and n:
            percentages = {k: 100.0 * c / n for k, c in distribution.items()}
    return QuestionFigures(
        question_id=question.id,
        aspect=question.aspect,
        type=question.type,
        n=n,
        mean=mean,
        distribution=distribution,
        percentages=percentages,
    )


def figures(edition: Edition, responses: list[Response]) -> dict[str, QuestionFigures]:
    """Figures for every question of the edition, by question id, in the edition's order."""
    return {q.id: figures_for(q, responses) for q in edition.questions}


def change(current: QuestionFigures, previous: QuestionFigures) -> dict:
    """The change from ``previous`` to ``current`` (same question id, earlier edition)."""
    result: dict = {"n_previous": previous.n}
    if current.mean is not None and previous.mean is not None:
        result["mean_previous"] = round(previous.mean, 2)
        result["mean"] = round(current.mean - previous.mean, 2)
    if current.percentages and previous.percentages:
        result["percentage_points"] = {
            key: round(value - previous.percentages.get(key, 0.0), 1)
            for key, value in current.percentages.items()
        }
    return result


def with_change(
    current: dict[str, QuestionFigures], previous: dict[str, QuestionFigures] | None
) -> list[dict]:
    rows = []
    for qid, item in current.items():
        row = item.as_dict()
        earlier = previous.get(qid) if previous else None
        row["change"] = change(item, earlier) if earlier is not None and earlier.n else None
        rows.append(row)
    return rows


def group_key(code: str, edition: Edition, by: str) -> str:
    """The peer group of a municipality: its size class key or its province."""
    from meetlat import reference

    if by == "size":
        try:
            inhabitants = reference.population(code, edition.year).inhabitants
        except reference.NoPopulation:
            return UNKNOWN_GROUP
        return reference.size_class(inhabitants).key
    if by == "province":
        return reference.province(code) or UNKNOWN_GROUP
    raise ValueError(f"unknown peer group {by!r}: expected size or province")


def groups(edition: Edition, responses: list[Response], by: str) -> dict[str, list[Response]]:
    grouped: dict[str, list[Response]] = {}
    for response in responses:
        grouped.setdefault(group_key(response.municipality_code, edition, by), []).append(response)
    return dict(sorted(grouped.items()))


# --- the book's published figures -------------------------------------------------------


def reference_figures(name: str = "2013-2014") -> dict:
    """The book's national figures (``reference_figures/<name>.json``)."""
    return json.loads((REFERENCE_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _answers(responses: list[Response], question_ids: list[str]) -> list:
    return [
        r.answers[qid] for r in responses for qid in question_ids if r.answers.get(qid) is not None
    ]


def compute(figure: dict, responses: list[Response], invited: int | None = None, phases=None):
    """Our value of one reference figure over ``responses`` (None when it cannot be computed).

    ``invited``: the number of municipalities that could answer (for response_pct);
    ``phases``: the overall phase of each responding municipality (for modal_overall_phase).
    Returns ``(value, n)`` where n is the number of answers the value rests on.
    """
    statistic = figure["statistic"]
    if statistic == "respondents":
        return len(responses), len(responses)
    if statistic == "response_pct":
        if not invited:
            return None, len(responses)
        return round(100.0 * len(responses) / invited, 1), len(responses)
    if statistic == "modal_overall_phase":
        known = [p for p in (phases or []) if p is not None]
        if not known:
            return None, 0
        counts = Counter(known)
        best = max(counts.values())
        return min(p for p, c in counts.items() if c == best), len(known)
    if statistic == "measured":
        return None, 0
    ids = figure.get("questions") or [figure["question"]]
    values = _answers(responses, ids)
    n = len(values)
    if not n:
        return None, 0
    if statistic == "mean":
        return round(sum(values) / n, 2), n
    if statistic in ("pct_yes", "pct_no", "count_no"):
        wanted = "yes" if statistic == "pct_yes" else "no"
        hits = sum(1 for v in values if v == wanted)
        return (hits if statistic == "count_no" else round(100.0 * hits / n, 1)), n
    if statistic in ("pct_value", "count_value"):
        hits = sum(1 for v in values if v == figure["value"])
        return (hits if statistic == "count_value" else round(100.0 * hits / n, 1)), n
    if statistic in ("pct_at_least", "pct_below", "count_below"):
        threshold = figure["threshold"]
        below = sum(1 for v in values if v < threshold)
        if statistic == "count_below":
            return below, n
        hits = n - below if statistic == "pct_at_least" else below
        return round(100.0 * hits / n, 1), n
    raise ValueError(f"unknown statistic {statistic!r} in reference figure {figure['key']}")


def comparison(
    edition: Edition,
    responses: list[Response],
    invited: int | None = None,
    phases=None,
    part: str = "questionnaire",
) -> list[dict]:
    """Each reference figure of ``part`` beside our value for the same statistic."""
    reference = reference_figures()
    known = set(edition.ids())
    rows = []
    for figure in reference["figures"]:
        if figure["part"] != part:
            continue
        ids = figure.get("questions") or ([figure["question"]] if "question" in figure else [])
        asked = all(qid in known for qid in ids)
        ours, n = compute(figure, responses, invited, phases) if asked else (None, 0)
        rows.append(
            {
                "key": figure["key"],
                "text": figure["text"],
                "statistic": figure["statistic"],
                "questions": ids,
                "ours": ours,
                "n": n,
                "book": figure["values"],
                "lines": figure["lines"],
            }
        )
    return rows
