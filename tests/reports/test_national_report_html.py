"""`meetlat report national --format html`: every section of the book's research chapter,
figures equal to the CLI's, charts with text alternatives and data, byte-identical output."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import duckdb
from reportexpect import CAPTIONS, PERIOD, SECTIONS

from meetlat.app import figuretext
from meetlat.i18n import number


class Outline(HTMLParser):
    """The h1/h2 texts, the images with their alt texts, the figures and tables in order."""

    def __init__(self):
        super().__init__()
        self.headings, self.images, self.order, self._in = [], [], [], None
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("h1", "h2"):
            self._in = tag
            self.headings.append("")
        if tag == "img":
            self.images.append(attrs)
        if tag in ("figure", "table"):
            self.order.append(tag)

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.headings[-1] += data


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_report_has_every_section_of_the_chapter_in_dutch(national_html):
    html = national_html.read_text(encoding="utf-8")
    outline = Outline()
    outline.feed(html)
    assert outline.lang == "nl"
    assert outline.headings[0] == "Gemeenten en sociale media 2014"
    assert outline.headings[2:] == SECTIONS  # after the title and "Inhoud"
    for caption in CAPTIONS:
        assert f"<caption>{caption}:" in html or f">{caption}:" in html, caption
    assert "Gemaakt op 2014-09-01T12:00Z door Meetlat." in html


def test_every_chart_has_a_text_alternative_and_its_data_table_beside_it(national_html):
    html = national_html.read_text(encoding="utf-8")
    outline = Outline()
    outline.feed(html)
    assert len(outline.images) == 6
    for image in outline.images:
        assert image["src"].startswith("data:image/svg+xml;base64,")
        assert image["alt"].startswith("Staafdiagram van ") and len(image["alt"]) > 40
    # every figure is followed by its table
    for index, tag in enumerate(outline.order):
        if tag == "figure":
            assert outline.order[index + 1] == "table"


def test_the_same_data_gives_byte_identical_html(national_html, write_report):
    first = national_html.read_bytes()
    assert write_report("html", "twee.html").read_bytes() == first
    other = write_report("html", "drie.html", generated="2015-01-01").read_bytes()
    assert other != first
    assert other.replace(b"2015-01-01", b"2014-09-01T12:00Z") == first


def test_the_figures_are_those_of_meetlat_national(national_html, meetlat):
    text = _text(national_html.read_text(encoding="utf-8"))
    result = meetlat("national", "--period", PERIOD, "--json")
    figures = {f["key"]: f for f in json.loads(result.stdout)["figures"]}
    followers = figures["corporate.followers_mean"]
    assert (
        "Het gemiddelde aantal volgers van de corporate accounts is "
        f"{figuretext.figure_value(followers['value'], 'accounts')};" in text
    )
    reaction = figures["corporate.reaction_time_mean_min"]["value"]
    assert f"De gemiddelde reactietijd is {figuretext.duration(reaction)}" in text
    x = figures["adoption.x_pct"]
    assert f"X (Twitter) {figuretext.figure_value(x['value'], 'pct')}" in text
    council = int(figures["council.accounts"]["value"])
    assert f"{council} raadsaccount" in text


def test_tables_10_and_11_are_those_of_meetlat_rank(national_html, meetlat):
    text = _text(national_html.read_text(encoding="utf-8"))
    period = ["--from", "2014-04-01", "--to", "2014-06-30", "--by", "municipality"]
    top = json.loads(meetlat("rank", *period, "--table", "10", "--json").stdout)
    average = figuretext.figure_value(top["average"]["interaction_pct"], "pct")
    assert f"Gemiddelde van de gemeenten {average}" in text
    for row in top["interaction"]:
        shown = figuretext.figure_value(row["interaction_pct"], "pct")
        assert f"{row['rank']} {row['municipality_name']} {shown}" in text
    for row in top["reaction_time"]:
        shown = figuretext.duration(row["reaction_time_mean_min"])
        assert f"{row['rank']} {row['municipality_name']} {shown}" in text
    ranked = json.loads(meetlat("rank", *period, "--json").stdout)
    first = min((r for r in ranked if r["position"] is not None), key=lambda r: r["position"])
    assert (
        f"{first['municipality_name']} staat bovenaan met een totaalscore van "
        f"{number(int(first['total']))}." in text
    )


def test_table_12_grades_the_departments_as_the_book_names_them(national_html, meetlat):
    text = _text(national_html.read_text(encoding="utf-8"))
    summary = json.loads(meetlat("survey", "summary", "--edition", "2014", "--json").stdout)
    means = {q["question_id"]: q["mean"] for q in summary["questions"]}
    for key, name in (("communication", "Communicatie"), ("kcc", "KCC"), ("clerk", "Griffie")):
        assert f"{name} {number(means[f'people.use.{key}'], 1)} –" in text
    assert "Afdeling Beoordeling 2014 Beoordeling vorige editie" in text


def test_the_methods_count_the_posts_and_say_what_was_left_out(national_html, meetlat):
    text = _text(national_html.read_text(encoding="utf-8"))
    rows = json.loads(
        meetlat("measure", "--from", "2014-04-01", "--to", "2014-06-30", "--json").stdout
    )
    measured = [r for r in rows if r["role"] in ("corporate", "council")]
    posts = sum(r["posts_sent"] for r in measured)
    assert f"verzonden in de periode {number(posts)} berichten" in text
    assert "0 records uit de geïmporteerde bestanden" in text
    assert "geen burger wordt genoemd" in text


def test_no_citizen_is_named(national_html, in_report_home):
    html = national_html.read_text(encoding="utf-8").lower()
    warehouse = in_report_home / "warehouse"
    handles = duckdb.sql(
        f"select distinct handle from '{warehouse}/accounts/**/*.parquet' "
        f"where handle not in (select handle from '{warehouse}/registry/accounts.parquet')"
    ).fetchall()
    assert handles
    assert not [h for (h,) in handles if h and h.lower() in html]


def test_a_bad_period_or_edition_is_refused(meetlat, tmp_path):
    out = tmp_path / "r.html"
    args = ["report", "national", "--out", out, "--generated-at", "2014-09-01"]
    result = meetlat(*args, "--period", "2014Q5")
    assert result.exit_code == 2 and "--period 2014Q5" in result.output
    result = meetlat(*args, "--period", PERIOD, "--edition", "1999")
    assert result.exit_code == 2 and "--edition 1999" in result.output
    result = meetlat(*args[:-2], "--generated-at", "gisteren", "--period", PERIOD)
    assert result.exit_code == 2 and "--generated-at gisteren" in result.output
    assert not out.exists()
