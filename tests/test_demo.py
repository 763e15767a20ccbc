"""`make demo` (python -m meetlat.cli.demo) on a small size: every step runs and reports."""

from __future__ import annotations

import contextlib
import csv
import io

import pytest
from rich.console import Console

from meetlat import reference
from meetlat.cli import demo as demo_module


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo") / "demo"
    console = Console(record=True, width=80, highlight=False)  # make demo fits 80 columns
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEETLAT_LANG", "nl")
        patch.setenv("MEETLAT_HOME", str(home.parent / "not-the-demo"))
        patch.setenv("COLUMNS", "80")  # the CLI's own console, as in an 80-column terminal
        demo = demo_module.Demo(home=home, municipalities=6, posts=1500, console=console)
        printed = io.StringIO()  # the import summary is printed by the CLI's own console
        with contextlib.redirect_stdout(printed):
            demo_module.run(demo)
    return demo, console.export_text() + printed.getvalue()


def test_the_demo_makes_its_own_workspace_and_says_where(finished):
    demo, output = finished
    assert demo.workspace.root == (demo.home / "workspace").resolve()
    assert (demo.home / demo_module.MARKER).exists()
    assert str(demo.home.resolve()) in output


def test_the_import_summary_is_shown_and_complete(finished):
    demo, output = finished
    summary = demo.import_summary
    assert summary.records_read == summary.posts_imported == 1500
    assert summary.quarantined == 0
    assert "1.500 records" in output and "1.500 nieuwe berichten" in output


def test_the_overview_lists_every_municipality_with_dutch_headings(finished):
    demo, output = finished
    from meetlat import reference

    rows = demo.facts["overview"]
    registry = list(csv.DictReader((demo.synthetic / "accounts.csv").open(encoding="utf-8")))
    codes = {r["municipality_code"] for r in registry}
    assert {r["code"] for r in rows} == codes and len(codes) == 6
    for heading in ("Berichten en reacties per gemeente", "Gemeente", "Berichten", "Reacties"):
        assert heading in output
    for code in codes:
        assert reference.get(code).name in output
    assert all(r["posts"] > r["replies"] >= 0 for r in rows)
    assert sum(r["replies"] for r in rows) > 0
    total = sum(r["posts"] for r in rows)
    assert total < 1500  # the citizens' questions are not the municipalities' posts
    shown = f"{total:,}".replace(",", ".")
    assert shown in output


def test_the_demo_never_clears_a_folder_it_did_not_make(tmp_path):
    home = tmp_path / "someone-elses"
    home.mkdir()
    (home / "keep.txt").write_text("precious", encoding="utf-8")
    code = demo_module.main(["--home", str(home), "--posts", "100", "--municipalities", "2"])
    assert code == 1
    assert (home / "keep.txt").read_text(encoding="utf-8") == "precious"


def test_the_demo_ends_with_the_book_tables_and_the_composite_top_10(finished):
    demo, output = finished
    frame = demo.facts["ranking"]
    for heading in (
        "Meting en ranglijsten",
        "Top 10: interactiepercentage en gemiddelde reactietijd",
        "Ranglijst op som van de plaatsen",
    ):
        assert heading in output
    # At 80 columns the rank columns are headed by their indicator, words never broken.
    assert "Plaats" in output and "Interactie" in output and "Totaal" in output
    ranked = frame[frame["position"].notna()]
    # Every account in the composite has all three component ranks and their sum.
    parts = ranked[
        ["rank_interaction_pct", "rank_reaction_time_mean_min", "rank_relative_reach"]
    ].sum(axis=1)
    assert (parts == ranked["total"]).all()
    assert (ranked["replies_timed"] >= 10).all()
    assert ranked["municipality_name"].iloc[0] in output


def test_the_demo_fills_the_questionnaire_and_shows_a_profile(finished):
    _, output = finished
    assert "Vragenlijst en groeimodel" in output
    assert "Profiel op het groeimodel" in output
    assert "synthetisch" in output


def test_choice_answers_are_shown_by_their_dutch_text(finished):
    _, output = finished
    assert "Volledig" in output  # "Volledig bij de afdeling communicatie", wrapped
    assert "communication_and_others" not in output and "not_assigned" not in output


def test_without_home_the_demo_lives_in_demo_inside_meetlat_home(monkeypatch, tmp_path):
    monkeypatch.setenv("MEETLAT_HOME", str(tmp_path / "mijn-meetlat"))
    assert demo_module.default_home() == tmp_path / "mijn-meetlat" / "demo"
    monkeypatch.delenv("MEETLAT_HOME")
    assert demo_module.default_home() == demo_module.Path("meetlat-data") / "demo"


def test_every_line_fits_80_columns(finished):
    _demo, output = finished
    too_wide = [line for line in output.splitlines() if len(line) > 80]
    assert too_wide == []


def test_the_demo_prints_the_web_address_a_researcher_login_and_two_links(finished):
    demo, output = finished
    people = demo.facts["web"]
    assert f"Adres: {people['base_url']}/" in output
    assert f"Onderzoeker: gebruikersnaam onderzoeker, wachtwoord {people['password']}" in output
    assert len(people["links"]) == 2
    for item in people["links"]:
        assert item["link"] in output and "/uitnodiging/" in item["link"]
    assert (demo.workspace.root / "web.sqlite3").exists()
    # without a terminal the demo does not serve, and says how to
    assert "meetlat serve" in output


def test_the_demo_writes_the_national_report_as_html_and_pdf(finished):
    demo, output = finished
    written = demo.facts["report"]
    html = written["html"].read_text(encoding="utf-8")
    assert written["html"].parent == demo.home and '<html lang="nl">' in html
    assert "Verantwoording onderzoek" in html and "Tabel 11:" in html
    assert written["pdf"].read_bytes().startswith(b"%PDF-")
    assert "Landelijk rapport" in output
    local = demo.facts["municipality_report"]
    page = local["html"].read_text(encoding="utf-8")
    assert local["html"].parent == demo.home and '<html lang="nl">' in page
    assert local["pdf"].read_bytes().startswith(b"%PDF-")
    assert f"Rapport van {reference.get(local['code']).name}" in output


def test_the_demo_publishes_edition_2014_as_open_data(finished):
    demo, output = finished
    published = demo.facts["published"]
    assert "Editie 2014 is gepubliceerd als versie 1." in output
    assert f"Open data: {demo.facts['web']['base_url']}/opendata/" in output
    base = demo.facts["web"]["base_url"]
    assert f"Landelijk overzicht: {base}/overzicht/2014/1/" in output
    assert len(demo.facts["dashboard_urls"]) == 2
    for code, address in demo.facts["dashboard_urls"].items():
        assert address == f"{base}/dashboard/{code}/2014Q2/" and address in output
        assert f"Dashboard van {reference.get(code).name}" in output
    assert published.folder == demo.workspace.root / "published" / "2014" / "v1"
    ranking = (published.folder / "ranking.csv").read_text().splitlines()
    assert len(ranking) == 1 + len(demo.facts["overview"])  # header and each municipality
