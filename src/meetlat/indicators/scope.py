"""What one measurement looks at: the period, the registry accounts and their account ids.

A period is a pair of Europe/Amsterdam calendar days, both inclusive: it starts at local
midnight of ``start`` and ends just before local midnight after ``end`` (so a summer-time
day is 23 hours, a winter-time switch day 25). All times in the warehouse are UTC.

The measured accounts are the registry rows whose active period overlaps the measured
period (``active_from`` empty or not after ``end``; ``active_to`` empty or not before
``start``), of the asked roles. A registry row (platform + lower-case handle) is matched
to the platform's account ids through every handle the warehouse has seen for them
(accounts, account_snapshots and the authors of posts), compared in lower case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, cached_property
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
KEYS = ("municipality_code", "platform", "handle", "role")  # one measured account
MUNICIPALITY_KEYS = ("municipality_code",)
BY = {"account": KEYS, "municipality": MUNICIPALITY_KEYS}
FACT_SOURCES = ("sent", "replies", "questions", "reach")  # kept as facts (facts.py)


def local_midnight_utc(day: date) -> datetime:
    """The UTC instant of midnight at the start of ``day`` in Europe/Amsterdam."""
    return datetime.combine(day, time(0), tzinfo=AMSTERDAM).astimezone(UTC)


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[first instant, first instant after) of the local days ``start`` … ``end``."""
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    return local_midnight_utc(start), local_midnight_utc(end + timedelta(days=1))


def epoch_ms(ts):
    """An Ibis timestamp as whole milliseconds since the epoch (int64), on every engine."""
    # DuckDB's epoch is fractional (a plain cast would round): floor to whole seconds
    seconds = ts.epoch_seconds().cast("float64").floor().cast("int64")
    return seconds * 1000 + ts.millisecond().cast("int64")


@cache
def _variable(dtype: str):
    """DuckDB's ``getvariable(name)`` as an Ibis function returning ``dtype``."""
    import ibis
    import ibis.expr.datatypes as dt

    def getvariable(name: str):  # the body is DuckDB's
        raise NotImplementedError

    getvariable.__annotations__["return"] = dt.dtype(dtype)
    return ibis.udf.scalar.builtin(getvariable)


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
    facts: bool = False  # the backend holds measurement facts (facts.py), not the warehouse
    # the period comes from DuckDB variables and the roles from the table measure_roles
    # instead of literals, so that one compiled query serves every period (prepared.py)
    parametrised: bool = False
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
        return self.con.table("facts_snapshots" if self.facts else "account_snapshots")

    ROLES = "measure_roles"  # parametrised: column role, the asked roles

    def _value(self, name: str, literal):
        """A period bound: ``literal``, or DuckDB's variable ``name`` when parametrised."""
        if self.parametrised:
            return _variable(str(literal.type()))(name).name(name)
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
        """The values of the parametrised period: name → int, date or datetime."""
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        return {
            "start_ms": (self.start_utc - epoch) // timedelta(milliseconds=1),
            "after_ms": (self.end_utc - epoch) // timedelta(milliseconds=1),
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
        return (*KEYS, "account_key") if self.facts else KEYS

    def group_columns(self, keys) -> list[str]:
        """What to group sources by for ``keys``: with facts, one measured account is its
        integer ``account_key`` (a cheaper group than four strings)."""
        return ["account_key"] if self.facts and tuple(keys) == KEYS else list(keys)

    @cached_property
    def accounts(self):
        """The measured accounts: KEYS (plus ``account_key`` with facts), distinct."""
        if self.facts:
            return self.con.table("facts_keys").semi_join(self.registry, list(KEYS))
        return self.registry

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
        if self.roles and self.parametrised:
            reg = reg.filter(reg.role.isin(self.con.table(self.ROLES).role))
        elif self.roles:
            reg = reg.filter(reg.role.isin(list(self.roles)))
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
        if self.facts:
            amap = self.con.table("facts_account_map")
            return amap.semi_join(self.accounts.select("account_key"), "account_key")
        reg = self.registry
        wanted = reg.select("platform", "handle").distinct()
        seen = []
        for table in (self.con.table("accounts"), self.snapshots, self.posts):
            rows = table.filter(table.handle.notnull(), table.account_id.notnull()).select(
                platform=table.platform,
                handle=table.handle.lower(),
                account_id=table.account_id,
            )
            seen.append(rows.semi_join(wanted, ["platform", "handle"]))
        handles = seen[0].union(seen[1]).union(seen[2]).distinct()
        joined = reg.join(handles, ["platform", "handle"])
        return joined.select(*KEYS, "account_id").distinct().cache()

    @cached_property
    def clock(self):
        """The office-hours clock table (see officehours.py), registered in the backend."""
        from meetlat.indicators import officehours

        table = officehours.calendar_table(self.end + timedelta(days=1))
        if self.engine == "spark":  # a view: a Spark table would be written to disk
            import ibis

            return self.con.create_view("meetlat_clock", ibis.memtable(table), overwrite=True)
        return self.con.create_table("meetlat_clock", table, overwrite=True)

    def source(self, name: str):
        """The source table ``name`` (built on first use)."""
        from meetlat.indicators.registry import sources

        if name not in self._built and self.facts and name in FACT_SOURCES:
            first, after = self.period_ms()
            table = self.con.table(f"facts_{name}")
            table = table.filter(table.created_ms >= first, table.created_ms < after)
            measured = self.accounts.select("account_key", "municipality_code")
            self._built[name] = table.join(measured, "account_key")
        if name not in self._built:
            table = sources.get(name)(self)
            self._built[name] = table.cache() if name in sources.shared else table
        return self._built[name]
