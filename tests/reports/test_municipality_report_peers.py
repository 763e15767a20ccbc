"""The growth-model section of the municipality report beside its peers' medians
(docs/reports.md, "Peer medians"): hand-written answers in a copy of the report workspace,
medians computed by hand."""

from __future__ import annotations

import re
import shutil

import pytest
from reportexpect import GENERATED, PERIOD
from test_municipality_report_html import _text, invoke

# the six municipalities of the report workspace, by size class on 1 January 2014:
# 20k-50k GM0297 (Gelderland), GM0399 (Noord-Holland), GM1714 (Zeeland);
# 50k-100k GM0166 (Overijssel), GM0748 (Noord-Brabant); under 20k GM0611 (Zuid-Holland)
ANSWERS = """municipality_code,content.announcements,content.events
GM0297,8,6
GM0399,9,
GM1714,7,9
GM0166,5,
GM0748,8,
GM0611,3,
"""


@pytest.fixture(scope="module")
def hand_home(report_home, tmp_path_factory):
    """A copy of the report workspace whose answers are the hand-written ones above."""
    home = tmp_path_factory.mktemp("peers") / "home"
    shutil.copytree(report_home, home)
    file = home.parent / "answers.csv"
    file.write_text(ANSWERS, encoding="utf-8")
    result = invoke(home, "survey", "import", file, "--edition", "2014", "--replace")
    assert result.exit_code == 0, result.output
    return home


def _report(home, code, out):
    result = invoke(home, "report", "municipality", code, "--period", PERIOD, "--out", out,
                    "--generated-at", GENERATED)  # fmt: skip
    assert result.exit_code == 0, result.output
    return _text(out.read_text(encoding="utf-8"))


def test_the_peer_medians_are_those_computed_by_hand(hand_home, tmp_path):
    text = _report(hand_home, "GM0297", tmp_path / "gm0297.html")
    assert "Mediaan grootteklasse" in text and "Mediaan provincie" in text
    # own content mean (8 + 6) / 2 = 7; its peers of 20k-50k: GM0399 9 and GM1714
    # (7 + 9) / 2 = 8, median (8 + 9) / 2 = 8.5; no other municipality of Gelderland
    assert re.search(r"Content \S+ \S+ 7,0 \S+ 8,5 – ", text), text
    assert re.search(r"Visie/ambitie – – – – – – ", text)  # nobody graded vision
    assert "de gemiddelde cijfers van de 2 andere gemeenten uit die groep" in text
    assert "De gemeente geeft zichzelf een lager cijfer dan die mediaan op: Content." in text
    assert "Geen andere gemeente van haar provincie Gelderland vulde editie 2014 in" in text
    html = (tmp_path / "gm0297.html").read_text(encoding="utf-8")  # the chart's text alternative
    assert re.search(r'alt="[^"]*Content 7,0 / [0-9,]+ / 8,5 / –;', html)


def test_a_peer_graded_lower_is_said(hand_home, tmp_path):
    text = _report(hand_home, "GM0399", tmp_path / "gm0399.html")
    # own 9; its peers GM0297 7 and GM1714 8: (7 + 8) / 2 = 7.5
    assert re.search(r"Content \S+ \S+ 9,0 \S+ 7,5 – ", text), text
    assert "De gemeente geeft zichzelf een hoger cijfer dan die mediaan op: Content." in text
    text = _report(hand_home, "GM0748", tmp_path / "gm0748.html")
    # 50k-100k: one peer, GM0166 with 5
    assert re.search(r"Content \S+ \S+ 8,0 \S+ 5,0 – ", text), text
    assert "de gemiddelde cijfers van de 1 andere gemeente uit die groep" in text
