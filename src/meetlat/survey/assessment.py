"""The assessment of one municipality: profile, overall phase, signals and advice."""

from __future__ import annotations

from dataclasses import dataclass

from meetlat.i18n import _
from meetlat.survey import answers, placement, signals
from meetlat.survey.edition import Edition
from meetlat.survey.placement import Profile


class NotAnswered(LookupError):
    def __init__(self, code: str, edition: str):
        self.code = code
        super().__init__(
            _(
                "{code} has no stored answers for edition {edition}: import them with "
                "`meetlat survey import`."
            ).format(code=code, edition=edition)
        )


@dataclass(frozen=True)
class Assessment:
    municipality_code: str
    municipality_name: str
    edition: str
    model_version: str
    synthetic: bool
    size_class: str | None
    profile: Profile
    overall_phase: int | None
    signals: list[signals.Signal]
    peers: list[str]  # municipalities of the same size class that answered
    advice: object  # what meetlat.growthmodel.advice.advise returns

    def as_dict(self) -> dict:
        from meetlat.survey import phases

        return {
            "municipality_code": self.municipality_code,
            "municipality_name": self.municipality_name,
            "edition": self.edition,
            "model_version": self.model_version,
            "synthetic": self.synthetic,
            "size_class": self.size_class,
            "overall_phase": self.overall_phase,
            "profile": self.profile.as_dict()["aspects"],
            "signals": [s.as_dict() for s in self.signals],
            "peers": self.peers,
            "advice": phases.advice_as_dict(self.advice),
        }


def overall(profile: Profile) -> int | None:
    """The overall phase by the growth model's rule (meetlat.growthmodel.overall)."""
    from meetlat.survey import phases

    return phases.overall_phase(profile)


def size_class_of(code: str, year: int) -> str | None:
    from meetlat import reference

    try:
        return reference.size_class(reference.population(code, year).inhabitants).key
    except reference.NoPopulation:
        return None


class _Placed:
    """The stored answers of an edition, each municipality placed and sized at most once
    (assessing every municipality then costs n placements, not n²)."""

    def __init__(self, edition: Edition, stored: dict):
        self.edition, self.stored = edition, stored
        self._profiles: dict[str, Profile] = {}
        self._sizes: dict[str, str | None] = {}

    def profile(self, code: str) -> Profile:
        if code not in self._profiles:
            self._profiles[code] = placement.place(self.edition, code, self.stored[code].answers)
        return self._profiles[code]

    def size(self, code: str) -> str | None:
        if code not in self._sizes:
            self._sizes[code] = size_class_of(code, self.edition.year)
        return self._sizes[code]


def _assessment(ws, edition: Edition, code: str, placed: _Placed,
                with_signals: bool = True) -> Assessment:  # fmt: skip
    from meetlat import reference
    from meetlat.survey import phases

    municipality = reference.get(code)
    response = placed.stored[municipality.code]
    profile = placed.profile(municipality.code)
    size = placed.size(municipality.code)
    peers = sorted(
        other
        for other in placed.stored
        if other != municipality.code and size is not None and placed.size(other) == size
    )
    return Assessment(
        municipality_code=municipality.code,
        municipality_name=municipality.name,
        edition=edition.name,
        model_version=edition.model_version,
        synthetic=response.synthetic,
        size_class=size,
        profile=profile,
        overall_phase=overall(profile),
        signals=signals.find(ws, edition, response) if with_signals else [],
        peers=peers,
        advice=phases.advise(edition, profile, [placed.profile(p) for p in peers]),
    )


def assess(ws, code: str, edition: Edition) -> Assessment:
    """Place one municipality, look for signals and ask the growth model for advice."""
    from meetlat import reference

    municipality = reference.get(code)
    stored = answers.load(ws, edition.name)
    if municipality.code not in stored:
        raise NotAnswered(municipality.code, edition.name)
    return _assessment(ws, edition, municipality.code, _Placed(edition, stored))


def assess_all(ws, edition: Edition, with_signals: bool = True) -> list[Assessment]:
    """Every municipality with stored answers for ``edition``, by code (``with_signals``
    False: without the signals, which look in the warehouse once per municipality; their
    ``signals`` is then empty)."""
    placed = _Placed(edition, answers.load(ws, edition.name))
    return [_assessment(ws, edition, code, placed, with_signals) for code in sorted(placed.stored)]
