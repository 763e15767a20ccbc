"""The questionnaire and the growth model: editions, answer files, a municipality's
placement with advice, the national summary, and synthetic answers for the demo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from meetlat import reference
from meetlat.growthmodel.model import GROUPS
from meetlat.i18n import _
from meetlat.survey import answers, assessment, average, phases, placement, summary, synth
from meetlat.survey import edition as editions
from meetlat.survey.answers import AnswerRefused, InvalidAnswers, Response
from meetlat.survey.assessment import Assessment, NotAnswered
from meetlat.survey.edition import Edition, InvalidEdition, UnknownEdition
from meetlat.workspace import Workspace

__all__ = [
    "AnswerRefused",
    "Assessment",
    "Invitee",
    "Edition",
    "InvalidAnswers",
    "InvalidEdition",
    "NotAnswered",
    "PeerMedians",
    "SyntheticSurvey",
    "UnknownEdition",
    "assess",
    "edition",
    "import_answers",
    "invitees",
    "national_summary",
    "peer_medians",
    "place",
    "store_response",
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


def assess_all(ws: Workspace, chosen: Edition, with_signals: bool = True) -> list[Assessment]:
    """Every municipality with stored answers on the growth model (each placed once);
    ``with_signals`` False leaves out the signals (empty), which a report does not show."""
    return assessment.assess_all(ws, chosen, with_signals)


def national_summary(ws: Workspace, chosen: Edition, peer_group: str | None = None) -> dict:
    """National (or per peer group) figures per question, beside the book's."""
    return summary.build(ws, chosen, peer_group)


PEER_GROUPS = average.PEER_GROUPS
PeerMedians = average.PeerMedians


def peer_medians(ws: Workspace, chosen: Edition) -> average.PeerGrades:
    """The peer medians of every municipality (``.of(code, by)``), over the stored
    answers of ``chosen``; each municipality placed once."""
    return average.PeerGrades(chosen, list(answers.load(ws, chosen.name).values()))


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


def check_answer(chosen: Edition, question_id: str, raw):
    """One answer as stored (None: left open); raises AnswerRefused naming the question
    and the allowed values, with the text an answer file gets, or KeyError for an
    unknown question."""
    return answers.checked_value(chosen.question(question_id), raw)


def place(chosen: Edition, code: str, given: dict[str, object]):
    """The growth-model placement of answers that are not stored (yet)."""

    return placement.place(chosen, code, given)


def store_response(
    ws: Workspace, chosen: Edition, code: str, given: dict[str, object], source: str
) -> answers.ImportResult:
    """Store one municipality's submitted answers (all of them: what is not given is
    cleared), for assess, the summary and the CLI; ``source`` says where they came from."""
    response = Response(municipality_code=code, answers=dict(given), source=source)
    return answers.save(ws, chosen.name, [response], replace=True)


def stored_codes(ws: Workspace, chosen: Edition) -> set[str]:
    """The municipalities with stored answers for an edition."""
    return set(answers.load(ws, chosen.name))


@dataclass(frozen=True)
class Invitee:
    """A municipality that can be invited to an edition, with what the filters ask."""

    code: str
    name: str
    province: str | None
    size_class: str | None


def invitees(
    chosen: Edition,
    provinces: list[str] | None = None,
    size_classes: list[str] | None = None,
    codes: list[str] | None = None,
) -> list[Invitee]:
    """The municipalities in force on the edition's fieldwork day, filtered (all when no
    filter is given); raises UnknownMunicipality for a code that is not one of them."""

    in_force = {m.code: m for m in reference.municipalities_on(chosen.fieldwork)}
    if codes:
        wanted = [reference.normalise_code(c) for c in codes]
        for code in wanted:
            if code not in in_force:
                raise reference.UnknownMunicipality(code)
        chosen_codes = wanted
    else:
        chosen_codes = sorted(in_force)
    found = []
    for code in chosen_codes:
        municipality = in_force[code]
        item = Invitee(
            code,
            municipality.name,
            municipality.province,
            assessment.size_class_of(code, chosen.year),
        )
        if provinces and (item.province or "").lower() not in {p.lower() for p in provinces}:
            continue
        if size_classes and item.size_class not in size_classes:
            continue
        found.append(item)
    return found


@dataclass(frozen=True)
class Section:
    """The questions of one aspect (or the general questions: ``aspect`` None)."""

    aspect: str | None
    title: str
    questions: list


@dataclass(frozen=True)
class Page:
    """One page of the questionnaire online: the general questions, or a group of aspects."""

    key: str  # general | interaction | organisation
    title: str
    sections: list[Section]

    def questions(self) -> list:
        return [q for section in self.sections for q in section.questions]


def pages(chosen: Edition) -> list[Page]:
    """The edition's questions in the pages of the questionnaire online, in order: the
    general questions, then the growth model's two groups of aspects."""

    general = Section(None, _("General"), chosen.by_aspect(None))
    found = [Page("general", _("General questions"), [general])]
    titles = {"interaction": _("Interaction aspects"), "organisation": _("Organisation aspects")}
    for key, aspects in GROUPS.items():
        sections = [
            Section(
                aspect, phases.aspect_name(chosen.model_version, aspect), chosen.by_aspect(aspect)
            )
            for aspect in aspects
            if chosen.by_aspect(aspect)
        ]
        found.append(Page(key, titles[key], sections))
    return found


def phase_descriptions(chosen: Edition) -> dict[str, dict[int, dict[str, str]]]:
    """The growth model's four descriptions of every aspect (for the phase questions)."""

    return phases.descriptions(chosen.model_version)


@dataclass(frozen=True)
class AspectRow:
    """One aspect of an assessment as a page or report shows it."""

    aspect: str
    name: str
    phase: int | None
    chosen: int | None
    grade_mean: float | None
    reasons: list[str]


def aspect_label(chosen: Edition, aspect: str) -> str:
    """An aspect of the growth model by its name in the user's language."""
    return phases.aspect_name(chosen.model_version, aspect)


def aspect_rows(found: Assessment) -> list[AspectRow]:
    return [
        AspectRow(
            p.aspect,
            phases.aspect_name(found.model_version, p.aspect),
            p.phase,
            p.chosen,
            p.grade_mean,
            [r.text for r in p.reasons],
        )
        for p in found.profile.aspects.values()
    ]


def advice_lines(found: Assessment) -> list[str]:
    """The growth model's advice for an assessment, line by line (what assess prints)."""
    return phases.advice_lines(found.advice)


def available_editions(ws: Workspace | None = None) -> list[str]:
    """The names of the questionnaire editions there are (built-in and the workspace's)."""
    return editions.available(ws)


def provinces(chosen: Edition) -> list[str]:
    """The provinces of the municipalities in force on the edition's fieldwork day."""
    return sorted({m.province for m in reference.municipalities_on(chosen.fieldwork) if m.province})


def size_classes() -> list[tuple[str, str]]:
    """The size classes (peer groups by inhabitants): key and label."""
    return [(size.key, size.label()) for size in reference.SIZE_CLASSES]
