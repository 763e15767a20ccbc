"""The shipped tables hold together: every current municipality has a province and figures."""

from datetime import date

from meetlat import reference


def test_every_municipality_in_force_has_a_province_and_population():
    for day in (date(2014, 1, 1), date(2023, 1, 1), date(2024, 1, 1)):
        for m in reference.municipalities_on(day):
            assert m.province, m
            assert reference.population(m.code, day.year).year == day.year, m


def test_population_totals_match_cbs():
    for year, total in ((2024, 17_942_942), (2023, 17_811_291)):
        found = sum(
            reference.population(m.code, year).inhabitants
            for m in reference.municipalities_on(date(year, 1, 1))
        )
        assert found == total


def test_2014_figures_are_approximate_unless_exact_ones_exist():
    figures = [
        reference.population(m.code, 2014) for m in reference.municipalities_on(date(2014, 1, 1))
    ]
    assert all(f.approximate == (f.source == "almanak-2014") for f in figures)
    assert sum(not f.approximate for f in figures) == 16  # the open-spending municipalities


def test_every_merger_points_to_a_known_later_municipality():
    for m in reference.all_municipalities():
        if m.merged_into:
            successor = reference.get(m.merged_into)
            assert m.valid_to is not None
            assert successor.valid_from is None or successor.valid_from <= m.valid_to, m


def test_codes_are_gm_and_four_digits():
    assert all(
        len(m.code) == 6 and m.code.startswith("GM") and m.code[2:].isdigit()
        for m in reference.all_municipalities()
    )
