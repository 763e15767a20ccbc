"""The researcher's figures page: per question the national figures and those of each peer
group, with the change from the previous edition (what `meetlat survey summary` computes)."""

from __future__ import annotations

import json

from meetlat import reference
from meetlat.survey import answers
from meetlat.survey import edition as editions
from meetlat.survey.answers import Response

AMSTERDAM, UTRECHT = "GM0363", "GM0344"

GRADE, TWITTER = "function_result.overall_grade", "general.twitter_account"


def later_edition(ws) -> None:
    """Edition 2015: the 2014 questionnaire asked again a year later."""
    raw = json.loads((editions.PACKAGE_DIR / "2014.json").read_text(encoding="utf-8"))
    raw["edition"], raw["year"], raw["fieldwork"] = "2015", 2015, "2015-06-15"
    folder = editions.workspace_dir(ws)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2015.json").write_text(json.dumps(raw), encoding="utf-8")


def answered(ws) -> None:
    # 2014: grades 6 and 7 (mean 6.5), one of two on X (50%)
    answers.save(
        ws,
        "2014",
        [
            Response(AMSTERDAM, {GRADE: 6, TWITTER: "yes"}),
            Response(UTRECHT, {GRADE: 7, TWITTER: "no"}),
        ],
    )
    # 2015: grades 9 and 8 (mean 8.5, +2.0), both on X (100%, +50 points)
    answers.save(
        ws,
        "2015",
        [
            Response(AMSTERDAM, {GRADE: 9, TWITTER: "yes"}),
            Response(UTRECHT, {GRADE: 8, TWITTER: "yes"}),
        ],
    )


def row_of(page: str, question_id: str) -> str:
    start = page.index(f'<span class="meetlat-question-id">{question_id}</span>')
    return page[start : page.index("</tr>", start)]


def test_per_question_figures_with_the_change_from_the_previous_edition(ws, researcher_client):
    later_edition(ws)
    answered(ws)
    page = researcher_client.get("/onderzoek/2015/cijfers/").content.decode()
    assert "gemeten vanaf editie 2014" in page
    grade = row_of(page, GRADE)
    assert "gemiddeld 8,5" in grade and "+2,0" in grade
    twitter = row_of(page, TWITTER)
    assert "ja 100%, nee 0%" in twitter and "ja +50, nee -50" in twitter
    assert "Twitter" in twitter  # the question's Dutch text from the edition file


def test_the_first_edition_has_no_change(ws, researcher_client):
    later_edition(ws)
    answered(ws)
    page = researcher_client.get("/onderzoek/2014/cijfers/").content.decode()
    assert "geen verandering te tonen" in page
    assert "gemiddeld 6,5" in row_of(page, GRADE)


def test_peer_groups_by_size_class_with_their_labels(ws, researcher_client):
    later_edition(ws)
    answered(ws)
    page = researcher_client.get("/onderzoek/2015/cijfers/?groep=size").content.decode()
    big = next(s for s in reference.SIZE_CLASSES if s.key == "100k_plus")
    assert f"{big.label()} (2 gemeenten)" in page
    group = page[page.index(f"{big.label()} (2 gemeenten)") :]
    assert "+2,0" in row_of(group, GRADE)
    by_province = researcher_client.get("/onderzoek/2015/cijfers/?groep=province")
    assert "Noord-Holland (1 gemeente)" in by_province.content.decode()
    assert researcher_client.get("/onderzoek/2015/cijfers/?groep=kleur").status_code == 400


def test_the_average_municipality_on_the_figures_page(ws, researcher_client):
    answers.save(
        ws,
        "2014",
        [
            Response(AMSTERDAM, {"content.announcements": 8, "content.phase": 3}),
            Response(UTRECHT, {"content.announcements": 6, "content.phase": 2}),
        ],
    )
    page = researcher_client.get("/onderzoek/2014/cijfers/").content.decode()
    assert "De gemiddelde gemeente op het groeimodel" in page
    row = page[page.index('scope="row">Content</th>') :]
    row = row[: row.index("</tr>")]
    assert [
        cell.split("</td>")[0] for cell in row.split('<td class="utrecht-table__cell">')[1:]
    ] == [
        "2",
        "7,0",
        "2",
    ]
