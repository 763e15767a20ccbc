"""The pages as a respondent, a coordinator and a researcher use them (Django's client)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from meetlat.survey import answers
from meetlat.web import invitations
from meetlat.web.models import Answer, Questionnaire

EDITION, AMSTERDAM, UTRECHT = "2014", "GM0363", "GM0344"
BASE = f"/vragenlijst/{EDITION}/{AMSTERDAM}/"


def test_an_invitation_logs_in_and_leads_to_the_questionnaire(amsterdam):
    page = amsterdam.get(BASE)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'lang="nl"' in text and "Vragenlijst 2014: Amsterdam" in text
    assert "0 van de 66 vragen beantwoord" in text


def test_every_question_of_the_edition_is_on_a_page_with_its_dutch_text(amsterdam):
    from meetlat.app import questionnaire as use_case

    chosen = use_case.edition(EDITION)
    shown = ""
    for key in ("general", "interaction", "organisation"):
        response = amsterdam.get(f"{BASE}pagina/{key}/")
        assert response.status_code == 200
        shown += response.content.decode()
    for question in chosen.questions:
        assert f'name="rev-{question.id}"' in shown, question.id
    assert "Heeft uw gemeente een account op Twitter?" in shown
    # the phase questions offer the growth model's four descriptions
    cells = use_case.phase_descriptions(chosen)["content"]
    assert cells[1]["nl"][:40] in shown.replace("&#x27;", "'")


def test_autosave_saves_one_answer_and_refuses_a_bad_grade(amsterdam):
    ok = amsterdam.post(
        f"{BASE}antwoord/content.announcements/",
        {"content.announcements": "8", "rev-content.announcements": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert ok.status_code == 200 and "Bewaard." in ok.content.decode()
    assert Answer.objects.get(question_id="content.announcements").value == 8
    bad = amsterdam.post(
        f"{BASE}antwoord/content.announcements/",
        {"content.announcements": "11", "rev-content.announcements": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "content.announcements = &quot;11&quot;" in body and 'role="alert"' in body
    assert 'aria-invalid="true"' in body
    assert Answer.objects.get(question_id="content.announcements").value == 8


def test_the_plain_save_button_shows_a_conflict_with_both_values(amsterdam, db):
    colleague = _colleague(AMSTERDAM)
    page = f"{BASE}pagina/interaction/"
    # the colleague saves 7 while this respondent has the page open at revision 0
    colleague.post(
        f"{BASE}antwoord/content.announcements/",
        {"content.announcements": "7", "rev-content.announcements": "0"},
    )
    response = amsterdam.post(
        page, {"content.announcements": "9", "rev-content.announcements": "0"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Antwoord van uw collega: 7. Uw antwoord: 9." in body
    assert Answer.objects.get(question_id="content.announcements").value == 7
    # the respondent keeps their own answer: the form now carries revision 1
    kept = amsterdam.post(page, {"content.announcements": "9", "rev-content.announcements": "1"})
    assert kept.status_code == 302
    assert Answer.objects.get(question_id="content.announcements").value == 9


def test_submit_shows_the_placement_and_advice_and_the_answers_as_csv(amsterdam, ws):
    for qid, value in (
        ("content.announcements", "8"),
        ("content.phase", "3"),
        ("general.twitter_account", "ja"),
    ):
        amsterdam.post(f"{BASE}antwoord/{qid}/", {qid: value, f"rev-{qid}": "0"})
    submitted = amsterdam.post(f"{BASE}indienen/")
    assert submitted.status_code == 302 and submitted["Location"] == f"{BASE}uitslag/"
    result = amsterdam.get(f"{BASE}uitslag/").content.decode()
    assert "Plaats op het groeimodel: Amsterdam" in result and "Advies" in result
    assert Questionnaire.objects.get().state == "submitted"
    assert answers.load(ws, EDITION)[AMSTERDAM].answers["content.phase"] == 3
    # answers can no longer change
    late = amsterdam.post(
        f"{BASE}antwoord/content.phase/", {"content.phase": "4", "rev-content.phase": "1"}
    )
    assert late.status_code == 400 and Answer.objects.get(question_id="content.phase").value == 3
    rows = list(csv.reader(io.StringIO(amsterdam.get(f"{BASE}antwoorden.csv").content.decode())))
    header, row = rows
    assert header[0] == "municipality_code" and row[0] == AMSTERDAM
    assert (
        row[header.index("content.phase")] == "3"
        and row[header.index("general.twitter_account")] == "yes"
    )


def test_a_respondent_may_answer_but_not_submit(db):
    respondent = _colleague(AMSTERDAM)
    overview = respondent.get(BASE).content.decode()
    assert "De coördinator van uw gemeente dient de vragenlijst in." in overview
    refused = respondent.post(f"{BASE}indienen/")
    assert refused.status_code == 403 and "Alleen de coördinator" in refused.content.decode()


def test_a_coordinator_invites_a_colleague_whose_link_works(amsterdam):
    response = amsterdam.post(f"{BASE}collega/")
    body = response.content.decode()
    token = body.split("/uitnodiging/")[1].split("/")[0]
    found, why = invitations.find(token)
    assert why == "" and found.role == "respondent" and found.municipality_code == AMSTERDAM


def test_expired_revoked_and_unknown_links_get_a_dutch_page_and_no_login(db):
    from django.test import Client

    expired = invitations.issue(EDITION, AMSTERDAM, date.today() - timedelta(days=1))
    revoked = invitations.issue(EDITION, AMSTERDAM, date.today() + timedelta(days=9))
    invitations.revoke(revoked.invitation)
    for token, status, text in (
        (expired.token, 410, "Deze link is verlopen"),
        (revoked.token, 410, "Deze link is ingetrokken"),
        ("onzin", 404, "Deze link is niet bekend"),
    ):
        client = Client()
        response = client.get(f"/uitnodiging/{token}/")
        assert response.status_code == status and text in response.content.decode()
        assert client.get(BASE).status_code == 302  # still not logged in: to the login page


def test_a_reissued_link_replaces_the_old_one(db):
    first = invitations.issue(EDITION, AMSTERDAM, date.today() + timedelta(days=9))
    second = invitations.reissue(first.invitation)
    assert invitations.find(first.token)[1] == "revoked" and invitations.find(second.token)[1] == ""


def test_researcher_overview_import_placements_and_figures(researcher_client, amsterdam, tmp_path):
    amsterdam.post(
        f"{BASE}antwoord/content.phase/", {"content.phase": "2", "rev-content.phase": "0"}
    )
    overview = researcher_client.get(f"/onderzoek/{EDITION}/respons/").content.decode()
    assert "0 van de 1 gemeente (0%)" in overview  # only Amsterdam was invited
    assert "bezig (1 van 66 beantwoord)" in overview
    amsterdam.post(f"{BASE}indienen/")
    overview = researcher_client.get(
        f"/onderzoek/{EDITION}/respons/?province=Utrecht"
    ).content.decode()
    assert "Amsterdam" not in overview and "Utrecht" in overview
    reminders = researcher_client.get(f"/onderzoek/{EDITION}/respons/?format=csv").content.decode()
    assert reminders.splitlines() == ["municipality_code,name,status,answered,last_change"]
    file = tmp_path / "antwoorden.csv"
    file.write_text(f"municipality_code,content.phase\n{UTRECHT},4\n")
    with file.open("rb") as handle:
        imported = researcher_client.post(f"/onderzoek/{EDITION}/importeren/", {"file": handle})
    assert imported.status_code == 302
    overview = researcher_client.get(f"/onderzoek/{EDITION}/respons/").content.decode()
    assert "antwoorden uit een bestand geïmporteerd" in overview
    assert "1 van de 1 gemeente (100%)" in overview  # Amsterdam, invited, submitted
    placements = researcher_client.get(f"/onderzoek/{EDITION}/plaatsingen/").content.decode()
    assert "Amsterdam" in placements and "Utrecht" in placements
    figures = researcher_client.get(f"/onderzoek/{EDITION}/cijfers/").content.decode()
    assert "2 van de" in figures
    reopened = researcher_client.post(f"/onderzoek/{EDITION}/{AMSTERDAM}/heropenen/")
    assert reopened.status_code == 302 and Questionnaire.objects.get().state == "reopened"


def test_a_bad_answer_file_is_refused_with_every_problem(researcher_client, tmp_path):
    file = tmp_path / "fout.csv"
    file.write_text(f"municipality_code,content.announcements\n{UTRECHT},11\n")
    with file.open("rb") as handle:
        response = researcher_client.post(f"/onderzoek/{EDITION}/importeren/", {"file": handle})
    assert response.status_code == 400
    assert "content.announcements = &quot;11&quot;" in response.content.decode()


def test_researcher_invites_as_csv_for_a_mail_merge(researcher_client):
    response = researcher_client.post(
        f"/onderzoek/{EDITION}/uitnodigen/",
        {
            "expires": (date.today() + timedelta(days=20)).isoformat(),
            "municipalities": "GM0363, GM0344",
        },
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["code", "name", "link", "expires"]
    assert [r[:2] for r in rows[1:]] == [[AMSTERDAM, "Amsterdam"], [UTRECHT, "Utrecht"]]
    token = rows[1][2].rstrip("/").rsplit("/", 1)[1]
    assert invitations.find(token)[1] == ""
    refused = researcher_client.post(f"/onderzoek/{EDITION}/uitnodigen/", {"expires": "gisteren"})
    assert refused.status_code == 400 and 'aria-invalid="true"' in refused.content.decode()


def test_english_is_switchable_and_the_lang_attribute_follows(amsterdam):
    amsterdam.post("/taal/", {"lang": "en", "next": BASE})
    page = amsterdam.get(BASE).content.decode()
    assert 'lang="en"' in page and "Questionnaire 2014: Amsterdam" in page


def test_every_page_sends_a_content_security_policy_without_inline_scripts(amsterdam):
    response = amsterdam.get(BASE)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()


def _colleague(code):
    from django.test import Client

    issued = invitations.issue(EDITION, code, date.today() + timedelta(days=9), "respondent")
    client = Client()
    client.get(f"/uitnodiging/{issued.token}/")
    return client


def test_the_plain_save_button_keeps_a_radio_group_left_unchosen(amsterdam, db):
    page = f"{BASE}pagina/interaction/"
    amsterdam.post(page, {"content.announcements": "8", "rev-content.announcements": "0"})
    assert Answer.objects.get(question_id="content.announcements").value == 8
    # the form again, with no button of the group chosen (a browser sends nothing for it)
    again = amsterdam.post(page, {"rev-content.announcements": "1", "rev-content.phase": "0"})
    assert again.status_code == 302
    assert Answer.objects.get(question_id="content.announcements").value == 8
    refused = amsterdam.post(
        page, {"content.announcements": "11", "rev-content.announcements": "1"}
    )
    assert refused.status_code == 400
    assert "1 antwoord vraagt uw aandacht" in refused.content.decode()
    assert Answer.objects.get(question_id="content.announcements").value == 8
