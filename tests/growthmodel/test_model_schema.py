"""The model file: 4 phases, 10 aspects in two groups, 40 cells, 3 lines of growth — and
a broken file is refused with the missing piece named."""

import copy
import json

import pytest

from meetlat.growthmodel import model as growth

RAW = json.loads(growth.path_of("2014.1").read_text(encoding="utf-8"))
INTERACTION = ["content", "customer_experience", "context", "conversation", "collaboration"]
ORGANISATION = ["vision", "function_result", "processes", "resources", "people"]


def test_four_phases_numbered_one_to_four():
    model = growth.load("2014.1")
    assert [p.number for p in model.phases] == [1, 2, 3, 4]
    assert [p.key for p in model.phases] == [
        "ontdekt",
        "experimenteert",
        "converseert",
        "werkt_samen",
    ]
    assert [p.citizen.nl for p in model.phases] == [
        "De burger is verrast",
        "De burger vindt het handig",
        "De burger vindt het gewoon",
        "De burger ervaart een partner",
    ]
    for phase in model.phases:
        for text in (
            phase.name,
            phase.description,
            phase.citizen,
            phase.tagline,
            phase.citizen_detail,
        ):
            assert text.nl.strip() and text.en.strip()
        assert phase.chapters, phase.number
        assert all(c.title.nl and c.title.en and c.authors for c in phase.chapters)


def test_ten_aspects_in_two_groups_of_five():
    model = growth.load()
    assert [a.key for a in model.aspects] == INTERACTION + ORGANISATION
    assert [a.key for a in model.aspects if a.group == "interaction"] == INTERACTION
    assert [a.key for a in model.aspects if a.group == "organisation"] == ORGANISATION
    assert [g.key for g in model.groups] == ["interaction", "organisation"]


def test_forty_cells_non_empty_in_both_languages_with_book_lines():
    model = growth.load()
    count = 0
    for aspect in INTERACTION + ORGANISATION:
        assert sorted(model.cells[aspect]) == [1, 2, 3, 4]
        for phase in (1, 2, 3, 4):
            cell = model.cell(aspect, phase)
            assert cell.nl.strip() and cell.en.strip()
            first, last = cell.source_lines
            assert 1894 <= first <= last <= 12752
            count += 1
    assert count == 40
    # no hyphenation break from the text extraction is left in a cell
    assert not [c.nl for by in model.cells.values() for c in by.values() if "- " in c.nl]


def test_cells_are_the_book_tables():
    model = growth.load()
    assert (
        model.cell("content", 1).nl
        == "gemeente deelt weinig en enkel wat zij heeft bepaald/besloten"
    )
    assert model.cell("conversation", 1).nl.endswith("(roeptoeteren)")
    assert model.cell("resources", 2).nl.startswith(
        "schraapbudgetten maken experimenteren mogelijk"
    )
    assert model.cell("processes", 3).nl.endswith("directie en bestuur investeren in sociale media")
    assert model.cell("people", 4).source_lines == (12690, 12691)


def test_three_growth_lines_of_four_stages():
    model = growth.load()
    assert [g.key for g in model.growth_lines] == [
        "interaction",
        "initiative_owner",
        "organisational_ownership",
    ]
    for line in model.growth_lines:
        assert len(line.stages) == 4
        assert all(s.nl.strip() and s.en.strip() for s in line.stages)
    ownership = [s.nl.lower() for s in model.growth_lines[2].stages]
    for stage, start in zip(
        ownership,
        ("onbewust onbekwaam", "bewust onbekwaam", "bewust bekwaam", "onbewust bekwaam"),
        strict=True,
    ):
        assert stage.startswith(start)


def test_points_of_attention_for_phase_3():
    model = growth.load()
    points = model.phase(3).attention_points
    assert len(points) == 7
    assert points[0].nl == "Successen delen, nieuwe kansen en drempels benoemen."
    assert points[0].source_lines == (1378, 1378)
    assert [p.number for p in model.phases if p.attention_points] == [3]


