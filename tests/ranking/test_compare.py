"""Year-over-year comparison through mergers (Weesp merged into Amsterdam on 2022-03-24)."""

from datetime import date

import pandas as pd
import pytest

from meetlat.ranking.compare import compare


def _rows(*rows):
    columns = [
        "municipality_code",
        "posts_sent",
        "replies_sent",
        "replies_timed",
        "reaction_time_mean_min",
        "followers",
        "following",
        "reposts_sent",
        "potential_reach_mean",
        "inhabitants",
    ]
    blank = (None, 0, None, None)  # following, reposts, reach, inhabitants not measured
    frame = pd.DataFrame([row + blank[len(row) - 6 :] for row in rows], columns=columns)
    frame["interaction_pct"] = 100 * frame["replies_sent"] / frame["posts_sent"]
    return frame


def test_a_merged_municipality_is_compared_through_its_successor():
    period_a = _rows(
        ("GM0363", 300, 150, 100, 60.0, 100_000),  # Amsterdam 2021
        ("GM0457", 100, 10, 10, 170.0, 5_000),  # Weesp 2021
        ("GM0344", 200, 50, 40, 30.0, 60_000),  # Utrecht 2021
    )
    period_b = _rows(
        ("GM0363", 500, 300, 200, 45.0, 120_000),
        ("GM0344", 200, 100, 80, 20.0, 61_000),
    )
    result = compare(period_a, period_b, date(2023, 12, 31)).set_index("municipality_code")
    amsterdam = result.loc["GM0363"]
    assert amsterdam["merged_from"] == "GM0363,GM0457"
    assert amsterdam["posts_sent_a"] == 400
    # (150 + 10) / (300 + 100) = 40 %, then 300 / 500 = 60 %: +20 points.
    assert amsterdam["interaction_pct_a"] == pytest.approx(40.0)
    assert amsterdam["interaction_pct_change"] == pytest.approx(20.0)
    # Weighted by timed replies: (60 × 100 + 170 × 10) / 110 = 70 minutes.
    assert amsterdam["reaction_time_mean_min_a"] == pytest.approx(70.0)
    assert amsterdam["followers_change"] == 15_000
    utrecht = result.loc["GM0344"]
    assert utrecht["interaction_pct_change"] == pytest.approx(25.0)
    assert utrecht["municipality_name"] == "Utrecht"
    assert "GM0457" not in result.index


def test_following_and_reach_through_a_merger():
    period_a = _rows(
        # Amsterdam 2021: 300 posts of which 100 reposts, reach 90,000 over 200 own posts
        ("GM0363", 300, 150, 100, 60.0, 100_000, 800, 100, 90_000.0, 870_000),
        # Weesp 2021: 100 posts of which 50 reposts, reach 6,000 over 50 own posts
        ("GM0457", 100, 10, 10, 170.0, 5_000, 200, 50, 6_000.0, 20_000),
    )
    period_b = _rows(("GM0363", 500, 300, 200, 45.0, 120_000, 1_100, 100, 100_000.0, 900_000))
    amsterdam = (
        compare(period_a, period_b, date(2023, 12, 31)).set_index("municipality_code").loc["GM0363"]
    )
    assert amsterdam["following_a"] == 1_000 and amsterdam["following_change"] == 100
    # weighted by own posts: (90,000 × 200 + 6,000 × 50) / 250 = 73,200
    assert amsterdam["potential_reach_mean_a"] == pytest.approx(73_200.0)
    assert amsterdam["potential_reach_mean_change"] == pytest.approx(26_800.0)
    # over the summed inhabitants: 73,200 / 890,000; then 100,000 / 900,000
    assert amsterdam["relative_reach_a"] == pytest.approx(73_200 / 890_000)
    assert amsterdam["relative_reach_change"] == pytest.approx(100_000 / 900_000 - 73_200 / 890_000)
