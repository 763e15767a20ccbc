"""The web pages in a real browser: Debian's chromium driven by Playwright, every page
in each of its states checked by axe-core (WCAG 2.1 A and AA: zero violations), a
respondent's walk through the questionnaire by keyboard alone, autosave through htmx,
a conflict between two colleagues, submitting and the placement, and the researcher's
pages."""

from __future__ import annotations

import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from meetlat.web import invitations
from meetlat.web.models import Answer, Person

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
EDITION, AMSTERDAM = "2014", "GM0363"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop runs beside the ORM
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield launched
            launched.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    opened = context.new_page()
    yield opened
    context.close()


def accessible(page, state: str) -> None:
    """Zero axe-core violations of WCAG 2.1 A/AA on the page as it is now."""
    page.evaluate(AXE)  # through the devtools, past the page's own Content-Security-Policy
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    assert result["passes"], "axe-core did not run"
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert not problems, f"{state}: " + "; ".join(problems)


REGISTRY = (
    b"municipality_code,platform,handle,role,active_from,active_to,status\n"
    b"GM0363,x,@Amsterdam,corporate,2010-01-01,,\n"
    b"GM0344,x,@gemeenteutrecht,corporate,,,\n"
)
BAD_REGISTRY = b"municipality_code,platform,handle,role\nGM0363,x,@Amsterdam,mayor\n"
ANSWERS = (
    b"municipality_code,function_result.overall_grade,content.phase,general.twitter_account\n"
    b"GM0363,8,3,yes\nGM0344,6,2,no\n"
)


def _link(code=AMSTERDAM, role="coordinator", days=30):
    issued = invitations.issue(EDITION, code, date.today() + timedelta(days=days), role)
    return f"/uitnodiging/{issued.token}/"


def test_a_respondent_answers_by_keyboard_submits_and_sees_the_placement(page, transactional_db):
    page.goto("/")
    accessible(page, "start page")
    page.goto(_link())
    assert page.title().startswith("Vragenlijst")
    assert page.locator("html").get_attribute("lang") == "nl"
    accessible(page, "questionnaire, empty")
    # the skip link comes first and takes the keyboard to the content
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    page.get_by_role("link", name="Algemene vragen").click()
    accessible(page, "general questions, empty")
    # keyboard only: Tab to the first radio button, Space chooses "ja" and htmx saves it
    first = page.locator("input[name='general.twitter_account'][value='yes']")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "general.twitter_account":
            break
    assert page.evaluate("document.activeElement.name") == "general.twitter_account"
    page.keyboard.press("Space")
    page.locator("#q-general-twitter-account .meetlat-saved").filter(has_text="Bewaard.").wait_for()
    assert first.is_checked()
    assert Answer.objects.get(question_id="general.twitter_account").value == "yes"
    # focus is visible: the focused element has an outline
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    accessible(page, "general questions, saved")
    # the interaction page: a grade and a phase description, then the plain save button
    page.goto(f"/vragenlijst/{EDITION}/{AMSTERDAM}/pagina/interaction/")
    page.locator("#q-content-announcements-8").check()
    page.locator("#q-content-announcements .meetlat-saved").filter(has_text="Bewaard.").wait_for()
    page.locator("#q-content-phase-3").check()
    page.locator("#q-content-phase .meetlat-saved").filter(has_text="Bewaard.").wait_for()
    page.get_by_role("button", name="Antwoorden bewaren").click()
    assert page.get_by_role("status").filter(has_text="bewaard").count() == 1
    accessible(page, "interaction aspects, answered")
    # a value the edition does not allow (a tampered form): refused, the question named
    page.locator("#q-content-announcements-9").evaluate("radio => { radio.value = '11'; }")
    page.locator("#q-content-announcements-9").check()
    message = page.locator("#q-content-announcements-message")
    message.wait_for()
    assert '"11" is niet toegestaan' in message.text_content()
    accessible(page, "interaction aspects, with an error")
    # the plain save button then keeps the stored answer: an unchosen radio group is no change
    page.get_by_role("button", name="Antwoorden bewaren").click()
    assert Answer.objects.get(question_id="content.announcements").value == 8
    page.goto(f"/vragenlijst/{EDITION}/{AMSTERDAM}/")
    assert "3 van de 66 vragen beantwoord" in page.content()
    page.get_by_role("button", name="De vragenlijst indienen").click()
    page.get_by_role("heading", name="Plaats op het groeimodel: Amsterdam").wait_for()
    assert "Totale fase" in page.content() and "Advies" in page.content()
    accessible(page, "placement and advice")
    page.goto(f"/vragenlijst/{EDITION}/{AMSTERDAM}/pagina/interaction/")
    assert page.locator("#q-content-phase-3").is_disabled()
    accessible(page, "interaction aspects, submitted")
    page.goto(f"/vragenlijst/{EDITION}/{AMSTERDAM}/collega/")
    accessible(page, "invite a colleague")
    page.get_by_role("button", name="Maak een link voor een collega").click()
    assert "/uitnodiging/" in page.locator(".meetlat-link").text_content()
    accessible(page, "invite a colleague, the link made")
    page.goto(f"/vragenlijst/{EDITION}/GM0344/")
    assert "Pagina niet gevonden" in page.content()
    accessible(page, "another municipality's page: not found")


