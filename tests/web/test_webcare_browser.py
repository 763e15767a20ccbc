"""The webcare page in Debian's chromium: a municipality's person reaches it from the
menu, axe-core (WCAG 2.1 A and AA) finds zero violations on it, on a refused period and
on the researcher's view with the coding form."""

# ruff: noqa: F811  (the fixtures are imported, then asked for by name)

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from test_browser import accessible, browser, page  # noqa: F401  (the fixtures)
from webcare_fixtures import webcare_home  # noqa: F401

from meetlat.web import invitations
from meetlat.web.models import Person

pytestmark = pytest.mark.browser
PASSWORD = "een-lang-wachtwoord-42"


def test_the_webcare_page(page, webcare_home, transactional_db, django_user_model):
    issued = invitations.issue("2014", "GM0344", date.today() + timedelta(days=30), "coordinator")
    page.goto(f"/uitnodiging/{issued.token}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Webcare").click()
    page.get_by_role("heading", name="Webcare Utrecht").wait_for()
    assert page.url.endswith("/webcare/GM0344/")  # the last 7 days of the page's clock
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("table", name="Open vragen aan @gemeenteutrecht (x)").wait_for()
    accessible(page, "the webcare page")
    page.get_by_label("Eerste dag").fill("2014-04-09")
    page.get_by_label("Laatste dag").fill("2014-04-01")
    page.get_by_role("button", name="Tonen").click()
    page.get_by_role("alert").filter(has_text="ligt voor de eerste dag").wait_for()
    accessible(page, "the webcare page with a refused period")
    page.get_by_label("Eerste dag").fill("2014-04-04")
    page.get_by_label("Laatste dag").fill("2014-04-08")
    page.get_by_role("button", name="Tonen").click()
    page.get_by_role("table", name="Beantwoorde vragen aan @gemeenteutrecht (x)").wait_for()
    assert "burger-" in page.content() and not re.search(r"inwoner\d", page.content())
    # the researcher's view holds the coding form
    context = page.context
    context.clear_cookies()
    user = django_user_model.objects.create_user("onderzoeker", password=PASSWORD)
    Person.objects.create(user=user, role="researcher")
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("onderzoeker")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Onderzoek").wait_for()
    page.goto("/webcare/GM0344/?van=2014-04-04&tot=2014-04-08")
    page.get_by_role("button", name="Codeeropdracht van deze periode maken").wait_for()
    accessible(page, "the researcher's webcare page")
    page.get_by_role("button", name="Codeeropdracht van deze periode maken").click()
    page.get_by_role("heading", name="Webcare Utrecht, 2014-04-04 tot en met 2014-04-08").wait_for()
