"""Publishing an edition: a frozen, versioned snapshot of its figures (open data).

``publish`` computes the published tables (``TABLES``) from the data as it is now and
writes them into ``<workspace>/published/<edition>/v<N>/``: per table a Parquet file, a
JSON file and a CSV file, and ``manifest.json`` with the sha256 and size of every file.
The version is built in a hidden folder beside and renamed into place at once, so a
reader sees a whole version or none; its files are made read-only. A version is never
changed: publishing again makes ``v<N+1>``, and a later import changes only the drafts
(the live figures), never a published table. ``latest`` is the highest version.

Only registry accounts appear in the tables (the measurement is of registry accounts);
the survey's free-text answers are left out.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from meetlat import __version__
from meetlat.app import measuring, questionnaire
from meetlat.app.measuring import Starting
from meetlat.app.national import national
from meetlat.archive import manifest as archive_manifest
from meetlat.archive.atomic import fsync_dir, write_json
from meetlat.i18n import _
from meetlat.ranking.rules import DEFAULT_MIN_REPLIES
from meetlat.workspace import Workspace

FOLDER = "published"
MANIFEST = "manifest.json"
FORMATS = ("parquet", "json", "csv")
LATEST = "latest"
LATEST_NAMES = (LATEST, "laatste")  # the API's name and the Dutch page address
EDITION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
QUESTION_LANGUAGE = "nl"  # the questionnaire's language: the published question texts
VERSION_FOLDER = re.compile(r"^v([1-9][0-9]{0,8})$")
ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
}


# --- the one description of the published tables (the web's OpenAPI document too) -------


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, integer, number, boolean (always nullable)
    description: str  # English; shown translated


@dataclass(frozen=True)
class Table:
    name: str
    title: str  # English; shown translated
    description: str
    columns: tuple[Column, ...]

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, ARROW_TYPES[c.type]) for c in self.columns])

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, kind: str, description: str) -> Column:
    return Column(name, kind, description)


ACCOUNT_COLUMNS = (
    _c("municipality_code", "string", "CBS code of the municipality (GM0363)."),
    _c("municipality_name", "string", "Name of the municipality."),
    _c("platform", "string", "Platform of the accounts (x, mastodon, ...)."),
    _c("handle", "string", "Handle of the registry account; several joined by commas."),
)


def _ranking_columns(role: str) -> tuple[Column, ...]:
    components = measuring.RANKINGS[role]
    return (
        *ACCOUNT_COLUMNS,
        _c("posts_sent", "integer", "Posts sent in the period."),
        *[_c(c.column, "number", "Indicator of the ranking (docs/indicators.md).") for c in components],
        *[
            _c(measuring.rank_column(c), "integer", "Rank on this indicator (1 is best).")
            for c in components
        ],
        _c("total", "integer", "Sum of the ranks."),
        _c("position", "integer", "Position in the ranking; empty when not ranked."),
    )  # fmt: skip


def _top_columns(value: str, description: str) -> tuple[Column, ...]:
    return (
        _c("kind", "string", "average: the national average row; municipality: a ranked one."),
        _c("rank", "integer", "Place in the top list; empty on the average row."),
        *ACCOUNT_COLUMNS,
        _c(value, "number", description),
    )


TABLES: tuple[Table, ...] = (
    Table(
        "national",
        "National figures",
        "The book's national figures of the period, beside the same days a year earlier.",
        (
            _c("key", "string", "Which figure (docs/indicators.md)."),
            _c("value", "number", "The figure; empty when there is nothing to compute it from."),
            _c("n", "integer", "Accounts or municipalities it is computed over."),
            _c("basis", "string", "accounts or municipalities."),
            _c("unit", "string", "accounts, posts, pct or minutes."),
            _c("previous", "number", "The same figure a year earlier."),
            _c("previous_n", "integer", "Accounts or municipalities of the year earlier."),
        ),
    ),
    Table(
        "ranking",
        "Ranking of the municipalities",
        "The book's composite ranking (Tabel 11): each municipality's corporate accounts "
        "pooled, a rank per indicator, their sum and the position.",
        _ranking_columns("corporate"),
    ),
    Table(
        "top_interaction",
        "Top interaction",
        "Tabel 10: the municipalities with the highest interaction percentage, under the "
        "national average.",
        _top_columns("interaction_pct", "Replies to others as a percentage of posts sent."),
    ),
    Table(
        "top_reaction_time",
        "Top reaction time",
        "Tabel 10: the municipalities with the shortest mean reaction time (enough timed "
        "replies), under the national average.",
        _top_columns("reaction_time_mean_min", "Mean reaction time in minutes."),
    ),
    Table(
        "council_ranking",
        "Ranking of the council accounts",
        "The book's ranking of the council accounts (Tabel 14), per account.",
        _ranking_columns("council"),
    ),
    Table(
        "survey_questions",
        "Questionnaire: national figures per question",
        "Per question and answer the number and share of municipalities, the mean and the "
        "change since the previous edition. Free-text answers are not published.",
        (
            _c("question_id", "string", "The question (survey edition)."),
            _c("question_text", "string", "The question as the questionnaire asks it, in Dutch."),
            _c("aspect", "string", "The growth model's aspect; empty for general questions."),
            _c("type", "string", "Question type (yes_no, grade, phase, choice, ...)."),
            _c("n", "integer", "Municipalities that answered the question."),
            _c("mean", "number", "Mean answer (numeric questions)."),
            _c("mean_change", "number", "Change of the mean since the previous edition."),
            _c("answer", "string", "One answer value; empty on a question without them."),
            _c("count", "integer", "Municipalities that gave this answer."),
            _c("pct", "number", "Share of the municipalities that answered, in percent."),
            _c("pct_change", "number", "Change of the share in percentage points."),
        ),
    ),
    Table(
        "average_municipality",
        "The average municipality on the growth model",
        "The national mean profile placed on the growth model: per aspect the phase, the "
        "mean grade and the median description chosen; the row 'overall' holds the "
        "overall phase.",
        (
            _c("aspect", "string", "The growth model's aspect, or overall."),
            _c("phase", "integer", "Phase (1 to 5)."),
            _c("grade_mean", "number", "Mean grade of the aspect."),
            _c("chosen", "integer", "Median phase description chosen."),
        ),
    ),
)
TABLE_NAMES = tuple(t.name for t in TABLES)


def table(name: str) -> Table:
    for found in TABLES:
        if found.name == name:
            return found
    raise NotPublished(_("There is no published table {name}.").format(name=name))


# --- errors -------------------------------------------------------------------------------


class NotPublished(LookupError):
    """An edition, version, table or format that was never published (the message says which)."""


class CannotPublish(ValueError):
    """The figures cannot be published as asked (the message says why)."""


# --- computing the tables -------------------------------------------------------------


def _plain(value):
    """A cell as JSON and Arrow take it: numpy scalars to Python, NaN to None (pandas'
    missing values are None already: ``_rows``)."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _rows(frame, columns: list[str]) -> list[dict]:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise RuntimeError(f"the frame lacks the published columns {missing}")
    cells = frame[columns].astype(object)
    cells = cells.where(frame[columns].notna(), None)
    return [
        {column: _plain(value) for column, value in zip(columns, line, strict=True)}
        for line in cells.itertuples(index=False, name=None)
    ]


