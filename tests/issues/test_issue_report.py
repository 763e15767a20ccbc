"""The issue report on the tunnel case: the book's frame aanleiding / analyse / advies,
byte-identical HTML for the same data, and a PDF of at most two A4 pages (read back with
poppler's pdftotext) that names no citizen."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from meetlat.app import issues
from meetlat.reports import issue as report

GENERATED = "2014-08-20"
CITIZENS = ("anna_b", "bertjansen", "carla_c", "dirkd", "regio_nieuws", "eva_e", "fleur_f",
            "gert_g")  # fmt: skip
HEADINGS = ("Aanleiding", "Analyse", "Advies")


@pytest.fixture
def issue(issue_file):
    return issues.load(issue_file)


@pytest.fixture
def labels(labels_file):
    return issues.read_labels(labels_file.read_text(encoding="utf-8"), str(labels_file))


def test_the_html_has_the_frame_and_the_figures(tunnel, issue, labels):
    document = report.issue_report(tunnel, issue, labels, GENERATED).decode("utf-8")
    assert '<html lang="nl">' in document
    headings = re.findall(r"<h2 [^>]*>([^<]+)</h2>", document)
    assert tuple(headings) == HEADINGS
    assert "Wateroverlast in de tunnel" in document
    assert (
        "10 augustus 2014: Raad besluit: geen extra geld voor onderhoud van de tunnel" in document
    )
    assert (
        "13 berichten over het issue van 10 accounts, 2 daarvan van de gemeente zelf." in document
    )
    assert "12 augustus 2014 14:02" in document and "12 augustus 2014 15:32" in document
    assert '<td class="number">90</td>' in document
    assert "onbeslist (gelijke stand)" in document
    assert "gemeentebuurstad" in document
    assert "Geef de webcare de vrijheid" in document  # the analyst's advice
    assert "Gemaakt op 2014-08-20" in document
    lowered = document.lower()
    for handle in CITIZENS:
        assert handle not in lowered, handle


def test_the_same_data_gives_the_same_bytes(tunnel, issue, labels):
    first = report.issue_report(tunnel, issue, labels, GENERATED)
    assert report.issue_report(tunnel, issue, labels, GENERATED) == first
    assert report.issue_report(tunnel, issue, labels, "2014-08-21") != first


def test_without_labels_the_tenor_is_not_computed(tunnel, issue):
    document = report.issue_report(tunnel, issue, None, GENERATED).decode("utf-8")
    assert "nog geen bericht over het issue gecodeerd" in document.lower()
    assert "Steun (voor)" not in document


def _run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_pdf_is_one_or_two_a4_pages(tunnel, issue, labels, tmp_path):
    path = tmp_path / "tunnel.pdf"
    path.write_bytes(report.issue_report(tunnel, issue, labels, GENERATED, "pdf"))
    info = _run("pdfinfo", str(path))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "(A4)" in info and "Tagged:          yes" in info
    assert 1 <= pages <= 2
    text = _run("pdftotext", str(path), "-")
    for heading in HEADINGS:
        assert re.search(rf"^{heading}$", text, re.M), heading
    assert "Risico’s" in text or "Risico's" in text
    assert re.search(rf"{pages}\s*/\s*{pages}", text)
    lowered = text.lower()
    for handle in CITIZENS:
        assert handle not in lowered, handle
