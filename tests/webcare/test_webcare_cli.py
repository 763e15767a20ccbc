"""`meetlat webcare queue|figures|daily|listen` on the real page (see test_webcare_queue)."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def home(real_page, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(real_page.root))
    return real_page


PERIOD = ("--from", "2021-04-08", "--to", "2021-04-08")


def test_queue_json_and_table(cli, home):
    result = cli("webcare", "queue", "--account", "cdonnybrook1", *PERIOD, "--json")
    rows = json.loads(result.output)
    assert [r["post_id"] for r in rows] == ["1380242054064660481"]
    assert rows[0]["author"].startswith("burger-")
    table = cli("webcare", "queue", "--account", "cdonnybrook1", *PERIOD, "--answered")
    assert "1 onbeantwoorde vraag" in table.output
    assert "gaudofdeath" not in table.output.lower()


def test_figures_and_daily(cli, home):
    figures = cli("webcare", "figures", "--account", "cdonnybrook1", *PERIOD)
    assert "1 van 2 berichten vragen iets; 0 beantwoord (reactiepercentage 0,0%)" in figures.output
    assert "geen reactie" in figures.output
    daily = json.loads(cli("webcare", "daily", "--account", "cdonnybrook1", *PERIOD,
                           "--json").output)  # fmt: skip
    assert daily == [
        {"day": "2021-04-08", "messages": 2, "questions": 1, "answered": 0, "no_action": 1}
    ]


def test_bad_period(cli, home):
    result = cli("webcare", "daily", "--account", "x", "--from", "2021-04-09", "--to", "2021-04-08")
    assert result.exit_code == 1


def test_listen_without_terms(cli, home):
    result = cli("webcare", "listen", "--municipality", "GM0363", *PERIOD)
    assert result.exit_code == 1
    assert "geen zoektermen voor GM0363" in result.output


def test_unknown_account(cli, home):
    result = cli("webcare", "queue", "--account", "niemand", *PERIOD)
    assert result.exit_code == 1
    assert "niemand is geen account uit het register" in result.output
