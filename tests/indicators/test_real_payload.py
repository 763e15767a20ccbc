"""Every indicator on a real twarc v2 page, against values computed by hand.

The page (tests/fixtures/indicators, see SOURCES.md) is transcribed into canonical rows
here, field by field, as the X v2 reader does: kind from ``referenced_tweets``, reply
target from ``in_reply_to_user_id``, mentions lower case, the author's follower count
from ``includes.users`` on every post and as a snapshot at ``retrieved_at``.

Test registry: GM0363 cdonnybrook1 (corporate) and lauraisomitted (council), GM0599
the_reaper2008 (corporate); gaudofdeath is a citizen. Period: 2021-04-08 (one day).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from meetlat import reference
from meetlat.indicators.service import measure
from meetlat.platforms.times import parse_time

KINDS = {"replied_to": "reply", "retweeted": "repost", "quoted": "quote"}


def transcribe(page, warehouse, drop=()):
    users = {u["id"]: u for u in page["includes"]["users"]}
    seen = set()
    for embedded, tweets in ((False, page["data"]), (True, page["includes"]["tweets"])):
        for tweet in tweets:
            if tweet["id"] in seen or tweet["id"] in drop:
                continue
            seen.add(tweet["id"])
            refs = {r["type"]: r["id"] for r in tweet.get("referenced_tweets", [])}
            kind = next(
                (KINDS[t] for t in ("replied_to", "retweeted", "quoted") if t in refs), "original"
            )
            author = users.get(tweet["author_id"], {})
            warehouse.post(
                tweet["id"],
                tweet["author_id"],
                parse_time(tweet["created_at"]),
                kind=kind,
                handle=author.get("username"),
                text=tweet["text"],
                in_reply_to_post_id=refs.get("replied_to"),
                in_reply_to_account_id=tweet.get("in_reply_to_user_id"),
                repost_of_post_id=refs.get("retweeted"),
                quote_of_post_id=refs.get("quoted"),
                mentions=[
                    m["username"].lower() for m in tweet.get("entities", {}).get("mentions", [])
                ],
                author_followers=author.get("public_metrics", {}).get("followers_count"),
                embedded=embedded,
            )
    observed = page["__twarc"]["retrieved_at"].replace("+00:00", "")
    for user in users.values():
        metrics = user["public_metrics"]
        warehouse.snapshot(
            user["id"], observed, metrics["followers_count"], metrics["following_count"],
            metrics["tweet_count"], handle=user["username"],
        )  # fmt: skip
        warehouse.account(user["id"], user["username"])


@pytest.fixture
def page(fixtures):
    path = fixtures / "indicators" / "twarc-v2-replies.jsonl"
    return json.loads(path.read_text(encoding="utf-8").splitlines()[0])


def _registry(warehouse):
    warehouse.register("GM0363", "CDonnyBrook1", role="corporate")
    warehouse.register("GM0363", "LauraisOmitted", role="council")
    warehouse.register("GM0599", "The_Reaper2008", role="corporate")


DAY = date(2021, 4, 8)


def test_every_indicator_on_real_tweets(page, warehouse, engine):
    _registry(warehouse)
    transcribe(page, warehouse)
    rows = measure(warehouse.write(), DAY, DAY, engine=engine).set_index("handle")

    donny = rows.loc["cdonnybrook1"]
    # Two replies to gaudofdeath's 1380239492452257798 (19:21:53 UTC): one in `data`
    # (19:31:41) and one only in includes.tweets (19:30:02); both are sent posts.
    assert (donny.posts_sent, donny.originals, donny.replies_sent, donny.self_replies) == (
        2,
        0,
        2,
        0,
    )
    assert donny.interaction_pct == 100.0
    assert donny.replies_timed == 2
    # 8 min 9 s = 8.15 and 9 min 48 s = 9.8: mean and median 8.975, p90 8.15 + 0.9 × 1.65
    assert donny.reaction_time_mean_min == pytest.approx(8.975)
    assert donny.reaction_time_median_min == pytest.approx(8.975)
    assert donny.reaction_time_p90_min == pytest.approx(9.635)
    # Thursday 21:2x–21:3x in Amsterdam (UTC+2): after office hours, so 0 office minutes
    assert donny.reaction_time_office_mean_min == 0.0
    assert donny.reaction_time_office_median_min == 0.0
    assert (donny.followers, donny.following, donny.total_posts) == (21, 115, 1207)
    assert donny.potential_reach_mean == 21.0  # both posts carry 21 followers, no reposts
    # gaudofdeath's 1380242054064660481 has "...?" → a question, not answered; the included
    # 1380239492452257798 ("Why do you keep stuttering...") has no "?" and no Dutch
    # interrogative: not a question by the Dutch rule.
    assert donny.inbound_questions == 1
    assert donny.questions_answered_pct == 0.0

    laura = rows.loc["lauraisomitted"]
    # three posts of one thread (1380242345652785166 is in data and in includes: once)
    assert (laura.posts_sent, laura.replies_sent, laura.self_replies) == (3, 0, 3)
    assert laura.interaction_pct == 0.0
    assert laura.replies_timed == 0
    assert laura.reaction_time_mean_min != laura.reaction_time_mean_min  # NaN: no replies
    assert laura.potential_reach_mean == 422.0
    assert laura.inbound_questions == 0
    assert laura.questions_answered_pct != laura.questions_answered_pct  # NaN

    reaper = rows.loc["the_reaper2008"]
    # 19:33:56 − 19:26:47 = 7.15 min; 19:32:13 − 19:21:01 = 11.2 min
    assert reaper.reaction_time_mean_min == pytest.approx(9.175)
    assert reaper.reaction_time_p90_min == pytest.approx(7.15 + 0.9 * 4.05)
    assert reaper.municipality_code == "GM0599"

    figure = reference.population("GM0363", 2021)
    assert donny.inhabitants == figure.inhabitants
    assert donny.population_year == figure.year
    assert donny.relative_reach == pytest.approx(21 / figure.inhabitants)
    assert donny.followers_per_inhabitant_pct == pytest.approx(100 * 21 / figure.inhabitants)


def test_answered_post_missing_time_from_id(page, warehouse, engine):
    _registry(warehouse)
    # without the two posts The_Reaper2008 answered, their times come from their ids:
    # 1380240726429143044 >> 22 + 1288834974657 = 1617910007470 ms = 19:26:47.470
    # 1380239273299951618 >> 22 + 1288834974657 = 1617909661017 ms = 19:21:01.017
    transcribe(page, warehouse, drop={"1380240726429143044", "1380239273299951618"})
    rows = measure(warehouse.write(), DAY, DAY, engine=engine).set_index("handle")
    reaper = rows.loc["the_reaper2008"]
    assert reaper.replies_timed == 2
    # (428.530 s + 671.983 s) / 2 / 60
    assert reaper.reaction_time_mean_min == pytest.approx((428.530 + 671.983) / 120)


def test_per_municipality_pools_the_accounts(page, warehouse, engine):
    _registry(warehouse)
    transcribe(page, warehouse)
    rows = measure(warehouse.write(), DAY, DAY, by="municipality", engine=engine)
    gm0363 = rows.set_index("municipality_code").loc["GM0363"]
    assert gm0363.handle == "cdonnybrook1,lauraisomitted"
    assert gm0363.role == "corporate,council"
    assert (gm0363.posts_sent, gm0363.replies_sent, gm0363.self_replies) == (5, 2, 3)
    assert gm0363.interaction_pct == 40.0
    assert gm0363.replies_timed == 2
    assert (gm0363.followers, gm0363.following, gm0363.total_posts) == (443, 629, 4716)
    assert gm0363.potential_reach_mean == pytest.approx((2 * 21 + 3 * 422) / 5)
    assert gm0363.inbound_questions == 1


def _through_x_v2_reader(path, warehouse):
    """The same page read by the real X v2 reader; a post seen twice is stored once
    (the importer's rule), the non-embedded copy first."""
    from meetlat.platforms.base import Source
    from meetlat.platforms.x.v2 import XApiV2

    reader = XApiV2()
    source = Source(path.name, lambda: path.open("rb"))
    posts = {}
    for record in reader.records(source):
        assert record.error is None, record.error
        rows = reader.canonical(record)
        for post in rows.posts:
            key = (post["platform"], post["post_id"])
            if key not in posts or (posts[key]["embedded"] and not post["embedded"]):
                posts[key] = post
        warehouse.rows["account_snapshots"] += rows.snapshots
        warehouse.rows["accounts"] += rows.accounts
    warehouse.rows["posts"] += list(posts.values())


def test_the_x_v2_reader_gives_the_same_figures(fixtures, warehouse):
    _registry(warehouse)
    _through_x_v2_reader(fixtures / "indicators" / "twarc-v2-replies.jsonl", warehouse)
    rows = measure(warehouse.write(), DAY, DAY).set_index("handle")
    donny, laura, reaper = (
        rows.loc[h] for h in ("cdonnybrook1", "lauraisomitted", "the_reaper2008")
    )
    assert (donny.posts_sent, donny.replies_sent, donny.replies_timed) == (2, 2, 2)
    assert donny.reaction_time_mean_min == pytest.approx(8.975)
    assert (donny.followers, donny.inbound_questions, donny.questions_answered_pct) == (21, 1, 0.0)
    assert (laura.posts_sent, laura.self_replies, laura.interaction_pct) == (3, 3, 0.0)
    assert reaper.reaction_time_mean_min == pytest.approx(9.175)
