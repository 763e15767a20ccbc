"""Questionnaire editions: the questions of one year's questionnaire, as data.

An edition is a JSON file: ``meetlat/survey/editions/<name>.json`` in the package, or
``<workspace>/survey/editions/<name>.json`` for an edition a researcher adds (a later
year may add or drop questions; results are compared by question id). ``load(name)``
reads and validates it; the four options of a ``phase_choice`` question are the four
phase descriptions of its aspect, taken from the growth model file the edition names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from meetlat.i18n import _

PACKAGE_DIR = Path(__file__).parent / "editions"
ASPECTS = (
    "content",
    "customer_experience",
    "context",
    "conversation",
    "collaboration",
    "vision",
    "function_result",
    "processes",
    "resources",
    "people",
)
TYPES = ("grade", "yes_no", "choice", "phase_choice", "text")
GRADES = tuple(range(1, 11))
PHASES = (1, 2, 3, 4)
YES_NO = ("yes", "no")
LANGUAGES = ("nl", "en")
ID_PATTERN = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$")


class InvalidEdition(ValueError):
    """An edition file that breaks the schema; ``problems`` lists every break."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(
            _("{source} is not a valid questionnaire edition: {problems}").format(
                source=source, problems="; ".join(problems)
            )
        )


class UnknownEdition(LookupError):
    def __init__(self, name: str, known: list[str]):
        self.name = name
        super().__init__(
            _("Unknown questionnaire edition {name}: known editions are {known}.").format(
                name=name, known=", ".join(known) or "-"
            )
        )


@dataclass(frozen=True)
class Option:
    value: str | int
    text: dict[str, str]  # {"nl": ..., "en": ...}


@dataclass(frozen=True)
class Question:
    id: str
    aspect: str | None  # one of ASPECTS; None for general questions
    type: str  # one of TYPES
    text: dict[str, str]
    lines: tuple[tuple[int, int], ...]  # book lines the question is reconstructed from
    options: tuple[Option, ...] = ()  # choice and phase_choice only
    note: str | None = None

    def allowed(self) -> tuple:
        """The values an answer may take (empty for free text)."""
        if self.type == "grade":
            return GRADES
        if self.type == "yes_no":
            return YES_NO
        if self.type in ("choice", "phase_choice"):
            return tuple(option.value for option in self.options)
        return ()

    def allowed_text(self) -> str:
        """The allowed values as a person reads them in an error message."""
        if self.type == "grade":
            return _("a whole number from 1 to 10")
        if self.type == "yes_no":
            return _("yes or no")
        if self.type == "phase_choice":
            return _("a phase number 1, 2, 3 or 4")
        if self.type == "choice":
            return _("one of {values}").format(values=", ".join(str(v) for v in self.allowed()))
        return _("any text")

    def label(self, language: str) -> str:
        return self.text.get(language) or self.text["en"]


@dataclass(frozen=True)
class Edition:
    name: str
    year: int
    fieldwork: date  # the day the questionnaire went out; municipalities in force then
    model_version: str
    title: dict[str, str]
    source: str
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def by_aspect(self, aspect: str | None) -> list[Question]:
        return [q for q in self.questions if q.aspect == aspect]

    def phase_question(self, aspect: str) -> Question:
        return next(q for q in self.questions if q.aspect == aspect and q.type == "phase_choice")


def workspace_dir(ws) -> Path:
    return Path(ws.root) / "survey" / "editions"


def _candidates(ws) -> dict[str, Path]:
    found = {p.stem: p for p in sorted(PACKAGE_DIR.glob("*.json"))}
    if ws is not None and workspace_dir(ws).exists():
        found.update({p.stem: p for p in sorted(workspace_dir(ws).glob("*.json"))})
    return found


def available(ws=None) -> list[str]:
    """The names of every edition that can be loaded, oldest first."""
    return sorted(_candidates(ws))


def load(name: str, ws=None) -> Edition:
    """The edition ``name`` (a workspace file wins over the package's), validated."""
    candidates = _candidates(ws)
    if str(name) not in candidates:
        raise UnknownEdition(str(name), sorted(candidates))
    return load_file(candidates[str(name)])


def load_file(path: Path) -> Edition:
    """The edition in ``path``, validated; read again only when the file changed (the web
    application asks for it on every request)."""
    try:
        status = Path(path).stat()
    except OSError as error:
        raise InvalidEdition(str(path), [str(error)]) from error
    return _load_version(str(path), status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=32)
def _load_version(path: str, _mtime_ns: int, _size: int) -> Edition:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InvalidEdition(str(path), [str(error)]) from error
    problems = validate(raw)
    if problems:
        raise InvalidEdition(str(path), problems)
    try:
        return _build(raw)
    except (LookupError, ValueError) as error:  # the growth model it names is missing or bad
        raise InvalidEdition(str(path), [str(error)]) from error


