"""Questionnaire answers: check an answer file, store it, read it back.

An answer file holds one municipality per row (CSV: ``municipality_code`` then one
column per question id, as ``meetlat survey template`` prints; JSON: an array of
objects with the same keys). An empty cell (or JSON null) is a question left
unanswered. A file with any problem stores nothing; every problem is reported with
its row, question id and the allowed values.

Answers live in ``<workspace>/survey/<edition>/answers.json``; importing a municipality
again replaces all of its answers. The file is written beside the old one and renamed
over it, so an interrupted import leaves the old answers intact.
"""

from __future__ import annotations

import csv
import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from meetlat.i18n import _, ngettext
from meetlat.survey.edition import Edition, Question

CODE_COLUMN = "municipality_code"
FILE_NAME = "answers.json"
YES = {"yes", "ja", "y", "j", "true", "1"}
NO = {"no", "nee", "n", "false", "0"}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int  # CSV: line number in the file (the header is line 1); JSON: item number
    message: str
    question_id: str | None = None
    municipality_code: str | None = None

    def __str__(self) -> str:
        if self.row == 0:  # about the file as a whole
            return _("{file}: {message}").format(file=self.file, message=self.message)
        return _("{file} row {row}: {message}").format(
            file=self.file, row=self.row, message=self.message
        )

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "row": self.row,
            "municipality_code": self.municipality_code,
            "question_id": self.question_id,
            "message": self.message,
        }


class InvalidAnswers(ValueError):
    """An answer file with problems; nothing of it was stored."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        super().__init__(
            ngettext(
                "{count} problem in {file}: nothing was stored.",
                "{count} problems in {file}: nothing was stored.",
                len(problems),
            ).format(count=len(problems), file=file)
        )


class BadValue(ValueError):
    pass


@dataclass(frozen=True)
class Response:
    """One municipality's answers to one edition."""

    municipality_code: str
    answers: dict[str, object]  # question id -> value (only answered questions)
    synthetic: bool = False
    source: str = ""
    imported_at: str = ""
    # the questions the file had a column (CSV) or key (JSON) for, answered or blank; None:
    # all of them. Not stored: an import keeps the stored answers of the other questions.
    covered: frozenset[str] | None = field(default=None, compare=False)

    def get(self, question_id: str):
        return self.answers.get(question_id)


@dataclass
class ImportResult:
    edition: str
    added: int
    replaced: int
    total: int
    codes: list[str] = field(default_factory=list)
    # the edition's questions the file had no column for: their stored answers were kept
    # (or, with replace, cleared)
    not_in_file: list[str] = field(default_factory=list)
    replace: bool = False


def _blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _whole_number(raw) -> int:
    if isinstance(raw, bool):
        raise BadValue
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().lstrip("+").isdigit():
        return int(raw.strip())
    raise BadValue


def parse_value(question: Question, raw):
    """The stored form of ``raw`` as an answer to ``question``; BadValue when not allowed."""
    if question.type in ("grade", "phase_choice"):
        value = _whole_number(raw)
        if value not in question.allowed():
            raise BadValue
        return value
    if question.type == "yes_no":
        if isinstance(raw, bool):
            return "yes" if raw else "no"
        text = str(raw).strip().lower()
        if text in YES:
            return "yes"
        if text in NO:
            return "no"
        raise BadValue
    if question.type == "choice":
        if not isinstance(raw, str):
            raise BadValue
        text = raw.strip().lower()
        for value in question.allowed():
            if text == str(value).lower():
                return value
        raise BadValue
    if not isinstance(raw, str):
        raise BadValue
    return raw.strip()


class AnswerRefused(ValueError):
    """One answer that its question does not allow; the message names both."""

    def __init__(self, question: Question, raw):
        self.question_id = question.id
        super().__init__(
            _("{question} = {value} is not allowed: expected {allowed}.").format(
                question=question.id, value=json.dumps(raw), allowed=question.allowed_text()
            )
        )


def checked_value(question: Question, raw):
    """The stored form of one answer (None for a blank: not answered); raises AnswerRefused
    with the same message an answer file gets (the web's questionnaire uses this too)."""
    if _blank(raw):
        return None
    try:
        return parse_value(question, raw)
    except BadValue:
        raise AnswerRefused(question, raw) from None


