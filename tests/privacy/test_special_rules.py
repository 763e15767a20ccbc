"""The Dutch rules for the special categories (meetlat.privacy.special): word boundaries,
inflections, compounds, exceptions, and precision and recall on the hand-labelled book
sentences (tests/fixtures/special_categories, docs/special-categories.md)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from meetlat.privacy import special

LABELLED = Path(__file__).parents[1] / "fixtures" / "special_categories" / "labelled.csv"

# the floors: a little under the figures measured when the set was made (docs/special-categories.md)
FLOORS = {
    "dev": {"precision": 0.75, "recall": 0.6},
    "holdout": {"precision": None, "recall": 0.0, "false_positive_rate": 0.02},
    "all": {"precision": 0.75, "recall": 0.6},
}
CATEGORY_FLOORS = {"criminal": (0.75, 0.6), "politics": (0.75, 0.5)}  # enough positives


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik lig al een week in het ziekenhuis", ("health",)),
        ("Na mijn ziekenhuisopname kan ik weer lopen", ("health",)),  # compound
        ("Mijn dochter is ziek, we komen niet", ("health",)),
        ("Hij heeft een depressie en zit thuis", ("health",)),
        ("Zondag na de kerkdienst nog even koffie", ("religion",)),
        ("Mijn geloof is belangrijk voor mij", ("religion",)),
        ("Ze gaat elke vrijdag naar de moskee", ("religion",)),
        ("Ik stem op de VVD, punt", ("politics",)),
        ("Als PVV-stemmer voel ik me niet gehoord", ("politics",)),
        ("Mijn buurman is lid van de PvdA", ("politics",)),
        ("Die allochtoon van nummer 4 weer", ("ethnicity",)),
        ("Een man van Marokkaanse afkomst", ("ethnicity",)),
        ("Ik ben homo en woon hier al 20 jaar", ("sexuality",)),
        ("Al dertig jaar lid van de FNV", ("union",)),
        ("De verdachte is gisteren opgepakt", ("criminal",)),
        ("Mijn zoon zit in de gevangenis", ("criminal",)),
    ],
)
def test_rules_find_the_category(text, expected):
    assert special.categories(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Op het kerkplein is zaterdag weer markt",
        "De vijf kerkdorpen van Losser",
        "Geloofwaardigheid is de bron van alle gezag",
        "Ik geloof dat het platform kans van slagen heeft",
        "De politieke partij organiseert een avond in het dorpshuis",
        "Homo Digitalis Mobilis: Nederland staat op de 4e plaats",
        "De gemiddelde ambtenaar lijkt verdacht veel op de gemiddelde burger",
        "Zorgvuldig werken is de norm",
        "We stemmen onze boodschap af op de buurt",
        "Nieuwe taken die met partners moeten worden opgepakt",
        "Verdachten worden steeds vaker online gezocht",  # people in general
        "gegevens over de gezondheid of seksuele geaardheid",  # the categories themselves
        "perkament en marktkramen",  # no word inside another word
    ],
)
def test_rules_pass_over_hard_negatives(text):
    assert special.categories(text) == ()


def test_every_rule_has_a_category_and_a_name():
    assert {rule.category for rule in special.RULES} == set(special.CATEGORIES)
    assert all(rule.name for rule in special.RULES)


def _rows():
    with LABELLED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_labelled_set_is_whole():
    rows = _rows()
    assert len(rows) >= 300
    labels = set(special.CATEGORIES) | {special.NONE}
    for row in rows:
        assert row["label"] in labels, row
        assert row["set"] in {"dev", "holdout"}, row
        start = row["lines"].split("-")[0]
        assert start.isdigit() and 1 <= int(start) <= 14856, row
        assert len(row["text"]) >= 25
    assert len({(row["lines"], row["text"]) for row in rows}) == len(rows)


def scores(rows) -> dict:
    """Counts, precision and recall per category and over all categories (micro)."""
    counts = {c: {"tp": 0, "fp": 0, "fn": 0} for c in special.CATEGORIES}
    negatives = flagged_negatives = 0
    for row in rows:
        gold = set() if row["label"] == special.NONE else {row["label"]}
        found = set(special.categories(row["text"]))
        if not gold:
            negatives += 1
            flagged_negatives += bool(found)
        for category in special.CATEGORIES:
            if category in found and category in gold:
                counts[category]["tp"] += 1
            elif category in found:
                counts[category]["fp"] += 1
            elif category in gold:
                counts[category]["fn"] += 1
    total = {k: sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")}
    result = {category: _pr(c) for category, c in counts.items()}
    result["overall"] = _pr(total)
    result["false_positive_rate"] = flagged_negatives / negatives if negatives else None
    return result


def _pr(c: dict) -> dict:
    found, real = c["tp"] + c["fp"], c["tp"] + c["fn"]
    return {
        **c,
        "precision": c["tp"] / found if found else None,
        "recall": c["tp"] / real if real else None,
    }


@pytest.mark.parametrize("part", ["dev", "holdout", "all"])
def test_precision_and_recall_stay_above_their_floors(part):
    rows = [r for r in _rows() if part == "all" or r["set"] == part]
    measured = scores(rows)
    floor = FLOORS[part]
    overall = measured["overall"]
    if floor["precision"] is not None:
        assert overall["precision"] is not None and overall["precision"] >= floor["precision"]
    assert overall["recall"] is not None and overall["recall"] >= floor["recall"]
    if "false_positive_rate" in floor:
        assert measured["false_positive_rate"] <= floor["false_positive_rate"]
    if part == "all":
        for category, (precision, recall) in CATEGORY_FLOORS.items():
            assert measured[category]["precision"] >= precision, (category, measured[category])
            assert measured[category]["recall"] >= recall, (category, measured[category])
