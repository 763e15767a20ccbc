"""Keeping the measurement facts fresh after the data changed (docs/adr/0003).

An import or an accounts import ends by updating the facts, and a measurement first
updates them when they are stale, so that it does not wait for them unannounced. A
failure to update is not the end of the use case: the import itself succeeded, and a
measurement computes from the warehouse itself (slower, the same figures).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from meetlat.indicators import facts, factstore
from meetlat.indicators.periods import AMSTERDAM
from meetlat.workspace import Workspace

SURVEY_FOLDER = "survey"  # the stored questionnaire answers (survey/answers.py)


@dataclass(frozen=True)
class FactsUpdate:
    """What updating the facts did: ``seconds`` it took (None: they were fresh), or the
    ``error`` that kept them from being written."""

    seconds: float | None = None
    error: str | None = None

    @property
    def rebuilt(self) -> bool:
        return self.seconds is not None


def update_facts(
    ws: Workspace, engine: str = "duckdb", starting: Callable[[], None] | None = None
) -> FactsUpdate:
    """Bring the facts of ``engine`` up to date when the warehouse or the registry changed.
    ``starting`` (no arguments) is called just before an update begins."""
    try:
        seconds = facts.refresh(ws.warehouse, engine, starting)
    except OSError as error:  # a read-only or full disk: measure falls back, slower
        return FactsUpdate(error=str(error))
    return FactsUpdate(seconds=seconds)


def quarters_with_posts(ws: Workspace, code: str | None = None) -> list[tuple[int, int]]:
    """The (year, quarter) of the Europe/Amsterdam days in which the registry accounts (of
    municipality ``code``; None: of all) sent posts, latest first, from the DuckDB facts
    (updated first when stale); none when there are no facts."""
    update_facts(ws, "duckdb")
    folder = facts.facts_dir(ws.warehouse, "duckdb")
    if not (folder / factstore.DATABASE).is_file():
        return []
    duck = factstore.open_duckdb(folder, ws.warehouse)
    try:
        query = "SELECT DISTINCT s.created_ms // 3600000 FROM facts_sent s"
        if code is None:
            hours = duck.execute(query).fetchall()
        else:
            query += " JOIN facts_keys k USING (account_key) WHERE k.municipality_code = ?"
            hours = duck.execute(query, [code]).fetchall()
    finally:
        duck.close()
    found = set()
    for (hour,) in hours:
        local = datetime.fromtimestamp(hour * 3600, UTC).astimezone(AMSTERDAM)
        found.add((local.year, (local.month - 1) // 3 + 1))
    return sorted(found, reverse=True)


def data_key(ws: Workspace, engine: str = "duckdb") -> str:
    """A hash that changes whenever a figure measured from the workspace could: the facts'
    key (the warehouse files, the registry, the code) and the stored questionnaire
    answers. A front end keeps what it computed from the data under this key."""
    parts = [facts.key(ws.warehouse, engine)]
    survey = Path(ws.root) / SURVEY_FOLDER
    if survey.is_dir():
        for path in sorted(survey.rglob("*")):
            if path.is_file():
                stat = path.stat()
                parts.append(f"{path.relative_to(survey)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
