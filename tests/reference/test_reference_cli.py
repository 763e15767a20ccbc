"""`meetlat reference list` and `show`, in every output format."""

import csv
import io
import json


def test_list_2014_as_csv_has_403_rows(cli):
    result = cli("reference", "list", "--on", "2014-01-01", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 403
    weesp = next(r for r in rows if r["code"] == "GM0457")
    assert weesp == {
        "code": "GM0457",
        "name": "Weesp",
        "province": "Noord-Holland",
        "inhabitants": "18018",
        "population_year": "2014",
        "approximate": "true",
    }


def test_list_2025_as_json_has_342_municipalities(cli):
    result = cli("reference", "list", "--on", "2025-01-01", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 342
    amsterdam = next(r for r in rows if r["code"] == "GM0363")
    # 2025 is not in the data: the 2024 figure is used and says so.
    assert amsterdam["inhabitants"] == 931298
    assert amsterdam["population_year"] == 2024
    assert not any(r["code"] == "GM0457" for r in rows)


def test_list_as_table_is_dutch(cli):
    result = cli("reference", "list", "--on", "2025-01-01")
    assert result.exit_code == 0
    assert "342 gemeenten op 2025-01-01" in result.stdout
    assert "Provincie" in result.stdout
    assert "931.298" in result.stdout  # Dutch number notation on screen


def test_list_2014_as_table_marks_approximate_figures(cli):
    result = cli("reference", "list", "--on", "2014-01-01")
    assert "403 gemeenten op 2014-01-01" in result.stdout
    assert "± 18.018" in result.stdout  # Weesp, from the March 2014 almanac
    assert "810.937" in result.stdout  # Amsterdam, exact (open-spending, CBS)
    assert "bij benadering" in result.stdout


def test_list_refuses_a_bad_date(cli):
    result = cli("reference", "list", "--on", "1-1-2014")
    assert result.exit_code == 1
    assert "is geen datum" in result.output


def test_show_weesp(cli):
    result = cli("reference", "show", "GM0457")
    assert result.exit_code == 0
    text = result.stdout
    assert "GM0457 Weesp" in text
    assert "Provincie: Noord-Holland" in text
    assert "Opgegaan in GM0363 Amsterdam op 2022-03-24" in text
    assert "± 18.018" in text
    assert "bij benadering" in text


def test_show_as_json(cli):
    result = cli("reference", "show", "GM0457", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["merged_into"] == {"code": "GM0363", "name": "Amsterdam", "on": "2022-03-24"}
    assert doc["valid_to"] == "2022-03-24"
    assert doc["population"] == [
        {"year": 2014, "inhabitants": 18018, "approximate": True, "source": "almanak-2014"}
    ]


def test_show_amsterdam_names_what_merged_into_it(cli):
    doc = json.loads(cli("reference", "show", "GM0363", "--format", "json").stdout)
    assert {"code": "GM0457", "name": "Weesp", "on": "2022-03-24"} in doc["merged_from"]
    assert doc["merged_into"] is None
    assert [p["year"] for p in doc["population"]][-2:] == [2023, 2024]


def test_show_unknown_code(cli):
    result = cli("reference", "show", "GM9998")
    assert result.exit_code == 1
    assert "Onbekende gemeentecode GM9998" in result.output
