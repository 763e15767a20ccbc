"""The book's webcare test (seed 5147–5334) rebuilt from its described cases.

tests/fixtures/webcare/book_webcare_test.toml and book_webcare_replies.csv encode the 15
accounts with line references; the book's own result is buckets 4 / 3 / 3 / 4 / 1
(5179–5184), bios 6 / 4 / 5 (5164–5167), 7 direct answers and 5 links (5192–5194) and a
full answer from 2 of 15 (5243–5244).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from meetlat.app import webcaretest


@pytest.fixture
def book(fixtures):
    return fixtures / "webcare" / "book_webcare_test.toml"


def test_the_book_result(book):
    results = webcaretest.run(webcaretest.load(book))
    summary = webcaretest.report(results)
    assert summary.accounts == 15
    assert list(summary.buckets.values()) == [4, 3, 3, 4, 0, 1]
    assert summary.bios == {"webcare": 6, "news": 4, "unclear": 5}
    assert summary.full_answers == 2
    assert summary.criteria["direct_answer"] == 7
    assert summary.criteria["link"] == 5
    by_name = {r.account.name: r for r in results}
    assert {n for n, r in by_name.items() if r.full_answer} == {"Rotterdam", "Oegstgeest"}
    assert by_name["Zwolle"].bucket == "none"
    # Stichtse Vecht: acknowledgement after seven minutes, both replies signed ^SG
    sv = by_name["Stichtse Vecht"]
    assert sv.first_reply_minutes == 7 and sv.bucket == "15min"
    assert sv.scores["acknowledgement"] and sv.scores["initials"]
    # the stadsdeel after nineteen hours: the next day within 24 h; ^SH2; no link
    west = by_name["Stadsdeel West (Amsterdam)"]
    assert west.first_reply_minutes == 19 * 60 and west.bucket == "24h"
    assert (west.scores["initials"], west.scores["link"]) == (True, False)
    # Doesburg's bit.ly link is found by the rule
    assert by_name["Doesburg"].scores["link"] is True


def test_the_quoted_bios_by_the_rule():
    assert (
        webcaretest.classify_bio(
            "Welkom op het officiële Twitteraccount van de gemeente Goes! We helpen u graag met "
            "vragen over onze services en producten op werkdagen van 09-17u."
        )
        == "webcare"
    )
    assert (
        webcaretest.classify_bio(
            "Volg ons voor nieuws uit het West. Heeft u een klacht of melding? Gebruik dan liever "
            "het online formulier."
        )
        == "news"
    )
    assert (
        webcaretest.classify_bio(
            "Groene gemeente op kruispunt A2 en A76 gelegen langs Maas en Julianakanaal. Stein... "
            "wil je zien!"
        )
        == "unclear"
    )


def test_detected_criteria():
    at = datetime(2014, 8, 12, 12, 30, tzinfo=UTC)
    first = webcaretest.Reply("r", at, "Het tarief hangt af van het aantal honden (1/2)")
    second = webcaretest.Reply("r", at.replace(minute=31), "Zie rotterdam.nl/hond (2/2) ^AB")
    scores = webcaretest.score([second, first])
    assert scores["numbered"] and scores["link"] and scores["initials"]
    assert scores["acknowledgement"] is False
    assert scores["direct_answer"] is None  # only a person can judge
    manual = webcaretest.Reply("r", at, "Zie rotterdam.nl/hond", {"link": False})
    assert webcaretest.score([manual])["link"] is False  # the manual score wins


def test_bad_replies_are_left_out_and_reported(tmp_path, book, cli):
    (tmp_path / "t.toml").write_text(
        book.read_text(encoding="utf-8").replace("book_webcare_replies.csv", "r.csv"),
        encoding="utf-8",
    )
    (tmp_path / "r.csv").write_text(
        "handle,replied_at,text,direct_answer\n"
        "rotterdam,2014-08-12T14:30:00+02:00,,1\n"
        "rotterdam,2014-08-12 14:31,,1\n"
        "zwolle,2014-08-12T14:30:00+02:00,,1\n"
        "gemeentegoes,2014-08-12T14:30:00+02:00,,ja\n",
        encoding="utf-8",
    )
    test = webcaretest.load(tmp_path / "t.toml")
    assert [(r.handle, r.manual) for r in test.replies] == [("rotterdam", {"direct_answer": True})]
    assert len(test.problems) == 3
    assert "r.csv, regel 3: replied_at: verwacht een tijd met tijdverschil" in test.problems[0]
    assert "regel 4: account zwolle hoort niet bij de test" in test.problems[1]
    assert "regel 5: direct_answer: verwacht 1, 0 of leeg" in test.problems[2]
    result = cli("webcare", "test", "report", tmp_path / "t.toml")
    assert result.exit_code == 0
    assert "3 reacties weggelaten." in result.output
    assert "geen reactie: 14" in result.output


def test_cli_report_prints_the_book_shape(cli, book):
    result = cli("webcare", "test", "report", book)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Gesteld op 2014-08-12 14:17 aan 15 accounts:" in out
    for line in ("binnen een kwartier: 4", "binnen het uur: 3", "tussen 1 en 2 uur: 3",
                 "de volgende dag, binnen 24 uur: 4", "geen reactie: 1", "noemt webcare: 6",
                 "alleen nieuws: 4", "onduidelijk: 5"):  # fmt: skip
        assert line in out
    assert "Een volledig antwoord van 2 van de 15 accounts." in out


def test_cli_run_json(cli, book):
    result = cli("webcare", "test", "run", book, "--json")
    rows = json.loads(result.output)
    assert len(rows) == 15
    assert sum(r["full_answer"] for r in rows) == 2


def test_cli_bad_file_fails_with_reason(cli, tmp_path):
    (tmp_path / "t.toml").write_text('question = "Is het open?"\n', encoding="utf-8")
    result = cli("webcare", "test", "report", tmp_path / "t.toml")
    assert result.exit_code == 1
    assert "asked_at" in result.output


def test_replies_taken_from_imported_posts(tmp_path, warehouse, cli, monkeypatch):
    """The researcher's question and two replies stored as posts (the Stichtse Vecht texts
    of the book, seed 5215–5220); the CSV gives one of them its manual scores."""
    ws = warehouse.ws
    warehouse.post(500, 9, "2014-08-12 12:17", handle="odeleeuw",
                   text="@stichtsevecht Maakt het voor de hondenbelasting uit hoe groot de hond is?",
                   mentions=["stichtsevecht"])  # fmt: skip
    warehouse.post(501, 7, "2014-08-12 12:24", kind="reply", handle="StichtseVecht",
                   in_reply_to_post_id="500", in_reply_to_account_id="9",
                   text="@odeleeuw Bedankt voor uw vraag m.b.t. hondenbelasting. We zoeken het uit. ^SG")  # fmt: skip
    warehouse.post(502, 7, "2014-08-12 14:47", kind="reply", handle="StichtseVecht",
                   in_reply_to_post_id="500", in_reply_to_account_id="9",
                   text="@odeleeuw Grootte hond maakt niet uit, alleen het aantal honden. ^SG")  # fmt: skip
    warehouse.post(503, 7, "2014-08-11 09:00", kind="reply", handle="StichtseVecht",
                   in_reply_to_post_id="400", in_reply_to_account_id="9", text="eerder")  # fmt: skip
    warehouse.write()
    (tmp_path / "t.toml").write_text(
        'question = "Maakt het voor de hondenbelasting uit hoe groot de hond is?"\n'
        'asked_at = 2014-08-12T14:17:00+02:00\nasker = "odeleeuw"\nreplies = "r.csv"\n'
        '[[account]]\nhandle = "stichtsevecht"\nname = "Stichtse Vecht"\nbio_class = "webcare"\n'
        '[[account]]\nhandle = "gemeentezwolle"\nname = "Zwolle"\nbio_class = "unclear"\n',
        encoding="utf-8",
    )
    (tmp_path / "r.csv").write_text(
        "handle,replied_at,post_id,direct_answer,why\n"
        "stichtsevecht,2014-08-12T16:47:00+02:00,502,1,0\n"
        "stichtsevecht,2014-08-12T16:50:00+02:00,999,1,0\n",
        encoding="utf-8",
    )
    test = webcaretest.with_imported_replies(webcaretest.load(tmp_path / "t.toml"), ws)
    assert [r.post_id for r in test.replies] == ["501", "502"]  # 503 was before the question
    assert test.replies[1].manual == {"direct_answer": True, "why": False}
    assert "reactie 999 staat niet in het datawarehouse" in test.problems[0]
    sv, zwolle = webcaretest.run(test)
    assert (sv.first_reply_minutes, sv.bucket, sv.replies) == (7, "15min", 2)
    assert sv.scores["acknowledgement"] and sv.scores["initials"] and sv.scores["direct_answer"]
    assert sv.scores["why"] is False and not sv.full_answer
    assert zwolle.bucket == "none"
    monkeypatch.setenv("MEETLAT_HOME", str(ws.root))
    result = cli("webcare", "test", "report", tmp_path / "t.toml")
    assert "binnen een kwartier: 1" in result.output and "geen reactie: 1" in result.output
