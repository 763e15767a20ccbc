"""`meetlat report municipality`: one municipality's report, its figures equal to those of
`meetlat measure`, `rank`, `activity`, `words` and `assess`; byte-identical output; a
municipality without accounts refused; `--all` writes one file per municipality."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import duckdb
import pytest
from reportexpect import GENERATED, PERIOD
from typer.testing import CliRunner

from meetlat.app import figuretext
from meetlat.cli.main import build_app
from meetlat.i18n import number

DAYS = ["--from", "2014-04-01", "--to", "2014-06-30"]
SECTIONS = [
    "Samenvatting", "De accounts", "Plaats in de ranglijsten", "Activiteit per dag en uur",
    "Reactietijd", "Woordgebruik", "Groeimodel", "Advies", "Verantwoording onderzoek",
]  # fmt: skip


class Outline(HTMLParser):
    """The h1/h2 texts, the images with their attributes, the figures and tables in order."""

    def __init__(self):
        super().__init__()
        self.headings, self.images, self.order, self._in, self.lang = [], [], [], None, None

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


def _write(meetlat, out, *more, generated=GENERATED):
    result = meetlat("report", "municipality", *more, "--period", PERIOD, "--out", out,
                     "--generated-at", generated)  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def invoke(home, *args):
    """Run the meetlat command in the workspace ``home``, in Dutch (module-scoped
    fixtures cannot use the function-scoped ``meetlat``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEETLAT_HOME", str(home))
        patch.setenv("MEETLAT_LANG", "nl")
        return CliRunner().invoke(build_app(), [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def chosen(report_home):
    """The municipality whose accounts sent the most posts: its code and name."""
    rows = json.loads(
        invoke(report_home, "measure", *DAYS, "--by", "municipality", "--json").stdout
    )
    best = max(rows, key=lambda r: (r["posts_sent"], r["municipality_code"]))
    return best["municipality_code"], best["municipality_name"]


@pytest.fixture
def page(chosen, meetlat, tmp_path):
    """The chosen municipality's report as HTML: (its text, its HTML)."""
    out = _write(meetlat, tmp_path / "gemeente.html", chosen[0])
    html = out.read_text(encoding="utf-8")
    return _text(html), html


def test_the_report_has_its_sections_in_dutch(page, chosen):
    text, html = page
    outline = Outline()
    outline.feed(html)
    assert outline.lang == "nl"
    assert outline.headings[0] == f"{chosen[1]} en sociale media 2014"
    assert outline.headings[2:] == SECTIONS  # after the title and "Inhoud"
    assert f"Gemeenterapport {chosen[0]}, 2014-04-01 tot en met 2014-06-30" in text
    assert "Gemaakt op 2014-09-01T12:00Z door Meetlat." in text


def test_every_chart_has_a_text_alternative_and_its_data_table(page):
    _text_only, html = page
    outline = Outline()
    outline.feed(html)
    alts = [image["alt"] for image in outline.images]
    assert len(alts) == 4  # heat map, reaction time, words, growth model
    assert alts[0].startswith("Heatmap van de berichten van ")
    assert all(len(a) > 40 for a in alts)
    for index, tag in enumerate(outline.order):
        if tag == "figure":
            assert outline.order[index + 1] == "table"


def test_the_accounts_figures_are_those_of_meetlat_measure(page, chosen, meetlat):
    text, _html = page
    rows = json.loads(meetlat("measure", *DAYS, "--json").stdout)
    own = [r for r in rows if r["municipality_code"] == chosen[0]]
    assert own
    for row in own:
        assert f"@{row['handle']} (" in text
        assert f"Verzonden berichten {number(row['posts_sent'])}" in text
        assert f"Reacties aan anderen {number(row['replies_sent'])}" in text
        if row["interaction_pct"] is not None:
            pct = figuretext.figure_value(row["interaction_pct"], "pct")
            assert f"Interactiepercentage {pct}" in text
        if row["reaction_time_mean_min"] is not None:
            shown = [
                figuretext.duration(row[c])
                for c in ("reaction_time_mean_min", "reaction_time_median_min",
                          "reaction_time_office_mean_min", "reaction_time_office_median_min")
            ]  # fmt: skip
            assert f"{number(row['replies_timed'])} {' '.join(shown)}" in text
    posts = sum(r["posts_sent"] for r in own)
    earlier = json.loads(meetlat("measure", "--from", "2013-04-01", "--to", "2013-06-30",
                                 "--json").stdout)  # fmt: skip
    before = sum(r["posts_sent"] for r in earlier if r["municipality_code"] == chosen[0])
    if sum(r["posts_sent"] for r in earlier):
        assert f"verzonden is gestegen van {number(before)} naar {number(posts)}" in text
    else:  # nothing at all of a year earlier: not collected, so no earlier figure
        assert f"verzonden is {number(posts)}; van een jaar eerder is er geen cijfer" in text


def test_the_positions_are_those_of_meetlat_rank(page, chosen, meetlat):
    text, _html = page
    base = ["rank", *DAYS, "--by", "municipality", "--top", "0", "--json"]
    for label, more in (("Alle gemeenten", []), (None, ["--peer-group", "size"]),
                        ("Provincie", ["--peer-group", "province"])):  # fmt: skip
        rows = json.loads(meetlat(*base, *more).stdout)
        row = next(r for r in rows if r["municipality_code"] == chosen[0])
        group = [r for r in rows if r.get("peer_group") == row.get("peer_group")]
        ranked = sum(1 for r in group if r["position"] is not None)
        position = "–" if row["position"] is None else str(row["position"])
        if label == "Provincie":
            label = f"Provincie {row['peer_group']}"
        elif label is None:
            label = "Grootteklasse"
        assert re.search(re.escape(label) + r"[^|]*? " + re.escape(f"{position} {ranked} "), text)
    rows = json.loads(meetlat(*base).stdout)
    row = next(r for r in rows if r["municipality_code"] == chosen[0])
    if row["position"] is not None:
        assert f"staat de gemeente op plaats {row['position']} van" in text


def test_the_heat_map_and_words_are_those_of_activity_and_words(page, chosen, meetlat):
    text, html = page
    cells = json.loads(meetlat("activity", *DAYS, "--municipality", chosen[0], "--json").stdout)
    for hour in (9, 14, 23):
        row = [c["posts"] for c in sorted(cells, key=lambda c: c["weekday"]) if c["hour"] == hour]
        assert f"{hour}–{hour + 1} {' '.join(number(n) for n in row)} " in text
    per_day = [sum(c["posts"] for c in cells if c["weekday"] == d) for d in range(1, 8)]
    assert f"Totaal {' '.join(number(n) for n in per_day)} " in text
    assert f"Maandag {number(per_day[0])}; Dinsdag {number(per_day[1])};" in html
    total = sum(c["posts"] for c in cells)
    assert f"Van de {number(total)} berichten van de accounts" in text
    found = json.loads(meetlat("words", *DAYS, "--municipality", chosen[0], "--json").stdout)
    for row in found["words"][:15]:
        assert f"{row['word']} {number(row['count'])}" in text
    for row in found["hashtags"][:5]:
        assert f"#{row['hashtag']} {number(row['count'])}" in text


def test_the_growth_model_and_advice_are_those_of_assess(page, chosen, meetlat):
    text, _html = page
    found = json.loads(meetlat("assess", chosen[0], "--json").stdout)
    phase = found["overall_phase"]
    assert f"staat de gemeente in fase {phase} van het groeimodel" in text
    summary = json.loads(meetlat("survey", "summary", "--edition", "2014", "--json").stdout)
    average = {a["aspect"]: a for a in summary["average"]["aspects"]}
    content = next(a for a in found["profile"] if a["aspect"] == "content")
    assert (
        f"Content {content['phase']} {average['content']['phase']} "
        f"{number(content['grade_mean'], 1)} {number(average['content']['grade_mean'], 1)}"
    ) in text
    assert "Hoofdstukken om in deze fase te lezen:" in text
    assert "De antwoorden zijn synthetisch" in text  # the test workspace's answers are


def test_the_same_data_gives_byte_identical_html(chosen, meetlat, tmp_path):
    first = _write(meetlat, tmp_path / "een.html", chosen[0]).read_bytes()
    assert _write(meetlat, tmp_path / "twee.html", chosen[0]).read_bytes() == first
    other = _write(meetlat, tmp_path / "drie.html", chosen[0], generated="2015-01-01")
    assert other.read_bytes() != first
    assert other.read_bytes().replace(b"2015-01-01", GENERATED.encode()) == first


def test_a_municipality_without_accounts_is_refused_in_dutch(meetlat, in_report_home, tmp_path):
    registry = in_report_home / "warehouse" / "registry" / "accounts.parquet"
    codes = {c for (c,) in duckdb.sql(f"select municipality_code from '{registry}'").fetchall()}
    assert "GM0363" not in codes  # Amsterdam has no accounts in the test workspace
    out = tmp_path / "amsterdam.html"
    args = ["--period", PERIOD, "--out", out, "--generated-at", "2014-09-01"]
    result = meetlat("report", "municipality", "GM0363", *args)
    assert result.exit_code == 2
    assert "GM0363 (Amsterdam) heeft geen accounts in het register" in result.output
    assert not out.exists()
    result = meetlat("report", "municipality", "GM9999", *args)
    assert result.exit_code == 2 and "GM9999: deze gemeente bestaat niet." in result.output
    result = meetlat("report", "municipality", *args)
    assert result.exit_code == 2 and "Geef een gemeentecode of --all" in result.output


def test_all_writes_one_report_per_municipality_with_accounts(meetlat, in_report_home, tmp_path):
    registry = in_report_home / "warehouse" / "registry" / "accounts.parquet"
    codes = sorted(
        c for (c,) in duckdb.sql(f"select distinct municipality_code from '{registry}'").fetchall()
    )
    folder = _write(meetlat, tmp_path / "gemeenten", "--all")
    assert sorted(p.name for p in folder.iterdir()) == [f"{c}.html" for c in codes]
    for code in codes:
        assert f"Gemeenterapport {code}," in (folder / f"{code}.html").read_text(encoding="utf-8")
    single = _write(meetlat, tmp_path / "een.html", codes[0]).read_bytes()
    assert (folder / f"{codes[0]}.html").read_bytes() == single


def test_no_citizen_is_named(chosen, meetlat, in_report_home, tmp_path):
    folder = _write(meetlat, tmp_path / "alle", "--all")
    warehouse = in_report_home / "warehouse"
    handles = duckdb.sql(
        f"select distinct handle from '{warehouse}/accounts/**/*.parquet' "
        f"where handle not in (select handle from '{warehouse}/registry/accounts.parquet')"
    ).fetchall()
    assert handles
    for path in folder.iterdir():
        html = re.sub(r"data:image/[^\"]+", "", path.read_text(encoding="utf-8")).lower()
        assert not [h for (h,) in handles if h and h.lower() in html], path


def test_a_year_not_collected_is_no_figure_rather_than_zero(page):
    text, _html = page
    # the test workspace holds only 2014: nothing of 2013 was collected, so no "rose from 0"
    assert "van een jaar eerder is er geen cijfer" in text
    assert "gestegen van 0 naar" not in text
