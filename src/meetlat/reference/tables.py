"""The reference tables as files: where they live, their columns, how to read them.

``data/municipalities.csv``: one row per CBS municipality code (``GM####``) that Tabel 33
ever held. ``valid_from`` is the first day the municipality existed (empty: before the
table began), ``valid_to`` the first day it no longer existed (empty: it still exists),
``merged_into`` the code that took over its territory on ``valid_to``.

``data/population.csv``: inhabitants on 1 January of ``year``; ``approximate`` marks
figures that are known to be partly out of date (the March 2014 almanac).

A workspace may hold ``reference/population.csv`` with the same columns (written by
``meetlat reference update``); its figures replace the package's for the same code and year.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
MUNICIPALITY_COLUMNS = (
    "code",
    "name",
    "province",
    "province_source",
    "valid_from",
    "valid_to",
    "merged_into",
)
POPULATION_COLUMNS = ("code", "year", "inhabitants", "approximate", "source")

# Codes in Tabel 33 that are registers, not municipalities: unknown (0000), the
# pre-1990 'Niet GBA' registers (0997-0999) and the RNI for non-residents (1999).
NOT_MUNICIPALITIES = frozenset({"GM0000", "GM0997", "GM0998", "GM0999", "GM1999"})


def is_municipality_code(code: str) -> bool:
    return code not in NOT_MUNICIPALITIES


def optional_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def read_rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of one of these CSV files; a file with other columns is refused."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path}: columns {reader.fieldnames}, expected {list(columns)}")
        return list(reader)


def write_rows(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    """Write the rows to a temporary file beside ``path`` and then put it in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    temporary.replace(path)
