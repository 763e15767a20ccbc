"""The reply-time buckets as engine figures: DuckDB and Spark count the same buckets and
the same inbound questions as the webcare figures (app/webcare.py) count in Python.

One warehouse holds two sets, each checked by hand:

1. The real twarc v2 page of tests/indicators (tests/fixtures/indicators/SOURCES.md):
   gaudofdeath wrote two posts to CDonnyBrook1 on 2021-04-08; only 1380242054064660481
   ("…are...?") asks something, and it was never answered: bucket ``none`` on both clocks.
   1380239492452257798 ("Why do you keep stuttering …", no '?') is no question, so its
   reply after 8 minutes counts in no bucket.
2. Dutch posts to GemeenteUtrecht (GM0344) written here, April 2014 (Amsterdam is UTC+2;
   office hours 08:30–17:00 on working days, one working day D = 510 office minutes).
   Per question, local times, the 24/7 and the office minutes of the first reply:

   ====  ========================  =====================  ======  ======  ======  ======
   post  asked                     first reply            24/7    bucket  office  bucket
   ====  ========================  =====================  ======  ======  ======  ======
   1     Mon 7 Apr 10:00           10:10 (again 11:00)    10      15min   10      15min
   2     Mon 7 Apr 11:00           11:40                  40      1h      40      1h
   3     Tue 8 Apr 12:00           13:30                  90      2h      90      2h
   4     Mon 7 Apr 16:00           Tue 14:00              1 320   24h     390     24h
   5     Fri 4 Apr 16:50           Mon 08:40              3 830   later   20      1h
   6     Wed 9 Apr 10:00           Fri 11 Apr 10:00       2 880   later   1 020   later
   7     Thu 10 Apr 10:00          none                   –       none    –       none
   8     Thu 10 Apr 21:00          Fri 08:45              705     24h     15      15min
   ====  ========================  =====================  ======  ======  ======  ======

   Office minutes: 4 = 60 (Mon 16:00–17:00) + 330 (Tue 08:30–14:00); 5 = 10 + 10; 6 = 420
   (Wed) + 510 (Thu) + 90 (Fri); 8 = 0 (after hours) + 15. Not counted: a thank-you without
   a question, a retweet of a question, and the account's own post mentioning itself.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from meetlat.app import webcare
from meetlat.indicators import engine
from meetlat.indicators.buckets import BUCKETS

APRIL = (date(2014, 4, 1), date(2014, 4, 30))
REAL_DAY = (date(2021, 4, 8), date(2021, 4, 8))
ENGINES = ["duckdb", pytest.param("spark", marks=pytest.mark.spark)]

DUTCH_24_7 = {"15min": 1, "1h": 1, "2h": 1, "24h": 2, "later": 2, "none": 1}
DUTCH_OFFICE = {"15min": 2, "1h": 2, "2h": 1, "24h": 1, "later": 1, "none": 1}
REAL_BOTH = {"15min": 0, "1h": 0, "2h": 0, "24h": 0, "later": 0, "none": 1}


def _question(warehouse, post_id, author, at, text, reply_at=None, more_replies=()):
    warehouse.post(post_id, author, at, text=text, handle=f"inwoner{author}",
                   mentions=["gemeenteutrecht"])  # fmt: skip
    for number, moment in enumerate([reply_at, *more_replies] if reply_at else []):
        warehouse.post(
            f"{post_id}{number + 1}0",
            100,
            moment,
            kind="reply",
            in_reply_to_post_id=str(post_id),
            in_reply_to_account_id=str(author),
            handle="GemeenteUtrecht",
            text=f"@inwoner{author} Dank voor uw vraag, we zoeken het uit.",
        )


def _dutch(warehouse) -> None:
    warehouse.register("GM0344", "GemeenteUtrecht", account_id="100")
    q = _question
    q(warehouse, 1, 201, "2014-04-07 08:00", "Wanneer wordt het grofvuil opgehaald?",
      "2014-04-07 08:10", ["2014-04-07 09:00"])  # fmt: skip
    q(warehouse, 2, 202, "2014-04-07 09:00", "Kunt u zeggen waar ik een container kan halen",
      "2014-04-07 09:40")  # fmt: skip
    q(warehouse, 3, 203, "2014-04-08 10:00", "Is het stadskantoor morgen open?",
      "2014-04-08 11:30")  # fmt: skip
    q(warehouse, 4, 204, "2014-04-07 14:00", "Is de bibliotheek op zaterdag open?",
      "2014-04-08 12:00")  # fmt: skip
    q(warehouse, 5, 205, "2014-04-04 14:50", "Wanneer komt de veegwagen langs?",
      "2014-04-07 06:40")  # fmt: skip
    q(warehouse, 6, 206, "2014-04-09 08:00", "Waarom is de weg bij het station afgesloten?",
      "2014-04-11 08:00")  # fmt: skip
    q(warehouse, 7, 207, "2014-04-10 08:00", "Hoe laat gaat de milieustraat open?")
    q(warehouse, 8, 208, "2014-04-10 19:00", "Mag ik mijn kliko vanavond al buiten zetten?",
      "2014-04-11 06:45")  # fmt: skip
    # no questions: thanks, a retweet of a question, the account mentioning itself
    q(warehouse, 9, 209, "2014-04-07 13:00", "Mooi werk, dank!", "2014-04-07 13:05")
    warehouse.post(10, 210, "2014-04-07 15:00", kind="repost", handle="inwoner210",
                   text="RT @inwoner203: Is het stadskantoor morgen open?",
                   mentions=["inwoner203", "gemeenteutrecht"])  # fmt: skip
    warehouse.post(11, 100, "2014-04-08 07:00", handle="GemeenteUtrecht",
                   text="Wie weet waar @GemeenteUtrecht vandaag staat?",
                   mentions=["gemeenteutrecht"])  # fmt: skip


@pytest.fixture
def both(real_page, warehouse):
    """The real page (tests/webcare/conftest.py) and the Dutch posts in one warehouse."""
    _dutch(warehouse)
    return warehouse.write()  # every row again, the page's and the Dutch ones


def _buckets(row, prefix: str) -> dict:
    return {name: int(row[f"{prefix}{name}"]) for name in BUCKETS}


def _python_figures(ws, handle, period) -> webcare.Figures:
    now = datetime(2030, 1, 1, tzinfo=UTC)
    (figures,) = webcare.figures(webcare.messages(ws, handle, *period, now=now))
    return figures


@pytest.mark.parametrize("name", ENGINES)
def test_engines_count_the_hand_checked_buckets(both, name):
    utrecht = _python_figures(both, "gemeenteutrecht", APRIL)
    assert (utrecht.buckets, utrecht.office_buckets) == (DUTCH_24_7, DUTCH_OFFICE)
    assert utrecht.questions == 8
    donny = _python_figures(both, "cdonnybrook1", REAL_DAY)
    assert (donny.buckets, donny.office_buckets, donny.questions) == (REAL_BOTH, REAL_BOTH, 1)

    # the engine from its facts, and the same expressions over the warehouse itself
    for measured in (both, engine.connection(both, name)):
        april = engine.measure(measured, *APRIL, engine=name).set_index("handle")
        row = april.loc["gemeenteutrecht"]
        assert row["inbound_questions"] == utrecht.questions
        assert _buckets(row, "questions_reply_") == utrecht.buckets
        assert _buckets(row, "questions_office_") == utrecht.office_buckets
        assert row["questions_answered_pct"] == pytest.approx(100 * 7 / 8)

        real = engine.measure(measured, *REAL_DAY, engine=name).set_index("handle")
        row = real.loc["cdonnybrook1"]
        assert row["inbound_questions"] == donny.questions
        assert _buckets(row, "questions_reply_") == donny.buckets
        assert _buckets(row, "questions_office_") == donny.office_buckets
        laura = real.loc["lauraisomitted"]
        assert _buckets(laura, "questions_reply_") == dict.fromkeys(BUCKETS, 0)


@pytest.mark.spark
def test_duckdb_and_spark_give_identical_question_figures(both):
    columns = ["inbound_questions"] + [
        f"{prefix}{name}"
        for prefix in ("questions_reply_", "questions_office_")
        for name in BUCKETS
    ]
    for period in (APRIL, REAL_DAY, (date(2014, 4, 7), date(2014, 4, 7))):
        duck = engine.measure(both, *period, engine="duckdb")[["handle", *columns]]
        spark = engine.measure(both, *period, engine="spark")[["handle", *columns]]
        assert duck.to_dict("records") == spark.to_dict("records")
        by_town = engine.measure(both, *period, by="municipality", engine="duckdb")
        by_town_spark = engine.measure(both, *period, by="municipality", engine="spark")
        assert by_town[columns].to_dict("records") == by_town_spark[columns].to_dict("records")