def _sorted_ranking(frame):
    """Ranked rows by position, then the unranked by municipality and handle."""
    return frame.sort_values(
        ["position", "municipality_code", "platform", "handle"], na_position="last", kind="stable"
    )


def _top_rows(found: measuring.Top, which: str, spec: Table) -> list[dict]:
    value = spec.columns[-1].name
    frame = found.interaction if which == "interaction" else found.reaction
    mean = found.interaction_mean if which == "interaction" else found.reaction_mean
    average = dict.fromkeys(spec.column_names)
    average.update(kind="average", **{value: _plain(mean)})
    rows = _rows(frame, spec.column_names[1:])
    return [average, *[{"kind": "municipality", **row} for row in rows]]


def _question_rows(questions: list[dict], chosen) -> list[dict]:
    """One row per question and answer value, with the question's text as the edition's
    questionnaire asks it (in Dutch, whatever the publisher's language: a published file
    does not depend on who published it)."""
    rows = []
    for item in questions:
        if item["type"] == "text":
            continue
        change = item.get("change")
        mean_change = change if isinstance(change, int | float) else None
        changes = change if isinstance(change, dict) else {}
        base = {
            "question_id": item["question_id"],
            "question_text": question_text(chosen, item["question_id"]),
            "aspect": item.get("aspect"),
            "type": item["type"],
            "n": item["n"],
            "mean": _plain(item.get("mean")),
            "mean_change": _plain(mean_change),
        }
        distribution = item.get("distribution") or {}
        percentages = item.get("percentages") or {}
        if not distribution:
            rows.append({**base, "answer": None, "count": None, "pct": None, "pct_change": None})
        for answer, count in distribution.items():
            rows.append(
                {
                    **base,
                    "answer": str(answer),
                    "count": count,
                    "pct": _plain(percentages.get(answer)),
                    "pct_change": _plain(changes.get(answer)),
                }
            )
    return rows


