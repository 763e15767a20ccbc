"""The coding pages in a real browser (Debian's chromium, as tests/web/test_browser.py):
the researcher defines a job and invites two coders, a coder codes by keyboard and
mouse through htmx; every state of the pages checked by axe-core (zero violations)."""
# ruff: noqa: F811  (the fixtures are imported from the modules that define them)

from __future__ import annotations

import pytest
from coding_fixtures import posts_workspace, ws  # noqa: F401
from test_browser import accessible, browser, page  # noqa: F401

from meetlat.web.models import CodingLabel, Person

pytestmark = pytest.mark.browser


def _log_in(page, django_user_model):
    user = django_user_model.objects.create_user("onderzoeker", password="een-lang-wachtwoord-42")
    Person.objects.create(user=user, role="researcher")
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("onderzoeker")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-42")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Onderzoek").wait_for()


def test_a_coding_job_from_definition_to_results(
    page, browser, live_server, ws, transactional_db, django_user_model
):
    _log_in(page, django_user_model)
    page.get_by_role("link", name="Codeeropdrachten (berichten door mensen laten coderen)").click()
    page.get_by_role("heading", name="Codeeropdrachten", exact=True).wait_for()
    accessible(page, "coding jobs, none yet")
    page.get_by_role("button", name="De steekproef trekken").click()
    assert page.locator("#c-name-error").count() == 1
    accessible(page, "coding jobs, a form with errors")
    page.get_by_label("Naam", exact=True).fill("Obama op 8 april")
    page.get_by_label("Eerste dag").fill("2021-04-08")
    page.get_by_label("Laatste dag", exact=True).fill("2021-04-08")
    page.get_by_label("Berichten in de steekproef").fill("4")
    page.get_by_label("Overlap: percentage dat elke codeur codeert").fill("50")
    page.get_by_label("Startgetal van de aselecte steekproef (niet verplicht)").fill("7")
    page.get_by_role("button", name="De steekproef trekken").click()
    page.get_by_role("heading", name="Codeeropdracht Obama op 8 april").wait_for()
    assert "4 berichten (gevraagd: 4), waarvan 2 door elke codeur gecodeerd" in page.content()
    accessible(page, "a coding job in concept")
    links = []
    for name in ("Marije", "Renata"):
        page.get_by_label("Naam van de codeur").fill(name)
        page.get_by_role("button", name="Een codeur uitnodigen").click()
        link = page.locator(".meetlat-link").text_content().strip()
        links.append(link[link.index("/uitnodiging/") :])  # the path: the base URL is a setting
    accessible(page, "a coding job, a coder invited")
    page.get_by_role("button", name="Openen voor coderen").click()
    page.get_by_role("button", name="Sluiten").wait_for()
    accessible(page, "a coding job, open")

    coder = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    coder.goto(links[0])
    coder.get_by_role("heading", name="Coderen: Obama op 8 april").wait_for()
    assert "0 van 3 berichten gecodeerd." in coder.content()
    accessible(coder, "the coding page, a post to code")
    coder.get_by_role("button", name="Bewaren en naar het volgende bericht").click()
    coder.get_by_role("alert").filter(has_text="Kies de teneur").wait_for()
    accessible(coder, "the coding page, a choice missing")
    coder.get_by_label("kritiek").check()
    coder.get_by_label("Thema").select_option("geen")
    coder.get_by_label("nee").check()
    coder.get_by_role("button", name="Bewaren en naar het volgende bericht").click()
    coder.get_by_role("status").filter(has_text="Bewaard. 1 van 3 berichten gecodeerd.").wait_for()
    assert CodingLabel.objects.get().teneur == "kritiek"
    accessible(coder, "the coding page, saved, the next post")
    # by keyboard: the tenor's first radio button, Space, then the rest
    coder.get_by_label("steun").focus()
    coder.keyboard.press("Space")
    coder.get_by_label("Thema").focus()
    coder.keyboard.press("ArrowDown")
    coder.get_by_label("ja").focus()
    coder.keyboard.press("Space")
    coder.get_by_role("button", name="Bewaren en naar het volgende bericht").focus()
    coder.keyboard.press("Enter")
    coder.get_by_role("status").filter(has_text="2 van 3 berichten gecodeerd.").wait_for()
    assert CodingLabel.objects.count() == 2

    page.get_by_role("link", name="Uitslag").click()
    page.get_by_role("heading", name="Uitslag van Obama op 8 april").wait_for()
    assert "geen automatisch sentiment" in page.content()
    accessible(page, "coding results")
