"""`meetlat issue cijfers` and `meetlat issue rapport` end to end on the tunnel case."""

from __future__ import annotations

import json
import re

import pytest

CITIZENS = ("anna_b", "bertjansen", "carla_c", "dirkd", "regio_nieuws", "eva_e", "fleur_f",
            "gert_g")  # fmt: skip


@pytest.fixture
def home(tunnel, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(tunnel.root))
    return tunnel


def test_figures_json(cli, home, issue_file, labels_file):
    result = cli("issue", "cijfers", issue_file, "--labels", labels_file, "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [b["posts"] for b in found["buckets"]] == [1, 1, 9, 2]
    assert [(s["first"], s["minutes_to_own"]) for s in found["spikes"]] == [("2014-08-12", 90.0)]
    assert found["teneur"]["onbeslist"] == 1 and found["coders"] == 2
    for handle in CITIZENS:
        assert handle not in result.output.lower()


def test_figures_table(cli, home, issue_file, labels_file):
    result = cli("issue", "cijfers", issue_file, "--labels", labels_file)
    assert result.exit_code == 0, result.output
    assert "Wateroverlast in de tunnel: 13 berichten van 2014-08-10 tot en met 2014-08-13" in (
        result.output
    )
    assert "Piek 2014-08-12: 9 berichten vanaf 2014-08-12 14:02" in result.output
    assert "(minuten: 90)" in result.output
    assert "gemeentebuurstad (1)" in result.output
    for handle in CITIZENS:
        assert handle not in result.output.lower()


def test_report_html_and_pdf(cli, home, issue_file, labels_file, tmp_path):
    html, pdf = tmp_path / "tunnel.html", tmp_path / "tunnel.pdf"
    result = cli("issue", "rapport", issue_file, "--labels", labels_file, "--html", html,
                 "--pdf", pdf, "--generated-at", "2014-08-20")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Issuerapport geschreven naar {html}." in result.output
    document = html.read_text(encoding="utf-8")
    assert re.findall(r"<h2 [^>]*>([^<]+)</h2>", document) == ["Aanleiding", "Analyse", "Advies"]
    assert pdf.read_bytes().startswith(b"%PDF")
    again = tmp_path / "again.html"
    cli("issue", "rapport", issue_file, "--labels", labels_file, "--html", again,
        "--generated-at", "2014-08-20")  # fmt: skip
    assert again.read_bytes() == html.read_bytes()


def test_report_needs_an_output(cli, home, issue_file):
    result = cli("issue", "rapport", issue_file)
    assert result.exit_code == 2
    assert "Geef --html of --pdf" in result.output


def test_a_bad_issue_file_is_one_sentence(cli, home, tmp_path):
    bad = tmp_path / "kapot.toml"
    bad.write_text('name = "x"\nmunicipality = "Amsterdam"\nterms = ["a"]\n', encoding="utf-8")
    result = cli("issue", "cijfers", bad)
    assert result.exit_code == 1
    assert f"{bad}: municipality: verwacht een gemeentecode zoals GM0363." in result.output
    assert "Traceback" not in result.output


def test_a_missing_labels_file_is_one_sentence(cli, home, issue_file, tmp_path):
    result = cli("issue", "cijfers", issue_file, "--labels", tmp_path / "weg.csv")
    assert result.exit_code == 1
    assert "weg.csv bestaat niet." in result.output
