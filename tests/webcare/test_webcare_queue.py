"""The webcare queue, figures and daily overview, against values computed by hand.

1. The real twarc v2 page of tests/indicators (tests/fixtures/indicators/SOURCES.md),
   transcribed by the indicator tests' own ``transcribe``: gaudofdeath (a citizen) wrote
   two posts to CDonnyBrook1 on 2021-04-08. 1380239492452257798 (19:21:53 UTC, "Why do
   you keep stuttering …", no '?') was answered twice, first by 1380241544049950720 at
   19:30:02 (8 min 9 s); 1380242054064660481 (19:32:04, "…are...?") asks and is not
   answered. Thursday 21:21 in Amsterdam is after office hours: 0 office minutes.
2. Dutch posts written here to put the office-hours clock and the buckets to the test
   (the example of docs/indicators.md: Friday 16:50 → Monday 08:40 is 20 office minutes
   and 3 830 minutes 24/7, April 2014).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from meetlat.app import privacy, webcare

DAY = date(2021, 4, 8)
NOW = datetime(2021, 4, 9, tzinfo=UTC)


def test_messages_on_the_real_page(real_page):
    found = webcare.messages(real_page, "CDonnyBrook1", DAY, DAY, now=NOW)
    assert [m.post_id for m in found] == ["1380239492452257798", "1380242054064660481"]
    first, second = found
    assert (first.is_question, first.reply_id) == (False, "1380241544049950720")
    assert first.minutes == pytest.approx(8.15)
    assert (first.office_minutes, first.bucket, first.office_bucket) == (0.0, "15min", "15min")
    assert second.is_question and not second.answered
    assert (second.bucket, second.office_bucket) == ("none", "none")
    # 2021-04-09 00:00 − 19:32:04 = 4 h 27 min 56 s
    assert second.age_minutes == pytest.approx(4 * 60 + 27 + 56 / 60)
    # the citizen is never named: a pseudonym, the same for both posts
    assert first.author == second.author and first.author.startswith("burger-")
    assert "gaudofdeath" not in first.author.lower()


def test_queue_figures_and_daily_on_the_real_page(real_page):
    found = webcare.messages(real_page, "cdonnybrook1", DAY, DAY, now=NOW)
    assert [m.post_id for m in webcare.queue(found)] == ["1380242054064660481"]
    (row,) = webcare.figures(found)
    assert (row.messages, row.questions, row.answered, row.reply_rate_pct) == (2, 1, 0, 0.0)
    assert row.buckets == {"15min": 0, "1h": 0, "2h": 0, "24h": 0, "later": 0, "none": 1}
    (day,) = webcare.daily(found, DAY, DAY)
    assert (day.messages, day.questions, day.answered, day.no_action) == (2, 1, 0, 1)
    assert webcare.messages(real_page, "lauraisomitted", DAY, DAY, now=NOW) == []
    with pytest.raises(webcare.WebcareError, match="gaudofdeath is geen account"):
        webcare.messages(real_page, "gaudofdeath", DAY, DAY, now=NOW)


def _dutch(warehouse):
    warehouse.register("GM0344", "GemeenteUtrecht", account_id="100")
    citizen = {"handle": "inwoner1", "mentions": ["gemeenteutrecht"]}
    # Friday 4 April 2014 16:50 local (14:50 UTC): answered Monday 08:40 local (06:40 UTC)
    warehouse.post(1, 200, "2014-04-04 14:50", text="Wanneer wordt het grofvuil opgehaald?",
                   **citizen)  # fmt: skip
    warehouse.post(11, 100, "2014-04-07 06:40", kind="reply", in_reply_to_post_id="1",
                   in_reply_to_account_id="200", handle="GemeenteUtrecht",
                   text="@inwoner1 Elke tweede dinsdag van de maand.")  # fmt: skip
    # Monday 7 April 10:00 local (08:00 UTC), answered 10:50 local: 50 min on both clocks
    warehouse.post(2, 201, "2014-04-07 08:00", kind="reply", in_reply_to_post_id="11",
                   in_reply_to_account_id="100", handle="inwoner2",
                   text="Kunt u ook zeggen waar ik een container kan halen")  # fmt: skip
    warehouse.post(
        12,
        100,
        "2014-04-07 08:50",
        kind="reply",
        in_reply_to_post_id="2",
        in_reply_to_account_id="201",
        handle="GemeenteUtrecht",
        text="@inwoner2 …",
    )
    # Monday 7 April 15:00 local: not a question, no reply needed
    warehouse.post(3, 202, "2014-04-07 13:00", text="Mooi werk @GemeenteUtrecht, dank!",
                   handle="inwoner3", mentions=["gemeenteutrecht"])  # fmt: skip
    # Monday 7 April 16:00 local (14:00 UTC), answered Tuesday 14:00 local (12:00 UTC):
    # 22 h 24/7 (the next day, within 24 h); office: 60 min Monday + 330 min Tuesday
    warehouse.post(4, 203, "2014-04-07 14:00", text="Is het stadskantoor morgen open?",
                   handle="inwoner4", mentions=["gemeenteutrecht"])  # fmt: skip
    warehouse.post(
        14,
        100,
        "2014-04-08 12:00",
        kind="reply",
        in_reply_to_post_id="4",
        in_reply_to_account_id="203",
        handle="GemeenteUtrecht",
        text="@inwoner4 Ja.",
    )
    # a retweet of a question asks nothing
    warehouse.post(5, 204, "2014-04-07 15:00", kind="repost", handle="inwoner5",
                   text="RT @inwoner4: Is het stadskantoor morgen open?",
                   mentions=["gemeenteutrecht"])  # fmt: skip
    # not addressed to the account; found by listening through its hashtag
    warehouse.post(6, 205, "2014-04-08 09:00", text="Zonnig in de Domstad #Utrecht",
                   handle="inwoner6", hashtags=["Utrecht"])  # fmt: skip
    return warehouse.write()


def test_office_clock_and_buckets_on_dutch_posts(warehouse):
    ws = _dutch(warehouse)
    now = datetime(2014, 4, 9, 10, 0, tzinfo=UTC)
    found = webcare.messages(ws, "gemeenteutrecht", date(2014, 4, 4), date(2014, 4, 8), now=now)
    by_id = {m.post_id: m for m in found}
    assert sorted(by_id) == ["1", "2", "3", "4", "5"]
    assert by_id["1"].minutes == pytest.approx(3830)
    assert by_id["1"].office_minutes == pytest.approx(20)
    assert (by_id["1"].bucket, by_id["1"].office_bucket) == ("later", "1h")
    assert (by_id["2"].minutes, by_id["2"].office_minutes) == (50, 50)
    assert by_id["4"].minutes == pytest.approx(22 * 60)
    assert by_id["4"].office_minutes == pytest.approx(390)
    assert (by_id["4"].bucket, by_id["4"].office_bucket) == ("24h", "24h")
    assert [by_id[k].is_question for k in "12345"] == [True, True, False, True, False]
    (row,) = webcare.figures(found)
    assert (row.messages, row.questions, row.answered) == (5, 3, 3)
    assert row.reply_rate_pct == 100.0
    assert row.buckets == {"15min": 0, "1h": 1, "2h": 0, "24h": 1, "later": 1, "none": 0}
    assert row.office_buckets == {"15min": 0, "1h": 2, "2h": 0, "24h": 1, "later": 0, "none": 0}
    days = webcare.daily(found, date(2014, 4, 4), date(2014, 4, 8))
    assert [(d.day.day, d.messages, d.questions) for d in days] == [
        (4, 1, 1), (5, 0, 0), (6, 0, 0), (7, 4, 2), (8, 0, 0),
    ]  # fmt: skip
    assert webcare.queue(found) == []
    assert [m.post_id for m in webcare.queue(found, answered=True)] == ["1", "2", "4"]


def test_listening_terms(warehouse):
    ws = _dutch(warehouse)
    (ws.root / "listening").mkdir()
    (ws.root / "listening" / "terms.toml").write_text(
        '[GM0344]\nterms = ["stadskantoor", "Leidsche Rijn"]\nhashtags = ["#utrecht"]\n',
        encoding="utf-8",
    )
    found = webcare.listening(ws, "GM0344", date(2014, 4, 4), date(2014, 4, 8))
    citizen = privacy.namer(ws).name(found[1]["platform"], "inwoner4")
    assert citizen.startswith("burger-")
    assert [row["text"] for row in found] == [  # a citizen's @mention is pseudonymised
        "Is het stadskantoor morgen open?",
        f"RT @{citizen}: Is het stadskantoor morgen open?",
        "Zonnig in de Domstad #Utrecht",
    ]
    assert all(row["author"].startswith("burger-") for row in found)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[GM0344\n", "geen TOML-bestand"),
        ('[Utrecht]\nterms = ["x"]\n', "gemeentecode"),
        ('[GM0344]\nterms = "x"\n', "lijst met teksten"),
        ('[GM0344]\nwords = ["x"]\n', "onbekende sleutel words"),
    ],
)
def test_bad_terms_file_says_where(workspace, content, message):
    (workspace.root / "listening").mkdir()
    (workspace.root / "listening" / "terms.toml").write_text(content, encoding="utf-8")
    with pytest.raises(webcare.WebcareError, match=message) as error:
        webcare.load_terms(workspace)
    assert "terms.toml" in str(error.value)
