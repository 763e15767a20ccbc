"""What the questionnaire takes from the growth model (``meetlat.growthmodel``): the cell
texts offered by the phase_choice questions, aspect names, the overall-phase rule and
the advice."""

from __future__ import annotations

from meetlat.i18n import language


def _model(version: str):
    from meetlat.growthmodel import model

    return model.load(version)


def descriptions(version: str) -> dict[str, dict[int, dict[str, str]]]:
    """The four phase descriptions of every aspect: {aspect: {phase: {"nl": .., "en": ..}}}."""
    cells = _model(version).cells
    return {
        aspect: {int(phase): {"nl": text.nl, "en": text.en} for phase, text in by_phase.items()}
        for aspect, by_phase in cells.items()
    }


def aspect_name(version: str, aspect: str) -> str:
    """The aspect's name in the user's language."""
    return _model(version).aspect(aspect).name.in_(language())


def overall_phase(profile) -> int | None:
    """The growth model's overall phase of a placement profile."""
    from meetlat.growthmodel.overall import overall_phase as rule

    return rule(profile.phases())


def advise(edition, profile, peer_profiles):
    """The growth model's advice for a profile, with the peers' profiles beside it."""
    from meetlat.growthmodel.advice import advise as growth_advice

    return growth_advice(
        _model(edition.model_version),
        profile.phases(),
        [p.phases() for p in peer_profiles],
        lang=language(),
    )


def advice_as_dict(advice) -> dict:
    return advice.to_dict()


def advice_lines(advice) -> list[str]:
    return advice.lines()