def test_texts_read_like_language_mappings():
    cell = growth.load().cell("context", 1)
    assert dict(cell) == {"nl": cell.nl, "en": cell.en}
    assert cell["en"] == cell.en and cell.get("fr") is None and cell.in_("fr") == cell.en


def test_unknown_version():
    with pytest.raises(growth.UnknownModelVersion, match="2099.1"):
        growth.load("2099.1")
    assert growth.versions() == ["2014.1"]


def _broken(tmp_path, change):
    raw = copy.deepcopy(RAW)
    change(raw)
    path = tmp_path / "model-broken.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


BROKEN = {
    "missing cell": (lambda r: r["cells"]["context"].pop("3"), "cells.context.3 ontbreekt"),
    "missing English": (
        lambda r: r["cells"]["people"]["4"].pop("en"),
        "cells.people.4.en ontbreekt",
    ),
    "empty Dutch": (
        lambda r: r["cells"]["vision"]["2"].update(nl="  "),
        "cells.vision.2.nl is leeg",
    ),
    "three phases": (lambda r: r["phases"].pop(), "phases"),
    "phases out of order": (lambda r: r["phases"].reverse(), "[4, 3, 2, 1]"),
    "missing citizen": (lambda r: r["phases"][1].pop("citizen"), "phases[2].citizen ontbreekt"),
    "no chapters": (lambda r: r["phases"][0].update(chapters=[]), "phases[1].chapters"),
    "aspect missing": (lambda r: r["aspects"].pop(4), "collaboration"),
    "aspect in the wrong group": (
        lambda r: r["aspects"][5].update(group="interaction"),
        "aspects[vision].group",
    ),
    "unknown aspect cells": (lambda r: r["cells"].update(sentiment={}), "cells.sentiment"),
    "phase 5 cell": (
        lambda r: r["cells"]["content"].update({"5": {"nl": "x", "en": "x"}}),
        "cells.content",
    ),
    "growth line with three stages": (
        lambda r: r["growth_lines"][2]["stages"].pop(),
        "growth_lines[organisational_ownership].stages",
    ),
    "growth line missing": (lambda r: r["growth_lines"].pop(1), "initiative_owner"),
    "bad source lines": (
        lambda r: r["cell_source_lines"]["content"].update({"1": [10, 5]}),
        "cells.content.1.source_lines",
    ),
    "no version": (lambda r: r.pop("version"), "version ontbreekt"),
    "chapter without authors": (
        lambda r: r["phases"][3]["chapters"][0].pop("authors"),
        "phases[4].chapters[0].authors ontbreekt",
    ),
    "chapter publication not a title": (
        lambda r: r["phases"][2]["chapters"][0].update(publication=2012),
        "phases[3].chapters[0].publication",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_is_refused_naming_the_missing_piece(tmp_path, case):
    change, expected = BROKEN[case]
    path = _broken(tmp_path, change)
    with pytest.raises(growth.ModelError) as caught:
        growth.load_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert "geen geldig groeimodelbestand" in message
    assert expected in message


def test_every_problem_is_reported_at_once(tmp_path):
    def change(raw):
        raw["cells"]["context"].pop("3")
        raw["phases"][0]["name"].pop("en")

    with pytest.raises(growth.ModelError) as caught:
        growth.load_file(_broken(tmp_path, change))
    assert len(caught.value.problems) == 2


def test_not_json(tmp_path):
    path = tmp_path / "model.json"
    path.write_text('{"version": "2014.1",\n', encoding="utf-8")
    with pytest.raises(growth.ModelError, match="regel 2"):
        growth.load_file(path)


def test_the_shipped_file_parses_unchanged(tmp_path):
    assert growth.load_file(_broken(tmp_path, lambda r: None)).cells == growth.load().cells
