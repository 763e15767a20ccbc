"""`meetlat measure`, `activity` and `words` from the command line (DuckDB)."""

from __future__ import annotations

import json

import pandas as pd

from meetlat.indicators.service import COLUMNS


def _small(warehouse):
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.post(20, 2, "2014-04-04 14:50", text="Wanneer is het open?", mentions=["utrecht"])
    warehouse.post(21, 1, "2014-04-07 06:40", "reply", in_reply_to_post_id="20",
                   in_reply_to_account_id="2", text="Morgen #Utrecht",
                   hashtags=["Utrecht"])  # fmt: skip
    warehouse.post(22, 1, "2014-04-07 08:00", text="Werk aan de Catharijnesingel")
    warehouse.snapshot(1, "2014-04-01 00:00", 12345, 10, 100)
    return warehouse.write()


def test_measure_json(cli, warehouse):
    _small(warehouse)
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-06-30", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert list(rows[0]) == list(COLUMNS)
    row = rows[0]
    assert (row["posts_sent"], row["replies_sent"], row["interaction_pct"]) == (2, 1, 50.0)
    assert row["reaction_time_office_mean_min"] == 20.0
    assert row["followers"] == 12345
    assert row["inbound_questions"] == 1 and row["questions_answered_pct"] == 100.0
    assert row["reaction_time_p90_min"] == 3830.0
    # the warehouse was written without `meetlat import`: measure says it updates the facts
    assert "eerst worden de meetfeiten bijgewerkt" in result.stderr
    again = cli("measure", "--from", "2014-04-01", "--to", "2014-04-30", "--json")
    assert "meetfeiten" not in again.stderr  # fresh now: nothing to update
    assert json.loads(again.stdout)[0]["posts_sent"] == 2


def test_measure_screen_is_dutch(cli, warehouse, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # a researcher's wide terminal
    _small(warehouse)
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-06-30")
    assert result.exit_code == 0, result.output
    assert "Verzonden" in result.stdout and "Interactie" in result.stdout
    assert "alle kolommen: --json of --out" in result.stdout.lower()
    assert "breder venster" not in result.stdout  # every screen column fits
    assert "12.345" in result.stdout  # Dutch thousands separator
    assert "50,0" in result.stdout  # Dutch decimal comma
    assert "3.830" in result.stdout and "x:utrecht (corporate)" in result.stdout


def test_measure_screen_fits_a_narrow_terminal(cli, warehouse, narrow):
    _small(warehouse)
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-06-30")
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "Verzonden" in result.stdout and "Volgers" not in result.stdout
    assert "Meer kolommen in een breder venster" in result.stdout


def test_measure_out_files(cli, warehouse, tmp_path):
    _small(warehouse)
    for suffix in (".csv", ".parquet", ".json"):
        path = tmp_path / f"meting{suffix}"
        args = ["measure", "--from", "2014-04-01", "--to", "2014-06-30", "--by", "municipality"]
        result = cli(*args, "--out", path)
        assert result.exit_code == 0, result.output
        if suffix == ".csv":
            frame = pd.read_csv(path)
        elif suffix == ".parquet":
            frame = pd.read_parquet(path)
        else:
            frame = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
        assert list(frame.columns) == list(COLUMNS)
        assert frame.loc[0, "municipality_code"] == "GM0344"
        assert frame.loc[0, "posts_sent"] == 2


def test_measure_errors_are_specific(cli, workspace, tmp_path):
    result = cli("measure", "--from", "1-4-2014", "--to", "2014-06-30")
    assert result.exit_code == 1
    assert "--from 1-4-2014 is geen datum" in result.output
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-03-01")
    assert "ligt vóór" in result.output
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-06-30", "--role", "mayor")
    assert "Onbekende rol mayor" in result.output
    result = cli(
        "measure", "--from", "2014-04-01", "--to", "2014-06-30", "--out", tmp_path / "x.xlsx"
    )
    assert result.exit_code == 1 and ".csv, .parquet of .json" in result.output


def test_measure_without_workspace(cli):
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-06-30")
    assert result.exit_code == 1
    assert "meetlat init" in result.output


def test_activity_and_words(cli, warehouse):
    _small(warehouse)
    result = cli("activity", "--from", "2014-04-01", "--to", "2014-06-30", "--json")
    rows = json.loads(result.stdout)
    assert len(rows) == 168
    busy = {(r["weekday"], r["hour"]): r["posts"] for r in rows if r["posts"]}
    assert busy == {(1, 8): 1, (1, 10): 1}
    screen = cli("activity", "--from", "2014-04-01", "--to", "2014-06-30", "--municipality", "344")
    assert screen.exit_code == 0 and "ma" in screen.stdout and "08:00" in screen.stdout
    result = cli("words", "--from", "2014-04-01", "--to", "2014-06-30", "--json")
    found = json.loads(result.stdout)
    assert {w["word"] for w in found["words"]} == {"morgen", "werk", "catharijnesingel"}
    assert found["hashtags"] == [{"hashtag": "utrecht", "count": 1}]
    screen = cli("words", "--from", "2014-04-01", "--to", "2014-06-30")
    assert "Woord" in screen.stdout and "#utrecht" in screen.stdout


def test_measure_on_a_read_only_warehouse_computes_the_slow_way(cli, warehouse, monkeypatch):
    from meetlat.indicators import facts

    _small(warehouse)

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(facts, "build", read_only)
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-06-30", "--json")
    assert result.exit_code == 0, result.output
    assert "De meetfeiten konden niet worden bijgewerkt" in result.stderr
    assert json.loads(result.stdout)[0]["posts_sent"] == 2
