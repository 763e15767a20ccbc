"""The indicator registry: every measured figure, with its name, unit and definition.

An indicator is one Ibis expression. Two kinds exist:

- an *aggregate* indicator reduces the rows of a named **source** (a table built by one
  indicator family from the warehouse, e.g. ``sent`` = the accounts' posts in the period)
  to one value per group (an account, or a municipality);
- a *derived* indicator (``source=DERIVED``) is computed from other columns of the
  measurement row, e.g. ``relative_reach`` from ``potential_reach_mean`` and inhabitants.

Families register their sources with ``@sources.register(name)`` and their indicators
with ``@indicators.register(...)`` (both are ``meetlat.plugins.Registry``). This module
imports no family: ``catalog.py`` does, and is the one way to find them all.
``docs/indicators.md`` documents every registered indicator (a test checks it), and the
same test suite runs them on DuckDB and on Spark.

A source is a *fact* (``fact=True``, the default) when its rows do not depend on the
measured period, only which rows belong to it (by their ``created_ms``): such a source is
computed once over all data and kept (see facts.py). A source that depends on the period
itself (``snapshot``: the latest snapshot before the period's end) says ``fact=False``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from meetlat.plugins import Registry

DERIVED = "derived"
DTYPES = ("int", "Int64", "float")
# columns of a measurement row that no indicator computes: the account (or municipality)
# and, for the indicators that name them in ``context``, the population it is measured by
KEY_COLUMNS = ("municipality_code", "municipality_name", "platform", "handle", "role")
CONTEXT_COLUMNS = {"inhabitants": "Int64", "population_year": "Int64"}


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str  # "posts", "%", "minutes", "accounts", "ratio", ...
    definition: str  # one line; the full definition is in docs/indicators.md
    higher_is_better: bool | None  # None: neither (a count that is not a quality)
    source: str  # the source table it aggregates, or DERIVED
    expression: Callable  # (table) -> ibis scalar/column expression
    dtype: str  # "int" (a count; 0 when the source has no rows), "Int64" (nullable), "float"
    context: tuple[str, ...] = ()  # context columns it reads (CONTEXT_COLUMNS)

    @property
    def title(self) -> str:
        return self.definition

    def describe(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "definition": self.definition,
            "unit": self.unit,
            "source": self.source,
            "dtype": self.dtype,
            "higher_is_better": self.higher_is_better,
            "context": list(self.context),
        }


@dataclass(frozen=True)
class Source:
    """A named table the aggregate indicators reduce: ``build(scope) -> ibis.Table``.

    Every source has the group key columns (municipality_code, platform, handle, role) so
    that it can be reduced per account or per municipality; a fact source also has
    ``created_ms`` (the moment that puts a row in a period)."""

    name: str
    build: Callable
    shared: bool = False  # other sources build on it, so the engine materialises it once
    fact: bool = True  # its rows do not depend on the period (kept as facts)
    title: str = ""

    def __call__(self, scope):
        return self.build(scope)

    def describe(self) -> dict:
        return {
            "name": self.name,
            "title": self.title or self.name,
            "shared": self.shared,
            "fact": self.fact,
        }


def _make_indicator(name: str, function: Callable, details: dict) -> Indicator:
    details = dict(details)
    context = tuple(details.pop("context", ()))
    dtype = details.pop("dtype", "float")
    try:
        fields = {k: details.pop(k) for k in ("unit", "definition", "higher_is_better", "source")}
    except KeyError as missing:
        raise TypeError(f"indicator {name!r} does not say its {missing}") from None
    if details:
        raise TypeError(f"unexpected details for indicator {name!r}: {sorted(details)}")
    return Indicator(name, expression=function, dtype=dtype, context=context, **fields)


def _validate_indicator(item: Indicator) -> None:
    if not item.unit or not item.definition or not item.source:
        raise ValueError(f"indicator {item.name!r} needs a unit, a definition and a source")
    if item.dtype not in DTYPES:
        raise ValueError(f"indicator {item.name!r}: dtype {item.dtype!r} not in {DTYPES}")
    unknown = [c for c in item.context if c not in CONTEXT_COLUMNS]
    if unknown:
        raise ValueError(f"indicator {item.name!r}: unknown context columns {unknown}")
    if item.name in KEY_COLUMNS or item.name in CONTEXT_COLUMNS:
        raise ValueError(f"indicator {item.name!r} has the name of a context column")


def _make_source(name: str, function: Callable, details: dict) -> Source:
    return Source(name, function, **details)


def _validate_source(item: Source) -> None:
    if not callable(item.build):
        raise TypeError(f"source {item.name!r} is not a function of the scope")


indicators: Registry[Indicator] = Registry(
    "indicator", make=_make_indicator, validate=_validate_indicator
)
sources: Registry[Source] = Registry("source", make=_make_source, validate=_validate_source)


def fact_sources(registry: Registry[Source] | None = None) -> tuple[str, ...]:
    """The names of the sources kept as facts, in registration order."""
    return tuple(s.name for s in (registry or sources) if s.fact)


def columns(registry: Registry[Indicator] | None = None) -> tuple[str, ...]:
    """The columns of a measurement: the key columns, then every indicator in registration
    order, each preceded by the context columns it reads that are not placed yet."""
    out = list(KEY_COLUMNS)
    for indicator in registry or indicators:
        out += [c for c in indicator.context if c not in out]
        out.append(indicator.name)
    return tuple(out)


def load_all() -> Registry[Indicator]:
    """The indicator registry with every family loaded (kept for older callers): the
    package ``meetlat.indicators`` imports its catalog, so by the time this module can be
    used every family module has registered itself."""
    return indicators
