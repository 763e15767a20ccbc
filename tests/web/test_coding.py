"""Human coding in the web application: a job's sample from real X posts (tests/fixtures/x),
its states through one function, coders invited by link, coding one post at a time with
htmx, who may see what, and the results with Krippendorff's alpha and the CSV."""
# ruff: noqa: F811  (the fixtures of coding_fixtures are imported, then asked for by name)

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from coding_fixtures import posts_workspace, ws  # noqa: F401
from django.test import Client

from meetlat.app import coding as use_case
from meetlat.app.privacy import Namer
from meetlat.privacy import pseudonym
from meetlat.web import coding
from meetlat.web.models import CodingEvent, CodingJob, CodingLabel

DAY = date(2021, 4, 8)


def _job(ws, researcher, size=10, overlap=20, seed=42, **criteria):
    found = use_case.Criteria(DAY, DAY, **criteria)
    return coding.create(ws, "Obama", found, size, overlap, seed, researcher)


def test_the_sample_is_drawn_again_by_its_seed_and_names_no_citizen(ws, researcher):
    job = _job(ws, researcher)
    again = _job(ws, researcher)
    other = _job(ws, researcher, seed=43)
    ids = [u.post_id for u in job.units.all()]
    assert len(ids) == 10 == len(set(ids))
    assert ids == [u.post_id for u in again.units.all()]
    assert ids != [u.post_id for u in other.units.all()]
    assert [u.overlap for u in job.units.all()] == [True] * 2 + [False] * 8
    # the candidates: the 100 tweets' and 64 embedded posts' non-reposts of that day
    candidates = use_case.candidates(ws, use_case.Criteria(DAY, DAY))
    assert all(c["text"] and not c["text"].startswith("RT @") for c in candidates)
    handles = {c["handle"].lower() for c in candidates if c["handle"]}
    for unit in CodingJob.objects.get(pk=job.pk).units.all():
        assert pseudonym.looks_like(unit.author) or unit.author == "dwdrummer13"
        words = {w.strip("@.,:;!?\"'").lower() for w in unit.text.split()}
        assert not (words & (handles - {"dwdrummer13", "potus"})), unit.text


def test_mentions_of_citizens_are_pseudonyms():
    names = Namer(frozenset({("x", "gemeente")}), b"k" * 32)
    text = use_case.mask_mentions(names, "x", "Dank @Gemeente en @jan_b. Groet, @a.b")
    # a registry account by its handle, citizens by pseudonym; a sentence's full stop stays
    assert text.startswith("Dank @gemeente en @burger-") and ". Groet, @burger-" in text
    assert "jan_b" not in text and "a.b" not in text
    assert text.count("@burger-") == 2


def test_search_terms_and_accounts_choose_the_candidates(ws, researcher):
    guns = use_case.candidates(ws, use_case.Criteria(DAY, DAY, terms=("gun",)))
    # counted by hand in noflat.jsonl: eight texts with "gun" that are not retweets, in
    # the tweets or their includes (any case: "GHOST GUNS"), all of 8 April
    assert sorted(c["handle"] for c in guns) == sorted(
        ["mmpadellan", "VP", "mdrache", "GovRoad", "HuntCathe", "RickFerran", "DWDrummer13",
         "ron55967579"]
    )  # fmt: skip
    own = use_case.candidates(ws, use_case.Criteria(DAY, DAY, accounts=("dwdrummer13",)))
    assert [c["text"][:7] for c in own] == ["@POTUS "]  # his repost is no candidate
    job = _job(ws, researcher, size=5, accounts=("dwdrummer13",))
    unit = job.units.get()
    assert unit.author == "dwdrummer13"  # a registry account: by its handle
    assert unit.text.startswith("@") and "POTUS" not in unit.text  # a citizen mention masked
    with pytest.raises(use_case.BadSample, match="Geen bericht past"):
        _job(ws, researcher, terms=("gemeenteraad",))


