"""`meetlat rank --by municipality` and `--table 10` with the national average row, on a
small warehouse computed by hand: Amsterdam with two corporate accounts, Utrecht with one."""

from __future__ import annotations

import json

import pytest

from meetlat import reference

PERIOD = ("--from", "2014-04-01", "--to", "2014-06-30")


def _warehouse(warehouse):
    w = warehouse
    w.register("GM0363", "amsterdam", account_id=1)
    w.register("GM0363", "amsterdam_nieuws", account_id=2)
    w.register("GM0344", "utrecht", account_id=3)
    for n in range(4):  # citizens' questions, all at 10:00 UTC on 10 April
        w.post(90 + n, 99, "2014-04-10 10:00")
    # amsterdam: 2 originals, replies after 30 and 60 minutes: 2 of 4 posts (50%)
    w.post(10, 1, "2014-04-02 08:00")
    w.post(11, 1, "2014-04-03 08:00")
    w.post(
        12, 1, "2014-04-10 10:30", "reply", in_reply_to_post_id="90", in_reply_to_account_id="99"
    )
    w.post(
        13, 1, "2014-04-10 11:00", "reply", in_reply_to_post_id="91", in_reply_to_account_id="99"
    )
    # amsterdam_nieuws: 5 originals, one reply after 120 minutes: 1 of 6 (16.7%)
    for n in range(5):
        w.post(20 + n, 2, f"2014-05-0{n + 1} 08:00")
    w.post(
        25, 2, "2014-04-10 12:00", "reply", in_reply_to_post_id="92", in_reply_to_account_id="99"
    )
    # utrecht: 3 originals, one reply after 15 minutes: 1 of 4 (25%)
    for n in range(3):
        w.post(30 + n, 3, f"2014-06-0{n + 1} 08:00")
    w.post(
        33, 3, "2014-04-10 10:15", "reply", in_reply_to_post_id="93", in_reply_to_account_id="99"
    )
    for account in (1, 2, 3):
        w.snapshot(account, "2014-06-01 00:00", 1000 * account, 10, 100)
    w.write()


def test_table_10_by_account_with_the_average_row(cli, warehouse):
    _warehouse(warehouse)
    data = json.loads(cli("rank", *PERIOD, "--table", "10", "--min-replies", "2", "--json").stdout)
    # the mean of 50%, 16.7% and 25%; of 45, 120 and 15 minutes
    assert data["average"]["interaction_pct"] == pytest.approx((50 + 100 / 6 + 25) / 3)
    assert data["average"]["reaction_time_mean_min"] == pytest.approx(60.0)
    assert [r["handle"] for r in data["interaction"]] == [
        "amsterdam",
        "utrecht",
        "amsterdam_nieuws",
    ]
    assert [r["handle"] for r in data["reaction_time"]] == ["amsterdam"]  # 2+ timed replies


def test_table_10_by_municipality_pools_its_accounts(cli, warehouse):
    _warehouse(warehouse)
    args = ("rank", *PERIOD, "--table", "10", "--by", "gemeente", "--min-replies", "2")
    data = json.loads(cli(*args, "--json").stdout)
    # Amsterdam pooled: 3 replies of 10 posts = 30%; (30 + 60 + 120) / 3 = 70 minutes
    assert [(r["municipality_name"], r["interaction_pct"]) for r in data["interaction"]] == [
        ("Amsterdam", pytest.approx(30.0)),
        ("Utrecht", pytest.approx(25.0)),
    ]
    assert [
        (r["municipality_name"], r["reaction_time_mean_min"]) for r in data["reaction_time"]
    ] == [("Amsterdam", pytest.approx(70.0))]
    assert data["average"]["interaction_pct"] == pytest.approx(27.5)
    assert data["average"]["reaction_time_mean_min"] == pytest.approx(42.5)
    shown = cli(*args).stdout
    assert "Gemiddelde van de gemeenten" in shown and "27,5%" in shown


def test_the_composite_by_municipality(cli, warehouse):
    _warehouse(warehouse)
    args = ("rank", *PERIOD, "--by", "municipality", "--min-replies", "1", "--json")
    rows = json.loads(cli(*args).stdout)
    # relative reach: Amsterdam's posts reach 1,000 (4 posts) and 2,000 (6 posts) followers,
    # pooled 1,600 over its inhabitants; Utrecht 3,000 over far fewer: Utrecht ranks first
    assert [row["municipality_name"] for row in rows] == ["Utrecht", "Amsterdam"]
    utrecht, amsterdam = rows
    assert amsterdam["handle"] == "amsterdam,amsterdam_nieuws"
    assert amsterdam["interaction_pct"] == pytest.approx(30.0)
    inhabitants = reference.population("GM0363", 2014).inhabitants
    assert amsterdam["relative_reach"] == pytest.approx(1600 / inhabitants)
    # Amsterdam: interaction 1, reaction time 2 (70 > 15 minutes), relative reach 2: 5
    ranks = ("rank_interaction_pct", "rank_reaction_time_mean_min", "rank_relative_reach")
    assert [amsterdam[r] for r in ranks] == [1, 2, 2] and amsterdam["total"] == 5
    assert [utrecht[r] for r in ranks] == [2, 1, 1] and utrecht["total"] == 4
    assert (utrecht["position"], amsterdam["position"]) == (1, 2)
