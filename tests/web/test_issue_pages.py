"""The issue pages of a municipality (/webcare/<code>/kwesties/) on the tunnel case of
the issue tests (issue_fixtures): the list shows the tunnel issue, its report page the
book's three parts with the 90 minutes to the municipality's first own post and the
teneur the coders gave in the web application, the PDF download, who may see them,
citizens never named, and an issue file that cannot be used said in Dutch."""

# ruff: noqa: F811  (the fixtures of issue_fixtures are imported, then asked for by name)

from __future__ import annotations

import re

import pytest
from django.test import Client
from issue_fixtures import CITIZENS, ISSUES, coded, issue_home, tunnel  # noqa: F401

from meetlat.app import issues
from meetlat.web import issues as pages

LIST = "/webcare/GM0363/kwesties/"
REPORT = LIST + "tunnel/"
PDF = LIST + "tunnel.pdf"


def _no_citizen(html: str) -> None:
    lowered = html.lower()
    named = [h for h in CITIZENS if h in lowered]
    assert not named, named


def test_the_list_shows_the_tunnel_issue(amsterdam, issue_home):
    response = amsterdam.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wateroverlast in de tunnel" in html
    assert 'href="/webcare/GM0363/kwesties/tunnel/"' in html
    assert 'href="/webcare/GM0363/kwesties/tunnel.pdf"' in html
    assert "2014-08-10 tot en met 2014-08-13" in html


def test_the_webcare_page_links_to_the_issues(amsterdam, issue_home):
    html = amsterdam.get("/webcare/GM0363/").content.decode()
    assert 'href="/webcare/GM0363/kwesties/"' in html


def test_the_report_page_in_the_book_s_frame(amsterdam, issue_home, coded):
    response = amsterdam.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    headings = re.findall(r"<h2 [^>]*>([^<]+)</h2>", html)
    assert headings == ["Aanleiding", "Analyse", "Advies"]
    assert '<h1 class="utrecht-heading-1">Wateroverlast in de tunnel</h1>' in html
    assert ">90<" in html  # the minutes from the spike to the municipality's first own post
    assert "12 augustus 2014 14:02" in html and "12 augustus 2014 15:32" in html
    assert "Geef de webcare de vrijheid" in html  # the analyst's advice
    assert "Zoals gecodeerd door 2 codeurs: 9 van de 13 berichten" in html
    assert "onbeslist (gelijke stand)" in html
    assert 'href="/webcare/GM0363/kwesties/tunnel.pdf"' in html
    _no_citizen(html)


def test_the_labels_of_the_coding_job_give_the_teneur_of_the_export(issue_home, coded):
    """The database's labels and the coding export (coderingen.csv) of the same job give
    the same figures: one conversion for both."""
    issue = issues.load(issue_home.root / "issues" / "tunnel.toml")
    exported = issues.read_labels((ISSUES / "coderingen.csv").read_text(encoding="utf-8"), "csv")
    from_db = issues.figures(issue_home, issue, pages.labels(issue))
    from_csv = issues.figures(issue_home, issue, exported)
    assert from_db.teneur == from_csv.teneur
    assert (from_db.coded, from_db.coders) == (from_csv.coded, from_csv.coders) == (9, 2)
    assert from_db.supporters == from_csv.supporters and from_db.critics == from_csv.critics


def test_without_labels_the_report_says_nothing_is_coded(amsterdam, issue_home):
    html = amsterdam.get(REPORT).content.decode()
    assert "Er is nog geen bericht over het issue gecodeerd." in html


def test_the_pdf(amsterdam, issue_home, coded):
    response = amsterdam.get(PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="kwestie-tunnel.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize("address", [LIST, REPORT, PDF])
def test_another_municipality_gets_404(utrecht, issue_home, address):
    assert utrecht.get(address).status_code == 404


def test_the_tunnel_is_not_listed_for_another_municipality(utrecht, issue_home):
    response = utrecht.get("/webcare/GM0344/kwesties/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wateroverlast" not in html and "Er is nog geen issue van deze gemeente" in html
    assert utrecht.get("/webcare/GM0344/kwesties/tunnel/").status_code == 404


@pytest.mark.parametrize("address", [LIST, REPORT, PDF])
def test_anonymous_is_sent_to_the_login(db, issue_home, address):
    response = Client().get(address)
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_an_unknown_issue_is_404(amsterdam, issue_home):
    assert amsterdam.get(LIST + "weg/").status_code == 404
    assert amsterdam.get(LIST + "weg.pdf").status_code == 404


def test_the_researcher_sees_the_report(researcher_client, issue_home, coded):
    response = researcher_client.get(REPORT)
    assert response.status_code == 200
    _no_citizen(response.content.decode())


def _bad_issue(issue_home) -> None:
    path = issue_home.root / "issues" / "tunnel.toml"
    text = path.read_text(encoding="utf-8").replace("date = 2014-08-13", 'date = "13 augustus"')
    path.write_text(text, encoding="utf-8")


def test_a_bad_issue_file_is_a_dutch_message(amsterdam, issue_home):
    _bad_issue(issue_home)
    listed = amsterdam.get(LIST)
    assert listed.status_code == 200
    html = listed.content.decode()
    assert "Dit issuebestand is niet te gebruiken" in html
    assert "issues/tunnel.toml: milestones[2].date: verwacht een datum" in html
    assert str(issue_home.root) not in html  # the workspace's folder is not shown
    for address in (REPORT, PDF):
        response = amsterdam.get(address)
        assert response.status_code == 400
        page = response.content.decode()
        assert "Dit issuebestand is niet te gebruiken" in page
        assert "milestones[2].date" in page


def test_a_bad_file_of_another_municipality_stays_hidden(utrecht, issue_home):
    _bad_issue(issue_home)
    assert "tunnel" not in utrecht.get("/webcare/GM0344/kwesties/").content.decode()
    assert utrecht.get("/webcare/GM0344/kwesties/tunnel/").status_code == 404


def test_an_unreadable_file_is_shown_to_the_researcher_only(
    researcher_client, amsterdam, issue_home
):
    (issue_home.root / "issues" / "kapot.toml").write_text("name = \n", encoding="utf-8")
    html = researcher_client.get(LIST).content.decode()
    assert "issues/kapot.toml" in html and "regel 1" in html
    assert "kapot" not in amsterdam.get(LIST).content.decode()
    assert amsterdam.get(LIST + "kapot/").status_code == 404
    assert researcher_client.get(LIST + "kapot/").status_code == 400
