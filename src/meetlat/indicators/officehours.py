"""The office-hours clock: how many working minutes lie between two instants.

Working hours come from the settings (``MEETLAT_OFFICE_HOURS``, default ``08:30-17:00``,
and ``MEETLAT_OFFICE_DAYS``, default ``1-5`` = Monday to Friday) in Europe/Amsterdam
local time; Dutch public holidays (as the ``holidays`` package lists them) are closed.

The clock is a table with one row per UTC hour from ``CALENDAR_START`` on: that hour's
local day opens at ``open_ms`` and closes at ``close_ms`` (equal on closed days), and
``cum_ms`` is the working time of all earlier local days. Local days start on a whole
UTC hour in Europe/Amsterdam (offsets +1 and +2), so every UTC hour lies in one local
day. For an instant ``t`` (ms since the epoch):

    office_ms(t) = cum_ms + clamp(t − open_ms, 0, close_ms − open_ms)

joined on ``hour = t // 3 600 000`` (see reaction.py), and an office reaction time is
``office_ms(reply) − office_ms(question)``. The same equi-join runs on every engine;
summer and winter time come from the local open and close times of each day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from meetlat import settings
from meetlat.indicators.periods import AMSTERDAM

CALENDAR_START = date(2004, 1, 1)  # before the first post of any supported platform
HOUR_MS = 3_600_000


@dataclass(frozen=True)
class OfficeHours:
    opens: time
    closes: time
    weekdays: frozenset[int]  # ISO: 1 = Monday … 7 = Sunday


def parse(hours: str, days: str) -> OfficeHours:
    """``08:30-17:00`` and ``1-5`` (or ``1,2,3,4,5``) into OfficeHours; ValueError names the
    setting and the expected form."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", hours)
    if not match:
        raise ValueError(f"MEETLAT_OFFICE_HOURS={hours!r}: expected e.g. 08:30-17:00")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if not (h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60) or (h2, m2) <= (h1, m1):
        raise ValueError(f"MEETLAT_OFFICE_HOURS={hours!r}: expected opening before closing")
    weekdays: set[int] = set()
    for part in days.split(","):
        bounds = part.strip().split("-")
        if not all(b.strip().isdigit() for b in bounds) or len(bounds) > 2:
            raise ValueError(f"MEETLAT_OFFICE_DAYS={days!r}: expected e.g. 1-5 or 1,2,3")
        low, high = int(bounds[0]), int(bounds[-1])
        if not 1 <= low <= high <= 7:
            raise ValueError(f"MEETLAT_OFFICE_DAYS={days!r}: weekdays are 1 (Monday) to 7")
        weekdays.update(range(low, high + 1))
    return OfficeHours(time(h1, m1), time(h2, m2), frozenset(weekdays))


def configured() -> OfficeHours:
    current = settings.load()
    return parse(current.office_hours, current.office_days)


def _ms(moment: datetime) -> int:
    return round(moment.astimezone(UTC).timestamp() * 1000)


def calendar_table(last_day: date, hours: OfficeHours | None = None):
    """The hourly clock table (pyarrow) from CALENDAR_START up to and including ``last_day``.

    Columns: hour, open_ms, close_ms, cum_ms (int64), weekday (1–7), day_ms (the local
    midnight that starts the hour's local day) and local_hour (0–23) of the local time at
    the start of that UTC hour.
    """
    import holidays
    import numpy as np
    import pyarrow as pa

    hours = hours or configured()
    public = holidays.country_holidays("NL", years=range(CALENDAR_START.year, last_day.year + 2))
    days = (last_day - CALENDAR_START).days + 1
    starts, opens, closes = [], [], []
    for offset in range(days + 1):  # one more day to know where the last one ends
        day = CALENDAR_START + timedelta(days=offset)
        start = _ms(datetime.combine(day, time(0), tzinfo=AMSTERDAM))
        starts.append(start)
        working = day.isoweekday() in hours.weekdays and day not in public
        if working:
            opens.append(_ms(datetime.combine(day, hours.opens, tzinfo=AMSTERDAM)))
            closes.append(_ms(datetime.combine(day, hours.closes, tzinfo=AMSTERDAM)))
        else:
            opens.append(start)
            closes.append(start)
    starts_a = np.array(starts, dtype=np.int64)
    open_a = np.array(opens[:days], dtype=np.int64)
    close_a = np.array(closes[:days], dtype=np.int64)
    cum = np.concatenate([[0], np.cumsum(close_a - open_a)[:-1]]).astype(np.int64)
    hours_per_day = (starts_a[1:] - starts_a[:-1]) // HOUR_MS
    first_hour = starts_a[:-1] // HOUR_MS
    day_index = np.repeat(np.arange(days), hours_per_day)
    hour = np.repeat(first_hour, hours_per_day) + (
        np.arange(len(day_index))
        - np.repeat(np.cumsum(hours_per_day) - hours_per_day, hours_per_day)
    )
    weekday = np.array(
        [(CALENDAR_START + timedelta(days=int(i))).isoweekday() for i in range(days)]
    )
    local_hour = _local_hours(hour)
    return pa.table(
        {
            "hour": pa.array(hour, pa.int64()),
            "open_ms": pa.array(open_a[day_index], pa.int64()),
            "close_ms": pa.array(close_a[day_index], pa.int64()),
            "cum_ms": pa.array(cum[day_index], pa.int64()),
            "weekday": pa.array(weekday[day_index], pa.int64()),
            "day_ms": pa.array(starts_a[:-1][day_index], pa.int64()),
            "local_hour": pa.array(local_hour, pa.int64()),
        }
    )


def _local_hours(hour):
    """Local clock hour (0–23) in Europe/Amsterdam at the start of each UTC hour."""
    import numpy as np
    import pandas as pd

    stamps = pd.to_datetime(hour * HOUR_MS, unit="ms", utc=True).tz_convert(AMSTERDAM.key)
    return np.asarray(stamps.hour, dtype=np.int64)


def hour_of(t_ms):
    return t_ms // HOUR_MS
