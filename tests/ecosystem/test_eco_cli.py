"""`meetlat ecosystem …` on the small warehouse of conftest.py: Dutch texts, JSON and CSV
with the hand counts, citizens never named unless --toon-burgers gives a purpose."""

from __future__ import annotations

import csv
import json

import pytest

from meetlat.app import privacy

CITIZENS = ("piet123", "anna_x", "jan@mastodon.nl")  # as conftest.CITIZENS
PERIOD = ("--municipality", "GM0363", "--from", "2024-03-04", "--to", "2024-03-10")


@pytest.fixture
def home(amsterdam, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(amsterdam.root))
    return amsterdam


def test_the_citizens_are_those_of_the_warehouse(citizen_handles):
    assert citizen_handles == CITIZENS


def _no_citizen(result):
    text = (result.stdout + result.stderr).lower()
    assert not [c for c in CITIZENS if c in text], text


def test_groups_in_dutch(cli, home):
    result = cli("ecosystem", "groups", *PERIOD)
    assert result.exit_code == 0, result.output
    assert "Lokaal ecosysteem van GM0363, 2024-03-04 tot en met 2024-03-10:" in result.stdout
    assert "  media: 1 account; interacties met de gemeente: 2" in result.stdout
    assert "  burger/onbekend: 2 accounts; interacties met de gemeente: 4" in result.stdout
    assert "x amsterdam: politiek en overheid (register)" in result.stdout
    _no_citizen(result)


def test_network_json_and_csv(cli, home, tmp_path):
    out = tmp_path / "netwerk.csv"
    result = cli("ecosystem", "network", *PERIOD, "--json", "--csv", out)
    assert result.exit_code == 0, result.output
    edges = json.loads(result.stdout)["edges"]
    assert sum(e["replies"] for e in edges) == 3 and sum(e["mentions"] for e in edges) == 6
    to_city = sorted((e["from_group"], e["replies"], e["mentions"]) for e in edges
                     if e["to"] == "amsterdam")  # fmt: skip
    assert to_city == [("burger", 2, 0), ("media", 0, 1)]  # piet123, parool
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == len(edges) == 8
    assert out.read_text(encoding="utf-8").count("burger-") >= 6
    _no_citizen(result)
    for citizen in CITIZENS:
        assert citizen not in out.read_text(encoding="utf-8")


def test_network_text(cli, home):
    result = cli("ecosystem", "network", *PERIOD)
    assert "Wie praat met wie rond GM0363, 2024-03-04 tot en met 2024-03-10: 8 verbindingen." in (
        result.stdout
    )
    assert "antwoorden 2, vermeldingen 0" in result.stdout  # piet123 → amsterdam
    _no_citizen(result)


def test_connectors(cli, home):
    result = cli("ecosystem", "connectors", *PERIOD, "--top", "2", "--json")
    rows = json.loads(result.stdout)["connectors"]
    assert [(r["account"], r["partners"], r["interactions"]) for r in rows][0] == (
        "amsterdam",
        3,
        6,
    )
    assert rows[1]["account"].startswith("burger-") and rows[1]["partners"] == 3
    text = cli("ecosystem", "connectors", *PERIOD).stdout
    assert "1. x amsterdam (politiek en overheid): 3 gesprekspartners; interacties: 6" in text
    assert "gesprekspartner; interacties: 1" in text  # the Mastodon pair, singular


def test_toon_burgers_reveals_and_logs(cli, home):
    result = cli("ecosystem", "connectors", *PERIOD, "--toon-burgers", "controle indeling")
    assert result.exit_code == 0, result.output
    assert "piet123" in result.stdout and "jan@mastodon.nl" in result.stdout
    (entry,) = privacy.reveals(home)
    assert entry["purpose"] == "controle indeling"


def test_toon_burgers_needs_a_purpose(cli, home):
    result = cli("ecosystem", "network", *PERIOD, "--toon-burgers", "  ")
    assert result.exit_code == 1
    assert "doel" in result.stderr.lower()
    _no_citizen(result)


def test_correct_then_groups(cli, home):
    result = cli("ecosystem", "correct", "--platform", "x", "--handle", "piet123", "--group",
                 "verenigingen")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "het account hoort nu bij verenigingsleven" in result.stdout
    _no_citizen(result)
    text = cli("ecosystem", "groups", *PERIOD).stdout
    assert "  verenigingsleven: 1 account; interacties met de gemeente: 3" in text
    bad = cli("ecosystem", "correct", "--platform", "x", "--handle", "ajax", "--group", "kerk")
    assert bad.exit_code == 1 and "Onbekende groep kerk" in bad.stderr


def test_a_bad_word_list_is_reported_by_line(cli, home):
    own = home.root / "ecosystem" / "groepen-nl.txt"
    own.parent.mkdir()
    own.write_text("[politiek]\nraad\n[kerk]\n")
    result = cli("ecosystem", "groups", *PERIOD)
    assert result.exit_code == 1
    assert "groepen-nl.txt:3: verwacht een kop [groep] uit" in result.stderr


def test_a_bad_date_is_refused(cli, home):
    result = cli("ecosystem", "groups", "--municipality", "GM0363", "--from", "4 maart",
                 "--to", "2024-03-10")  # fmt: skip
    assert result.exit_code == 1


def test_an_empty_warehouse_says_so(cli, workspace, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(workspace.root))
    result = cli("ecosystem", "connectors", *PERIOD)
    assert result.exit_code == 0, result.output
    assert "Geen antwoorden of vermeldingen rond de accounts van GM0363" in result.stderr
    assert json.loads(cli("ecosystem", "network", *PERIOD, "--json").stdout)["edges"] == []
