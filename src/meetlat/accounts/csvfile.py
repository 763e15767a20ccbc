"""Reading a registry CSV file: every row checked, every problem named with its line.

Columns: municipality_code, platform, handle, role (required) and active_from, active_to,
status (optional). A row is valid when its municipality code is in Tabel 33, its
platform, role and status are known, its dates are ISO dates (active_to not before
active_from) and its (platform, handle) does not occur twice in the file. A Mastodon
handle is the account's full address ``name@server``; a bare ``name`` is on the server of
the setting MEETLAT_MASTODON_SERVER (default social.overheid.nl) and stored so.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from meetlat import reference, settings
from meetlat.i18n import _
from meetlat.warehouse.schema import PLATFORMS, ROLES, STATUSES

REQUIRED = ("municipality_code", "platform", "handle", "role")
OPTIONAL = ("active_from", "active_to", "status")
DEFAULT_STATUS = "active"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        if self.line == 0:  # about the file as a whole
            return _("{file}: {reason}").format(file=self.file, reason=self.reason)
        return _("{file} line {line}: {reason}").format(
            file=self.file, line=self.line, reason=self.reason
        )


class InvalidFile(Exception):
    """The file has bad rows; nothing of it may be imported."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def normalise_handle(text: str) -> str:
    """Handles are stored lower case, without a leading @."""
    return text.strip().lstrip("@").lower()


def _date(value: str, column: str, problems: list[str]) -> date | None:
    if not value:
        return None
    if _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(
        _("{column} {value!r} is not a date (expected YYYY-MM-DD, e.g. 2014-01-01)").format(
            column=column, value=value
        )
    )
    return None


def _choice(value: str, column: str, allowed: tuple[str, ...], problems: list[str]) -> str:
    cleaned = value.strip().lower()
    if cleaned not in allowed:
        problems.append(
            _("{column} {value!r} is unknown (expected one of: {allowed})").format(
                column=column, value=value, allowed=", ".join(allowed)
            )
        )
    return cleaned


def _row(values: dict[str, str]) -> tuple[dict, list[str]]:
    problems: list[str] = []
    for column in REQUIRED:
        if not values[column]:
            problems.append(_("{column} is empty").format(column=column))
    code = reference.normalise_code(values["municipality_code"])
    if values["municipality_code"] and not reference.exists(code):
        problems.append(
            _(
                "municipality_code {value!r} is not a municipality in Tabel 33 "
                "(expected a CBS code such as GM0363)"
            ).format(value=values["municipality_code"])
        )
    platform = values["platform"]
    if platform:
        platform = _choice(platform, "platform", PLATFORMS, problems)
    handle = normalise_handle(values["handle"])
    if values["handle"] and not handle:
        problems.append(_("handle {value!r} has no name").format(value=values["handle"]))
    elif re.search(r"\s", handle):
        problems.append(_("handle {value!r} contains a space").format(value=values["handle"]))
    if platform == "mastodon" and handle and "@" not in handle:
        handle = f"{handle}@{settings.load().mastodon_server.lower()}"  # name@server
    role = _choice(values["role"], "role", ROLES, problems) if values["role"] else ""
    status = values.get("status") or DEFAULT_STATUS
    status = _choice(status, "status", STATUSES, problems)
    active_from = _date(values.get("active_from", ""), "active_from", problems)
    active_to = _date(values.get("active_to", ""), "active_to", problems)
    if active_from and active_to and active_to < active_from:
        problems.append(
            _("active_to {end} is before active_from {start}").format(
                end=active_to.isoformat(), start=active_from.isoformat()
            )
        )
    row = {
        "municipality_code": code,
        "platform": platform,
        "handle": handle,
        "role": role,
        "active_from": active_from,
        "active_to": active_to,
        "status": status,
    }
    return row, problems


def read(path: Path) -> list[dict]:
    """The rows of the registry file ``path``; raises InvalidFile listing every bad row.

    Commas separate the fields; a file whose header holds more semicolons than commas
    (as a spreadsheet with Dutch settings saves it) is read with semicolons.
    """
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise InvalidFile([Problem(name, 0, _("file not found"))]) from error
    except OSError as error:
        reason = _("cannot open: {error}").format(error=error.strerror or error)
        raise InvalidFile([Problem(name, 0, reason)]) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        reason = _("not valid UTF-8 at byte {position}").format(position=error.start)
        raise InvalidFile([Problem(name, line, reason)]) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return _read_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), name)
    except csv.Error as error:
        raise InvalidFile([Problem(name, 0, str(error))]) from error


def _read_rows(reader, name: str) -> list[dict]:
    header = next(reader, None)
    if header is None:
        raise InvalidFile([Problem(name, 1, _("the file is empty (expected a header row)"))])
    columns = [column.strip().lower() for column in header]
    missing = [c for c in REQUIRED if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED + OPTIONAL]
    header_problems = []
    if missing:
        header_problems.append(
            _("missing column(s) {missing} (expected columns: {expected})").format(
                missing=", ".join(missing), expected=", ".join(REQUIRED + OPTIONAL)
            )
        )
    if unknown:
        header_problems.append(
            _("unknown column(s) {unknown} (expected columns: {expected})").format(
                unknown=", ".join(unknown), expected=", ".join(REQUIRED + OPTIONAL)
            )
        )
    if len(set(columns)) != len(columns):
        header_problems.append(_("a column name occurs twice in the header"))
    if header_problems:
        raise InvalidFile([Problem(name, 1, reason) for reason in header_problems])

    problems: list[Problem] = []
    rows: list[dict] = []
    first_line: dict[tuple[str, str], int] = {}
    line = reader.line_num + 1
    for fields in reader:
        start, line = line, reader.line_num + 1
        if not any(field.strip() for field in fields):
            continue  # blank lines are not rows
        if len(fields) != len(columns):
            problems.append(
                Problem(
                    name,
                    start,
                    _("{found} fields, expected {expected} (one per column)").format(
                        found=len(fields), expected=len(columns)
                    ),
                )
            )
            continue
        row, row_problems = _row({c: v.strip() for c, v in zip(columns, fields, strict=True)})
        problems.extend(Problem(name, start, reason) for reason in row_problems)
        key = (row["platform"], row["handle"])
        if not row_problems:
            if key in first_line:
                problems.append(
                    Problem(
                        name,
                        start,
                        _("{platform} account {handle} is already on line {first}").format(
                            platform=row["platform"], handle=row["handle"], first=first_line[key]
                        ),
                    )
                )
            else:
                first_line[key] = start
                rows.append(row)
    if problems:
        raise InvalidFile(problems)
    return rows
