"""Placement: one municipality's answers → a phase (1–4) per aspect, with the reasons.

The rule (docs/survey.md explains it with examples):

1. The anchor is the phase description the municipality chose for the aspect
   (its ``phase_choice`` question).
2. The aspect's 1–10 grades are averaged; the mean falls in a phase band:
   below 4.5 → 1, 4.5 to 7.5 → 2, 7.5 to 8.5 → 3, 8.5 and above → 4 (ADR 0008).
3. The grades move the anchor by one phase, never more, only when they clearly
   disagree: their mean lies at least ``MARGIN`` (1 grade point) above the upper edge
   of the anchor's band (one phase up) or at least ``MARGIN`` below its lower edge
   (one phase down).
4. Without a chosen description the grade band places the aspect; without grades
   the description does; with neither the aspect is not placed (``None``).

Yes/no, choice and text answers do not move the phase; the signals compare some of
them with the measurement (``meetlat.survey.signals``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from meetlat.i18n import _, ngettext, number
from meetlat.survey.edition import ASPECTS, Edition

# (phase, lower bound inclusive, upper bound exclusive) of the mean grade
BANDS = ((1, 1.0, 4.5), (2, 4.5, 7.5), (3, 7.5, 8.5), (4, 8.5, 10.0))
MARGIN = 1.0


@dataclass(frozen=True)
class Reason:
    code: str  # chosen | grades | kept | moved_up | moved_down | grades_only | choice_only | none
    text: str  # in the user's language
    answers: dict[str, object] = field(default_factory=dict)  # question id -> answer used

    def as_dict(self) -> dict:
        return {"code": self.code, "text": self.text, "answers": self.answers}


@dataclass(frozen=True)
class AspectPlacement:
    aspect: str
    phase: int | None
    chosen: int | None  # the description chosen (phase_choice answer)
    grade_mean: float | None
    grade_phase: int | None  # the band the mean falls in
    shift: int  # how far the grades moved the chosen phase: -1, 0 or +1
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict:
        return {
            "aspect": self.aspect,
            "phase": self.phase,
            "chosen": self.chosen,
            "grade_mean": None if self.grade_mean is None else round(self.grade_mean, 2),
            "grade_phase": self.grade_phase,
            "shift": self.shift,
            "reasons": [r.as_dict() for r in self.reasons],
        }


@dataclass(frozen=True)
class Profile:
    municipality_code: str
    edition: str
    aspects: dict[str, AspectPlacement]  # in the model's aspect order

    def phases(self) -> dict[str, int | None]:
        return {key: placement.phase for key, placement in self.aspects.items()}

    def as_dict(self) -> dict:
        return {
            "municipality_code": self.municipality_code,
            "edition": self.edition,
            "aspects": [p.as_dict() for p in self.aspects.values()],
        }


def band(mean: float) -> int:
    """The phase whose grade band holds ``mean``."""
    for phase, _lower, upper in BANDS:
        if mean < upper:
            return phase
    return BANDS[-1][0]


def bounds(phase: int) -> tuple[float, float]:
    _phase, lower, upper = BANDS[phase - 1]
    return lower, upper


def shift(chosen: int, mean: float) -> int:
    """+1 or -1 when the mean grade clearly disagrees with the chosen phase, else 0."""
    lower, upper = bounds(chosen)
    if chosen < 4 and mean >= upper + MARGIN:
        return 1
    if chosen > 1 and mean <= lower - MARGIN:
        return -1
    return 0


def _fmt(value: float) -> str:
    return number(value, 1)


def _answer(value) -> str:
    """A grade as given (8), or a mean grade of the average municipality (8,4)."""
    return str(value) if isinstance(value, int) else _fmt(value)


def _aspect_name(edition: Edition, aspect: str) -> str:
    from meetlat.survey import phases

    return phases.aspect_name(edition.model_version, aspect)


def place_aspect(edition: Edition, aspect: str, answers: dict[str, object]) -> AspectPlacement:
    name = _aspect_name(edition, aspect)
    choice_question = edition.phase_question(aspect)
    chosen = answers.get(choice_question.id)
    grades = {
        q.id: answers[q.id]
        for q in edition.by_aspect(aspect)
        if q.type == "grade" and answers.get(q.id) is not None
    }
    mean = sum(grades.values()) / len(grades) if grades else None
    grade_phase = band(mean) if mean is not None else None
    reasons: list[Reason] = []
    if chosen is not None:
        reasons.append(
            Reason(
                "chosen",
                _("For {aspect} the description of phase {phase} was chosen.").format(
                    aspect=name, phase=chosen
                ),
                {choice_question.id: chosen},
            )
        )
    if mean is not None:
        reasons.append(
            Reason(
                "grades",
                ngettext(
                    "The {count} grade for {aspect} is {mean} ({answers}), "
                    "which lies in the band of phase {phase}.",
                    "The {count} grades for {aspect} average {mean} ({answers}), "
                    "which lies in the band of phase {phase}.",
                    len(grades),
                ).format(
                    count=len(grades),
                    aspect=name,
                    mean=_fmt(mean),
                    answers=", ".join(f"{qid} {_answer(value)}" for qid, value in grades.items()),
                    phase=grade_phase,
                ),
                dict(grades),
            )
        )
    moved = 0
    if chosen is not None and mean is not None:
        moved = shift(chosen, mean)
        lower, upper = bounds(chosen)
        phase = chosen + moved
        if moved > 0:
            text = _(
                "The mean grade is at least {margin} point above the band of phase {chosen} "
                "({lower} to {upper}): placed one phase higher, in phase {phase}."
            )
        elif moved < 0:
            text = _(
                "The mean grade is at least {margin} point below the band of phase {chosen} "
                "({lower} to {upper}): placed one phase lower, in phase {phase}."
            )
        else:
            text = _(
                "The grades do not clearly disagree with the chosen description "
                "(band of phase {chosen}: {lower} to {upper}): phase {phase}."
            )
        code = "moved_up" if moved > 0 else "moved_down" if moved < 0 else "kept"
        reasons.append(
            Reason(
                code,
                text.format(
                    margin=_fmt(MARGIN),
                    chosen=chosen,
                    lower=_fmt(lower),
                    upper=_fmt(upper),
                    phase=phase,
                ),
            )
        )
    elif chosen is not None:
        phase = chosen
        reasons.append(
            Reason(
                "choice_only",
                _("No grades were given for {aspect}: the chosen description decides.").format(
                    aspect=name
                ),
            )
        )
    elif mean is not None:
        phase = grade_phase
        reasons.append(
            Reason(
                "grades_only",
                _(
                    "No description was chosen for {aspect}: the grades place it in phase {phase}."
                ).format(aspect=name, phase=phase),
            )
        )
    else:
        phase = None
        reasons.append(
            Reason(
                "none",
                _(
                    "No description was chosen and no grades were given for {aspect}: "
                    "it is not placed."
                ).format(aspect=name),
            )
        )
    return AspectPlacement(
        aspect=aspect,
        phase=phase,
        chosen=chosen,
        grade_mean=mean,
        grade_phase=grade_phase,
        shift=moved,
        reasons=tuple(reasons),
    )


def place(edition: Edition, municipality_code: str, answers: dict[str, object]) -> Profile:
    """The profile of one municipality: a placement for each of the ten aspects."""
    return Profile(
        municipality_code=municipality_code,
        edition=edition.name,
        aspects={aspect: place_aspect(edition, aspect, answers) for aspect in ASPECTS},
    )
