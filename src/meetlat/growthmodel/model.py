"""The growth model as data: load and validate a versioned model file into dataclasses.

The file (``data/model-<year>.json``) holds the book's four phases, the ten aspects in
two groups, the 40 phase × aspect behaviour descriptions, the three lines of growth,
the chapters the book recommends per phase and the points of attention for reaching
phase 3 — every text in Dutch (as in the book) and English, with the book lines it
came from. ``load()`` refuses a file that misses any of it and names what is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from meetlat.i18n import _

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_VERSION = "2014.1"
LANGUAGES = ("nl", "en")
PHASE_NUMBERS = (1, 2, 3, 4)
GROUPS = {
    "interaction": ("content", "customer_experience", "context", "conversation", "collaboration"),
    "organisation": ("vision", "function_result", "processes", "resources", "people"),
}
ASPECT_KEYS = GROUPS["interaction"] + GROUPS["organisation"]
GROWTH_LINE_KEYS = ("interaction", "initiative_owner", "organisational_ownership")
STAGES_PER_LINE = 4


class UnknownModelVersion(LookupError):
    def __init__(self, version: str, known: list[str]):
        super().__init__(
            _("No growth model version {version}; known versions: {known}.").format(
                version=version, known=", ".join(known) or "–"
            )
        )


class ModelError(ValueError):
    """A model file that does not have everything the growth model needs."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        listing = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            _("{path}: not a valid growth model file:\n{problems}").format(
                path=self.path, problems=listing
            )
        )


@dataclass(frozen=True)
class Text(Mapping[str, str]):
    """One text in Dutch and English; reads like the mapping {"nl": ..., "en": ...}."""

    nl: str
    en: str
    source_lines: tuple[int, int] | None = None

    def __getitem__(self, language: str) -> str:
        if language not in LANGUAGES:
            raise KeyError(language)
        return getattr(self, language)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def in_(self, language: str) -> str:
        """The text in ``language`` (English for a language the model does not have)."""
        return self[language] if language in LANGUAGES else self.en

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"nl": self.nl, "en": self.en}
        if self.source_lines:
            out["source_lines"] = list(self.source_lines)
        return out


@dataclass(frozen=True)
class Chapter:
    title: Text
    authors: str
    publication: str | None  # None: this book; else the earlier almanac it appeared in


@dataclass(frozen=True)
class Phase:
    number: int
    key: str
    name: Text
    description: Text
    citizen: Text  # what the citizen notices, e.g. "De burger is verrast"
    chapters: tuple[Chapter, ...]
    attention_points: tuple[Text, ...] = ()
    tagline: Text | None = None
    citizen_detail: Text | None = None
    reading_guide: Text | None = None  # the book's "Leeswijzer" before the chapters


@dataclass(frozen=True)
class Aspect:
    key: str
    group: str
    name: Text


@dataclass(frozen=True)
class Group:
    key: str
    name: Text


