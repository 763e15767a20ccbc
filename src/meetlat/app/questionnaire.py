"""The questionnaire and the growth model: editions, answer files, a municipality's
placement with advice, the national summary, and synthetic answers for the demo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from meetlat import reference
from meetlat.survey import answers, assessment, summary, synth
from meetlat.survey import edition as editions
from meetlat.survey.answers import InvalidAnswers
from meetlat.survey.assessment import Assessment, NotAnswered
from meetlat.survey.edition import Edition, InvalidEdition, UnknownEdition
from meetlat.workspace import Workspace

__all__ = [
    "Assessment",
    "Edition",
    "InvalidAnswers",
    "InvalidEdition",
    "NotAnswered",
    "SyntheticSurvey",
    "UnknownEdition",
    "assess",
    "edition",
    "import_answers",
    "national_summary",
    "synthetic_survey",
    "template_header",
]

# what assess() may raise for a person to act on
ASSESS_ERRORS = (UnknownEdition, InvalidEdition, reference.UnknownMunicipality, NotAnswered)


def edition(name: str, ws: Workspace | None = None) -> Edition:
    """The questionnaire edition ``name`` (the workspace's own first, then the built-in)."""
    return editions.load(name, ws)


def template_header(chosen: Edition) -> list[str]:
    """The columns of an answer file: municipality_code, then every question's id."""
    return answers.template_header(chosen)


def import_answers(
    ws: Workspace, file: Path, chosen: Edition, replace: bool = False
) -> answers.ImportResult:
    """Import an answer file (all of it or nothing: raises InvalidAnswers). The questions
    the file has no column for keep their stored answers (``not_in_file`` names them),
    unless ``replace``: then a municipality's stored answers are replaced as a whole."""
    return answers.import_file(ws, Path(file), chosen, replace=replace)


def assess(ws: Workspace, code: str, edition_name: str = "2014") -> Assessment:
    """One municipality on the growth model: phase per aspect with reasons, overall
    phase, signals and advice. Raises one of ASSESS_ERRORS."""
    return assessment.assess(ws, code, editions.load(edition_name, ws))


def national_summary(ws: Workspace, chosen: Edition, peer_group: str | None = None) -> dict:
    """National (or per peer group) figures per question, beside the book's."""
    return summary.build(ws, chosen, peer_group)


@dataclass(frozen=True)
class SyntheticSurvey:
    edition: Edition
    not_existing: int  # asked municipalities that did not exist at the fieldwork date
    file: Path | None  # the answer file written and imported (None: nothing to answer)
    imported: int
    example: Assessment | None  # the first municipality's assessment
    summary: dict | None


def synthetic_survey(
    ws: Workspace, codes: list[str], edition_name: str = "2014"
) -> SyntheticSurvey:
    """Synthetic, marked answers for ``codes`` (those that existed at the fieldwork date),
    imported into the workspace; one assessment and the summary of the result."""
    chosen = editions.load(edition_name, ws)
    existing = [c for c in codes if reference.get(c).in_force(chosen.fieldwork)]
    missing = len(codes) - len(existing)
    if not existing:
        return SyntheticSurvey(chosen, missing, None, 0, None, None)
    file = synth.write_csv(
        chosen,
        synth.responses(chosen, existing),
        Path(ws.root) / "survey" / chosen.name / "synthetic-answers.csv",
    )
    result = answers.import_file(ws, file, chosen, synthetic=True)
    return SyntheticSurvey(
        chosen,
        missing,
        file,
        result.total,
        assessment.assess(ws, existing[0], chosen),
        summary.build(ws, chosen),
    )
