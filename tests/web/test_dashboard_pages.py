"""The dashboard per municipality and the national overview: who may see them, figures
equal to those of `meetlat report municipality` and `meetlat national --json` for the same
data, a published overview that a later import leaves as it was, drafts only for the
researcher and marked as concept, Dutch texts."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from html import unescape
from html.parser import HTMLParser

import pyarrow.parquet as pq
import pytest
from django.test import Client
from typer.testing import CliRunner

from meetlat import accounts as registry
from meetlat import workspace
from meetlat.app import facts, figuretext, publishing, questionnaire
from meetlat.cli.main import build_app
from meetlat.indicators.periods import named_period
from meetlat.ranking.national import label
from meetlat.web import dashboards

EDITION = "2014"  # the edition of tests/web/conftest.py

PERIOD = "2014Q2"


@pytest.fixture(autouse=True)
def _fresh_cache():
    dashboards.clear()  # every test's workspace is a copy at a new path, but be plain
    yield
    dashboards.clear()


def _codes() -> list[str]:
    return sorted(set(registry.load(workspace.current()).column("municipality_code").to_pylist()))


class Cells(HTMLParser):
    """The text of every table cell (th and td) inside ``<main>``, table by table."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._main = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self._main = True
        if self._main and tag == "table":
            self.tables.append([])
        if self._main and tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "main":
            self._main = False
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1].append(" ".join(self._cell.split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def _tables(html: str) -> list[list[str]]:
    parser = Cells()
    parser.feed(html if "<main" in html else f"<main>{html}</main>")
    return parser.tables


def _meetlat(*args):
    return CliRunner().invoke(build_app(), [str(a) for a in args], catch_exceptions=False)


# --- who may see a dashboard ------------------------------------------------------------------


def test_a_visitor_not_logged_in_is_sent_to_the_login_page(published, db):
    code = _codes()[0]
    response = Client().get(f"/dashboard/{code}/{PERIOD}/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_a_respondent_sees_the_own_dashboard_and_not_another_municipalitys(published, db, invite):
    own, other = _codes()[:2]
    client, _token = invite(own, "respondent")
    page = client.get(f"/dashboard/{own}/{PERIOD}/")
    assert page.status_code == 200
    assert page["Content-Language"] == "nl"
    text = page.content.decode()
    assert "Samenvatting" in text and "Kwartaal" in text
    refused = client.get(f"/dashboard/{other}/{PERIOD}/")
    assert refused.status_code == 404
    assert "Pagina niet gevonden" in refused.content.decode()
    assert dashboards.municipality_name(other) not in refused.content.decode()
    assert client.get(f"/dashboard/{other}/").status_code == 404
    # the list of dashboards takes a respondent to their own
    assert client.get("/dashboard/")["Location"] == f"/dashboard/{own}/"


def test_the_researcher_sees_every_dashboard_and_the_list(published, researcher_client):
    codes = _codes()
    listing = researcher_client.get("/dashboard/").content.decode()
    for code in codes:
        assert f'href="/dashboard/{code}/"' in listing
        assert researcher_client.get(f"/dashboard/{code}/{PERIOD}/").status_code == 200


def test_the_latest_quarter_is_the_default_and_the_chooser_lists_the_quarters(
    published, researcher_client
):
    code = _codes()[0]
    response = researcher_client.get(f"/dashboard/{code}/")
    assert response.status_code == 302 and response["Location"] == f"/dashboard/{code}/{PERIOD}/"
    page = researcher_client.get(response["Location"]).content.decode()
    assert re.findall(r'<option value="([0-9Q]+)"', page) == [PERIOD]
    chosen = researcher_client.get(f"/dashboard/{code}/?periode=2014q2")
    assert chosen["Location"] == f"/dashboard/{code}/{PERIOD}/"
    # through htmx the chooser gets the page itself and the address to show
    swapped = researcher_client.get(f"/dashboard/{code}/?periode={PERIOD}", HTTP_HX_REQUEST="true")
    assert swapped.status_code == 200 and swapped["HX-Push-Url"] == f"/dashboard/{code}/{PERIOD}/"
    # a quarter without data, or not a quarter at all: not found
    assert researcher_client.get(f"/dashboard/{code}/2013Q1/").status_code == 404
    assert researcher_client.get(f"/dashboard/{code}/?periode=2013Q1").status_code == 404
    assert researcher_client.get(f"/dashboard/{code}/onzin/").status_code == 404
    assert researcher_client.get(f"/dashboard/GM9999/{PERIOD}/").status_code == 404


def test_a_municipality_without_accounts_is_told_so(published, db, invite):
    client, _token = invite("GM0344", "respondent")  # Utrecht: not in the registry
    assert "GM0344" not in _codes()
    page = client.get(f"/dashboard/GM0344/{PERIOD}/").content.decode()
    assert "heeft geen accounts in het register" in page


# --- the same figures as the municipality report ----------------------------------------------


def test_the_dashboard_shows_the_tables_of_meetlat_report_municipality(
    published, researcher_client, tmp_path
):
    code = _codes()[0]
    out = tmp_path / "rapport.html"
    done = _meetlat("report", "municipality", code, "--period", PERIOD, "--edition", EDITION,
                    "--format", "html", "--out", out, "--generated-at", "2014-09-01T12:00Z")  # fmt: skip
    assert done.exit_code == 0, done.output
    report = _tables(out.read_text())
    page = researcher_client.get(f"/dashboard/{code}/{PERIOD}/").content.decode()
    shown = _tables(page)
    assert len(report) >= 5
    assert shown == report  # every table, every cell, in the same order
    # and the charts with their text alternatives are those of the report
    report_alts = re.findall(r'<img src="data:image/svg\+xml;base64,[^"]*" alt="([^"]*)"',
                             out.read_text())  # fmt: skip
    page_alts = re.findall(r'<img class="meetlat-chart__image" src="[^"]*" alt="([^"]*)"', page)
    assert report_alts and page_alts == report_alts
    # the cached page is the same page
    again = researcher_client.get(f"/dashboard/{code}/{PERIOD}/").content.decode()
    assert _main(again) == _main(page)


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_a_submitted_questionnaire_reaches_the_dashboard(published, researcher_client):
    code = _codes()[0]
    before = researcher_client.get(f"/dashboard/{code}/{PERIOD}/").content.decode()
    ws = workspace.current()
    chosen = questionnaire.edition(EDITION, ws)
    grade = {q.id: 1 for q in chosen.questions if q.type == "grade"}
    questionnaire.store_response(ws, chosen, code, grade, "test")
    after = researcher_client.get(f"/dashboard/{code}/{PERIOD}/").content.decode()
    assert after != before  # the data key changed with the answers: gathered again


# --- the national overview ---------------------------------------------------------------------


def _national_rows(html: str) -> list[list[str]]:
    first = _tables(html)[0]
    return [first[i : i + 4] for i in range(4, len(first), 4)]


def _expected(rows: list[dict]) -> list[list[str]]:
    return [
        [
            label(r["key"]),
            figuretext.figure_value(r["value"], r["unit"]),
            figuretext.figure_value(r["previous"], r["unit"]),
        ]
        for r in rows
    ]


def test_the_overview_is_public_and_starts_at_the_latest_published_version(published, db):
    client = Client()
    assert client.get("/overzicht/")["Location"] == f"/overzicht/{EDITION}/2/"
    assert client.get(f"/overzicht/{EDITION}/laatste/")["Location"] == f"/overzicht/{EDITION}/2/"
    page = client.get(f"/overzicht/{EDITION}/1/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Landelijk overzicht 2014" in text and "Er is een nieuwere versie" in text
    assert "Concept" not in text and "/concept/" not in text
    assert client.get(f"/overzicht/{EDITION}/9/").status_code == 404
    # the home page links to it
    assert 'href="/overzicht/"' in client.get("/").content.decode()


def test_the_published_overview_shows_the_snapshot_not_the_later_imports(published, db):
    """Version 1 was published before May and June were imported: its page shows its own
    frozen figures, and they differ from the drafts of now."""
    ws = workspace.current()
    for version in (1, 2):
        rows = publishing.table_document(ws, EDITION, version, "national")["rows"]
        page = Client().get(f"/overzicht/{EDITION}/{version}/").content.decode()
        assert [r[:3] for r in _national_rows(page)] == _expected(rows)
        ranking = publishing.table_document(ws, EDITION, version, "ranking")["rows"]
        ranked = [r for r in ranking if r["position"] is not None]
        assert f"{len(ranked)} gemeenten zijn gerangschikt" in unescape(page)
    assert _expected(published.drafts["national"]) != _expected(
        publishing.table_document(ws, EDITION, 1, "national")["rows"]
    )


def test_the_overview_figures_equal_meetlat_national_json(published, researcher_client):
    ws = workspace.current()
    made = publishing.publish(ws, EDITION, *named_period(PERIOD), by="test")
    done = _meetlat("national", "--period", PERIOD, "--json")
    assert done.exit_code == 0, done.output
    figures = json.loads(done.stdout[done.stdout.index("{") :])["figures"]
    page = Client().get(f"/overzicht/{EDITION}/{made.version}/").content.decode()
    assert [r[:3] for r in _national_rows(page)] == _expected(figures)
    # the drafts of the same data: the same figures, marked as concept, researcher only
    draft = researcher_client.get(f"/overzicht/{EDITION}/concept/?periode={PERIOD}")
    text = draft.content.decode()
    assert draft.status_code == 200 and "Concept" in text and "niet gepubliceerd" in text
    assert [r[:3] for r in _national_rows(text)] == _expected(figures)


def test_the_drafts_are_not_public(published, db, invite):
    assert Client().get(f"/overzicht/{EDITION}/concept/").status_code == 302  # to the login
    client, _token = invite(_codes()[0], "respondent")
    assert client.get(f"/overzicht/{EDITION}/concept/").status_code == 404


def test_the_overview_when_nothing_is_published(researcher_client):
    page = Client().get("/overzicht/").content.decode()
    assert "Er is nog geen editie gepubliceerd." in page
    researcher = researcher_client.get(f"/overzicht/{EDITION}/concept/?periode=onzin")
    assert researcher.status_code == 400
    assert "onzin is geen periode" in researcher.content.decode()


def test_the_overview_has_charts_with_text_alternatives_and_data_tables(published, db):
    page = Client().get(f"/overzicht/{EDITION}/2/").content.decode()
    alts = re.findall(r'<img class="meetlat-chart__image" src="data:image/svg\+xml;base64,'
                      r'[^"]+" alt="([^"]+)"', page)  # fmt: skip
    assert len(alts) >= 3 and all(a.startswith("Staafdiagram") for a in alts)
    assert page.count("Gegevens van de grafiek") == len(alts)
    for heading in ("Landelijke cijfers", "Top interactie", "Top reactietijd",
                    "De gecombineerde ranglijst", "De gemiddelde gemeente op het groeimodel"):  # fmt: skip
        assert heading in page, heading


def test_no_citizen_is_named_on_a_dashboard_or_the_overview(published, researcher_client):
    """The synthetic data hold citizens' accounts (they ask and get answers): neither page
    names one."""
    ws = workspace.current()
    stored = pq.read_table(ws.warehouse / "accounts").column("handle").to_pylist()
    citizens = {h.lower().lstrip("@") for h in stored if h} - {
        h.lower().lstrip("@") for h in published.registry_handles
    }
    assert len(citizens) > 10
    pages = [Client().get(f"/overzicht/{EDITION}/{v}/").content.decode() for v in (1, 2)]
    pages += [researcher_client.get(f"/dashboard/{c}/{PERIOD}/").content.decode() for c in _codes()]
    for text in pages:
        words = {w.lower() for w in re.findall(r"@?([A-Za-z0-9_]{3,})", unescape(_main(text)))}
        assert not words & citizens, sorted(words & citizens)[:5]


def test_the_quarters_are_those_with_posts_of_the_municipality(published, monkeypatch):
    ws, code = workspace.current(), _codes()[0]
    assert dashboards.quarters(ws, code) == [PERIOD] == dashboards.quarters(ws)
    assert dashboards.quarters(ws, "GM0344") == []  # no registry accounts: no posts
    hours = [(date(2013, 12, 31), 23), (date(2014, 3, 31), 22), (date(2014, 3, 31), 23)]
    # 22:00 UTC on 31 March is midnight of 1 April in Amsterdam (summer time): the second quarter
    monkeypatch.setattr(
        facts.factstore,
        "open_duckdb",
        lambda folder, warehouse: _Hours(
            [int(datetime(d.year, d.month, d.day, h, tzinfo=UTC).timestamp()) // 3600
             for d, h in hours]
        ),
    )  # fmt: skip
    assert facts.quarters_with_posts(ws) == [(2014, 2), (2014, 1)]


class _Hours:
    def __init__(self, hours):
        self.hours = hours

    def execute(self, query, parameters=None):
        return self

    def fetchall(self):
        return [(h,) for h in self.hours]

    def close(self):
        pass


def test_the_edition_of_a_quarter_is_its_years_else_the_latest_before(ws):
    assert dashboards.edition_for(ws, 2014) == "2014"
    assert dashboards.edition_for(ws, 2019) == max(
        (n for n in questionnaire.available_editions(ws) if n.isdigit() and int(n) <= 2019),
        key=int,
    )


def test_what_is_kept_is_computed_once_and_the_oldest_dropped_first():
    kept, made = dashboards.Kept(2), []
    for key in ("a", "b", "a", "c", "b"):
        kept.get(key, lambda key=key: made.append(key) or key.upper())
    assert made == ["a", "b", "c", "b"]  # "a" kept, then "b" dropped for "c"
    assert list(kept.values) == ["c", "b"]
