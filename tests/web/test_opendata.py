"""Publishing and the open data: frozen versions that a later import leaves byte for
byte as they were, public pages without login that never show the drafts, the CSV and
Parquet downloads, and the publish button of the researcher."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pyarrow.parquet as pq
import pytest
from django.test import Client

from meetlat import workspace
from meetlat.app import publishing, questionnaire
from meetlat.i18n import number
from meetlat.web.views import opendata

EDITION = "2014"
PERIOD = (date(2014, 4, 1), date(2014, 6, 30))


def test_an_import_after_publishing_leaves_every_published_file_byte_identical(published):
    # version 1 was published before May and June were imported, version 2 before June
    assert any(k.startswith("2014/v1/") for k in published.files)
    assert any(k.startswith("2014/v2/") for k in published.files)
    for relative, data in published.files.items():
        assert (published.root / "published" / relative).read_bytes() == data, relative
    ws = workspace.current()
    assert publishing.verify(ws, EDITION, 1) == [] and publishing.verify(ws, EDITION, 2) == []
    # ... while the figures did change: the imports reached the drafts and version 2
    first = publishing.table_document(ws, EDITION, 1, "ranking")["rows"]
    second = publishing.table_document(ws, EDITION, 2, "ranking")["rows"]
    assert sum(r["posts_sent"] for r in first) < sum(r["posts_sent"] for r in second)
    assert sum(r["posts_sent"] for r in second) < sum(
        r["posts_sent"] for r in published.drafts["ranking"]
    )


def test_the_manifest_holds_the_sha256_of_every_file_and_verify_finds_a_change(published):
    ws = workspace.current()
    manifest = publishing.manifest(ws, EDITION, "latest")
    assert manifest["version"] == 2 and manifest["period"] == ["2014-04-01", "2014-06-30"]
    assert [t["name"] for t in manifest["tables"]] == list(publishing.TABLE_NAMES)
    target = published.root / "published" / "2014" / "v1" / "national.csv"
    target.chmod(0o644)
    target.write_bytes(target.read_bytes() + b"x\n")
    assert publishing.verify(ws, EDITION, 1) == [f"{target} is na het publiceren veranderd."]


def test_publishing_again_makes_a_new_version_and_leaves_the_old_ones(published):
    ws = workspace.current()
    made = publishing.publish(ws, EDITION, *PERIOD, by="test")
    assert made.version == 3 and publishing.versions(ws, EDITION) == [1, 2, 3]
    assert publishing.resolve_version(ws, EDITION, "latest") == 3
    # version 3 holds the drafts of now; the earlier ones stay as they were
    got = publishing.table_document(ws, EDITION, 3, "ranking")["rows"]
    want = json.loads(json.dumps(published.drafts["ranking"]))
    # equal to the last digits: DuckDB's parallel sums may add the floats in another order
    assert got == [{k: pytest.approx(v) for k, v in row.items()} for row in want]
    for relative, data in published.files.items():
        assert (published.root / "published" / relative).read_bytes() == data


def test_only_registry_accounts_appear_in_any_published_row(published, db):
    """The synthetic data hold citizens' accounts (they ask and get answers); no published
    row names one, neither in the files nor through the API."""
    ws = workspace.current()
    stored = pq.read_table(ws.warehouse / "accounts").column("handle").to_pylist()
    citizens = {h.lower() for h in stored if h} - published.registry_handles
    assert len(citizens) > 10
    client = Client()
    seen = 0
    for version in publishing.versions(ws, EDITION):
        for spec in publishing.TABLES:
            address = f"/api/v1/editions/2014/versions/{version}/tables/{spec.name}/"
            served = client.get(address).json()["rows"]
            assert served == publishing.table_document(ws, EDITION, version, spec.name)["rows"]
            for row in served:
                for value in row.values():
                    assert not (isinstance(value, str) and value.lower() in citizens), row
                if row.get("handle") is None:
                    continue
                for handle in row["handle"].split(","):
                    assert handle.strip() in published.registry_handles, (spec.name, row)
                    seen += 1
    assert seen > 10  # the rankings and top lists name the municipalities' accounts


def test_the_public_pages_need_no_login_and_show_the_published_figures(published, db):
    client = Client()
    index = client.get("/opendata/")
    assert index.status_code == 200
    text = index.content.decode()
    assert "Versie 2" in text and "Versie 1" in text and "(nieuwste)" in text
    page = client.get("/opendata/2014/2/")
    assert page.status_code == 200
    html = page.content.decode()
    ws = workspace.current()
    for row in publishing.table_document(ws, EDITION, 2, "ranking")["rows"]:
        assert f'<td class="utrecht-table__cell">{row["municipality_name"]}</td>' in html
    assert client.get("/opendata/2014/laatste/").url == "/opendata/2014/2/"
    assert client.get("/opendata/2014/latest/").url == "/opendata/2014/2/"
    assert client.get("/opendata/2014/9/").status_code == 404
    assert client.get("/opendata/2099/1/").status_code == 404


def test_the_drafts_are_not_shown(published, db):
    """June was imported after version 2: its posts count in the drafts, not on any public
    page, and the researcher's live figures stay behind the login."""
    ws = workspace.current()
    published_sent = {
        r["municipality_code"]: r["posts_sent"]
        for r in publishing.table_document(ws, EDITION, 2, "ranking")["rows"]
    }
    draft_sent = {r["municipality_code"]: r["posts_sent"] for r in published.drafts["ranking"]}
    changed = [c for c in draft_sent if draft_sent[c] != published_sent.get(c)]
    assert changed, "the June import should change the drafts"
    client = Client()
    html = client.get("/opendata/2014/2/").content.decode()
    cells = html.split('<td class="utrecht-table__cell">')
    for code in changed:
        row = next(i for i, cell in enumerate(cells) if cell.startswith(f"{code}<"))
        # the ranking's columns: code, name, platform, handle, posts_sent, ...
        assert cells[row + 4].startswith(f"{number(published_sent[code])}<")
    for address in ("/onderzoek/", "/onderzoek/2014/cijfers/"):
        assert client.get(address).status_code == 302  # to the login page
    assert client.get("/opendata/2014/3/").status_code == 404


