"""`meetlat report municipality --format pdf`: A4, tagged, bookmarks, page numbers, and the
same headings and figures as the HTML (read back with poppler's pdftotext)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from reportexpect import GENERATED
from test_municipality_report_html import DAYS, SECTIONS, _write, invoke

from meetlat.i18n import number

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]


def _run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def pdf(report_home, tmp_path_factory):
    """The first municipality of the registry's report as PDF: (its path, its code)."""

    def meetlat(*args):
        return invoke(report_home, *args)

    rows = json.loads(meetlat("measure", *DAYS, "--json").stdout)
    code = min(r["municipality_code"] for r in rows)
    out = tmp_path_factory.mktemp("gemeente-pdf") / f"{code}.pdf"
    _write(meetlat, out, code, "--format", "pdf", generated=GENERATED)
    return out, code, rows


def test_the_pdf_is_a4_tagged_with_page_numbers(pdf):
    path, _code, _rows = pdf
    info = _run("pdfinfo", path)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "Tagged:          yes" in info
    assert "(A4)" in info
    assert 4 <= pages <= 30
    last = _run("pdftotext", "-f", str(pages), "-l", str(pages), path, "-")
    assert f"{pages} / {pages}" in last


def test_the_bookmarks_are_the_headings(pdf):
    path, code, _rows = pdf
    xml = _run("pdftohtml", "-xml", "-i", "-stdout", path)
    outline = re.findall(r'<item page="\d+">([^<]+)</item>', xml)
    assert outline[0].endswith(" en sociale media 2014")
    assert outline[2:] == SECTIONS


def test_the_pdf_text_has_the_figures_of_measure(pdf):
    path, code, rows = pdf
    text = re.sub(r"\s+", " ", _run("pdftotext", path, "-"))
    assert f"Gemeenterapport {code}, 2014-04-01 tot en met 2014-06-30" in text
    for row in (r for r in rows if r["municipality_code"] == code):
        assert f"@{row['handle']}" in text
        assert f"Verzonden berichten {number(row['posts_sent'])}" in text
