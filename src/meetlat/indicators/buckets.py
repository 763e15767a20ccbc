"""The book's reply-time buckets (seed 5179–5184), on the 24/7 and the office-hours clock.

The book's webcare test counted replies "binnen een kwartier", "binnen het uur", "tussen
één en twee uur", "de volgende dag, … binnen 24 uur", and no reply. The bounds, in
minutes of reaction time (reaction.py: the reply's time minus the question's):

| bucket | 24/7 clock | office-hours clock |
|---|---|---|
| ``15min`` | m ≤ 15 | o ≤ 15 |
| ``1h`` | 15 < m ≤ 60 | 15 < o ≤ 60 |
| ``2h`` | 60 < m ≤ 120 | 60 < o ≤ 120 |
| ``24h`` | 120 < m ≤ 1 440 | 120 < o ≤ D |
| ``later`` | m > 1 440 | o > D |
| ``none`` | no reply | no reply |

``D`` is the length of one working day in office minutes (``MEETLAT_OFFICE_HOURS``,
510 with the default 08:30–17:00). "The next day within 24 hours" is on the 24/7 clock
the first 24 hours after the question (the book's four replies all came the next
calendar day; one that comes the same evening after two hours is in this bucket too);
on the office-hours clock it is "by the same working moment on the next working day":
office(reply) − office(question) ≤ D holds exactly when the reply came no later than the
moment of the next working day at which as much working time has passed as in a whole
working day.
"""

from __future__ import annotations

from meetlat.indicators.officehours import OfficeHours

BUCKETS = ("15min", "1h", "2h", "24h", "later", "none")
BOUNDS = (15.0, 60.0, 120.0)
DAY_MINUTES = 1440.0


def working_day_minutes(hours: OfficeHours) -> float:
    opens = hours.opens.hour * 60 + hours.opens.minute
    closes = hours.closes.hour * 60 + hours.closes.minute
    return float(closes - opens)


def bucket(minutes: float | None, day: float = DAY_MINUTES) -> str:
    """The bucket of a reaction time in minutes (None: no reply); ``day`` is the bound of
    "the next day": 1 440 on the 24/7 clock, ``working_day_minutes`` on the office clock."""
    if minutes is None or minutes != minutes:  # None or NaN: no reply
        return "none"
    if minutes < 0:
        raise ValueError(f"negative reaction time: {minutes}")
    for name, bound in zip(BUCKETS, (*BOUNDS, day), strict=False):
        if minutes <= bound:
            return name
    return "later"


def in_bucket(minutes, name: str, day: float | None = None):
    """Ibis boolean: is the reaction time ``minutes`` (a float column, null: no timed
    reply) in bucket ``name``; the same bounds as ``bucket`` (``day``: None for the 24/7
    clock's 1 440), so DuckDB and Spark count the buckets inside the query."""
    import ibis

    if name not in BUCKETS:
        raise ValueError(f"unknown bucket {name!r}: expected one of {BUCKETS}")
    if name == "none":
        return minutes.isnull()
    bounds = (0.0, *BOUNDS, DAY_MINUTES if day is None else float(day), None)
    position = BUCKETS.index(name)
    low, high = bounds[position], bounds[position + 1]
    inside = minutes.notnull()
    if position > 0:
        inside = inside & (minutes > ibis.literal(low))
    if high is not None:
        inside = inside & (minutes <= ibis.literal(high))
    return inside.cast("int64")