def test_two_colleagues_choose_between_their_answers(page, browser, live_server, transactional_db):
    page.goto(_link())
    page.goto(f"/vragenlijst/{EDITION}/{AMSTERDAM}/pagina/interaction/")
    # a colleague saves 7 in their own browser while this page is open
    other = browser.new_context(base_url=live_server.url).new_page()
    other.goto(_link(role="respondent"))
    other.goto(f"/vragenlijst/{EDITION}/{AMSTERDAM}/pagina/interaction/")
    other.locator("#q-content-announcements-7").check()
    other.locator("#q-content-announcements .meetlat-saved").filter(has_text="Bewaard.").wait_for()
    page.locator("#q-content-announcements-9").check()
    alert = page.locator("#q-content-announcements-message")
    alert.wait_for()
    assert "Antwoord van uw collega: 7. Uw antwoord: 9." in alert.text_content()
    accessible(page, "a conflict")
    assert Answer.objects.get(question_id="content.announcements").value == 7
    page.get_by_role("button", name="Mijn antwoord bewaren").click()
    page.locator("#q-content-announcements .meetlat-saved").filter(has_text="Bewaard.").wait_for()
    assert Answer.objects.get(question_id="content.announcements").value == 9


def test_a_link_that_does_not_work(page, transactional_db):
    page.goto(_link(days=-1))
    assert "Deze link is verlopen" in page.content()
    accessible(page, "an expired link")


