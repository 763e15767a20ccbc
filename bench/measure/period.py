"""The measured period as UTC instants: Europe/Amsterdam calendar days, both inclusive
(the same rule as Meetlat's scope), for the two baselines."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
X_EPOCH_MS = 1288834974657  # X snowflake ids: (id >> 22) + this = creation time in ms
X_MIN_SNOWFLAKE = 29_700_859_247
KEYS = ["municipality_code", "platform", "handle", "role"]
FIGURES = [
    "posts_sent",
    "replies_sent",
    "interaction_pct",
    "replies_timed",
    "reaction_time_mean_min",
]


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[local midnight of ``start``, local midnight after ``end``) in UTC."""
    first = datetime.combine(start, time(0), tzinfo=AMSTERDAM).astimezone(UTC)
    after = datetime.combine(end + timedelta(days=1), time(0), tzinfo=AMSTERDAM).astimezone(UTC)
    return first, after
