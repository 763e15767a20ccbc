"""`meetlat accounts import` and `list` on the command line."""

import csv
import io
import json

HEADER = "municipality_code,platform,handle,role,active_from,active_to,status\n"
GOOD = (
    HEADER
    + "GM0363,x,@Amsterdam,corporate,2010-01-01,,\n"
    + "GM0363,mastodon,@amsterdam@mastodon.nl,council,,,parked\n"
    + "GM0457,x,gemeenteweesp,corporate,,2022-03-24,closed\n"
    + "GM0014,bluesky,groningen.nl,theme,,,\n"
)


def test_import_then_list_as_csv(cli, workspace, tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(GOOD, encoding="utf-8")
    result = cli("accounts", "import", path)
    assert result.exit_code == 0, result.output
    assert "4 accounts geïmporteerd" in result.stdout
    assert "4 nieuw, 0 vervangen; het register bevat 4 accounts" in result.stdout
    listed = cli("accounts", "list", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert [r["handle"] for r in rows] == [
        "groningen.nl",
        "amsterdam@mastodon.nl",
        "amsterdam",
        "gemeenteweesp",
    ]
    assert rows[2] == {
        "municipality_code": "GM0363",
        "municipality_name": "Amsterdam",
        "platform": "x",
        "handle": "amsterdam",
        "role": "corporate",
        "active_from": "2010-01-01",
        "active_to": "",
        "status": "active",
    }


def test_list_filters_as_json(cli, workspace, tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(GOOD, encoding="utf-8")
    cli("accounts", "import", path)
    rows = json.loads(
        cli("accounts", "list", "--municipality", "GM0363", "--format", "json").stdout
    )
    assert {r["platform"] for r in rows} == {"x", "mastodon"}
    rows = json.loads(
        cli("accounts", "list", "--platform", "x", "--role", "corporate", "--format", "json").stdout
    )
    assert [(r["municipality_name"], r["handle"]) for r in rows] == [
        ("Amsterdam", "amsterdam"),
        ("Weesp", "gemeenteweesp"),
    ]
    assert rows[1]["active_to"] == "2022-03-24" and rows[1]["active_from"] is None
    assert json.loads(cli("accounts", "list", "--role", "other", "--format", "json").stdout) == []


def test_list_as_table_is_dutch(cli, workspace, tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(GOOD, encoding="utf-8")
    cli("accounts", "import", path)
    result = cli("accounts", "list")
    assert result.exit_code == 0
    assert "4 accounts" in result.stdout
    assert "Rol" in result.stdout and "Amsterdam" in result.stdout
    assert "2022-03-24" in result.stdout
    # roles and statuses by their Dutch labels; files and JSON keep the plain values
    for label in ("raad", "thema", "geparkeerd", "opgeheven", "actief", "x:amsterdam"):
        assert label in result.stdout


def test_bad_file_exits_1_listing_every_problem(cli, workspace, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "GM9998,x,a,corporate,,,\nGM0363,x,b,boss,,,\n", encoding="utf-8")
    result = cli("accounts", "import", path)
    assert result.exit_code == 1
    assert f"{path} regel 2:" in result.output
    assert f"{path} regel 3:" in result.output
    assert "2 problemen in" in " ".join(result.output.split())
    assert "er is niets geïmporteerd" in " ".join(result.output.split())
    assert json.loads(cli("accounts", "list", "--format", "json").stdout) == []


def test_import_needs_a_workspace(cli, tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(GOOD, encoding="utf-8")
    result = cli("accounts", "import", path)
    assert result.exit_code == 1
    assert "meetlat init" in result.output
