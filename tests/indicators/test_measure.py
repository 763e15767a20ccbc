"""The measurement on hand-made warehouses: every rule of docs/indicators.md, both engines."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from meetlat.indicators.service import COLUMNS, measure

Q2 = (date(2014, 4, 1), date(2014, 6, 30))


def _one(ws, engine, start=Q2[0], end=Q2[1], **kwargs):
    rows = measure(ws, start, end, engine=engine, **kwargs)
    assert len(rows) == 1
    return rows.iloc[0]


def test_columns_are_exactly_the_issue_columns(warehouse, engine):
    warehouse.register("GM0344", "utrecht", account_id="1")
    rows = measure(warehouse.write(), *Q2, engine=engine)
    assert tuple(rows.columns) == COLUMNS
    row = rows.iloc[0]
    # an account without posts or snapshots: zero counts, empty figures
    assert (row.posts_sent, row.replies_timed, row.inbound_questions) == (0, 0, 0)
    assert row.interaction_pct != row.interaction_pct  # NaN
    assert row.municipality_name == "Utrecht"


def test_period_is_amsterdam_days_inclusive(warehouse, engine):
    warehouse.register("GM0344", "utrecht", account_id="1")
    # 1 April 2014 00:00 in Amsterdam (CEST) is 31 March 22:00 UTC; 30 June 24:00 is 22:00 UTC
    warehouse.post(1, 1, "2014-03-31 21:59:59")  # 31 March 23:59:59 local: before
    warehouse.post(2, 1, "2014-03-31 22:00:00")  # 1 April 00:00 local: in
    warehouse.post(3, 1, "2014-06-30 21:59:59")  # 30 June 23:59:59 local: in
    warehouse.post(4, 1, "2014-06-30 22:00:00")  # 1 July 00:00 local: after
    row = _one(warehouse.write(), engine)
    assert row.posts_sent == 2


def test_kinds_threads_and_interaction(warehouse, engine):
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.post(10, 2, "2014-03-01 10:00")  # a citizen's older post
    warehouse.post(11, 1, "2014-04-02 10:00")
    warehouse.post(
        12, 1, "2014-04-02 11:00", "reply", in_reply_to_post_id="10", in_reply_to_account_id="2"
    )  # fmt: skip  (to an older post: counts)
    warehouse.post(
        13, 1, "2014-04-02 12:00", "reply", in_reply_to_post_id="11", in_reply_to_account_id="1"
    )  # fmt: skip  (thread)
    # reply without in_reply_to_account_id: the answered post (11) is its own → thread
    warehouse.post(14, 1, "2014-04-02 13:00", "reply", in_reply_to_post_id="11")
    warehouse.post(15, 1, "2014-04-02 14:00", "repost", repost_of_post_id="10")
    warehouse.post(16, 1, "2014-04-02 15:00", "quote", quote_of_post_id="10")
    warehouse.post(
        17, 2, "2014-04-02 15:00", "reply", in_reply_to_post_id="11", in_reply_to_account_id="1"
    )  # fmt: skip  (someone else's post)
    row = _one(warehouse.write(), engine)
    assert row.posts_sent == 6
    assert (row.originals, row.replies_sent, row.self_replies) == (1, 1, 2)
    assert (row.reposts_sent, row.quotes_sent) == (1, 1)
    assert row.interaction_pct == pytest.approx(100 / 6)


def test_office_clock_weekend_holiday_and_summer_time(warehouse, engine):
    warehouse.register("GM0344", "utrecht", account_id="1")
    # Friday 4 April 16:50 CEST → Monday 7 April 08:40: 10 + 10 = 20 office minutes;
    # 24/7: 14:50 UTC Friday to 06:40 UTC Monday = 63 h 50 min = 3830 min
    warehouse.post(20, 2, "2014-04-04 14:50")
    warehouse.post(21, 1, "2014-04-07 06:40", "reply", in_reply_to_post_id="20",
                   in_reply_to_account_id="2")  # fmt: skip
    # Wednesday 28 May 16:50 → Friday 30 May 08:40, Ascension Day in between: 20 minutes;
    # 24/7: 39 h 50 min = 2390 min
    warehouse.post(22, 2, "2014-05-28 14:50")
    warehouse.post(23, 1, "2014-05-30 06:40", "reply", in_reply_to_post_id="22",
                   in_reply_to_account_id="2")  # fmt: skip
    # Friday 28 March 16:50 CET (15:50 UTC) → Monday 31 March 08:40 CEST (06:40 UTC),
    # across the switch to summer time: 20 office minutes, 62 h 50 min = 3770 min 24/7.
    # (The reply is measured in a period that includes 31 March.)
    warehouse.post(24, 2, "2014-03-28 15:50")
    warehouse.post(25, 1, "2014-03-31 06:40", "reply", in_reply_to_post_id="24",
                   in_reply_to_account_id="2")  # fmt: skip
    ws = warehouse.write()
    row = _one(ws, engine)
    assert row.replies_timed == 2
    assert row.reaction_time_office_mean_min == pytest.approx(20.0)
    assert row.reaction_time_mean_min == pytest.approx((3830 + 2390) / 2)
    march = _one(ws, engine, start=date(2014, 3, 31), end=date(2014, 3, 31))
    assert march.reaction_time_mean_min == pytest.approx(3770.0)
    assert march.reaction_time_office_median_min == pytest.approx(20.0)


def test_times_from_ids_and_untimed_replies(warehouse, engine):
    warehouse.register("GM0344", "utrecht", platform="mastodon", account_id="1")
    warehouse.account("1", "utrecht", platform="mastodon")
    # Mastodon id 110000000000000000 >> 16 = 1678466796875 ms = 2023-03-10 16:46:36.875 UTC
    warehouse.post(30, 1, "2023-03-10 16:56:36.875", "reply", platform="mastodon",
                   in_reply_to_post_id="110000000000000000",
                   in_reply_to_account_id="9")  # fmt: skip
    # an id without a time (sequential id): untimed
    warehouse.post(31, 1, "2023-03-10 17:00", "reply", platform="mastodon",
                   in_reply_to_post_id="12345", in_reply_to_account_id="9")  # fmt: skip
    row = _one(warehouse.write(), engine, start=date(2023, 3, 10), end=date(2023, 3, 10))
    assert row.replies_sent == 2
    assert row.replies_timed == 1
    assert row.reaction_time_mean_min == pytest.approx(10.0)
    # 17:46:36.875 → 17:56:36.875 local (CET) on a Friday: after 17:00, 0 office minutes
    assert row.reaction_time_office_mean_min == 0.0


def test_followers_reach_and_roles(warehouse, engine):
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.register("GM0344", "raadutrecht", role="council", account_id="5")
    warehouse.snapshot(1, "2014-03-01 00:00", 100, 10, 500)
    warehouse.snapshot(1, "2014-06-30 21:00", 150, 11, 510)  # last before the end
    warehouse.snapshot(1, "2014-07-01 09:00", 999, 99, 999)  # after the period
    warehouse.post(40, 1, "2014-03-02 10:00")  # nearest snapshot: 1 March → 100
    warehouse.post(41, 1, "2014-06-30 20:00", author_followers=140)  # carried: 140
    warehouse.post(42, 1, "2014-05-01 10:00", "repost", repost_of_post_id="99")  # no reach
    warehouse.post(43, 7, "2014-06-30 20:30", "repost", repost_of_post_id="41",
                   author_followers=60)  # fmt: skip
    warehouse.post(
        44, 7, "2014-07-02 20:30", "repost", repost_of_post_id="41", author_followers=61
    )  # fmt: skip  (same account again: counted once)
    ws = warehouse.write()
    row = _one(ws, engine, roles=["corporate"])
    assert (row.followers, row.following, row.total_posts) == (150, 11, 510)
    # post 41 only (40 is before the period): 140 + max(60, 61) = 201
    assert row.potential_reach_mean == pytest.approx(201.0)
    whole = _one(ws, engine, start=date(2014, 3, 1), roles=["corporate"])
    assert whole.potential_reach_mean == pytest.approx((100 + 201) / 2)
    council = _one(ws, engine, roles=["council"])
    assert council.handle == "raadutrecht"
    assert pd.isna(council.followers)


def test_inbound_questions_dutch_rule(warehouse, engine):
    warehouse.register("GM0344", "utrecht", account_id="1")
    day = "2014-04-02 "
    warehouse.post(
        50, 2, day + "09:00", text="@utrecht Wanneer gaat de brug weer open", mentions=["utrecht"]
    )  # fmt: skip  (interrogative at the start)
    warehouse.post(51, 3, day + "09:05", "reply", in_reply_to_post_id="11",
                   in_reply_to_account_id="1", text="Dank! Kunt u dit doorgeven")  # fmt: skip
    warehouse.post(52, 4, day + "09:10", text="@Utrecht mooie foto's", mentions=["utrecht"])
    warehouse.post(
        53, 5, day + "09:15", text="Zie https://x.nl/?a=1 @utrecht", mentions=["utrecht"]
    )  # fmt: skip  (the ? is inside a link: not a question)
    warehouse.post(54, 1, day + "09:20", text="Weet iemand dit?", mentions=["utrecht"])  # own
    warehouse.post(
        55,
        6,
        day + "09:25",
        text="Is het gemeentehuis open? @utrecht",
        mentions=["utrecht"],
        in_reply_to_account_id="1",
    )  # fmt: skip  (once)
    warehouse.post(56, 1, day + "10:00", "reply", in_reply_to_post_id="50",
                   in_reply_to_account_id="2", text="Morgen")  # fmt: skip
    row = _one(warehouse.write(), engine)
    assert row.inbound_questions == 3  # 50, 51, 55
    assert row.questions_answered_pct == pytest.approx(100 / 3)


def test_registry_active_dates(warehouse, engine):
    warehouse.register("GM0344", "utrecht", account_id="1", active_to=date(2014, 3, 31))
    warehouse.register("GM0344", "utrechtnieuw", account_id="2", active_from=date(2014, 6, 30))
    rows = measure(warehouse.write(), *Q2, engine=engine)
    assert rows.handle.tolist() == ["utrechtnieuw"]


def test_unknown_grouping_is_refused(workspace):
    with pytest.raises(ValueError, match="by="):
        measure(workspace, *Q2, by="province")


def test_nearest_snapshot_ties_go_to_the_earlier(warehouse, engine):
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.snapshot(1, "2014-04-02 10:00", 100)
    warehouse.snapshot(1, "2014-04-02 12:00", 200)
    warehouse.snapshot(1, "2014-04-02 12:00", 210)  # same time: the highest count
    warehouse.post(60, 1, "2014-04-02 11:00")  # exactly between: the earlier → 100
    warehouse.post(61, 1, "2014-04-02 11:00:00.001")  # just past the middle → 210
    warehouse.post(62, 1, "2014-04-03 09:00")  # after the last snapshot → 210
    row = _one(warehouse.write(), engine)
    assert row.potential_reach_mean == pytest.approx((100 + 210 + 210) / 3)