def question_text(chosen, question_id: str) -> str | None:
    """The Dutch text of a question of the edition ``chosen`` (None: not one of its)."""
    try:
        return chosen.question(question_id).label(QUESTION_LANGUAGE)
    except KeyError:
        return None


def _average_rows(average: dict | None) -> list[dict]:
    if not average:
        return []
    rows = [
        {
            "aspect": row["aspect"],
            "phase": row["phase"],
            "grade_mean": _plain(row["grade_mean"]),
            "chosen": row["chosen"],
        }
        for row in average["aspects"]
    ]
    overall = {"aspect": "overall", "phase": average.get("overall_phase")}
    return [*rows, {**overall, "grade_mean": None, "chosen": None}]


def compute_tables(
    ws: Workspace,
    edition: str,
    start: date,
    end: date,
    min_replies: int = DEFAULT_MIN_REPLIES,
    facts_starting: Starting = None,
) -> dict[str, list[dict]]:
    """Every published table's rows from the data as it is now (the drafts)."""
    chosen = questionnaire.edition(edition, ws)
    found = national(ws, start, end, facts_starting=facts_starting)
    ranked = measuring.ranking(ws, start, end, "corporate", min_replies, by="municipality").frame
    council = measuring.ranking(ws, start, end, "council", min_replies, by="account").frame
    top = measuring.top(ranked, min_replies, len(ranked))
    summary = questionnaire.national_summary(ws, chosen)
    specs = {t.name: t for t in TABLES}
    return {
        "national": [
            {c: _plain(f.as_dict()[c]) for c in specs["national"].column_names}
            for f in found.figures
        ],
        "ranking": _rows(_sorted_ranking(ranked), specs["ranking"].column_names),
        "top_interaction": _top_rows(top, "interaction", specs["top_interaction"]),
        "top_reaction_time": _top_rows(top, "reaction", specs["top_reaction_time"]),
        "council_ranking": _rows(_sorted_ranking(council), specs["council_ranking"].column_names),
        "survey_questions": _question_rows(summary["questions"], chosen),
        "average_municipality": _average_rows(summary["average"]),
    }


# --- writing a version ----------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    edition: str
    version: int
    folder: Path
    manifest: dict


def root(ws: Workspace) -> Path:
    return Path(ws.root) / FOLDER


def _check_edition_name(edition: str) -> str:
    if not EDITION_NAME.match(edition or ""):
        raise NotPublished(_("Edition {name} has not been published.").format(name=edition))
    return edition


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _json_bytes(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


def _csv_bytes(spec: Table, rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(spec.column_names)
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in spec.column_names])
    return out.getvalue().encode("utf-8")


def _parquet_bytes(spec: Table, rows: list[dict]) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=spec.schema), sink, compression="zstd")
    return sink.getvalue()


