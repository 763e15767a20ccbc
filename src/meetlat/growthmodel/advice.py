"""Advice for one municipality from its profile on the growth model.

``advise(model, profile, peer_profiles, lang)`` gives:

- a **next step per aspect**: the behaviour description of the next phase of that
  aspect (the book's table cell); an aspect in phase 4 is at the top of the model and
  the advice is to keep it up. The steps come weakest first: lowest phase first, ties
  in the model's aspect order.
- the book's **points of attention for reaching phase 3** (seed lines 1376–1384), when
  the overall phase (``meetlat.growthmodel.overall``) is below 3;
- the **chapters** the book recommends in the municipality's overall phase;
- the **aspects where peers are ahead**: for every aspect, the median phase of the
  peers (the municipalities of the same size class that were placed on that aspect) is
  compared with the municipality's own phase; peers are ahead when their median is
  higher. The median, not the mean, because phases are ordered steps and one peer far
  ahead should not make the group look ahead. The biggest gaps come first.

Everything comes back as dataclasses with the key data (aspect keys, phase numbers)
and the texts in the chosen language; ``Advice.to_dict()`` is the JSON form.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from meetlat.growthmodel.model import ASPECT_KEYS, PHASE_NUMBERS, Model
from meetlat.growthmodel.overall import overall_phase
from meetlat.i18n import gettext_in, ngettext_in

ATTENTION_BELOW = 3  # the book's points of attention are for the step to phase 3


@dataclass(frozen=True)
class Step:
    aspect: str
    aspect_name: str
    group: str
    phase: int
    next_phase: int | None  # None: the aspect is in phase 4, the top of the model
    text: str  # the next phase's behaviour description, or the advice to keep it up

    @property
    def at_top(self) -> bool:
        return self.next_phase is None


@dataclass(frozen=True)
class PeerLead:
    aspect: str
    aspect_name: str
    phase: int
    peer_median: float
    peers: int  # peers placed on this aspect


@dataclass(frozen=True)
class ChapterRef:
    title: str
    authors: str
    publication: str | None


@dataclass(frozen=True)
class Advice:
    language: str
    model_version: str
    overall_phase: int | None
    phase_name: str | None
    citizen: str | None  # what the citizen notices in the overall phase
    steps: tuple[Step, ...]
    attention_points: tuple[str, ...]
    chapters: tuple[ChapterRef, ...]
    peers_ahead: tuple[PeerLead, ...]
    peer_count: int
    unplaced: tuple[str, ...]  # aspects without a phase: no step for them

    def to_dict(self) -> dict:
        out = asdict(self)
        for step, raw in zip(self.steps, out["steps"], strict=True):
            raw["at_top"] = step.at_top
        return out

    def lines(self) -> list[str]:
        """The advice as plain lines of text in its own language, for a terminal."""

        def t(message: str) -> str:
            return gettext_in(self.language, message)

        out = [t("Advice")]
        if self.overall_phase is not None:
            out.append(
                t("Overall phase {number}: {name}. {citizen}.").format(
                    number=self.overall_phase, name=self.phase_name, citizen=self.citizen
                )
            )
        out.append(t("Next step per aspect (weakest first):"))
        for step in self.steps:
            if step.at_top:
                out.append(f"  - {step.aspect_name} ({step.phase}): {step.text}")
            else:
                out.append(
                    f"  - {step.aspect_name} ({step.phase} → {step.next_phase}): {step.text}"
                )
        if self.unplaced:
            out.append(t("Not placed: {aspects}").format(aspects=", ".join(self.unplaced)))
        if self.attention_points:
            out.append(t("Points of attention for the step to phase 3:"))
            out.extend(f"  - {point}" for point in self.attention_points)
        if self.peers_ahead:
            out.append(t("Peers of the same size class are ahead on:"))
            for lead in self.peers_ahead:
                out.append(
                    "  - "
                    + ngettext_in(
                        self.language,
                        "{aspect}: own phase {phase}, peer median {median} ({peers} peer)",
                        "{aspect}: own phase {phase}, peer median {median} ({peers} peers)",
                        lead.peers,
                    ).format(
                        aspect=lead.aspect_name,
                        phase=lead.phase,
                        median=_plain(lead.peer_median, self.language),
                        peers=lead.peers,
                    )
                )
        elif self.peer_count:
            out.append(t("Peers of the same size class are not ahead on any aspect."))
        if self.chapters:
            out.append(t("Chapters to read in this phase:"))
            for chapter in self.chapters:
                where = f" ({chapter.publication})" if chapter.publication else ""
                out.append(f"  - {chapter.title} – {chapter.authors}{where}")
        return out


def _plain(value: float, language: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if language == "nl" else text


def _check(profile: Mapping[str, int | None], what: str) -> None:
    for aspect, phase in profile.items():
        if aspect not in ASPECT_KEYS:
            raise ValueError(f"{what}: {aspect!r} is not an aspect of the growth model")
        if phase is not None and phase not in PHASE_NUMBERS:
            raise ValueError(f"{what}: phase of {aspect} must be 1, 2, 3 or 4, not {phase!r}")


def next_steps(model: Model, profile: Mapping[str, int | None], lang: str) -> list[Step]:
    """One step per placed aspect, weakest first (ties in model order)."""
    keep_up = gettext_in(
        lang, "This aspect is at the top of the growth model (phase 4): keep it up."
    )
    steps = []
    for aspect in model.aspects:
        phase = profile.get(aspect.key)
        if phase is None:
            continue
        following = phase + 1 if phase < PHASE_NUMBERS[-1] else None
        text = keep_up if following is None else model.cell(aspect.key, following).in_(lang)
        steps.append(Step(aspect.key, aspect.name.in_(lang), aspect.group, phase, following, text))
    order = {key: i for i, key in enumerate(ASPECT_KEYS)}
    return sorted(steps, key=lambda s: (s.phase, order[s.aspect]))


def peers_ahead(
    model: Model,
    profile: Mapping[str, int | None],
    peer_profiles: list[Mapping[str, int | None]],
    lang: str,
) -> list[PeerLead]:
    """Aspects where the peers' median phase is above the municipality's own phase."""
    leads = []
    for aspect in model.aspects:
        own = profile.get(aspect.key)
        phases = [p[aspect.key] for p in peer_profiles if p.get(aspect.key) is not None]
        if own is None or not phases:
            continue
        median = float(statistics.median(phases))
        if median > own:
            leads.append(PeerLead(aspect.key, aspect.name.in_(lang), own, median, len(phases)))
    order = {key: i for i, key in enumerate(ASPECT_KEYS)}
    return sorted(leads, key=lambda lead: (lead.phase - lead.peer_median, order[lead.aspect]))


def advise(
    model: Model,
    profile: Mapping[str, int | None],
    peer_profiles: list[Mapping[str, int | None]] | None = None,
    lang: str = "nl",
) -> Advice:
    """The advice for one municipality's profile {aspect key: phase 1–4 or None}."""
    _check(profile, "profile")
    peer_profiles = list(peer_profiles or [])
    for i, peer in enumerate(peer_profiles):
        _check(peer, f"peer profile {i + 1}")
    overall = overall_phase(profile)
    phase = model.phase(overall) if overall is not None else None
    attention: tuple[str, ...] = ()
    if overall is not None and overall < ATTENTION_BELOW:
        attention = tuple(p.in_(lang) for p in model.phase(ATTENTION_BELOW).attention_points)
    chapters = (
        tuple(ChapterRef(c.title.in_(lang), c.authors, c.publication) for c in phase.chapters)
        if phase
        else ()
    )
    return Advice(
        language=lang,
        model_version=model.version,
        overall_phase=overall,
        phase_name=phase.name.in_(lang) if phase else None,
        citizen=phase.citizen.in_(lang) if phase else None,
        steps=tuple(next_steps(model, profile, lang)),
        attention_points=attention,
        chapters=chapters,
        peers_ahead=tuple(peers_ahead(model, profile, peer_profiles, lang)),
        peer_count=len(peer_profiles),
        unplaced=tuple(a.key for a in model.aspects if profile.get(a.key) is None),
    )
