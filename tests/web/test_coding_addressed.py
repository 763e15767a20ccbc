"""A coding job over the posts addressed to accounts (``Criteria.addressed``): exactly the
posts of ``indicators.questions.addressed`` (replies to one of the account's ids or
mentions of its handle, by another account, in the period), whatever their text says;
the job page says so in Dutch; criteria stored before the key existed still load."""

from __future__ import annotations

import importlib.util
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from meetlat.app import coding as use_case
from meetlat.app import webcare
from meetlat.web import coding
from meetlat.web.models import CodingJob

DAY = date(2014, 4, 7)


def _rows_module():
    path = Path(__file__).parents[1] / "indicators" / "conftest.py"
    spec = importlib.util.spec_from_file_location("coding_addressed_rows", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def addressed_ws(workspace, monkeypatch):
    """Posts of Monday 7 April 2014 around @utrecht (account 100, GM0344), written row by
    row; the workspace is this test's MEETLAT_HOME."""
    monkeypatch.setenv("MEETLAT_HOME", str(workspace.root))
    rows = _rows_module().WarehouseRows(workspace)
    rows.register("GM0344", "Utrecht", account_id="100")
    # a reply to the account whose text does not name it: addressed
    rows.post(1, 201, "2014-04-07 08:00", kind="reply", handle="inwoner1",
              in_reply_to_post_id="90", in_reply_to_account_id="100",
              text="Dank u, en waar haal ik een container?")  # fmt: skip
    # a mention of a longer handle that starts with the account's: not addressed
    rows.post(2, 202, "2014-04-07 09:00", handle="inwoner2", mentions=["utrechtsenieuws"],
              text="@utrechtsenieuws wat is er aan de hand?")  # fmt: skip
    # the account's own posts (a thread reply to itself, naming itself): not addressed
    rows.post(3, 100, "2014-04-07 10:00", kind="reply", handle="Utrecht",
              in_reply_to_post_id="90", in_reply_to_account_id="100", mentions=["utrecht"],
              text="@Utrecht Aanvulling: het stadskantoor is open tot 17.00 uur.")  # fmt: skip
    rows.post(4, 100, "2014-04-07 10:30", handle="Utrecht", text="Goedemorgen Utrecht!")
    # a mention of the handle in another case: addressed
    rows.post(5, 203, "2014-04-07 11:00", handle="inwoner3", mentions=["Utrecht"],
              text="Hoi @Utrecht, is de markt morgen?")  # fmt: skip
    # a repost of a mention: not coded (its text is someone else's)
    rows.post(6, 204, "2014-04-07 12:00", kind="repost", handle="inwoner4",
              mentions=["Utrecht"], text="RT @inwoner3: Hoi @Utrecht, is de markt morgen?")  # fmt: skip
    # addressed, but the next day: outside the period
    rows.post(7, 205, "2014-04-08 09:00", handle="inwoner5", mentions=["utrecht"],
              text="@utrecht nog een vraag")  # fmt: skip
    # a post that names nobody
    rows.post(8, 206, "2014-04-07 13:00", handle="inwoner6", text="Zonnig in Utrecht")
    return rows.write()


def _ids(ws, criteria) -> list[str]:
    return [row["post_id"] for row in use_case.candidates(ws, criteria)]


def test_exactly_the_posts_addressed_to_the_account(addressed_ws):
    exact = use_case.Criteria(DAY, DAY, addressed=("utrecht",))
    # 1: a reply without the handle in its text; 5: a mention; not 2 (a longer handle),
    # 3 and 4 (the account's own), 6 (a repost), 7 (the next day), 8 (names nobody)
    assert _ids(addressed_ws, exact) == ["1", "5"]
    # the text search it replaces misses the reply and catches the longer handle
    assert _ids(addressed_ws, use_case.Criteria(DAY, DAY, terms=("@utrecht",))) == [
        "2", "3", "5",
    ]  # fmt: skip
    # handles in any case and with @, as the page's accounts are written
    assert _ids(addressed_ws, use_case.Criteria(DAY, DAY, addressed=("@Utrecht",))) == [
        "1", "5",
    ]  # fmt: skip
    # the other conditions still apply with it
    both = use_case.Criteria(DAY, DAY, terms=("markt",), addressed=("utrecht",))
    assert _ids(addressed_ws, both) == ["5"]
    assert _ids(addressed_ws, use_case.Criteria(DAY, DAY, platform="mastodon",
                                                addressed=("utrecht",))) == []  # fmt: skip


def test_an_account_outside_the_registry_has_nothing_addressed_to_it(addressed_ws):
    # the longer handle is mentioned, but it is no registry account: the measurement
    # counts nothing addressed to it, and neither does the job
    criteria = use_case.Criteria(DAY, DAY, addressed=("utrechtsenieuws",))
    assert _ids(addressed_ws, criteria) == []
    with pytest.raises(use_case.BadSample):
        use_case.draw(addressed_ws, criteria, 10, 1, 0)


def test_the_same_posts_as_the_webcare_messages(addressed_ws):
    found = webcare.messages(addressed_ws, "utrecht", DAY, DAY)
    messages = sorted(m.post_id for m in found)
    assert messages == ["1", "5", "6"]  # the repost is a message, but it is not coded
    exact = use_case.Criteria(DAY, DAY, addressed=("utrecht",))
    assert _ids(addressed_ws, exact) == [m for m in messages if m != "6"]


def test_the_job_page_says_to_whom_in_dutch(addressed_ws, researcher, researcher_client):
    criteria = use_case.Criteria(DAY, DAY, addressed=("utrecht",))
    job = coding.create(addressed_ws, "Gericht", criteria, 10, 0, 7, researcher)
    assert job.criteria["addressed"] == ["utrecht"] and job.criteria["terms"] == []
    assert sorted(u.post_id for u in job.units.all()) == ["1", "5"]
    html = unescape(researcher_client.get(f"/onderzoek/codeeropdrachten/{job.pk}/").content
                    .decode())  # fmt: skip
    assert "Gericht aan" in html
    assert "@utrecht (antwoorden aan deze accounts en vermeldingen van hun handle" in html


OLD = {  # the criteria of a job stored before ``addressed`` existed
    "start": "2014-04-04",
    "end": "2014-04-08",
    "accounts": [],
    "terms": ["@gemeenteutrecht"],
    "platform": None,
}


def test_criteria_stored_before_addressed_still_load(researcher, researcher_client):
    loaded = use_case.Criteria.from_dict(OLD)
    assert loaded == use_case.Criteria(
        date(2014, 4, 4), date(2014, 4, 8), terms=("@gemeenteutrecht",)
    )
    assert loaded.addressed == ()
    assert use_case.Criteria.from_dict({"start": "2014-04-04", "end": "2014-04-08"}) == (
        use_case.Criteria(date(2014, 4, 4), date(2014, 4, 8))
    )
    # as_dict keeps every old key as it was and adds the new one; it reads back the same
    new = use_case.Criteria(DAY, DAY, ("a",), ("b",), "x", ("utrecht",))
    assert {k: v for k, v in new.as_dict().items() if k != "addressed"}.keys() == OLD.keys()
    assert use_case.Criteria.from_dict(new.as_dict()) == new
    # an old job's page shows its criteria, without the new line
    job = CodingJob.objects.create(name="Oud", criteria=OLD, seed=1, sample_size=5,
                                   overlap_pct=0, created_by=researcher)  # fmt: skip
    response = researcher_client.get(f"/onderzoek/codeeropdrachten/{job.pk}/")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "2014-04-04 – 2014-04-08" in html and "@gemeenteutrecht" in html
    assert "Gericht aan" not in html
