"""What the report tests expect: the period, the sections and captions of the national
report (imported by the test modules of this folder)."""

PERIOD = "2014Q2"
GENERATED = "2014-09-01T12:00Z"

SECTIONS = [
    "Respons", "Gebruik van de platforms", "Activiteit per dag van de week", "Bereik per inwoner",
    "Interactie en reactietijd", "Interactie toen en nu", "De gecombineerde ranglijst",
    "Woordgebruik", "Afdelingen", "Raadsaccounts", "De gemiddelde gemeente op het groeimodel",
    "Cijfers per aspect naast de vorige editie", "Verantwoording onderzoek",
]  # fmt: skip
CAPTIONS = ["Tabel 8", "Tabel 9", "Tabel 10", "Tabel 11", "Tabel 12", "Tabel 14", "Grafiek 3",
            "Afbeelding 8", "Afbeelding 9", "Afbeelding 10", "Afbeelding 11"]  # fmt: skip