def test_the_states_go_through_the_table(ws, researcher):
    job = _job(ws, researcher)
    assert coding.TRANSITIONS[("concept", "open")][0] == "open"
    with pytest.raises(coding.NotAllowed, match="minstens één codeur"):
        coding.change(job, "open", researcher, "researcher")
    expires = date.today() + timedelta(days=10)
    coding.invite(job, "Marije", expires, researcher)
    with pytest.raises(coding.NotAllowed, match="minstens twee codeurs"):
        coding.change(job, "open", researcher, "researcher")
    coding.invite(job, "Renata", expires, researcher)
    with pytest.raises(coding.NotAllowed, match="niet mogelijk: de codeeropdracht is concept"):
        coding.change(job, "close", researcher, "researcher")
    with pytest.raises(coding.NotAllowed, match="Alleen een onderzoeker"):
        coding.change(job, "open", researcher, "coder")
    opened = coding.change(job, "open", researcher, "researcher")
    assert opened.state == "open"
    first, second = opened.coders.order_by("number")
    # 8 posts outside the overlap, in turn: positions 3, 5, 7, 9 to the first coder
    assert [u.position for u in first.units.order_by("position")] == [3, 5, 7, 9]
    assert [u.position for u in coding.units_of(second)] == [1, 2, 4, 6, 8, 10]
    closed = coding.change(opened, "close", researcher, "researcher")
    with pytest.raises(coding.NotAllowed, match="gesloten"):
        coding.invite(closed, "Aart", expires, researcher)
    with pytest.raises(coding.NotAllowed, match="gesloten"):
        coding.store_label(ws, first, first.units.first(), "steun", "geen", "nee")
    assert coding.change(closed, "reopen", researcher, "researcher").state == "open"
    assert list(CodingEvent.objects.filter(job=job).values_list("action", flat=True)) == [
        "create", "invite", "invite", "open", "close", "reopen",
    ]  # fmt: skip


def _coder_client(ws, job, researcher, name):
    invited = coding.invite(job, name, date.today() + timedelta(days=10), researcher)
    client = Client()
    response = client.get(f"/uitnodiging/{invited.token}/")
    assert response.status_code == 302 and response["Location"] == f"/coderen/{job.pk}/"
    return client, invited.coder


