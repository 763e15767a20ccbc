"""The builder's readers, on a real excerpt of Tabel 33 and the sources' spellings."""

from datetime import date

import pytest

from meetlat.reference import build


def test_reads_tabel33_turtle(fixtures):
    records = build.parse_tabel33(fixtures / "reference" / "tabel33-excerpt.ttl")
    assert set(records) == {"GM0363", "GM0457", "GM1221", "GM1999"}
    weesp = records["GM0457"]
    assert (weesp.name, weesp.valid_to, weesp.merged_into) == ("Weesp", date(2022, 3, 24), "GM0363")
    assert records["GM1999"].valid_from == date(2014, 1, 6)
    assert records["GM0363"].valid_to is None


def test_an_unreadable_turtle_line_is_an_error(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('gem:gm0001 a brp:Gemeente ;\n    rdfs:label "A"@nl ;\n    weird .\n')
    with pytest.raises(ValueError):
        build.parse_tabel33(bad)


def test_garbled_fryslan_and_friesland_become_fryslan():
    assert build.fix_province("Frysl\ufffdn") == "Fryslân"
    assert build.fix_province("Friesland") == "Fryslân"
    with pytest.raises(ValueError):
        build.fix_province("Atlantis")


def test_names_match_across_spellings():
    names = {"'s-gravenhage": "GM0518", "súdwest-fryslân": "GM1900", "bergen (nh)": "GM0373"}
    assert build.match_name("s-Gravenhage", names) == "GM0518"
    assert build.match_name("S\ufffddwest-Frysl\ufffdn", names) == "GM1900"
    assert build.match_name("Bergen NH", names) == "GM0373"
    assert build.match_name("Bergen (NH.)", names) == "GM0373"
    assert build.match_name("Nergenshuizen", names) is None