def _texts_problems(where: str, text) -> list[str]:
    if not isinstance(text, dict):
        return [f"{where}: text must be an object with nl and en"]
    return [
        f"{where}: text in {lang} is missing or empty"
        for lang in LANGUAGES
        if not isinstance(text.get(lang), str) or not text[lang].strip()
    ]


def _question_problems(item: dict, index: int) -> list[str]:
    qid = item.get("id")
    where = f"question {index + 1} ({qid})"
    problems: list[str] = []
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        problems.append(f"{where}: id must look like 'aspect.name' (lower case, dots)")
    aspect = item.get("aspect")
    if aspect is not None and aspect not in ASPECTS:
        problems.append(f"{where}: aspect {aspect!r} is not one of {', '.join(ASPECTS)}")
    prefix = aspect if aspect is not None else "general"
    if isinstance(qid, str) and not qid.startswith(prefix + "."):
        problems.append(f"{where}: id must start with {prefix + '.'!r}")
    kind = item.get("type")
    if kind not in TYPES:
        problems.append(f"{where}: type {kind!r} is not one of {', '.join(TYPES)}")
    if kind == "phase_choice" and aspect is None:
        problems.append(f"{where}: a phase_choice question needs an aspect")
    problems += _texts_problems(where, item.get("text"))
    options = item.get("options")
    if kind == "choice":
        if not isinstance(options, list) or len(options) < 2:
            problems.append(f"{where}: a choice question needs at least two options")
        else:
            values = [o.get("value") for o in options if isinstance(o, dict)]
            if len(values) != len(options) or len(set(values)) != len(values):
                problems.append(f"{where}: option values must be present and unique")
            if any(not isinstance(v, str) or not v for v in values):
                problems.append(f"{where}: option values must be non-empty strings")
            for number, option in enumerate(options, start=1):
                if isinstance(option, dict):
                    problems += _texts_problems(f"{where} option {number}", option.get("text"))
    elif options is not None:
        problems.append(f"{where}: only choice questions list options")
    lines = item.get("lines")
    if (
        not isinstance(lines, list)
        or not lines
        or not all(
            isinstance(r, list)
            and len(r) == 2
            and all(isinstance(n, int) for n in r)
            and 0 < r[0] <= r[1]
            for r in lines
        )
    ):
        problems.append(f"{where}: lines must be a non-empty list of [first, last] book lines")
    return problems


def validate(raw: dict) -> list[str]:
    """Every way ``raw`` breaks the edition schema (an empty list when it is valid)."""
    if not isinstance(raw, dict):
        return ["the file must hold one JSON object"]
    problems = []
    for key in ("edition", "year", "fieldwork", "model_version", "title", "questions"):
        if key not in raw:
            problems.append(f"missing key {key!r}")
    if problems:
        return problems
    try:
        date.fromisoformat(raw["fieldwork"])
    except (TypeError, ValueError):
        problems.append("fieldwork must be a date (YYYY-MM-DD)")
    problems += _texts_problems("title", raw["title"])
    questions = raw["questions"]
    if not isinstance(questions, list) or not questions:
        return [*problems, "questions must be a non-empty list"]
    for index, item in enumerate(questions):
        if not isinstance(item, dict):
            problems.append(f"question {index + 1}: must be an object")
            continue
        problems += _question_problems(item, index)
    ids = [q.get("id") for q in questions if isinstance(q, dict)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1 and isinstance(i, str)})
    if duplicates:
        problems.append(f"question ids used twice: {', '.join(duplicates)}")
    for aspect in ASPECTS:
        count = sum(
            1
            for q in questions
            if isinstance(q, dict) and q.get("aspect") == aspect and q.get("type") == "phase_choice"
        )
        if count != 1:
            problems.append(f"aspect {aspect} needs exactly one phase_choice question, has {count}")
    return problems


def _build(raw: dict) -> Edition:
    from meetlat.survey import phases

    descriptions = phases.descriptions(raw["model_version"])
    questions = []
    for item in raw["questions"]:
        if item["type"] == "phase_choice":
            options = tuple(
                Option(value=phase, text=descriptions[item["aspect"]][phase]) for phase in PHASES
            )
        else:
            options = tuple(
                Option(value=o["value"], text=dict(o["text"])) for o in item.get("options", [])
            )
        questions.append(
            Question(
                id=item["id"],
                aspect=item["aspect"],
                type=item["type"],
                text=dict(item["text"]),
                lines=tuple((r[0], r[1]) for r in item["lines"]),
                options=options,
                note=item.get("note"),
            )
        )
    return Edition(
        name=str(raw["edition"]),
        year=int(raw["year"]),
        fieldwork=date.fromisoformat(raw["fieldwork"]),
        model_version=raw["model_version"],
        title=dict(raw["title"]),
        source=raw.get("source", ""),
        questions=tuple(questions),
    )