def test_the_researcher_pages(page, transactional_db, django_user_model):
    user = django_user_model.objects.create_user(
        "onderzoeker", password="een-lang-wachtwoord-42", is_staff=True
    )
    Person.objects.create(user=user, role="researcher")
    page.goto("/inloggen/")
    accessible(page, "login, empty")
    page.get_by_label("Gebruikersnaam").fill("onderzoeker")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    assert "horen niet bij elkaar" in page.content()
    accessible(page, "login, with an error")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-42")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Onderzoek").wait_for()
    accessible(page, "research, start")
    _link()
    page.goto(f"/onderzoek/{EDITION}/respons/")
    assert "0 van de 1 gemeente (0%)" in page.content()
    accessible(page, "response overview")
    page.goto(f"/onderzoek/{EDITION}/uitnodigen/")
    accessible(page, "invite, empty")
    page.get_by_role("button", name="Maak de links (CSV)").click()
    assert page.locator("#i-expires-error").count() == 1
    accessible(page, "invite, with errors")
    for address, state in (
        (f"/onderzoek/{EDITION}/importeren/", "import"),
        (f"/onderzoek/{EDITION}/plaatsingen/", "placements, none yet"),
        (f"/onderzoek/{EDITION}/cijfers/", "national figures, none yet"),
        ("/onderzoek/accountregister/", "account registry, empty"),
    ):
        page.goto(address)
        accessible(page, state)
    page.locator("#r-file").set_input_files(
        files=[{"name": "fout.csv", "mimeType": "text/csv", "buffer": BAD_REGISTRY}]
    )
    page.get_by_role("button", name="Bestand importeren").click()
    assert "fout.csv regel 2" in page.content()
    accessible(page, "account registry, a file with errors")
    page.locator("#r-file").set_input_files(
        files=[{"name": "register.csv", "mimeType": "text/csv", "buffer": REGISTRY}]
    )
    page.get_by_role("button", name="Bestand importeren").click()
    assert "gemeenteutrecht" in page.content()
    accessible(page, "account registry, with accounts")
    page.goto(f"/onderzoek/{EDITION}/importeren/")
    page.locator("#a-file").set_input_files(
        files=[{"name": "antwoorden.csv", "mimeType": "text/csv", "buffer": ANSWERS}]
    )
    page.get_by_role("button", name="Bestand importeren").click()
    page.locator("#a-file").set_input_files(
        files=[
            {
                "name": "fout.csv",
                "mimeType": "text/csv",
                "buffer": b"municipality_code,function_result.overall_grade\nGM0363,11\n",
            }
        ]
    )
    page.get_by_role("button", name="Bestand importeren").click()
    assert page.locator("#import-problems").count() == 1
    accessible(page, "import, a file with errors")
    for address, state in (
        (f"/onderzoek/{EDITION}/plaatsingen/", "placements"),
        (f"/onderzoek/{EDITION}/cijfers/", "national figures"),
        (f"/onderzoek/{EDITION}/cijfers/?groep=size", "national figures by size class"),
        (f"/onderzoek/{EDITION}/respons/", "response overview, answers imported"),
    ):
        page.goto(address)
        accessible(page, state)
    assert "Amsterdam" in page.content()
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    accessible(page, "national figures in English")


def test_the_accessibility_check_can_fail(page):
    page.set_content("<html><body><img src='x.png'><button></button></body></html>")
    with pytest.raises(AssertionError, match="image-alt"):
        accessible(page, "a page with faults")


def test_the_open_data_pages(page, published, transactional_db, django_user_model):
    """The public pages without login, then the researcher's publish button."""
    page.goto("/opendata/")
    assert page.get_by_role("link", name="Versie 2").count() == 1
    accessible(page, "open data, the published versions")
    page.get_by_role("link", name="Versie 1").click()
    page.get_by_role("heading", name="Editie 2014, versie 1").wait_for()
    assert page.get_by_role("table", name="Ranglijst van de gemeenten").count() == 1
    accessible(page, "open data, an older version with every table")
    page.goto("/opendata/2014/laatste/")
    page.get_by_role("heading", name="Editie 2014, versie 2").wait_for()
    accessible(page, "open data, the latest version")
    page.goto("/opendata/2014/9/")
    assert "Pagina niet gevonden" in page.content()
    user = django_user_model.objects.create_user("onderzoeker", password="een-lang-wachtwoord-42")
    Person.objects.create(user=user, role="researcher")
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("onderzoeker")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-42")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Onderzoek").wait_for()
    accessible(page, "research, with the publish button")
    page.get_by_label("Periode van de cijfers").fill("2014Q2")
    page.get_by_role("button", name="Editie 2014 publiceren").click()
    page.get_by_role("heading", name="Editie 2014, versie 3").wait_for()
    assert page.get_by_role("status").filter(has_text="gepubliceerd als versie 3").count() == 1
    accessible(page, "open data, just published")
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Edition 2014, version 3").wait_for()
    accessible(page, "open data in English")
