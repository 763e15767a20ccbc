"""Reaction time: how long a reply took after the post it answers.

The source ``replies`` has one row per reply to another account (``replies_sent``). The
answered post's time is its ``created_at`` when it is in the warehouse, or else the time
encoded in its id (see idtimes.py). A reply is *timed* when that time is known and not
after the reply; otherwise it is untimed (also when the answered post seems to come later:
that is a data error, not a negative reaction time). Two clocks measure the same replies:
24/7 minutes, and office minutes (officehours.py).
"""

from __future__ import annotations

from meetlat.indicators import officehours
from meetlat.indicators.idtimes import id_time_ms
from meetlat.indicators.registry import indicators, sources
from meetlat.indicators.scope import KEYS

MINUTE_MS = 60_000.0


@sources.register("replies", title="the replies to other accounts, with their reaction times")
def replies(scope):
    import ibis

    sent = scope.source("sent")
    reps = sent.filter(sent.is_reply_to_other)
    asked = reps.parent_ms.coalesce(id_time_ms(reps.platform, reps.in_reply_to_post_id))
    timed = asked.notnull() & (asked <= reps.created_ms)
    reps = reps.select(
        *KEYS,
        "post_id",
        reply_ms=reps.created_ms,
        asked_ms=ibis.ifelse(timed, asked, ibis.null("int64")),
    )
    reps = reps.mutate(
        reply_hour=officehours.hour_of(reps.reply_ms), asked_hour=officehours.hour_of(reps.asked_ms)
    )
    clock = scope.clock
    at_reply = clock.select(
        reply_hour=clock.hour,
        r_open=clock.open_ms,
        r_close=clock.close_ms,
        r_cum=clock.cum_ms,
    )
    at_asked = clock.select(
        asked_hour=clock.hour,
        a_open=clock.open_ms,
        a_close=clock.close_ms,
        a_cum=clock.cum_ms,
    )
    joined = reps.left_join(at_reply, "reply_hour").left_join(at_asked, "asked_hour")
    office_reply = office_ms(joined.reply_ms, joined.r_open, joined.r_close, joined.r_cum)
    office_asked = office_ms(joined.asked_ms, joined.a_open, joined.a_close, joined.a_cum)
    return joined.select(
        *KEYS,
        "post_id",  # the reply (so that an update can replace the rows of some posts)
        created_ms=joined.reply_ms,
        minutes=(joined.reply_ms - joined.asked_ms).cast("float64") / MINUTE_MS,
        office_minutes=(office_reply - office_asked).cast("float64") / MINUTE_MS,
    )


def office_ms(t_ms, open_ms, close_ms, cum_ms):
    import ibis

    inside = ibis.greatest(t_ms - open_ms, 0)
    return cum_ms + ibis.least(inside, close_ms - open_ms)


@indicators.register(
    "replies_timed",
    unit="replies",
    definition="replies to another account whose answered post has a known time",
    higher_is_better=None,
    source="replies",
    dtype="int",
)
def replies_timed(t):
    return t.minutes.count()


@indicators.register(
    "reaction_time_mean_min",
    unit="minutes",
    definition="mean 24/7 reaction time over the timed replies",
    higher_is_better=False,
    source="replies",
)
def reaction_time_mean_min(t):
    return t.minutes.mean()


@indicators.register(
    "reaction_time_median_min",
    unit="minutes",
    definition="median 24/7 reaction time over the timed replies",
    higher_is_better=False,
    source="replies",
)
def reaction_time_median_min(t):
    return t.minutes.median()


@indicators.register(
    "reaction_time_p90_min",
    unit="minutes",
    definition="90th percentile (linear interpolation) of the 24/7 reaction time",
    higher_is_better=False,
    source="replies",
)
def reaction_time_p90_min(t):
    return t.minutes.quantile(0.9)


@indicators.register(
    "reaction_time_office_mean_min",
    unit="minutes",
    definition="mean office-hours reaction time over the timed replies",
    higher_is_better=False,
    source="replies",
)
def reaction_time_office_mean_min(t):
    return t.office_minutes.mean()


@indicators.register(
    "reaction_time_office_median_min",
    unit="minutes",
    definition="median office-hours reaction time over the timed replies",
    higher_is_better=False,
    source="replies",
)
def reaction_time_office_median_min(t):
    return t.office_minutes.median()
