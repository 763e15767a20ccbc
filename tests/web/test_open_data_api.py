"""The read-only JSON API under /api/v1/: its answers, Dutch JSON 404s for what was
never published, and the OpenAPI document, checked by schemathesis against the running
application (pytest-django's live server) with every generated request."""

from __future__ import annotations

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, given, settings

from meetlat import workspace
from meetlat.app import publishing
from meetlat.web import api

EDITION = "2014"


def test_editions_versions_tables_and_a_table(published, db):
    client = Client()
    editions = client.get("/api/v1/editions/").json()["editions"]
    assert [(e["edition"], e["versions"], e["latest"]) for e in editions] == [("2014", [1, 2], 2)]
    versions = client.get(editions[0]["url"]).json()
    assert [v["version"] for v in versions["versions"]] == [1, 2] and versions["latest"] == 2
    manifest = client.get("/api/v1/editions/2014/versions/latest/").json()
    assert manifest["version"] == 2 and len(manifest["tables"]) == len(publishing.TABLES)
    tables = client.get(manifest["tables_url"]).json()["tables"]
    assert [t["name"] for t in tables] == list(publishing.TABLE_NAMES)
    assert tables[1]["title"] == "Ranglijst van de gemeenten"
    ranking = client.get(tables[1]["url"])
    assert ranking["Content-Type"] == "application/json"
    body = ranking.json()
    stored = publishing.table_document(workspace.current(), EDITION, 2, "ranking")
    assert body["rows"] == stored["rows"] and body["columns"] == stored["columns"]
    assert body["downloads"]["csv"].endswith("/opendata/2014/2/ranking.csv")
    assert client.get(body["downloads"]["parquet"]).status_code == 200


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("/api/v1/editions/2099/versions/", "Editie 2099 is niet gepubliceerd."),
        ("/api/v1/editions/2014/versions/7/", "Editie 2014 heeft geen versie 7."),
        ("/api/v1/editions/2014/versions/nieuw/tables/", "Editie 2014 heeft geen versie nieuw."),
        ("/api/v1/editions/2014/versions/1/tables/burgers/", "Er is geen gepubliceerde tabel burgers."),
        ("/api/v1/editions/..%2F..%2Fetc/versions/", "Dit adres bestaat niet in de API."),
        ("/api/v1/bestaat-niet/", "Dit adres bestaat niet in de API."),
    ],
)  # fmt: skip
def test_what_was_never_published_is_a_json_404_in_dutch(published, db, address, message):
    response = Client().get(address)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": message}


def test_a_numbered_version_may_be_cached_for_good_latest_not(published, db):
    client = Client()
    numbered = client.get("/api/v1/editions/2014/versions/1/tables/national/")
    assert numbered["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/opendata/2014/1/national.csv")["Cache-Control"] == numbered["Cache-Control"]
    for address in (
        "/api/v1/editions/",
        "/api/v1/editions/2014/versions/latest/tables/national/",
        "/opendata/2014/latest/national.csv",
    ):
        assert client.get(address)["Cache-Control"] == "no-cache", address


def test_the_api_only_reads(published, db):
    assert Client().post("/api/v1/editions/").status_code == 405
    assert publishing.versions(workspace.current(), EDITION) == [1, 2]


def test_the_openapi_document_describes_every_endpoint_and_table(db):
    document = Client().get("/api/v1/openapi.json").json()
    assert document == api.openapi() and document["openapi"].startswith("3.")
    for table in publishing.TABLES:
        path = f"/api/v1/editions/{{edition}}/versions/{{version}}/tables/{table.name}/"
        assert path in document["paths"]
        row = document["components"]["schemas"][f"Table_{table.name}"]["properties"]["rows"]
        assert list(row["items"]["properties"]) == table.column_names
    assert {e.name for e in api.ENDPOINTS} == {
        op["get"]["operationId"] for op in document["paths"].values()
    } - {f"table_{t.name}" for t in publishing.TABLES}


ROUTES = sorted(api.openapi()["paths"])
KNOWN = {"edition": EDITION, "version": "1", "name": "ranking"}


@pytest.mark.parametrize("route", ROUTES)
def test_the_running_api_keeps_to_its_openapi_document(route, published, live_server):
    """Schemathesis' generated requests (editions, versions and table names the document
    allows) and one of the published ones, against the live server: every answer keeps to
    the document (status, content type, schema) and none is a server error."""
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operation = schema[route]["GET"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    def generated(case):
        response = case.call_and_validate()
        headers = {key.lower(): value for key, value in response.headers.items()}
        assert headers["content-type"][0] == "application/json"

    generated()
    names = {p.name for p in operation.path_parameters}
    known = operation.Case(path_parameters={k: v for k, v in KNOWN.items() if k in names})
    assert known.call_and_validate().status_code == 200