def _rows_from_csv(path: Path, name: str) -> tuple[list[tuple[int, dict]], list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        return [], [
            Problem(
                name,
                0,
                _("not valid UTF-8 at byte {offset}: save the file as CSV UTF-8.").format(
                    offset=error.start
                ),
            )
        ]
    first_line = text.split("\n", 1)[0]  # the header decides: Dutch Excel writes semicolons
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        return [], [Problem(name, 1, _("the file is empty: expected a header row."))]
    header = [h.strip() for h in header]
    rows = []
    problems = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    name,
                    reader.line_num,
                    _("{found} cells where the header has {expected}.").format(
                        found=len(cells), expected=len(header)
                    ),
                )
            )
            continue
        rows.append((reader.line_num, dict(zip(header, cells, strict=True))))
    return rows, problems


def _rows_from_json(path: Path, name: str) -> tuple[list[tuple[int, dict]], list[Problem]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        return [], [
            Problem(name, error.lineno, _("not valid JSON: {error}").format(error=error.msg))
        ]
    if not isinstance(data, list):
        return [], [Problem(name, 1, _("expected a JSON array of objects, one per municipality."))]
    rows = []
    problems = []
    for number, item in enumerate(data, start=1):
        if isinstance(item, dict):
            rows.append((number, item))
        else:
            problems.append(Problem(name, number, _("expected an object with answers.")))
    return rows, problems


def _check_columns(rows, edition: Edition, name: str, is_csv: bool) -> list[Problem]:
    known = set(edition.ids())
    problems = []
    seen: set[str] = set()
    for number, row in rows:
        for column in row:
            if column == CODE_COLUMN or column in known or column in seen:
                continue
            seen.add(column)
            problems.append(
                Problem(
                    name,
                    1 if is_csv else number,
                    _("unknown question id {question}: not in edition {edition}.").format(
                        question=column, edition=edition.name
                    ),
                    question_id=column,
                )
            )
    return problems


def _check_municipality(raw, number: int, edition: Edition, name: str, first_row: dict):
    from meetlat import reference

    if _blank(raw):
        return None, Problem(name, number, _("municipality_code is missing."))
    code = reference.normalise_code(str(raw))
    if not reference.exists(code):
        return None, Problem(
            name,
            number,
            _("unknown municipality code {code}: expected a CBS code such as GM0363.").format(
                code=raw
            ),
            municipality_code=str(raw),
        )
    municipality = reference.get(code)
    if not municipality.in_force(edition.fieldwork):
        return None, Problem(
            name,
            number,
            _(
                "municipality {code} ({name}) did not exist on {day}, when edition {edition} "
                "was held."
            ).format(
                code=code, name=municipality.name, day=edition.fieldwork, edition=edition.name
            ),
            municipality_code=code,
        )
    if code in first_row:
        return None, Problem(
            name,
            number,
            _("municipality {code} appears twice (also row {first}).").format(
                code=code, first=first_row[code]
            ),
            municipality_code=code,
        )
    first_row[code] = number
    return code, None


def check_rows(rows, edition: Edition, name: str) -> tuple[list[Response], list[Problem]]:
    """Turn raw rows into responses; every problem found is returned, none is skipped."""
    known = {q.id: q for q in edition.questions}
    responses = []
    problems = []
    first_row: dict[str, int] = {}
    for number, row in rows:
        code, problem = _check_municipality(row.get(CODE_COLUMN), number, edition, name, first_row)
        if problem:
            problems.append(problem)
        answers = {}
        row_ok = problem is None
        for column, raw in row.items():
            question = known.get(column)
            if question is None or _blank(raw):
                continue
            try:
                answers[column] = checked_value(question, raw)
            except AnswerRefused as refused:
                row_ok = False
                problems.append(
                    Problem(name, number, str(refused), question_id=column, municipality_code=code)
                )
        if row_ok and not answers:
            row_ok = False
            problems.append(
                Problem(
                    name,
                    number,
                    _("no answers for {code}: every question is empty.").format(code=code),
                    municipality_code=code,
                )
            )
        if row_ok:
            covered = frozenset(column for column in row if column in known)
            responses.append(
                Response(municipality_code=code, answers=answers, source=name, covered=covered)
            )
    return responses, problems


def read_file(path: Path, edition: Edition) -> list[Response]:
    """The responses in an answer file; InvalidAnswers (with every problem) if any is bad."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InvalidAnswers(name, [Problem(name, 0, _("file not found"))])
    is_csv = path.suffix.lower() != ".json"
    rows, problems = (_rows_from_csv if is_csv else _rows_from_json)(path, name)
    problems += _check_columns(rows, edition, name, is_csv)
    responses, row_problems = check_rows(rows, edition, name)
    problems += row_problems
    if not problems and not responses:
        problems.append(Problem(name, 1, _("the file holds no municipality.")))
    if problems:
        raise InvalidAnswers(name, sorted(problems, key=lambda p: p.row))
    return responses


def store_path(ws, edition_name: str) -> Path:
    return Path(ws.root) / "survey" / str(edition_name) / FILE_NAME


def load(ws, edition_name: str) -> dict[str, Response]:
    """The stored responses of an edition by municipality code (empty when none)."""
    file = store_path(ws, edition_name)
    if not file.exists():
        return {}
    data = json.loads(file.read_text(encoding="utf-8"))
    return {
        item["municipality_code"]: Response(
            municipality_code=item["municipality_code"],
            answers=item["answers"],
            synthetic=item.get("synthetic", False),
            source=item.get("source", ""),
            imported_at=item.get("imported_at", ""),
        )
        for item in data["responses"]
    }


def stored_editions(ws) -> list[str]:
    """The editions with stored answers, oldest first."""
    folder = Path(ws.root) / "survey"
    if not folder.exists():
        return []
    return sorted(p.parent.name for p in folder.glob(f"*/{FILE_NAME}"))


def save(
    ws,
    edition_name: str,
    responses: list[Response],
    synthetic: bool = False,
    replace: bool = False,
    not_in_file: list[str] | None = None,
) -> ImportResult:
    """Add ``responses``. A municipality already stored gets the new answers of the
    questions its response covers (a blank there clears the stored answer) and keeps its
    stored answers to the other questions; with ``replace`` all its answers are replaced."""
    stored = load(ws, edition_name)
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    replaced = sum(1 for r in responses if r.municipality_code in stored)
    for response in responses:
        merged = dict(response.answers)
        before = stored.get(response.municipality_code)
        if before is not None and not replace and response.covered is not None:
            kept = {k: v for k, v in before.answers.items() if k not in response.covered}
            merged = kept | merged
        stored[response.municipality_code] = Response(
            municipality_code=response.municipality_code,
            answers=merged,
            synthetic=synthetic or response.synthetic,
            source=Path(response.source).name if response.source else "",
            imported_at=now,
        )
    document = {
        "edition": str(edition_name),
        "responses": [
            {
                "municipality_code": r.municipality_code,
                "synthetic": r.synthetic,
                "source": r.source,
                "imported_at": r.imported_at,
                "answers": r.answers,
            }
            for r in sorted(stored.values(), key=lambda r: r.municipality_code)
        ],
    }
    file = store_path(ws, edition_name)
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_name(f".{FILE_NAME}.{uuid.uuid4().hex}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, file)
    finally:
        temporary.unlink(missing_ok=True)
    return ImportResult(
        edition=str(edition_name),
        added=len(responses) - replaced,
        replaced=replaced,
        total=len(stored),
        codes=[r.municipality_code for r in responses],
        not_in_file=list(not_in_file or []),
        replace=replace,
    )


def import_file(
    ws, path: Path, edition: Edition, synthetic: bool = False, replace: bool = False
) -> ImportResult:
    """Check an answer file and store all of it, or raise InvalidAnswers and store nothing.
    Questions the file has no column for keep their stored answers, unless ``replace``."""
    responses = read_file(path, edition)
    covered = set().union(*(r.covered or edition.ids() for r in responses))
    missing = [qid for qid in edition.ids() if qid not in covered]
    return save(ws, edition.name, responses, synthetic, replace, missing)


def template_header(edition: Edition) -> list[str]:
    return [CODE_COLUMN, *edition.ids()]
