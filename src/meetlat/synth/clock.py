"""Time for synthetic posts: the days of the period, Dutch local time and the weekly rhythm.

All times are integers: milliseconds since the Unix epoch in UTC. Local time is Europe/
Amsterdam; the UTC offset of every local hour of every day is looked up once, so summer
and winter time are right (also on the days the clocks change), and arrays of times
convert without a Python loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

TZ = ZoneInfo("Europe/Amsterdam")
MINUTE_MS = 60_000
HOUR_MS = 3_600_000
DAY_MS = 86_400_000
MARGIN_DAYS = 30  # days after the period for which times are still converted (late replies)

# Relative number of posts per local hour (0..23). Municipal accounts keep office hours;
# citizens post all day with an evening peak.
OFFICE_WORKDAY = np.array(
    [0, 0, 0, 0, 0, 0, 0.15, 1.2, 5, 9, 10, 9.5, 7, 8.5, 9, 8, 6, 2.5, 1.2, 1, 1.2, 0.9, 0.4, 0.1]
)
OFFICE_FREE_DAY = np.array(
    [0, 0, 0, 0, 0, 0, 0, 0.2, 0.7, 1.4, 2, 2.2, 2, 1.8, 1.6, 1.5, 1.3, 1.1, 1, 1, 0.8, 0.5, 0.2, 0]
)
CITIZEN_WORKDAY = np.array(
    [0.3, 0.15, 0.1, 0.05, 0.05, 0.15, 0.6, 1.8, 3, 3.8, 4, 4, 4.2, 4, 3.8, 3.8, 4, 4.2, 4.5, 5,
     5.2, 4.5, 2.8, 1.2]
)  # fmt: skip
CITIZEN_FREE_DAY = np.array(
    [0.6, 0.3, 0.15, 0.05, 0.05, 0.05, 0.2, 0.6, 1.5, 2.8, 3.8, 4.2, 4.2, 4, 3.8, 3.8, 3.8, 3.8,
     3.8, 4.2, 4.6, 4.2, 3, 1.5]
)  # fmt: skip
FREE_DAY_WEIGHT = 0.35  # a weekend day or public holiday has this share of a workday's posts

# Office hours of municipal webcare: replies out of hours often wait for the next working day.
OFFICE_START_MS = 8 * HOUR_MS
OFFICE_END_MS = 17 * HOUR_MS
NEXT_DAY_START_MS = 8 * HOUR_MS + 30 * MINUTE_MS


def epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _cumulative(profile: np.ndarray) -> np.ndarray:
    cum = np.cumsum(profile, dtype=float)
    return cum / cum[-1]


@dataclass(frozen=True)
class Calendar:
    """The days from ``first`` to ``last`` (inclusive) plus a margin for late replies."""

    first: date
    last: date
    naive_start_ms: int  # first day's midnight as if local time were UTC
    day_start_utc: np.ndarray  # (days + 1,) UTC ms of each local midnight
    offset: np.ndarray  # (days, 24) UTC offset in ms of each local hour
    utc_hour_base: int  # UTC ms of the first entry of utc_offset
    utc_offset: np.ndarray  # UTC offset in ms for every UTC hour of the range
    workday: np.ndarray  # (days,) bool: Monday-Friday and not a Dutch public holiday
    next_workday: np.ndarray  # (days,) index of the first working day after each day

    @property
    def period_days(self) -> int:
        return (self.last - self.first).days + 1

    def day(self, index: int) -> date:
        return self.first + timedelta(days=index)

    def day_weights(self) -> np.ndarray:
        """Expected share of the period's posts on each day of the period."""
        weights = np.where(self.workday[: self.period_days], 1.0, FREE_DAY_WEIGHT)
        return weights / weights.sum()

    def local_to_utc(self, day, local_ms_of_day: np.ndarray) -> np.ndarray:
        """UTC ms of local times (ms since local midnight) on day ``day`` (one or an array)."""
        hours = np.clip(local_ms_of_day // HOUR_MS, 0, 23)
        naive = self.naive_start_ms + day * DAY_MS + local_ms_of_day
        return naive - self.offset[day, hours]

    def utc_to_local(self, utc_ms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Day index and ms since local midnight of UTC times (clipped to the range)."""
        hour = np.clip((utc_ms - self.utc_hour_base) // HOUR_MS, 0, len(self.utc_offset) - 1)
        local = utc_ms + self.utc_offset[hour] - self.naive_start_ms
        day = np.clip(local // DAY_MS, 0, len(self.workday) - 1)
        return day, local - day * DAY_MS

    def in_office_hours(self, day: np.ndarray, ms_of_day: np.ndarray) -> np.ndarray:
        return self.workday[day] & (ms_of_day >= OFFICE_START_MS) & (ms_of_day < OFFICE_END_MS)

    def next_office_morning(self, day: np.ndarray, ms_of_day: np.ndarray) -> np.ndarray:
        """Day index of the next office morning: today when it is a working day not yet
        begun, else the next working day."""
        early = self.workday[day] & (ms_of_day < OFFICE_START_MS)
        return np.where(early, day, self.next_workday[day])


def calendar(first: date, last: date) -> Calendar:
    import holidays

    days = (last - first).days + 1 + MARGIN_DAYS
    dates = [first + timedelta(days=i) for i in range(days + 1)]
    day_start_utc = np.array(
        [epoch_ms(datetime(d.year, d.month, d.day, tzinfo=TZ)) for d in dates], dtype=np.int64
    )
    offset = np.empty((days, 24), dtype=np.int64)
    for i, d in enumerate(dates[:-1]):
        for hour in range(24):
            local = datetime(d.year, d.month, d.day, hour, 30, tzinfo=TZ)
            offset[i, hour] = int(local.utcoffset().total_seconds() * 1000)
    base = int(day_start_utc[0]) - DAY_MS
    hours = (int(day_start_utc[-1]) + DAY_MS - base) // HOUR_MS
    utc_offset = np.array(
        [
            int(
                datetime.fromtimestamp((base + h * HOUR_MS) / 1000, UTC)
                .astimezone(TZ)
                .utcoffset()
                .total_seconds()
                * 1000
            )
            for h in range(hours)
        ],
        dtype=np.int64,
    )
    public = holidays.country_holidays("NL", years=sorted({d.year for d in dates}))
    workday = np.array([d.weekday() < 5 and d not in public for d in dates[:-1]])
    next_workday = np.empty(days, dtype=np.int64)
    following = days  # beyond the range: clipped by the caller's use
    for i in range(days - 1, -1, -1):
        next_workday[i] = following
        if workday[i]:
            following = i
    next_workday = np.minimum(next_workday, days - 1)
    naive = datetime(first.year, first.month, first.day, tzinfo=UTC)
    return Calendar(
        first=first,
        last=last,
        naive_start_ms=epoch_ms(naive),
        day_start_utc=day_start_utc,
        offset=offset,
        utc_hour_base=base,
        utc_offset=utc_offset,
        workday=workday,
        next_workday=next_workday,
    )


@dataclass(frozen=True)
class Rhythm:
    """Cumulative hour profiles to draw local times from."""

    office_work: np.ndarray
    office_free: np.ndarray
    citizen_work: np.ndarray
    citizen_free: np.ndarray

    def draw(self, rng: np.random.Generator, workday: bool, citizen: np.ndarray) -> np.ndarray:
        """Local ms of day for each post; ``citizen`` marks posts by citizens."""
        n = len(citizen)
        office = self.office_work if workday else self.office_free
        people = self.citizen_work if workday else self.citizen_free
        u = rng.random(n)
        hour = np.where(
            citizen,
            np.searchsorted(people, u, side="right"),
            np.searchsorted(office, u, side="right"),
        )
        hour = np.minimum(hour, 23)
        return hour * HOUR_MS + rng.integers(0, HOUR_MS, n)


RHYTHM = Rhythm(
    _cumulative(OFFICE_WORKDAY),
    _cumulative(OFFICE_FREE_DAY),
    _cumulative(CITIZEN_WORKDAY),
    _cumulative(CITIZEN_FREE_DAY),
)
