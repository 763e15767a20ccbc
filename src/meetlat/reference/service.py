"""Municipalities, their mergers and their population, as the rest of Meetlat asks for them.

The tables come from the package (``data/``, derived by ``meetlat.reference.build``);
population figures in the workspace (``<workspace>/reference/population.csv``, written by
``meetlat reference update``) take precedence for the same code and year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from meetlat.i18n import _
from meetlat.reference.tables import (
    DATA_DIR,
    MUNICIPALITY_COLUMNS,
    POPULATION_COLUMNS,
    optional_date,
    read_rows,
)

OVERRIDE_FILE = "population.csv"  # inside <workspace>/reference/


class UnknownMunicipality(LookupError):
    """A code that is not a municipality of Tabel 33."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(
            _("Unknown municipality code {code}: expected a CBS code such as GM0363.").format(
                code=code
            )
        )


class NoPopulation(LookupError):
    """No population figure at all for a municipality."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(_("No population figures known for {code}.").format(code=code))


@dataclass(frozen=True)
class Municipality:
    code: str  # GM#### (CBS code, 4 digits)
    name: str
    province: str | None  # None when no source says it
    valid_from: date | None  # first day it existed; None: before Tabel 33 began
    valid_to: date | None  # first day it no longer existed; None: it still exists
    merged_into: str | None  # the code that took it over on valid_to

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


@dataclass(frozen=True)
class Population:
    inhabitants: int  # on 1 January of `year`
    year: int  # the year the figure is for (may differ from the year asked for)
    approximate: bool  # true for figures known to be partly out of date
    source: str


def normalise_code(code: str) -> str:
    """``GM0457``, ``gm0457``, ``0457`` and ``457`` all mean GM0457."""
    text = str(code).strip().upper()
    digits = text.removeprefix("GM")
    if digits.isdigit() and len(digits) <= 4:
        return f"GM{int(digits):04d}"
    return text


@cache
def _municipalities() -> dict[str, Municipality]:
    rows = read_rows(DATA_DIR / "municipalities.csv", MUNICIPALITY_COLUMNS)
    return {
        row["code"]: Municipality(
            code=row["code"],
            name=row["name"],
            province=row["province"] or None,
            valid_from=optional_date(row["valid_from"]),
            valid_to=optional_date(row["valid_to"]),
            merged_into=row["merged_into"] or None,
        )
        for row in rows
    }


def _figures(rows: list[dict[str, str]]) -> dict[str, dict[int, Population]]:
    by_code: dict[str, dict[int, Population]] = {}
    for row in rows:
        by_code.setdefault(row["code"], {})[int(row["year"])] = Population(
            inhabitants=int(row["inhabitants"]),
            year=int(row["year"]),
            approximate=row["approximate"] == "true",
            source=row["source"],
        )
    return by_code


@cache
def _package_population() -> dict[str, dict[int, Population]]:
    return _figures(read_rows(DATA_DIR / "population.csv", POPULATION_COLUMNS))


@cache
def _override_population(path: Path, modified: int) -> dict[str, dict[int, Population]]:
    # `modified` is part of the cache key: a rewritten file is read again.
    return _figures(read_rows(path, POPULATION_COLUMNS))


def override_path() -> Path | None:
    """The workspace's population file, when there is a workspace."""
    from meetlat import workspace

    try:
        ws = workspace.current()
    except workspace.WorkspaceMissing:
        return None
    return ws.reference / OVERRIDE_FILE


def all_municipalities() -> list[Municipality]:
    """Every municipality Tabel 33 ever held, by code."""
    return list(_municipalities().values())


def get(code: str) -> Municipality:
    found = _municipalities().get(normalise_code(code))
    if found is None:
        raise UnknownMunicipality(str(code))
    return found


def exists(code: str) -> bool:
    return normalise_code(code) in _municipalities()


def municipalities_on(day: date) -> list[Municipality]:
    """The municipalities in force on ``day``, by code."""
    return [m for m in _municipalities().values() if m.in_force(day)]


def province(code: str) -> str | None:
    return get(code).province


def successor(code: str, day: date) -> str:
    """The code that holds ``code``'s territory on ``day``, following merger after merger.

    A municipality still in force on ``day`` is its own successor; one that ended without
    a successor in Tabel 33 stays the last code of its chain.
    """
    current = get(code)
    seen = {current.code}
    while current.valid_to is not None and current.valid_to <= day and current.merged_into:
        current = get(current.merged_into)
        if current.code in seen:  # the table has no cycles; never loop if it ever does
            break
        seen.add(current.code)
    return current.code


def predecessors(code: str) -> list[Municipality]:
    """Municipalities that merged directly into ``code``, earliest first."""
    target = get(code).code
    found = [m for m in _municipalities().values() if m.merged_into == target]
    return sorted(found, key=lambda m: (m.valid_to or date.max, m.code))


def population_by_year(code: str) -> dict[int, Population]:
    """Every known figure of ``code`` by year; the workspace's figures win."""
    key = get(code).code
    figures = dict(_package_population().get(key, {}))
    path = override_path()
    if path is not None and path.exists():
        figures.update(_override_population(path, path.stat().st_mtime_ns).get(key, {}))
    return dict(sorted(figures.items()))


def population(code: str, year: int) -> Population:
    """Inhabitants of ``code`` on 1 January of ``year``.

    When that year is missing, the nearest earlier year is used, else the nearest later
    one; ``Population.year`` says which year it is.
    """
    figures = population_by_year(code)
    if not figures:
        raise NoPopulation(get(code).code)
    if year in figures:
        return figures[year]
    earlier = [y for y in figures if y < year]
    return figures[max(earlier)] if earlier else figures[min(figures)]


@dataclass(frozen=True)
class SizeClass:
    key: str
    lower: int  # inclusive
    upper: int | None  # exclusive; None: no upper bound

    def label(self) -> str:
        labels = {
            "under_20k": _("fewer than 20,000 inhabitants"),
            "20k_50k": _("20,000 to 50,000 inhabitants"),
            "50k_100k": _("50,000 to 100,000 inhabitants"),
            "100k_plus": _("100,000 inhabitants or more"),
        }
        return labels[self.key]


# Peer groups by inhabitants. A municipality of exactly 20,000 is in "20k_50k": every
# lower bound is inclusive, every upper bound exclusive.
SIZE_CLASSES = (
    SizeClass("under_20k", 0, 20_000),
    SizeClass("20k_50k", 20_000, 50_000),
    SizeClass("50k_100k", 50_000, 100_000),
    SizeClass("100k_plus", 100_000, None),
)


def size_class(inhabitants: int) -> SizeClass:
    if inhabitants < 0:
        raise ValueError(_("A number of inhabitants cannot be negative."))
    for size in SIZE_CLASSES:
        if size.upper is None or inhabitants < size.upper:
            return size
    raise AssertionError("the last size class has no upper bound")
