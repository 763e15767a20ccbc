"""`meetlat report national --format pdf`: A4, tagged, bookmarks, page numbers, and the
same headings and figures as the HTML (read back with poppler's pdftotext)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from reportexpect import CAPTIONS, PERIOD, SECTIONS

from meetlat.app import figuretext

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]


@pytest.fixture
def pdf(national_pdf):
    return national_pdf


def _run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_the_pdf_is_a4_tagged_with_page_numbers(pdf):
    info = _run("pdfinfo", pdf)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "Tagged:          yes" in info
    assert "(A4)" in info
    assert re.search(r"CreationDate:\s+Mon Sep  1 \d\d:00:00 2014", info), info  # given
    assert 8 <= pages <= 40
    for page in (2, pages):
        assert f"{page} / {pages}" in _run("pdftotext", "-f", str(page), "-l", str(page), pdf, "-")


def test_the_bookmarks_are_the_headings(pdf):
    xml = _run("pdftohtml", "-xml", "-i", "-stdout", pdf)
    outline = re.findall(r'<item page="\d+">([^<]+)</item>', xml)
    assert outline[0] == "Gemeenten en sociale media 2014"
    assert outline[2:] == SECTIONS


def test_the_pdf_text_has_the_headings_and_the_figures(pdf, meetlat):
    text = re.sub(r"\s+", " ", _run("pdftotext", pdf, "-"))
    for heading in SECTIONS:
        assert heading in text
    for caption in CAPTIONS:
        assert caption + ":" in text
    figures = {
        f["key"]: f
        for f in json.loads(meetlat("national", "--period", PERIOD, "--json").stdout)["figures"]
    }
    interaction = figuretext.figure_value(figures["corporate.interaction_pct_mean"]["value"], "pct")
    assert f"Het gemiddelde interactiepercentage is {interaction};" in text
