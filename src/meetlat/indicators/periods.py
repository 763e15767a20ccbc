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


class BadPeriod(ValueError):
    """A period that could not be read; ``text`` as given."""

    def __init__(self, text: str):
        self.text = text
        super().__init__(f"not a period: {text!r}")


def named_period(text: str) -> tuple[date, date]:
    """A period as people name it: ``2014Q2`` (a quarter), ``2014-05`` (a month), ``2014``
    (a year) or ``2014-04-01..2014-06-30``; the first and last local day."""
    value = text.strip().upper()
    try:
        if ".." in value:
            first, last = (date.fromisoformat(part.strip()) for part in value.split(".."))
        elif len(value) == 6 and value[4] == "Q" and value[5] in "1234":
            year, quarter = int(value[:4]), int(value[5])
            first = date(year, 3 * quarter - 2, 1)
            last = _month_end(year, 3 * quarter)
        elif len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:])
            first, last = date(year, month, 1), _month_end(year, month)
        elif len(value) == 4:
            first, last = date(int(value), 1, 1), date(int(value), 12, 31)
        else:
            raise BadPeriod(text)
    except ValueError as error:
        raise BadPeriod(text) from error
    if last < first:
        raise BadPeriod(text)
    return first, last


def _month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def year_earlier(start: date, end: date) -> tuple[date, date]:
    """The same days a year before (29 February becomes 28 February)."""

    def back(day: date) -> date:
        try:
            return day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year - 1, day=28)

    return back(start), back(end)
