"""The reference library: municipalities on a date, mergers, population, size classes."""

from datetime import date

import pytest

from meetlat import reference


def test_403_municipalities_on_1_january_2014():
    assert len(reference.municipalities_on(date(2014, 1, 1))) == 403


def test_342_municipalities_on_1_january_2025():
    assert len(reference.municipalities_on(date(2025, 1, 1))) == 342


def test_a_merger_takes_effect_on_its_day():
    # Boskoop and Rijnwoude joined Alphen aan den Rijn on 2014-01-01.
    on_eve = {m.code for m in reference.municipalities_on(date(2013, 12, 31))}
    on_day = {m.code for m in reference.municipalities_on(date(2014, 1, 1))}
    assert "GM0499" in on_eve and "GM0499" not in on_day


def test_rni_and_registers_are_not_municipalities():
    for code in ("GM1999", "GM0000", "GM0998"):
        assert not reference.exists(code)
        with pytest.raises(reference.UnknownMunicipality):
            reference.get(code)


def test_get_gives_validity_and_merger():
    weesp = reference.get("GM0457")
    assert weesp.name == "Weesp"
    assert weesp.province == "Noord-Holland"
    assert weesp.valid_to == date(2022, 3, 24)
    assert weesp.merged_into == "GM0363"


def test_codes_are_normalised():
    assert reference.get("457").code == "GM0457"
    assert reference.get("gm0457").code == "GM0457"


def test_unknown_code_is_a_clear_error():
    with pytest.raises(reference.UnknownMunicipality) as caught:
        reference.get("GM9998")
    assert "GM9998" in str(caught.value)
    assert "Onbekende gemeentecode" in str(caught.value)


def test_weesp_successor_is_amsterdam_from_24_march_2022():
    assert reference.successor("GM0457", date(2022, 3, 24)) == "GM0363"
    assert reference.successor("GM0457", date(2022, 3, 23)) == "GM0457"
    assert reference.successor("GM0363", date(2025, 1, 1)) == "GM0363"


def test_successor_follows_a_chain_of_mergers():
    # Adorp went into Winsum in 1990, Winsum into Het Hogeland in 2019.
    assert reference.successor("GM0001", date(2000, 1, 1)) == "GM0053"
    assert reference.successor("GM0001", date(2019, 1, 1)) == "GM1966"


def test_a_municipality_without_successor_stays_itself():
    # Elten went back to Germany in 1963.
    assert reference.successor("GM1055", date(2020, 1, 1)) == "GM1055"


def test_provinces():
    assert reference.province("GM0363") == "Noord-Holland"
    assert reference.province("GM0080") == "Fryslân"  # Leeuwarden, garbled in one source
    assert reference.province("GM1055") is None  # Elten: no source says it


def test_population_of_an_exact_year():
    figure = reference.population("GM0363", 2024)
    assert figure == reference.Population(931298, 2024, False, "cbs-kwb-2024")


def test_population_falls_back_to_the_nearest_earlier_year():
    figure = reference.population("GM0363", 2021)
    assert (figure.year, figure.inhabitants, figure.source) == (2019, 862965, "openspending")


def test_population_falls_back_to_a_later_year_when_there_is_no_earlier_one():
    figure = reference.population("GM0457", 2010)  # Weesp: only the 2014 almanac figure
    assert figure.year == 2014
    assert figure.approximate is True
    assert figure.source == "almanak-2014"


def test_population_after_the_last_year_uses_the_last_year():
    assert reference.population("GM0014", 2030).year == 2024


def test_no_population_at_all_is_an_error():
    with pytest.raises(reference.NoPopulation):
        reference.population("GM1055", 2000)


@pytest.mark.parametrize(
    ("inhabitants", "key"),
    [
        (0, "under_20k"),
        (19_999, "under_20k"),
        (20_000, "20k_50k"),
        (49_999, "20k_50k"),
        (50_000, "50k_100k"),
        (99_999, "50k_100k"),
        (100_000, "100k_plus"),
        (931_298, "100k_plus"),
    ],
)
def test_size_class_boundaries(inhabitants, key):
    assert reference.size_class(inhabitants).key == key


def test_size_class_labels_are_dutch():
    assert reference.size_class(20_000).label() == "20.000 tot 50.000 inwoners"


def test_negative_inhabitants_are_refused():
    with pytest.raises(ValueError):
        reference.size_class(-1)


def test_workspace_population_takes_precedence(workspace):
    (workspace.reference / "population.csv").write_text(
        "code,year,inhabitants,approximate,source\nGM0363,2024,123,false,test\n",
        encoding="utf-8",
    )
    assert reference.population("GM0363", 2024).inhabitants == 123
    assert reference.population("GM0363", 2023).inhabitants == 918117  # package still used


def test_without_workspace_the_package_figures_are_used(tmp_path, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(tmp_path / "nowhere"))
    assert reference.population("GM0363", 2024).inhabitants == 931298
