"""Periods and moments: Europe/Amsterdam calendar days and the UTC instants that bound them.

A period is a pair of Europe/Amsterdam calendar days, both inclusive: it starts at local
midnight of ``start`` and ends just before local midnight after ``end`` (so a summer-time
day is 23 hours, a winter-time switch day 25). All times in the warehouse are UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def local_midnight_utc(day: date) -> datetime:
    """The UTC instant of midnight at the start of ``day`` in Europe/Amsterdam."""
    return datetime.combine(day, time(0), tzinfo=AMSTERDAM).astimezone(UTC)


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[first instant, first instant after) of the local days ``start`` … ``end``."""
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    return local_midnight_utc(start), local_midnight_utc(end + timedelta(days=1))


def as_ms(moment: datetime) -> int:
    """An aware datetime as whole milliseconds since the epoch."""
    return (moment - EPOCH) // timedelta(milliseconds=1)


def local_day(moment: datetime) -> date:
    """The Europe/Amsterdam calendar day of an aware datetime."""
    return moment.astimezone(AMSTERDAM).date()


def epoch_ms(ts):
    """An Ibis timestamp as whole milliseconds since the epoch (int64), on every engine."""
    # DuckDB's epoch is fractional (a plain cast would round): floor to whole seconds
    seconds = ts.epoch_seconds().cast("float64").floor().cast("int64")
    return seconds * 1000 + ts.millisecond().cast("int64")
