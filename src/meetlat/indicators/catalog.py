"""The catalog of indicator families: the one way the indicators and sources are found.

Every family module is imported here, at the top, in the order of the measurement's
columns (registration order is column order, see registry.columns). Adding an indicator
is one family module (registering its sources and indicators) imported below, plus its
entry in docs/indicators.md. Nothing else lists indicators or sources by hand: the
measurement's columns (service.COLUMNS) and the sources kept as facts are derived from
the registries exposed here.
"""

from __future__ import annotations

# the order of these imports is the order of registration, so of the columns
# isort: off
from meetlat.indicators import posts
from meetlat.indicators import reaction
from meetlat.indicators import reach
from meetlat.indicators import questions
# isort: on

from meetlat.indicators.registry import columns, fact_sources, indicators, sources

FAMILIES = (posts, reaction, reach, questions)  # the order of the measurement's columns

__all__ = ["FAMILIES", "columns", "fact_sources", "indicators", "sources"]
