"""The dashboard and the national overview in Debian's chromium: axe-core (WCAG 2.1 A and
AA) finds zero violations on every state of the pages, the quarter chooser works through
htmx, a respondent reaches the dashboard from the menu."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_browser import accessible, browser, page  # noqa: F401  (the fixtures)

from meetlat import accounts as registry
from meetlat import workspace
from meetlat.web import dashboards, invitations
from meetlat.web.models import Person

pytestmark = pytest.mark.browser
EDITION, PERIOD = "2014", "2014Q2"
PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture(autouse=True)
def _fresh_cache():
    dashboards.clear()
    yield
    dashboards.clear()


def _first_code() -> str:
    return sorted(registry.load(workspace.current()).column("municipality_code").to_pylist())[0]


def _log_in(page, django_user_model):  # noqa: F811
    user = django_user_model.objects.create_user("onderzoeker", password=PASSWORD)
    Person.objects.create(user=user, role="researcher")
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("onderzoeker")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Onderzoek").wait_for()


def test_the_dashboard_pages(page, published, transactional_db, django_user_model):  # noqa: F811
    code = _first_code()
    name = dashboards.municipality_name(code)
    _log_in(page, django_user_model)
    page.get_by_role("link", name="Dashboards van de gemeenten").click()
    page.get_by_role("heading", name="Dashboards").wait_for()
    accessible(page, "the list of dashboards")
    page.get_by_role("link", name=f"{name} ({code})").click()
    page.get_by_role("heading", name=f"Dashboard {name}, {PERIOD}").wait_for()
    assert page.url.endswith(f"/dashboard/{code}/{PERIOD}/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("img.meetlat-chart__image").count() >= 2
    accessible(page, "a dashboard")
    # the chooser through htmx: the content swapped in place, the address updated
    page.get_by_label("Kwartaal").select_option(PERIOD)
    with page.expect_response(lambda r: "periode=" in r.url):
        page.get_by_role("button", name="Tonen").click()
    page.get_by_role("heading", name="Samenvatting").wait_for()
    page.wait_for_function(f"location.pathname === '/dashboard/{code}/{PERIOD}/'")
    accessible(page, "a dashboard after choosing a quarter")
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Summary").wait_for()
    accessible(page, "a dashboard in English")


def test_a_respondent_reaches_the_own_dashboard(page, published, transactional_db):  # noqa: F811
    code = _first_code()
    issued = invitations.issue(EDITION, code, date.today() + timedelta(days=30), "respondent")
    page.goto(f"/uitnodiging/{issued.token}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dashboard").click()
    page.get_by_role("heading", name="Samenvatting").wait_for()
    accessible(page, "a respondent's dashboard")
    page.goto(f"/dashboard/GM0344/{PERIOD}/")
    assert "Pagina niet gevonden" in page.content()


def test_the_overview_pages(page, published, transactional_db, django_user_model):  # noqa: F811
    page.goto("/")
    page.get_by_role("link", name="Het landelijk overzicht").click()
    page.get_by_role("heading", name=f"Landelijk overzicht {EDITION}").wait_for()
    assert page.url.endswith(f"/overzicht/{EDITION}/2/")
    assert page.locator("img.meetlat-chart__image").count() >= 3
    accessible(page, "the national overview, latest version")
    page.get_by_role("link", name=f"Editie {EDITION}, versie 1").click()
    page.get_by_role("link", name="Er is een nieuwere versie: versie 2.").wait_for()
    accessible(page, "the national overview, an older version")
    _log_in(page, django_user_model)
    page.get_by_role("link", name="Landelijk overzicht van de actuele cijfers (concept)").click()
    page.get_by_role("heading", name=f"Landelijk overzicht {EDITION} (concept)").wait_for()
    assert page.get_by_role("note").filter(has_text="niet gepubliceerd").count() == 1
    accessible(page, "the national overview of the drafts")