@pytest.mark.parametrize("name", publishing.TABLE_NAMES)
def test_every_table_downloads_as_csv_and_parquet(published, db, name):
    client = Client()
    ws = workspace.current()
    rows = publishing.table_document(ws, EDITION, 1, name)["rows"]
    columns = publishing.table(name).column_names
    response = client.get(f"/opendata/2014/1/{name}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="meetlat-2014-v1-{name}.csv"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body == published.files[f"2014/v1/{name}.csv"]
    read = list(csv.DictReader(io.StringIO(body.decode())))
    assert len(read) == len(rows) and (not read or list(read[0]) == columns)
    parquet = b"".join(client.get(f"/opendata/2014/1/{name}.parquet").streaming_content)
    frame = pq.read_table(io.BytesIO(parquet))
    assert frame.column_names == columns and frame.to_pylist() == [
        {c: r[c] for c in columns} for r in rows
    ]
    assert client.get(f"/opendata/2014/1/{name}.xlsx").status_code == 404


def test_the_researcher_publishes_with_the_button(published, researcher_client):
    page = researcher_client.get("/onderzoek/").content.decode()
    assert 'action="/onderzoek/2014/publiceren/"' in page and "Editie 2014 publiceren" in page
    assert researcher_client.get("/onderzoek/2014/publiceren/").status_code == 405
    response = researcher_client.post("/onderzoek/2014/publiceren/", {"period": "2014Q2"})
    assert response.status_code == 302 and response.url == "/opendata/2014/3/"
    shown = researcher_client.get(response.url).content.decode()
    assert "Editie 2014 is gepubliceerd als versie 3." in shown
    manifest = publishing.manifest(workspace.current(), EDITION, 3)
    assert manifest["published_by"] == "onderzoeker"
    bad = researcher_client.post("/onderzoek/2014/publiceren/", {"period": "lente"})
    assert bad.status_code == 400 and "lente" in bad.content.decode()
    assert publishing.versions(workspace.current(), EDITION) == [1, 2, 3]


def test_only_the_researcher_may_publish_and_only_by_post_with_csrf(published, db, amsterdam):
    assert Client().post("/onderzoek/2014/publiceren/", {"period": "2014Q2"}).status_code == 302
    assert amsterdam.post("/onderzoek/2014/publiceren/", {"period": "2014Q2"}).status_code == 404
    assert publishing.versions(workspace.current(), EDITION) == [1, 2]


def test_the_publish_button_needs_the_csrf_token(published, researcher):
    client = Client(enforce_csrf_checks=True)
    client.force_login(researcher)
    assert client.post("/onderzoek/2014/publiceren/", {"period": "2014Q2"}).status_code == 403
    assert publishing.versions(workspace.current(), EDITION) == [1, 2]


def test_nothing_published_yet(db):
    html = Client().get("/opendata/").content.decode()
    assert "Er is nog niets gepubliceerd." in html


def test_the_survey_table_shows_each_question_s_dutch_text_beside_its_id(published, db):
    ws = workspace.current()
    chosen = questionnaire.edition(EDITION, ws)
    rows = publishing.table_document(ws, EDITION, 2, "survey_questions")["rows"]
    assert rows
    for row in rows:
        assert row["question_text"] == chosen.question(row["question_id"]).text["nl"]
    columns = publishing.table("survey_questions").column_names
    assert columns[:2] == ["question_id", "question_text"]
    html = Client().get("/opendata/2014/2/").content.decode()
    twitter = "Heeft uw gemeente een account op Twitter?"
    assert (
        '<td class="utrecht-table__cell">general.twitter_account</td>\n'
        f'    <td class="utrecht-table__cell">{twitter}</td>'
    ) in html
    assert "De vraag zoals de vragenlijst haar stelt, in het Nederlands." in html
    body = b"".join(Client().get("/opendata/2014/2/survey_questions.csv").streaming_content)
    read = list(csv.DictReader(io.StringIO(body.decode())))
    assert {r["question_text"] for r in read if r["question_id"] == "general.twitter_account"} == {
        twitter
    }


def test_a_version_published_before_the_question_texts_gets_them_from_the_questionnaire(
    published,
):
    ws = workspace.current()
    old = [{"question_id": "general.facebook_account", "answer": "yes"},
           {"question_id": "no.such_question", "answer": None}]  # fmt: skip
    shown = opendata._with_question_texts(ws, EDITION, old)
    assert shown[0]["question_text"] == "Heeft uw gemeente een account op Facebook?"
    assert shown[0]["answer"] == "yes" and shown[1]["question_text"] is None
    assert opendata._with_question_texts(ws, "1999", old) == old  # no such edition
