"""The theme lexicon: the package's Dutch list, a workspace's own, matching words."""

from __future__ import annotations

import pytest

from meetlat.indicators import themes

BOOK_THEMES = [
    "sociaal domein", "zorg", "werk en inkomen", "economie", "duurzaamheid", "verkeer",
    "veiligheid", "onderwijs", "wonen", "ruimtelijke ordening",
]  # fmt: skip


def test_the_package_lexicon_holds_the_books_themes():
    lexicon = themes.load()
    assert set(BOOK_THEMES) <= set(lexicon.names)
    assert lexicon.names[0] == "campagne"  # the campaign itself, as the book counts it


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vanavond debat over de #WMO en de jeugdzorg", ["sociaal domein", "zorg"]),
        ("Ondernemers in de binnenstad verdienen steun", ["economie"]),
        ("Meer fietspaden en een veilige rotonde", ["verkeer", "veiligheid"]),
        ("Zie https://wonen.example.nl en @woningbouw", []),  # links and mentions: not words
        ("Het sociaal domein gaat naar gemeenten", ["sociaal domein"]),
        ("Sociaal, en het domein", []),  # a term's words in a row only
        ("Stem op 19 maart!", ["campagne"]),
        ("zorgvuldig gekozen", []),  # zorg is a whole word, *zorg only a word's ending
    ],
)
def test_matching(text, expected):
    assert themes.load().match(text) == expected


def test_wildcards_by_hand():
    lexicon = themes.parse("theme,term\nt,*zorg*\nu,re-integratie\n", "x.csv")
    assert lexicon.match("mantelzorgers") == ["t"]
    assert lexicon.match("over re-integratie") == ["u"]
    assert lexicon.match("re integratie") == ["u"]  # split the same way as the text
    assert themes.counts(lexicon, ["zorg", "geen", None, "zorg re-integratie"]) == {
        "t": 2,
        "u": 1,
    }


def test_a_workspace_lexicon_replaces_the_package_one(workspace):
    (workspace.reference).mkdir(parents=True, exist_ok=True)
    (workspace.reference / "themes.csv").write_text("theme,term\nhavens,haven*\n")
    lexicon = themes.load(workspace.reference)
    assert lexicon.names == ["havens"]
    assert lexicon.source.endswith("reference/themes.csv")
    assert themes.load(workspace.reference, themes.PACKAGE_FILE).names[0] == "campagne"


def test_a_bad_lexicon_names_file_and_line(tmp_path):
    bad = tmp_path / "themes.csv"
    bad.write_text("theme,term\nzorg,zorg\n# a comment\nverkeer\n")
    with pytest.raises(themes.BadLexicon, match=r"themes.csv, regel 4: .*thema en een term"):
        themes.read(bad)
    bad.write_text("thema,woord\n")
    with pytest.raises(themes.BadLexicon, match="regel 1: .*theme,term"):
        themes.read(bad)
