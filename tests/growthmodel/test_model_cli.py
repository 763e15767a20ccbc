"""`meetlat model show` as JSON and Markdown, and docs/growth-model.md kept up to date."""

import json
from pathlib import Path

from meetlat.growthmodel import model as growth

DOCS = Path(__file__).parents[2] / "docs" / "growth-model.md"


def test_json_is_the_validated_model_file(cli):
    result = cli("model", "show", "--format", "json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown == json.loads(growth.path_of("2014.1").read_text(encoding="utf-8"))
    assert len(shown["phases"]) == 4 and len(shown["cells"]) == 10


def test_markdown_has_phases_table_lines_and_chapters_in_dutch(cli):
    result = cli("model", "show", "--format", "md")
    assert result.exit_code == 0
    text = result.stdout
    model = growth.load()
    assert text.startswith("# Het groeimodel 2014.1")
    for phase in model.phases:
        assert f"### {phase.number}. {phase.name.nl}" in text
        assert f"**{phase.citizen.nl}.**" in text
        assert all(f"- {c.title.nl} – {c.authors}" in text for c in phase.chapters)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 2 + 10  # header, two group rows, ten aspects
    for aspect in model.aspects:
        row = next(r for r in rows if r.startswith(f"| {aspect.name.nl} |"))
        assert row.count(" | ") == 4
        for number in (1, 2, 3, 4):
            assert model.cell(aspect.key, number).nl in row
    for line in model.growth_lines:
        assert f"### {line.name.nl}" in text
        assert all(stage.nl in text for stage in line.stages)
    assert "Successen delen, nieuwe kansen en drempels benoemen." in text
    assert "## Regels" in text


def test_markdown_in_english(cli):
    text = cli("model", "show", "--format", "md", "--lang", "en").stdout
    model = growth.load()
    assert text.startswith("# The growth model 2014.1")
    assert "| Conversation |" in text
    assert model.cell("people", 3).en in text
    assert "The citizen experiences a partner" in text


def test_unknown_version_is_an_error(cli):
    result = cli("model", "show", "--version", "1999.1")
    assert result.exit_code == 1


def test_docs_growth_model_is_up_to_date(cli):
    expected = cli("model", "show", "--format", "md").stdout
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/growth-model.md is out of date: run "
        "`meetlat model show --format md > docs/growth-model.md`"
    )
