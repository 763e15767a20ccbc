"""Keeping the measurement facts fresh after the data changed (docs/adr/0003).

An import or an accounts import ends by updating the facts, and a measurement first
updates them when they are stale, so that it does not wait for them unannounced. A
failure to update is not the end of the use case: the import itself succeeded, and a
measurement computes from the warehouse itself (slower, the same figures).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from meetlat.indicators import facts
from meetlat.workspace import Workspace


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
