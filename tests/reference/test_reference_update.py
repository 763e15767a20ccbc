"""`meetlat reference update` against the recorded CBS OData response, served locally."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from meetlat import reference
from meetlat.reference import cbs


@pytest.fixture
def recording(fixtures) -> bytes:
    return (fixtures / "reference" / "cbs-85984NED-gemeenten.json").read_bytes()


@pytest.fixture
def serve():
    """Serve {path: (status, body)} on 127.0.0.1; yields the base URL."""
    servers = []

    def start(pages: dict[str, tuple[int, bytes]]) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                status, body = pages.get(self.path.split("?")[0], (404, b"not found"))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_update_from_the_recorded_response(cli, workspace, recording, serve):
    base = serve({"/85984NED/TypedDataSet": (200, recording)})
    url = f"{base}/85984NED/TypedDataSet?$filter=startswith(WijkenEnBuurten,'GM')"
    result = cli("reference", "update", "--year", "2024", "--url", url)
    assert result.exit_code == 0, result.output
    assert "Inwonertallen 2024 bijgewerkt voor 342 gemeenten" in result.stdout
    written = (workspace.reference / "population.csv").read_text(encoding="utf-8").splitlines()
    assert len(written) == 1 + 342
    assert "GM0363,2024,931298,false,cbs-odata:85984NED" in written
    figure = reference.population("GM0363", 2024)
    assert (figure.inhabitants, figure.source) == (931298, "cbs-odata:85984NED")


def test_updated_figures_take_precedence_and_pages_are_followed(workspace, recording):
    document = json.loads(recording)
    rows = document["value"]
    for row in rows:
        if row["WijkenEnBuurten"].strip() == "GM0363":
            row["AantalInwoners_5"] = 940000
    pages = {
        "page1": {**document, "value": rows[:200], "odata.nextLink": "page2"},
        "page2": {**document, "value": rows[200:]},
    }
    asked = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        return json.dumps(pages[url]).encode()

    result = cbs.update(2024, workspace.reference, url="page1", get=fetch)
    assert asked == ["page1", "page2"]
    assert len(result.figures) == 342
    assert reference.population("GM0363", 2024).inhabitants == 940000
    assert reference.population("GM0363", 2023).source == "jorisheijkant-2023"


def test_update_keeps_other_years_and_skips_unknown_codes(workspace, recording):
    (workspace.reference / "population.csv").write_text(
        "code,year,inhabitants,approximate,source\nGM0363,2020,872757,false,cbs\n",
        encoding="utf-8",
    )
    document = json.loads(recording)
    document["value"].append({"WijkenEnBuurten": "GM9998    ", "AantalInwoners_5": 5})
    document["value"].append({"WijkenEnBuurten": "NL00      ", "AantalInwoners_5": 17942942})
    result = cbs.update(
        2024, workspace.reference, url="u", get=lambda u: json.dumps(document).encode()
    )
    assert result.skipped == ["GM9998"]
    assert reference.population("GM0363", 2020).inhabitants == 872757
    assert reference.population("GM0363", 2024).inhabitants == 931298


def test_default_url_asks_the_2024_table_for_municipalities():
    url = cbs.table_url(2024)
    assert url.startswith("https://opendata.cbs.nl/ODataApi/odata/85984NED/TypedDataSet?")
    assert "$filter=startswith(WijkenEnBuurten,'GM')" in url


def test_a_year_without_known_table_needs_one():
    with pytest.raises(cbs.CbsError, match="--table"):
        cbs.table_url(1999)
    assert "/83220NED/" in cbs.table_url(2015, table="83220NED")


def test_server_error_is_reported_and_changes_nothing(cli, workspace, serve):
    base = serve({})
    result = cli("reference", "update", "--year", "2024", "--url", f"{base}/missing")
    assert result.exit_code == 1
    assert "CBS antwoordde 404" in result.output
    assert not (workspace.reference / "population.csv").exists()


def test_an_answer_that_is_not_json_is_reported(cli, workspace, serve):
    base = serve({"/page": (200, b"<html>onderhoud</html>")})
    result = cli("reference", "update", "--year", "2024", "--url", f"{base}/page")
    assert result.exit_code == 1
    assert "is geen JSON" in result.output


def test_an_answer_without_municipalities_is_refused(workspace):
    with pytest.raises(cbs.CbsError):
        cbs.update(2024, workspace.reference, url="u", get=lambda u: b'{"value": []}')


def test_a_row_without_inhabitants_is_refused(workspace):
    body = b'{"value": [{"WijkenEnBuurten": "GM0363    ", "AantalInwoners_5": null}]}'
    with pytest.raises(cbs.CbsError, match="GM0363"):
        cbs.update(2024, workspace.reference, url="u", get=lambda u: body)


def test_update_needs_a_workspace(cli):
    result = cli("reference", "update", "--year", "2024", "--url", "http://127.0.0.1:9/")
    assert result.exit_code == 1
    assert "meetlat init" in result.output