@dataclass(frozen=True)
class GrowthLine:
    key: str
    name: Text
    stages: tuple[Text, ...]
    description: tuple[Text, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class Model:
    version: str
    source: str
    groups: tuple[Group, ...]
    phases: tuple[Phase, ...]
    aspects: tuple[Aspect, ...]
    cells: dict[str, dict[int, Text]]  # aspect key -> phase number -> behaviour description
    growth_lines: tuple[GrowthLine, ...]
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    def phase(self, number: int) -> Phase:
        return self.phases[number - 1]

    def aspect(self, key: str) -> Aspect:
        for aspect in self.aspects:
            if aspect.key == key:
                return aspect
        raise KeyError(key)

    def cell(self, aspect: str, phase: int) -> Text:
        return self.cells[aspect][phase]

    def group(self, key: str) -> Group:
        return next(g for g in self.groups if g.key == key)


def versions() -> list[str]:
    """The model versions shipped in the package, oldest first."""
    found = []
    for path in sorted(DATA_DIR.glob("model-*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(raw, dict) and isinstance(raw.get("version"), str):
            found.append(raw["version"])
    return found


def path_of(version: str) -> Path:
    """The file of a model version: ``data/model-<year>.json`` for version ``<year>.<n>``."""
    path = DATA_DIR / f"model-{version.split('.')[0]}.json"
    if not path.is_file():
        raise UnknownModelVersion(version, versions())
    return path


@cache
def load(version: str = DEFAULT_VERSION) -> Model:
    """The validated growth model of ``version`` (cached: the files are part of the package)."""
    path = path_of(version)
    model = load_file(path)
    if model.version != version:
        raise ModelError(
            path,
            [
                _("version is {found}, expected {expected}").format(
                    found=model.version, expected=version
                )
            ],
        )
    return model


def load_file(path: Path | str) -> Model:
    """Read and validate one model file; a ModelError lists everything that is missing."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ModelError(
            path,
            [
                _("not valid JSON at line {line}: {reason}").format(
                    line=error.lineno, reason=error.msg
                )
            ],
        ) from error
    return parse(raw, path)


def parse(raw: Any, origin: Path | str = "<model>") -> Model:
    """Build a Model from the decoded JSON, or raise ModelError naming every problem."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise ModelError(origin, [_("the file must hold one JSON object")])
    version = raw.get("version")
    if not isinstance(version, str) or not version.strip():
        problems.append(_("{where} is missing").format(where="version"))
    source = raw.get("source") if isinstance(raw.get("source"), str) else ""
    groups = _groups(raw.get("groups"), problems)
    phases = _phases(raw.get("phases"), problems)
    aspects = _aspects(raw.get("aspects"), problems)
    cells = _cells(raw.get("cells"), raw.get("cell_source_lines"), problems)
    lines = _growth_lines(raw.get("growth_lines"), problems)
    if problems:
        raise ModelError(origin, problems)
    return Model(
        version=version,
        source=source,
        groups=groups,
        phases=phases,
        aspects=aspects,
        cells=cells,
        growth_lines=lines,
        raw=raw,
    )


def _missing(where: str) -> str:
    return _("{where} is missing").format(where=where)


def _source_lines(value: Any, where: str, problems: list[str]) -> tuple[int, int] | None:
    if value is None:
        return None
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)
        and value[0] <= value[1]
    ):
        return (value[0], value[1])
    problems.append(_("{where} must be [first line, last line] of the book").format(where=where))
    return None


def _text(value: Any, where: str, problems: list[str], lines: Any = None) -> Text | None:
    """A {"nl": .., "en": ..} object with both texts non-empty."""
    if value is None:
        problems.append(_missing(where))
        return None
    if not isinstance(value, dict):
        problems.append(_("{where} must be an object with nl and en texts").format(where=where))
        return None
    ok = True
    for language in LANGUAGES:
        text = value.get(language)
        if text is None:
            problems.append(_missing(f"{where}.{language}"))
            ok = False
        elif not isinstance(text, str) or not text.strip():
            problems.append(_("{where} is empty").format(where=f"{where}.{language}"))
            ok = False
    if lines is None:
        lines = value.get("source_lines")
    span = _source_lines(lines, f"{where}.source_lines", problems)
    return Text(value["nl"], value["en"], span) if ok else None


def _optional_text(value: Any, where: str, problems: list[str]) -> Text | None:
    return None if value is None else _text(value, where, problems)


def _texts(value: Any, where: str, problems: list[str], required: bool) -> tuple[Text, ...]:
    if value is None and not required:
        return ()
    if not isinstance(value, list) or (required and not value):
        problems.append(_("{where} must be a non-empty list").format(where=where))
        return ()
    texts = [_text(item, f"{where}[{i}]", problems) for i, item in enumerate(value)]
    return tuple(t for t in texts if t is not None)


def _keys(value: Any, field_name: str = "key") -> list | None:
    """The ``field_name`` of every object in a list (None for a non-object), or None."""
    if not isinstance(value, list):
        return None
    return [item.get(field_name) if isinstance(item, dict) else None for item in value]


def _groups(value: Any, problems: list[str]) -> tuple[Group, ...]:
    if _keys(value) != list(GROUPS):
        problems.append(
            _("{where} must be the groups {keys} in this order").format(
                where="groups", keys=", ".join(GROUPS)
            )
        )
        return ()
    groups = []
    for i, item in enumerate(value):
        name = _text(item.get("name"), f"groups[{i}].name", problems)
        if name:
            groups.append(Group(item["key"], name))
    return tuple(groups)


def _phases(value: Any, problems: list[str]) -> tuple[Phase, ...]:
    numbers = _keys(value, "number")
    if numbers != list(PHASE_NUMBERS):
        problems.append(
            _("phases must be exactly 4 phases numbered 1, 2, 3, 4 in order; found {found}").format(
                found=numbers if numbers is not None else _("no list")
            )
        )
        return ()
    phases = []
    for item in value:
        where = f"phases[{item['number']}]"
        key = item.get("key")
        if not isinstance(key, str) or not key:
            problems.append(_missing(f"{where}.key"))
        name = _text(item.get("name"), f"{where}.name", problems)
        description = _text(item.get("description"), f"{where}.description", problems)
        citizen = _text(item.get("citizen"), f"{where}.citizen", problems)
        tagline = _optional_text(item.get("tagline"), f"{where}.tagline", problems)
        detail = _optional_text(item.get("citizen_detail"), f"{where}.citizen_detail", problems)
        guide = _optional_text(item.get("reading_guide"), f"{where}.reading_guide", problems)
        chapters = _chapters(item.get("chapters"), f"{where}.chapters", problems)
        points = _texts(item.get("attention_points"), f"{where}.attention_points", problems, False)
        if name and description and citizen and isinstance(key, str) and key:
            phases.append(
                Phase(
                    number=item["number"],
                    key=key,
                    name=name,
                    description=description,
                    citizen=citizen,
                    chapters=chapters,
                    attention_points=points,
                    tagline=tagline,
                    citizen_detail=detail,
                    reading_guide=guide,
                )
            )
    return tuple(phases)


def _chapters(value: Any, where: str, problems: list[str]) -> tuple[Chapter, ...]:
    if not isinstance(value, list) or not value:
        problems.append(_("{where} must be a non-empty list").format(where=where))
        return ()
    chapters = []
    for i, item in enumerate(value):
        title = _text(item, f"{where}[{i}]", problems)
        if not isinstance(item, dict):
            continue
        authors = item.get("authors")
        if not isinstance(authors, str) or not authors.strip():
            problems.append(_missing(f"{where}[{i}].authors"))
            continue
        publication = item.get("publication")
        if publication is not None and (not isinstance(publication, str) or not publication):
            problems.append(
                _("{where} must be the title of an earlier publication or null").format(
                    where=f"{where}[{i}].publication"
                )
            )
            continue
        if title:
            chapters.append(Chapter(title, authors, publication))
    return tuple(chapters)


def _aspects(value: Any, problems: list[str]) -> tuple[Aspect, ...]:
    keys = _keys(value)
    if keys != list(ASPECT_KEYS):
        problems.append(
            _("aspects must be the 10 aspects {keys} in this order; found {found}").format(
                keys=", ".join(ASPECT_KEYS), found=keys if keys is not None else _("no list")
            )
        )
        return ()
    aspects = []
    for item in value:
        where = f"aspects[{item['key']}]"
        expected = next(group for group, members in GROUPS.items() if item["key"] in members)
        if item.get("group") != expected:
            problems.append(
                _("{where}.group must be {expected}").format(where=where, expected=expected)
            )
        name = _text(item.get("name"), f"{where}.name", problems)
        if name:
            aspects.append(Aspect(item["key"], expected, name))
    return tuple(aspects)


def _cells(value: Any, lines: Any, problems: list[str]) -> dict[str, dict[int, Text]]:
    if not isinstance(value, dict):
        problems.append(_missing("cells"))
        return {}
    lines = lines if isinstance(lines, dict) else {}
    for key in value:
        if key not in ASPECT_KEYS:
            problems.append(_("cells.{key} is not one of the 10 aspects").format(key=key))
    cells: dict[str, dict[int, Text]] = {}
    for aspect in ASPECT_KEYS:
        by_phase = value.get(aspect)
        if not isinstance(by_phase, dict):
            problems.append(_missing(f"cells.{aspect}"))
            continue
        extra = sorted(set(by_phase) - {str(n) for n in PHASE_NUMBERS})
        if extra:
            problems.append(
                _("cells.{aspect} has phases {extra}; only 1 to 4 exist").format(
                    aspect=aspect, extra=", ".join(extra)
                )
            )
        spans = lines.get(aspect) if isinstance(lines.get(aspect), dict) else {}
        cells[aspect] = {}
        for number in PHASE_NUMBERS:
            text = _text(
                by_phase.get(str(number)),
                f"cells.{aspect}.{number}",
                problems,
                lines=spans.get(str(number)),
            )
            if text:
                cells[aspect][number] = text
    return cells


def _growth_lines(value: Any, problems: list[str]) -> tuple[GrowthLine, ...]:
    keys = _keys(value)
    if keys != list(GROWTH_LINE_KEYS):
        problems.append(
            _("growth_lines must be the 3 lines {keys} in this order; found {found}").format(
                keys=", ".join(GROWTH_LINE_KEYS), found=keys if keys is not None else _("no list")
            )
        )
        return ()
    lines = []
    for item in value:
        where = f"growth_lines[{item['key']}]"
        name = _text(item.get("name"), f"{where}.name", problems)
        stages = item.get("stages")
        if not isinstance(stages, list) or len(stages) != STAGES_PER_LINE:
            problems.append(_("{where}.stages must hold exactly 4 stages").format(where=where))
            continue
        parsed = _texts(stages, f"{where}.stages", problems, True)
        description = _texts(item.get("description"), f"{where}.description", problems, False)
        note = _optional_text(item.get("note"), f"{where}.note", problems)
        if name and len(parsed) == STAGES_PER_LINE:
            lines.append(GrowthLine(item["key"], name, parsed, description, note))
    return tuple(lines)
