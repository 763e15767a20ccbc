"""The national figures (ranking/national.py, app/national.py) against values computed by
hand on a small warehouse: Amsterdam and Utrecht's corporate accounts and Amsterdam's
council account, in 2014Q2 and a year earlier."""

from __future__ import annotations

import json
from datetime import date

import pytest

from meetlat import reference
from meetlat.app.national import national
from meetlat.indicators.periods import BadPeriod, named_period, year_earlier


@pytest.fixture
def figures(warehouse):
    w = warehouse
    w.register("GM0363", "amsterdam", account_id=1)
    w.register("GM0344", "utrecht", account_id=2)
    w.register("GM0363", "raadamsterdam", role="council", account_id=3)
    w.register("GM0344", "utrecht@social.overheid.nl", platform="mastodon", account_id=4)
    w.register("GM0014", "groningen", active_to=date(2014, 1, 1), account_id=5)  # closed
    # 2014Q2 (times UTC; Amsterdam is UTC+2 in summer)
    for n, day in enumerate(["2014-04-02 08:00", "2014-05-02 08:00", "2014-06-02 08:00"]):
        w.post(100 + n, 1, day)
    w.post(90, 99, "2014-04-10 12:00", in_reply_to_account_id=None)  # a citizen's question
    w.post(110, 1, "2014-04-10 12:30", "reply", in_reply_to_post_id="90",
           in_reply_to_account_id="99")  # fmt: skip
    w.post(200, 2, "2014-04-03 09:00")
    w.post(201, 2, "2014-05-03 09:00")
    w.snapshot(1, "2014-06-01 00:00", 3000, 400, 5000)
    w.snapshot(2, "2014-06-01 00:00", 1000, 100, 900)
    w.snapshot(3, "2014-06-01 00:00", 600, 5, 0)
    # 2013Q2: only Amsterdam, one original post and a snapshot
    w.post(50, 1, "2013-05-01 08:00")
    w.snapshot(1, "2013-06-01 00:00", 2000, 300, 4000)
    ws = w.write()
    found = national(ws, date(2014, 4, 1), date(2014, 6, 30))
    return {f.key: f for f in found.figures}


def test_means_over_the_corporate_accounts_with_the_year_before(figures):
    followers = figures["corporate.followers_mean"]
    assert (followers.value, followers.n) == (2000.0, 2)  # (3000 + 1000) / 2
    assert (followers.previous, followers.previous_n) == (2000.0, 1)  # Utrecht: no snapshot
    assert figures["corporate.following_mean"].value == 250.0  # (400 + 100) / 2
    assert figures["corporate.following_mean"].previous == 300.0
    # each post's reach: its author's followers (nearest snapshot); Amsterdam 3000, Utrecht 1000
    assert figures["corporate.potential_reach_mean"].value == 2000.0
    # interaction: Amsterdam 1 reply of 4 posts = 25%, Utrecht 0 of 2 = 0%: mean 12.5%
    interaction = figures["corporate.interaction_pct_mean"]
    assert (interaction.value, interaction.n) == (12.5, 2)
    assert (interaction.previous, interaction.previous_n) == (0.0, 1)  # Utrecht sent nothing
    # one timed reply: 30 minutes, only Amsterdam has one
    reaction = figures["corporate.reaction_time_mean_min"]
    assert (reaction.value, reaction.n, reaction.previous) == (30.0, 1, None)


def test_the_share_of_municipalities_that_replied(figures):
    replied = figures["corporate.replied_share_pct"]
    assert (replied.value, replied.n, replied.basis) == (50.0, 2, "municipalities")
    assert (replied.previous, replied.previous_n) == (0.0, 1)  # 2013: Amsterdam, no reply


def test_council_accounts(figures):
    assert figures["council.accounts"].value == 1
    assert figures["council.followers_mean"].value == 600.0
    assert figures["council.following_mean"].value == 5.0
    assert figures["council.total_posts_mean"].value == 0.0
    assert figures["council.following_under_10"].value == 1
    assert figures["council.never_posted"].value == 1


def test_platform_adoption_over_every_municipality_of_the_day(figures):
    municipalities = len(reference.municipalities_on(date(2014, 6, 30)))
    assert municipalities == 403  # the book's 403 municipalities of 2014
    x = figures["adoption.x_pct"]
    # Amsterdam and Utrecht; Groningen's account was closed before 30 June 2014
    assert x.value == pytest.approx(100 * 2 / 403) and x.n == 403
    assert figures["adoption.mastodon_pct"].value == pytest.approx(100 * 1 / 403)
    assert figures["adoption.facebook_pct"].value == 0.0
    assert x.previous == pytest.approx(
        100 * 3 / len(reference.municipalities_on(date(2013, 6, 30)))
    )


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2014Q2", date(2014, 4, 1), date(2014, 6, 30)),
        ("2014q4", date(2014, 10, 1), date(2014, 12, 31)),
        ("2014-02", date(2014, 2, 1), date(2014, 2, 28)),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
        ("2014", date(2014, 1, 1), date(2014, 12, 31)),
        ("2014-04-01..2014-04-30", date(2014, 4, 1), date(2014, 4, 30)),
    ],
)
def test_named_periods(text, first, last):
    assert named_period(text) == (first, last)


@pytest.mark.parametrize("text", ["2014Q5", "Q2", "2014-13", "2014-06-30..2014-04-01", "gisteren"])
def test_a_period_that_cannot_be_read(text):
    with pytest.raises(BadPeriod):
        named_period(text)


def test_a_year_earlier():
    assert year_earlier(date(2016, 2, 29), date(2016, 3, 31)) == (
        date(2015, 2, 28),
        date(2015, 3, 31),
    )


def test_national_on_the_command_line(cli, warehouse):
    warehouse.register("GM0363", "amsterdam", account_id=1)
    warehouse.post(1, 1, "2014-04-02 08:00")
    warehouse.post(2, 1, "2014-04-02 09:00", "reply", in_reply_to_account_id="99")
    warehouse.snapshot(1, "2014-06-01 00:00", 2950, 387, 5000)
    warehouse.write()
    shown = cli("national", "--period", "2014Q2")
    assert shown.exit_code == 0, shown.output
    assert "Corporate accounts: gemiddeld aantal volgers" in shown.stdout
    assert "2.950" in shown.stdout and "50,0%" in shown.stdout and "403 gemeenten" in shown.stdout
    data = json.loads(cli("national", "--period", "2014Q2", "--json").stdout)
    assert data["period"] == ["2014-04-01", "2014-06-30"]
    assert data["previous_period"] == ["2013-04-01", "2013-06-30"]
    by_key = {f["key"]: f for f in data["figures"]}
    assert by_key["corporate.following_mean"]["value"] == 387.0
    assert by_key["corporate.interaction_pct_mean"]["value"] == 50.0
    refused = cli("national", "--period", "2014Q7")
    assert refused.exit_code == 2 and "--period 2014Q7: verwacht 2014Q2" in refused.stderr
