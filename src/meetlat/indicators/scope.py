"""What one measurement looks at: the period, the registry accounts and their account ids.

A period is a pair of Europe/Amsterdam calendar days (periods.py). The measured accounts
are the registry rows whose active period overlaps the measured period (``active_from``
empty or not after ``end``; ``active_to`` empty or not before ``start``), of the asked
roles. A registry row (platform + lower-case handle) is matched to the platform's account
ids through every handle the warehouse has seen for them (accounts, account_snapshots and
the authors of posts), compared in lower case.

``Scope`` reads the warehouse tables; the engine (engine.py, facts.py) has scopes of its
own that read the same things from the measurement facts. The sources the indicator
families register (registry.py) only use the Scope's tables and helpers, so they run the
same way over either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from meetlat.indicators import officehours
from meetlat.indicators.periods import (  # noqa: F401  (re-exported: the names of old)
    AMSTERDAM,
    as_ms,
    epoch_ms,
    local_midnight_utc,
    period_bounds,
)
from meetlat.indicators.registry import sources

KEYS = ("municipality_code", "platform", "handle", "role")  # one measured account
MUNICIPALITY_KEYS = ("municipality_code",)
BY = {"account": KEYS, "municipality": MUNICIPALITY_KEYS}
CLOCK_DAYS = 400  # the office-hours clock of a Scope runs this many days past its end


@dataclass
class Scope:
    """The Ibis tables one measurement builds on; sources are built once and shared."""

    con: object
    start: date
    end: date
    roles: tuple[str, ...] | None = None
    engine: str = "duckdb"
    municipality: str | None = None  # only this municipality's accounts (GM####)
    platform: str | None = None  # only accounts on this platform
    handle: str | None = None  # only this handle (any case, without @)
    whole_registry: bool = False  # every registry row, whatever its active period
    _built: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.start_utc, self.end_utc = period_bounds(self.start, self.end)

    # ---- warehouse tables -------------------------------------------------------------
    @cached_property
    def posts(self):
        """All stored posts, without the metrics join (not needed here, and costly)."""
        names = self.con.list_tables()
        return self.con.table("posts_stored" if "posts_stored" in names else "posts")

    @cached_property
    def snapshots(self):
        return self.con.table("account_snapshots")

    # ---- the period --------------------------------------------------------------------
    def _value(self, name: str, literal):
        """A period value named ``name`` (a key of variables()): here the literal itself;
        a scope whose compiled query serves every period reads it elsewhere."""
        return literal

    @property
    def end_at(self):
        """The first instant after the period (an Ibis timestamp)."""
        import ibis

        return self._value("end_at", ibis.timestamp(self.end_utc))

    def period_ms(self):
        """The period as [first, after) epoch milliseconds (Ibis values)."""
        import ibis

        first, after = (self.variables()[k] for k in ("start_ms", "after_ms"))
        return (
            self._value("start_ms", ibis.literal(first, "int64")),
            self._value("after_ms", ibis.literal(after, "int64")),
        )

    def variables(self) -> dict:
        """The values of the period: name → int, date or datetime."""
        return {
            "start_ms": as_ms(self.start_utc),
            "after_ms": as_ms(self.end_utc),
            "start_day": self.start,
            "end_day": self.end,
            "end_at": self.end_utc,
        }

    def in_period(self, table):
        """Rows of a table with ``created_at`` inside the period."""
        import ibis

        return table.filter(
            table.created_at >= ibis.timestamp(self.start_utc),
            table.created_at < ibis.timestamp(self.end_utc),
        )

    # ---- the measured accounts -----------------------------------------------------------
    @property
    def key_columns(self) -> tuple[str, ...]:
        """The columns naming a measured account in a source table."""
        return KEYS

    def group_columns(self, keys) -> list[str]:
        """What to group sources by for ``keys``."""
        return list(keys)

    @cached_property
    def accounts(self):
        """The measured accounts: KEYS, distinct."""
        return self.registry

    def _roles(self, reg):
        """The registry rows of the asked roles."""
        return reg.filter(reg.role.isin(list(self.roles)))

    @cached_property
    def registry(self):
        """Registry rows active in the period, of the asked roles: the KEYS, distinct."""
        import ibis

        reg = self.con.table("registry")
        start = self._value("start_day", ibis.date(self.start))
        end = self._value("end_day", ibis.date(self.end))
        if not self.whole_registry:
            reg = reg.filter(
                reg.active_from.isnull() | (reg.active_from <= end),
                reg.active_to.isnull() | (reg.active_to >= start),
            )
        if self.roles:
            reg = self._roles(reg)
        if self.municipality:
            reg = reg.filter(reg.municipality_code == self.municipality)
        if self.platform:
            reg = reg.filter(reg.platform == self.platform)
        if self.handle:
            reg = reg.filter(reg.handle.lower() == self.handle.lower().lstrip("@"))
        return reg.select(
            municipality_code=reg.municipality_code,
            platform=reg.platform,
            handle=reg.handle.lower(),
            role=reg.role,
        ).distinct()

    @cached_property
    def account_map(self):
        """(platform, account_id) → measured account KEYS, one row per pair.

        Materialised once per measurement (several sources join it). Each table's handles
        are narrowed to the registry's (platform, handle) pairs before the union, so the
        dedup only sees the measured accounts' rows.
        """
        return handle_map(self.registry, self.handle_tables()).cache()

    def handle_tables(self) -> list:
        """The tables whose rows tie a handle to an account id."""
        return [self.con.table("accounts"), self.snapshots, self.posts]

    @cached_property
    def clock(self):
        """The office-hours clock table (see officehours.py), registered in the backend.
        It runs CLOCK_DAYS past the period: a question's first reply may come after it (a
        longer clock changes no figure)."""
        table = officehours.calendar_table(self.end + timedelta(days=CLOCK_DAYS))
        if self.engine == "spark":  # a view: a Spark table would be written to disk
            import ibis

            return self.con.create_view("meetlat_clock", ibis.memtable(table), overwrite=True)
        return self.con.create_table("meetlat_clock", table, overwrite=True)

    def source(self, name: str):
        """The source table ``name`` (built on first use)."""
        if name not in self._built:
            self._built[name] = self.build_source(name)
        return self._built[name]

    def build_source(self, name: str):
        """The source ``name`` computed by its family (registry.sources)."""
        item = sources.get(name)
        table = item.build(self)
        return table.cache() if item.shared else table


def handle_map(registry, tables):
    """(registry KEYS, account_id), distinct: the registry rows matched to the account ids
    that any of ``tables`` (platform, handle, account_id) shows under their handle."""
    wanted = registry.select("platform", "handle").distinct()
    seen = []
    for table in tables:
        rows = table.filter(table.handle.notnull(), table.account_id.notnull()).select(
            platform=table.platform,
            handle=table.handle.lower(),
            account_id=table.account_id,
        )
        seen.append(rows.semi_join(wanted, ["platform", "handle"]))
    handles = seen[0]
    for more in seen[1:]:
        handles = handles.union(more)
    joined = registry.join(handles.distinct(), ["platform", "handle"])
    return joined.select(*KEYS, "account_id").distinct()
