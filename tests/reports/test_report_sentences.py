"""The report's sentences around the figures: rose, fell, stayed, or no earlier figure."""

from __future__ import annotations

from meetlat.reports.national import change_sentence


def test_a_fall_a_rise_and_no_change_in_words():
    what = "De gemiddelde reactietijd"
    assert (
        change_sentence(what, 52.0, 97.0, "minutes")
        == "De gemiddelde reactietijd is gedaald van 1 uur 37 min. naar 52 min."
    )
    assert (
        change_sentence("Het gemiddelde aantal volgers", 2950.0, 1986.0, "accounts")
        == "Het gemiddelde aantal volgers is gestegen van 1.986 naar 2.950."
    )
    assert (
        change_sentence("Het cijfer", 7.02, 6.98, "grade") == "Het cijfer is gelijk gebleven: 7,0."
    )


def test_without_an_earlier_figure_or_without_data():
    assert (
        change_sentence("Het interactiepercentage", 20.0, None, "pct")
        == "Het interactiepercentage is 20,0%; van een jaar eerder is er geen cijfer."
    )
    assert change_sentence("Het bereik", None, 3.0, "accounts") == (
        "Het bereik: daarvoor zijn geen gegevens."
    )
