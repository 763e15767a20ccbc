"""The webcare page of a municipality (/webcare/<code>/) on the webcare tests' posts
(webcare_fixtures): the open question with its age, the answered ones with their reply,
the buckets equal to `meetlat webcare figures` for the same data, the daily overview,
listening, who may see the page, citizens never named, a bad period refused in Dutch,
and the researcher's coding job over what came in."""

# ruff: noqa: F811  (the fixtures of webcare_fixtures are imported, then asked for by name)

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from html import unescape
from html.parser import HTMLParser

import pytest
from django.test import Client
from webcare_fixtures import CITIZENS, webcare_home  # noqa: F401

from meetlat.app import webcare
from meetlat.web import webcare as pages
from meetlat.web.models import CodingJob

UTRECHT = "/webcare/GM0344/"
PERIOD = {"van": "2014-04-04", "tot": "2014-04-08"}


class Tables(HTMLParser):
    """Per table inside <main>: its caption and its rows, each a list of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._current = None
        self._text = None
        self._row = None
        self._caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._current = []
        elif tag == "caption":
            self._caption, self._text = True, ""
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._text = ""

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables[" ".join(self._text.split())] = self._current
            self._caption, self._text = False, None
        elif tag in ("td", "th") and self._text is not None:
            self._row.append(" ".join(self._text.split()))
            self._text = None
        elif tag == "tr" and self._row is not None:
            self._current.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._text is not None:
            self._text += data


def _tables(html: str) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


@pytest.fixture
def utrecht_client(utrecht, webcare_home):
    return utrecht


def test_the_queue_shows_the_open_question_with_its_age(utrecht_client):
    response = utrecht_client.get(UTRECHT, PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 open vraag in de periode 2014-04-04 tot en met 2014-04-08." in html
    (header, row) = _tables(html)["Open vragen aan @gemeenteutrecht (x)"]
    assert header == ["Gesteld", "Wacht al", "Afzender", "Vraag"]
    # 8 April 12:30 local; the page's clock is 10 April 14:00 local: 49.5 hours
    assert row[0] == "2014-04-08 12:30" and row[1] == "2 dagen"
    assert row[2].startswith("burger-")
    assert re.fullmatch(r"@burger-\S+ weet jij wanneer @GemeenteUtrecht het grofvuil ophaalt\?",
                        unescape(row[3]))  # fmt: skip


def test_the_age_in_hours_on_the_real_page(amsterdam, webcare_home, monkeypatch):
    monkeypatch.setattr(pages, "now", lambda: datetime(2021, 4, 9, tzinfo=UTC))
    html = amsterdam.get("/webcare/GM0363/", {"van": "2021-04-08", "tot": "2021-04-08"})
    tables = _tables(html.content.decode())
    (_header, row) = tables["Open vragen aan @cdonnybrook1 (x)"]
    # 19:32:04 UTC asked; 4 h 27 min 56 s before the clock
    assert row[0] == "2021-04-08 21:32" and row[1] == "4 uur"
    assert row[2].startswith("burger-")
    assert "Open vragen aan @lauraisomitted (x)" not in tables  # nothing was asked of it


def test_answered_questions_show_the_reply_and_the_reaction_time(utrecht_client):
    html = utrecht_client.get(UTRECHT, PERIOD).content.decode()
    header, *rows = _tables(html)["Beantwoorde vragen aan @gemeenteutrecht (x)"]
    assert header[3:] == ["Antwoord", "Reactietijd (24/7)", "Reactietijd (kantooruren)"]
    by_question = {unescape(r[2]): r for r in rows}
    assert list(by_question) == [  # the latest first
        "Is het stadskantoor morgen open?",
        "Kunt u ook zeggen waar ik een container kan halen",
        "Wanneer wordt het grofvuil opgehaald?",
    ]
    friday = by_question["Wanneer wordt het grofvuil opgehaald?"]
    assert re.fullmatch(r"@burger-\S+ Elke tweede dinsdag van de maand\.", friday[3])
    assert friday[4:] == ["2 dagen", "20 minuten"]  # 3 830 minutes 24/7, 20 office minutes
    assert by_question["Kunt u ook zeggen waar ik een container kan halen"][4:] == [
        "50 minuten", "50 minuten",
    ]  # fmt: skip
    assert by_question["Is het stadskantoor morgen open?"][4:] == ["22 uur", "6 uur"]


def test_the_buckets_equal_the_cli_and_the_use_case(utrecht_client, webcare_home, cli):
    html = utrecht_client.get(UTRECHT, PERIOD).content.decode()
    tables = _tables(html)
    figures = json.loads(
        cli("webcare", "figures", "--account", "gemeenteutrecht", "--from", PERIOD["van"],
            "--to", PERIOD["tot"], "--json").output
    )  # fmt: skip
    (row,) = figures
    found = webcare.messages(webcare_home, "gemeenteutrecht", date(2014, 4, 4), date(2014, 4, 8))
    (app_row,) = webcare.figures(found)
    assert row["buckets"] == app_row.buckets and row["office_buckets"] == app_row.office_buckets
    header, *rates = tables["Reactiepercentage per account"]
    assert rates == [[
        "@gemeenteutrecht (x)", str(row["messages"]), str(row["questions"]),
        str(row["answered"]), "75,0%",
    ]]  # fmt: skip
    assert (row["messages"], row["questions"], row["answered"]) == (6, 4, 3)
    header, *buckets = tables["Reactietijd op de vragen aan @gemeenteutrecht (x)"]
    assert header == ["Klasse", "24/7-klok", "Kantooruren"]
    labels = ["binnen een kwartier", "binnen het uur", "tussen 1 en 2 uur",
              "de volgende dag, binnen 24 uur", "later", "geen reactie"]  # fmt: skip
    assert [b[0] for b in buckets] == labels
    names = list(row["buckets"])
    assert [int(b[1]) for b in buckets] == [row["buckets"][n] for n in names]
    assert [int(b[2]) for b in buckets] == [row["office_buckets"][n] for n in names]
    assert [int(b[1]) for b in buckets] == [0, 1, 0, 1, 1, 1]
    assert [int(b[2]) for b in buckets] == [0, 2, 0, 1, 0, 1]


def test_the_daily_overview(utrecht_client):
    html = utrecht_client.get(UTRECHT, PERIOD).content.decode()
    header, *days = _tables(html)["Berichten per dag"]
    assert header == ["Dag", "Berichten", "Actie nodig", "Nog open", "Geen actie"]
    assert days == [
        ["2014-04-04", "1", "1", "0", "0"],
        ["2014-04-05", "0", "0", "0", "0"],
        ["2014-04-06", "0", "0", "0", "0"],
        ["2014-04-07", "4", "2", "0", "2"],
        ["2014-04-08", "1", "1", "1", "0"],
    ]


def test_listening_shows_the_posts_of_the_search_terms(utrecht_client):
    html = utrecht_client.get(UTRECHT, PERIOD).content.decode()
    assert "3 berichten uit de periode passen bij de zoektermen van de gemeente." in html
    header, *rows = _tables(html)["Berichten met de zoektermen"]
    texts = [unescape(r[2]) for r in rows]
    assert texts[0] == "Zonnig in de Domstad #Utrecht"  # the latest first
    assert re.fullmatch(r"RT @burger-\S+: Is het stadskantoor morgen open\?", texts[1])
    assert [r[3] for r in rows] == ["nee", "nee", "ja"]


def test_no_citizen_is_named_anywhere_on_the_page(utrecht_client, amsterdam, monkeypatch):
    pages_html = [
        utrecht_client.get(UTRECHT, PERIOD).content.decode().lower(),
        amsterdam.get("/webcare/GM0363/", {"van": "2021-04-08", "tot": "2021-04-08"})
        .content.decode()
        .lower(),
    ]
    assert "burger-" in pages_html[0] and "burger-" in pages_html[1]
    for html in pages_html:
        for citizen in CITIZENS:
            assert citizen not in html, citizen


def test_the_default_period_is_the_last_seven_days(utrecht_client):
    html = utrecht_client.get(UTRECHT).content.decode()
    # the page's clock: 10 April 2014
    assert 'name="van" value="2014-04-04"' in html and 'name="tot" value="2014-04-10"' in html
    assert len(_tables(html)["Berichten per dag"]) == 1 + 7


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"van": "2014-13-01"}, "van=2014-13-01 is geen datum: geef er een zoals 2014-04-01."),
        ({"van": "gisteren", "tot": "2014-04-08"}, "van=gisteren is geen datum"),
        ({"van": "2014-04-08", "tot": "2014-04-01"}, "De laatste dag (2014-04-01) ligt voor"),
        ({"van": "2012-01-01", "tot": "2014-04-01"}, "Kies een periode van hoogstens 366 dagen."),
    ],
)
def test_a_bad_period_is_refused_in_dutch(utrecht_client, query, message):
    response = utrecht_client.get(UTRECHT, query)
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert message in html
    assert 'role="alert"' in html and 'aria-invalid="true"' in html


def test_who_may_see_the_page(webcare_home, amsterdam, utrecht, researcher_client):
    anonymous = Client().get(UTRECHT)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/inloggen/")
    refused = amsterdam.get(UTRECHT, PERIOD)
    assert refused.status_code == 404
    assert "GemeenteUtrecht".lower() not in refused.content.decode().lower()
    assert utrecht.get(UTRECHT, PERIOD).status_code == 200
    assert researcher_client.get(UTRECHT, PERIOD).status_code == 200
    assert researcher_client.get("/webcare/GM9999/").status_code == 404  # no municipality
    # only the researcher makes coding jobs
    assert utrecht.post(UTRECHT + "coderen/", PERIOD).status_code == 404
    assert amsterdam.post(UTRECHT + "coderen/", PERIOD).status_code == 404


def test_the_menu_and_the_dashboard_link_to_the_page(utrecht_client):
    home = utrecht_client.get(UTRECHT, PERIOD).content.decode()
    assert f'href="{UTRECHT}">Webcare</a>' in home
    assert "vraag de onderzoeker" in home  # a municipality's person cannot make coding jobs
    assert "Codeeropdracht van deze periode maken" not in home


def test_the_researcher_codes_what_came_in(webcare_home, researcher_client):
    page = researcher_client.get(UTRECHT, PERIOD).content.decode()
    assert "Codeeropdracht van deze periode maken" in page
    made = researcher_client.post(UTRECHT + "coderen/", {**PERIOD, "size": 10, "overlap": 0})
    assert made.status_code == 302
    job = CodingJob.objects.get()
    assert made["Location"] == f"/onderzoek/codeeropdrachten/{job.pk}/"
    assert job.name == "Webcare Utrecht, 2014-04-04 tot en met 2014-04-08"
    assert job.criteria["addressed"] == ["gemeenteutrecht"] and job.criteria["terms"] == []
    assert (job.criteria["start"], job.criteria["end"]) == ("2014-04-04", "2014-04-08")
    units = list(job.units.order_by("post_id"))
    # the posts of the period addressed to the account, as the page counts them: the
    # mentions 1, 3, 4 and 7 and the reply 2 (its text does not name the account); the
    # repost 5 is a message but is not coded
    assert [u.post_id for u in units] == ["1", "2", "3", "4", "7"]
    for unit in units:
        assert unit.author.startswith("burger-")
        assert not any(c in unit.text.lower() for c in CITIZENS)
    assert researcher_client.get(made["Location"]).status_code == 200


def test_a_workspace_without_accounts_says_so(utrecht, db):
    response = utrecht.get(UTRECHT)
    assert response.status_code == 200
    assert "Het accountregister bevat nog geen account van deze gemeente." in (
        unescape(response.content.decode())
    )


def test_no_search_terms_is_said_plainly(amsterdam, webcare_home):
    html = amsterdam.get("/webcare/GM0363/", {"van": "2021-04-08", "tot": "2021-04-08"})
    assert "Voor deze gemeente zijn geen zoektermen ingesteld" in html.content.decode()
    assert str(webcare_home.root) not in html.content.decode()


def test_the_dashboard_links_to_the_page(webcare_home, researcher_client):
    response = researcher_client.get("/dashboard/GM0344/", follow=True)
    assert response.status_code == 200
    assert f'href="{UTRECHT}"' in response.content.decode()


def test_the_period_and_the_durations(monkeypatch):
    monkeypatch.setattr(pages, "now", lambda: datetime(2014, 4, 10, 23, 30, tzinfo=UTC))
    assert pages.period(None, None) == (date(2014, 4, 5), date(2014, 4, 11))  # Amsterdam
    assert pages.period("2014-04-01", "") == (date(2014, 4, 1), date(2014, 4, 7))
    assert pages.period("", "2014-04-08") == (date(2014, 4, 2), date(2014, 4, 8))
    assert pages.period("2014-04-08", "2014-04-08") == (date(2014, 4, 8), date(2014, 4, 8))
    durations = [None, 0.4, 1, 59.9, 60, 23 * 60 + 59, 24 * 60, 49.5 * 60, 3830]
    assert [pages.duration(m) for m in durations] == [
        "–", "0 minuten", "1 minuut", "59 minuten", "1 uur", "23 uur", "1 dag", "2 dagen",
        "2 dagen",
    ]  # fmt: skip
