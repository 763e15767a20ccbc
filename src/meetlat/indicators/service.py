"""``measure``: every registered indicator for every measured account (or municipality).

The result is a pandas DataFrame with exactly COLUMNS, in that order, one row per
registry account active in the period (``by="account"``) or per municipality
(``by="municipality"``), sorted by municipality code, platform, handle and role.
Per municipality every aggregate indicator is computed over the pooled rows of all its
accounts (sums of counts, the mean/median over all their replies and posts); the
derived indicators are then computed from those pooled figures, and ``platform``,
``handle`` and ``role`` list the municipality's distinct values joined by commas.

This module is the stable face of the measurement: the engine (engine.py) chooses how it
is computed, measurement.py holds the expressions, and COLUMNS is derived from the
catalog of indicators (catalog.py).
"""

from __future__ import annotations

from meetlat.indicators.engine import connection, facts_connection, measure, workspace_root
from meetlat.indicators.measurement import (
    COLUMNS,
    CONTEXT_DTYPES,
    finish,
    measurement,
    population_table,
    population_year,
)

__all__ = [
    "COLUMNS",
    "CONTEXT_DTYPES",
    "connection",
    "facts_connection",
    "finish",
    "measure",
    "measurement",
    "population_table",
    "population_year",
    "workspace_root",
]