def _write(path: Path, data: bytes) -> dict:
    with path.open("xb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    return {"file": path.name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def publish(
    ws: Workspace,
    edition: str,
    period_start: date,
    period_end: date,
    by: str = "",
    min_replies: int = DEFAULT_MIN_REPLIES,
    facts_starting: Starting = None,
    now: datetime | None = None,
) -> Published:
    """Freeze the figures of ``edition`` for ``period_start`` … ``period_end`` as the
    next version. Raises CannotPublish for a period that ends before it starts and the
    questionnaire's UnknownEdition for an edition that does not exist."""
    _check_edition_name(edition)
    if period_end < period_start:
        raise CannotPublish(
            _("The period ends ({end}) before it starts ({start}).").format(
                start=period_start, end=period_end
            )
        )
    tables = compute_tables(ws, edition, period_start, period_end, min_replies, facts_starting)
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    folder = root(ws) / edition
    with _locked(root(ws)):
        version = max(versions(ws, edition), default=0) + 1
        building = Path(tempfile.mkdtemp(dir=_mkdir(folder), prefix=f".v{version}."))
        try:
            listed = []
            for spec in TABLES:
                rows = tables[spec.name]
                document = {
                    "edition": edition,
                    "version": version,
                    "table": spec.name,
                    "columns": spec.column_names,
                    "rows": rows,
                }
                files = {
                    "parquet": _write(building / f"{spec.name}.parquet", _parquet_bytes(spec, rows)),
                    "json": _write(building / f"{spec.name}.json", _json_bytes(document)),
                    "csv": _write(building / f"{spec.name}.csv", _csv_bytes(spec, rows)),
                }  # fmt: skip
                listed.append({"name": spec.name, "rows": len(rows), "files": files})
            manifest = {
                "edition": edition,
                "version": version,
                "period": [period_start.isoformat(), period_end.isoformat()],
                "published_at": moment.isoformat().replace("+00:00", "Z"),
                "published_by": by,
                "min_replies": min_replies,
                "meetlat_version": __version__,
                "archive_head": archive_manifest.head_of(ws.archive),
                "tables": listed,
            }
            write_json(building / MANIFEST, manifest)
            for path in building.iterdir():
                path.chmod(0o444)
            fsync_dir(building)
            target = folder / f"v{version}"
            building.chmod(0o755)
            os.rename(building, target)  # a whole version or none
            fsync_dir(folder)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
    return Published(edition, version, target, manifest)


def _mkdir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --- reading what was published -------------------------------------------------------------


def editions(ws: Workspace) -> list[str]:
    """The editions with at least one published version, sorted."""
    base = root(ws)
    if not base.is_dir():
        return []
    return sorted(
        p.name for p in base.iterdir() if EDITION_NAME.match(p.name) and versions(ws, p.name)
    )


def versions(ws: Workspace, edition: str) -> list[int]:
    """The published versions of ``edition``, lowest first (none: an empty list)."""
    if not EDITION_NAME.match(edition or ""):
        return []
    folder = root(ws) / edition
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = VERSION_FOLDER.match(path.name)
        if match and (path / MANIFEST).is_file():
            found.append(int(match.group(1)))
    return sorted(found)


def resolve_version(ws: Workspace, edition: str, version: str | int) -> int:
    """``version`` as a published version number: a number, or ``latest`` (``laatste``)
    for the highest.
    Raises NotPublished with a Dutch message naming what is missing."""
    _check_edition_name(edition)
    known = versions(ws, edition)
    if not known:
        raise NotPublished(_("Edition {name} has not been published.").format(name=edition))
    text = str(version).strip().lower()
    if text in LATEST_NAMES:
        return known[-1]
    number = int(text.removeprefix("v")) if re.fullmatch(r"v?[0-9]{1,9}", text) else None
    if number not in known:
        raise NotPublished(
            _("Edition {name} has no version {version}.").format(name=edition, version=version)
        )
    return number


def manifest(ws: Workspace, edition: str, version: str | int) -> dict:
    number = resolve_version(ws, edition, version)
    return json.loads((root(ws) / edition / f"v{number}" / MANIFEST).read_text("utf-8"))


def table_file(ws: Workspace, edition: str, version: str | int, name: str, fmt: str) -> Path:
    """The published file of one table in one format (parquet, json, csv)."""
    number = resolve_version(ws, edition, version)
    table(name)
    if fmt not in FORMATS:
        raise NotPublished(_("There is no published format {name}.").format(name=fmt))
    return root(ws) / edition / f"v{number}" / f"{name}.{fmt}"


def table_document(ws: Workspace, edition: str, version: str | int, name: str) -> dict:
    """One published table as written: edition, version, table, columns and rows."""
    return json.loads(table_file(ws, edition, version, name, "json").read_text("utf-8"))


def verify(ws: Workspace, edition: str, version: str | int) -> list[str]:
    """Every file of a version against the sha256 and size in its manifest: the problems
    (empty when the version is exactly as published)."""
    number = resolve_version(ws, edition, version)
    folder = root(ws) / edition / f"v{number}"
    problems = []
    for item in manifest(ws, edition, number)["tables"]:
        for entry in item["files"].values():
            path = folder / entry["file"]
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                problems.append(_("{file} is missing.").format(file=path))
                continue
            if hashlib.sha256(data).hexdigest() != entry["sha256"] or len(data) != entry["size"]:
                problems.append(_("{file} was changed after publishing.").format(file=path))
    return problems
