"""The indicator registry: every measured figure, with its name, unit and definition.

An indicator is one Ibis expression. Two kinds exist:

- an *aggregate* indicator reduces the rows of a named **source** (a table built by one
  indicator family from the warehouse, e.g. ``sent`` = the accounts' posts in the period)
  to one value per group (an account, or a municipality);
- a *derived* indicator (``source=DERIVED``) is computed from other columns of the
  measurement row, e.g. ``relative_reach`` from ``potential_reach_mean`` and inhabitants.

Families register their sources with ``@sources.register(name)`` and their indicators
with ``@indicators.register(...)``. ``docs/indicators.md`` documents every registered
indicator (a test checks it), and the same test suite runs them on DuckDB and on Spark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

DERIVED = "derived"


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str  # "posts", "%", "minutes", "accounts", "ratio", ...
    definition: str  # one line; the full definition is in docs/indicators.md
    higher_is_better: bool | None  # None: neither (a count that is not a quality)
    source: str  # the source table it aggregates, or DERIVED
    expression: Callable  # (table) -> ibis scalar/column expression
    dtype: str  # "int" (a count; 0 when the source has no rows), "Int64" (nullable), "float"


class IndicatorRegistry:
    def __init__(self) -> None:
        self._items: dict[str, Indicator] = {}

    def register(
        self,
        name: str,
        *,
        unit: str,
        definition: str,
        higher_is_better: bool | None,
        source: str,
        dtype: str = "float",
    ) -> Callable:
        def decorate(function: Callable) -> Callable:
            if name in self._items:
                raise ValueError(f"indicator {name!r} is registered twice")
            self._items[name] = Indicator(
                name, unit, definition, higher_is_better, source, function, dtype
            )
            return function

        return decorate

    def get(self, name: str) -> Indicator:
        return self._items[name]

    def all(self) -> list[Indicator]:
        """Every indicator, in registration order (the order of the families' modules)."""
        return list(self._items.values())

    def names(self) -> list[str]:
        return list(self._items)


class SourceRegistry:
    """Named tables the aggregate indicators reduce: ``(scope) -> ibis.Table``.

    Every source has the group key columns (municipality_code, platform, handle, role)
    so that it can be reduced per account or per municipality.
    """

    def __init__(self) -> None:
        self._items: dict[str, Callable] = {}
        self.shared: set[str] = set()

    def register(self, name: str, shared: bool = False) -> Callable:
        """``shared``: other sources build on it, so the engine materialises it once."""

        def decorate(function: Callable) -> Callable:
            if name in self._items:
                raise ValueError(f"source {name!r} is registered twice")
            self._items[name] = function
            if shared:
                self.shared.add(name)
            return function

        return decorate

    def get(self, name: str) -> Callable:
        return self._items[name]


indicators = IndicatorRegistry()
sources = SourceRegistry()


def load_all() -> IndicatorRegistry:
    """Import every family module (each registers itself) and return the registry."""
    from meetlat.indicators import posts, questions, reach, reaction  # noqa: F401

    return indicators