def test_coders_code_one_post_at_a_time(ws, researcher, researcher_client):
    job = _job(ws, researcher, size=4, overlap=50)
    one, first = _coder_client(ws, job, researcher, "Marije")
    two, second = _coder_client(ws, job, researcher, "Renata")
    assert "De codeeropdracht is concept" in one.get(f"/coderen/{job.pk}/").content.decode()
    researcher_client.post(f"/onderzoek/codeeropdrachten/{job.pk}/status/", {"action": "open"})
    page = one.get(f"/coderen/{job.pk}/").content.decode()
    assert "0 van 3 berichten gecodeerd." in page and "Bericht 1 van" in page
    unit = coding.next_unit(first)
    # a missing choice is named; htmx gets the card again with the message
    bad = one.post(
        f"/coderen/{job.pk}/codering/",
        {"unit": unit.pk, "teneur": "boos", "theme": "zorg"},
        headers={"HX-Request": "true"},
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Kies de teneur" in text and "Kies of het bericht actie nodig heeft" in text
    assert "<html" not in text  # a fragment for htmx
    saved = one.post(
        f"/coderen/{job.pk}/codering/",
        {"unit": unit.pk, "teneur": "kritiek", "theme": "zorg", "action": "ja"},
        headers={"HX-Request": "true"},
    )
    assert "Bewaard. 1 van 3 berichten gecodeerd." in saved.content.decode()
    assert "Bericht 2 van" in saved.content.decode()
    # without htmx: the plain form, then back to the page
    plain = two.post(
        f"/coderen/{job.pk}/codering/",
        {"unit": unit.pk, "teneur": "kritiek", "theme": "zorg", "action": "nee"},
    )
    assert plain.status_code == 302
    label = CodingLabel.objects.get(unit=unit, coder=second)
    assert (label.teneur, label.theme, label.action) == ("kritiek", "zorg", "nee")
    # a post of the other coder is not this one's to code
    theirs = job.units.get(coder=second)
    refused = one.post(
        f"/coderen/{job.pk}/codering/",
        {"unit": theirs.pk, "teneur": "steun", "theme": "geen", "action": "nee"},
    )
    assert refused.status_code == 409


def test_who_may_see_the_coding_pages(ws, researcher, researcher_client, amsterdam):
    job = _job(ws, researcher)
    other = _job(ws, researcher)
    coder_client, _coder = _coder_client(ws, job, researcher, "Marije")
    assert coder_client.get(f"/coderen/{job.pk}/").status_code == 200
    assert coder_client.get(f"/coderen/{other.pk}/").status_code == 404
    assert coder_client.get("/onderzoek/codeeropdrachten/").status_code == 404
    assert coder_client.get(f"/onderzoek/codeeropdrachten/{job.pk}/uitslag/").status_code == 404
    assert coder_client.get("/vragenlijst/2014/GM0363/").status_code == 404
    assert coder_client.get("/").status_code == 302  # home takes the coder to their job
    assert amsterdam.get(f"/coderen/{job.pk}/").status_code == 404
    assert amsterdam.get(f"/onderzoek/codeeropdrachten/{job.pk}/").status_code == 404
    assert Client().get(f"/coderen/{job.pk}/").status_code == 302  # to the login page
    assert researcher_client.get(f"/coderen/{job.pk}/").status_code == 404
    assert researcher_client.get(f"/onderzoek/codeeropdrachten/{job.pk}/").status_code == 200
    assert researcher_client.get("/onderzoek/codeeropdrachten/999/").status_code == 404


def test_the_researcher_defines_a_job_in_the_form(ws, researcher_client):
    bad = researcher_client.post(
        "/onderzoek/codeeropdrachten/",
        {"name": "", "start": "2021-04-08", "end": "2021-04-07", "size": "0", "overlap": "20"},
    )
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Geef de codeeropdracht een naam." in text
    assert "De laatste dag kan niet voor de eerste liggen." in text
    assert "Geef een geheel getal van 1 tot en met 10000." in text
    made = researcher_client.post(
        "/onderzoek/codeeropdrachten/",
        {"name": "Obama", "start": "2021-04-08", "end": "2021-04-08", "size": "6",
         "overlap": "50", "terms": "obama, biden", "accounts": "", "seed": ""},
    )  # fmt: skip
    job = CodingJob.objects.get()
    assert made["Location"] == f"/onderzoek/codeeropdrachten/{job.pk}/"
    assert job.seed > 0 and job.criteria["terms"] == ["obama", "biden"]  # a seed is recorded
    page = researcher_client.get(made["Location"]).content.decode()
    assert "6 berichten (gevraagd: 6), waarvan 3 door elke codeur gecodeerd" in page
    refused = researcher_client.post(
        f"/onderzoek/codeeropdrachten/{job.pk}/status/", {"action": "open"}, follow=True
    )
    assert "Nodig minstens één codeur uit" in refused.content.decode()
    assert CodingJob.objects.get().state == "concept"
    invited = researcher_client.post(
        f"/onderzoek/codeeropdrachten/{job.pk}/uitnodigen/",
        {"name": "Marije", "expires": (date.today() + timedelta(days=5)).isoformat()},
    )
    assert "/uitnodiging/" in invited.content.decode()


def test_results_alpha_distribution_and_csv(ws, researcher, researcher_client):
    job = _job(ws, researcher, size=4, overlap=100)
    coders = [coding.invite(job, n, date.today() + timedelta(days=5), researcher).coder
              for n in ("A", "B")]  # fmt: skip
    coding.change(job, "open", researcher, "researcher")
    units = list(job.units.order_by("position"))
    # teneur (a,a) (a,b) (b,b) (b,b) with a = steun, b = kritiek: alpha = 8/15 by hand
    given = [
        (("steun", "zorg", "ja"), ("steun", "zorg", "ja")),
        (("steun", "zorg", "nee"), ("kritiek", "zorg", "nee")),
        (("kritiek", "geen", "nee"), ("kritiek", "wonen", "nee")),
        (("kritiek", "geen", "nee"), ("kritiek", "geen", "nee")),
    ]
    for unit, pair in zip(units, given, strict=True):
        for coder, (teneur, theme, action) in zip(coders, pair, strict=True):
            coding.store_label(ws, coder, unit, teneur, theme, action)
    found = {r.variable: r for r in coding.results(ws, job)}
    assert found["teneur"].alpha.value == pytest.approx(8 / 15)
    assert found["teneur"].distribution[:2] == [("steun", 3, 37.5), ("kritiek", 5, 62.5)]
    assert found["action"].alpha.value == pytest.approx(1)
    # theme: (z,z) (z,z) (g,w) (g,g): n_z=4, n_g=3, n_w=1; o_gw = o_wg = 1
    # alpha = 1 - 7 * 2 / (2 * (4*3 + 4*1 + 3*1)) = 1 - 14/38
    assert found["theme"].alpha.value == pytest.approx(1 - 14 / 38)
    page = researcher_client.get(f"/onderzoek/codeeropdrachten/{job.pk}/uitslag/")
    text = page.content.decode()
    assert "Krippendorffs alfa: 0,533 (over 4 berichten)" in text
    assert "geen automatisch sentiment" in text
    download = researcher_client.get(f"/onderzoek/codeeropdrachten/{job.pk}/coderingen.csv")
    rows = list(csv.DictReader(io.StringIO(download.content.decode())))
    assert len(rows) == 8
    assert [(r["position"], r["coder"], r["teneur"]) for r in rows[2:4]] == [
        ("2", "1", "steun"), ("2", "2", "kritiek"),
    ]  # fmt: skip
    assert {r["author"] for r in rows} <= {u.author for u in units}
