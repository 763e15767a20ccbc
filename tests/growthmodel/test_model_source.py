"""Every Dutch text in the model file is the book's text at the lines it names.

The book lines come from tests/fixtures/growthmodel/book-lines.json (see SOURCES.md
there). Lines are joined as the model's texts were made: hyphenation breaks at line
ends are joined ("interac-" + "tie" → "interactie"; "co-" + "creatie" stays
"co-creatie"), bullets and repeated spaces removed.
"""

import json
import re

import pytest

from meetlat.growthmodel import model as growth


@pytest.fixture
def book(fixtures):
    raw = json.loads((fixtures / "growthmodel" / "book-lines.json").read_text(encoding="utf-8"))
    return {int(n): text for n, text in raw.items()}


def joined(book, span):
    first, last = span
    out = ""
    for number in range(first, last + 1):
        part = book[number].replace("\uf0a7", "").strip()
        if not part:
            continue
        word = out.rsplit(" ", 1)[-1]
        if out.endswith("-") and word[-2:-1].isalpha() and part[:1].islower() and word != "co-":
            out = out[:-1] + part
        elif out.endswith("-") and word == "co-":
            out += part
        else:
            out = f"{out} {part}" if out else part
    return re.sub(r"\s+", " ", out)


def texts(model):
    for phase in model.phases:
        for name in (
            "name",
            "tagline",
            "citizen",
            "citizen_detail",
            "description",
            "reading_guide",
        ):
            yield f"phase {phase.number} {name}", getattr(phase, name)
        for i, point in enumerate(phase.attention_points):
            yield f"phase {phase.number} attention point {i + 1}", point
    for aspect, by_phase in model.cells.items():
        for number, cell in by_phase.items():
            yield f"cell {aspect} {number}", cell
    for line in model.growth_lines:
        for i, item in enumerate(line.description + line.stages):
            yield f"growth line {line.key} item {i + 1}", item


def test_every_dutch_text_is_at_its_book_lines(book):
    model = growth.load()
    checked = 0
    for label, text in texts(model):
        assert text is not None and text.source_lines, label
        source = joined(book, text.source_lines)
        for paragraph in text.nl.split("\n\n"):
            if label.endswith(" name") and label.startswith("phase"):
                # "Fase 1 Gemeente ontdekt" is the heading of "De gemeente ontdekt"
                paragraph = paragraph.removeprefix("De g").removeprefix("G")
            assert paragraph.lower() in source.lower(), f"{label}: {paragraph!r} not in {source!r}"
        checked += 1
    assert checked > 80


def test_every_chapter_title_is_at_its_book_lines(book):
    raw = json.loads(growth.path_of("2014.1").read_text(encoding="utf-8"))
    count = 0
    for phase in raw["phases"]:
        for chapter in phase["chapters"]:
            source = joined(book, chapter["source_lines"])
            assert chapter["nl"] in source, chapter
            assert chapter["authors"].split(" ")[-1] in source, chapter
            count += 1
    assert count == 117
