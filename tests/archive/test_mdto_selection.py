"""The selectielijst mapping (meetlat.archive.selection): the default, end dates of
retention periods, and the problems of a mapping file named with file and rule."""

from __future__ import annotations

from datetime import date

import pytest

from meetlat.archive import selection


def test_the_default_mapping_gives_every_record_a_rule():
    mapping = selection.load(selection.DEFAULT)
    assert mapping.rule("post", "public", "executive", "original").valuation == "B"
    assert mapping.rule("post", "public", "corporate", "reply").retention == "P10Y"
    assert mapping.rule("post", "citizen", None, "reply").retention == "P5Y"
    assert mapping.rule("conversation", "citizen").restriction == "Persoonsgegevens"
    assert mapping.rule("series", "public").valuation == "V"


@pytest.mark.parametrize(
    ("start", "duration", "end"),
    [
        (date(2021, 4, 8), "P10Y", date(2031, 4, 8)),
        (date(2024, 2, 29), "P1Y", date(2025, 2, 28)),
        (date(2021, 1, 31), "P1M", date(2021, 2, 28)),
        (date(2021, 11, 15), "P1Y6M", date(2023, 5, 15)),
        (date(2021, 12, 31), "P1D", date(2022, 1, 1)),
    ],
)
def test_end_dates(start, duration, end):
    assert selection.end_date(start, duration) == end


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "heeft geen [[rule]]"),
        ('[[rule]]\nvaluation = "V"\ncategory = "a"\nrestriction = "b"\n',
         "regel 1: valuation V heeft een retention nodig, zoals P10Y."),
        ('[[rule]]\nvaluation = "V"\nretention = "10 jaar"\ncategory = "a"\nrestriction = "b"\n',
         "regel 1: retention 10 jaar is geen duur zoals P10Y."),
        ('[[rule]]\nvaluation = "B"\nrestriction = "b"\n', "regel 1: category ontbreekt."),
        ('[[rule]]\nvaluation = "B"\ncategory = "a"\nrestriction = "b"\nkleur = 1\n',
         "regel 1: onbekende sleutel kleur."),
        ('[[rule]]\nvaluation = "B"\ncategory = "a"\nrestriction = "b"\nrole = ["burgemeester"]\n'
         '[[rule]]\nvaluation = "B"\ncategory = "a"\nrestriction = "b"\n',
         "regel 1: role = burgemeester is niet een van corporate, council, theme, executive, other."),
        ('[[rule]]\nvaluation = "B"\ncategory = "a"\nrestriction = "b"\nlevel = "post"\n',
         "De laatste regel van"),
        ("[[rule]\n", "is niet te lezen"),
    ],
)  # fmt: skip
def test_a_bad_mapping_is_refused_with_its_file_and_rule(tmp_path, text, problem):
    file = tmp_path / "lijst.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(selection.MappingError) as refused:
        selection.load(file)
    assert problem in str(refused.value)
    assert str(file) in str(refused.value)


def test_the_workspace_s_mapping_replaces_the_default(tmp_path):
    assert selection.mapping_file(tmp_path) == selection.DEFAULT
    own = tmp_path / selection.WORKSPACE_FILE
    own.parent.mkdir()
    own.write_text("", encoding="utf-8")
    assert selection.mapping_file(tmp_path) == own
    assert selection.mapping_file(tmp_path, tmp_path / "x.toml") == tmp_path / "x.toml"
