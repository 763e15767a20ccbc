"""Importing the accounts registry: every bad row named, all or nothing, re-import harmless."""

from datetime import date

import pyarrow.parquet as pq
import pytest

from meetlat import accounts
from meetlat.warehouse.schema import REGISTRY

HEADER = "municipality_code,platform,handle,role,active_from,active_to,status\n"
GOOD = (
    HEADER
    + "GM0363,x,@Amsterdam,corporate,2010-01-01,,\n"
    + "GM0363,mastodon,@Amsterdam@mastodon.nl,council,,,parked\n"
    + "0457,x,GemeenteWeesp,corporate,2009-05-01,2022-03-24,closed\n"
)


def write(tmp_path, text, name="accounts.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_without_registry_is_an_empty_table_of_the_schema(workspace):
    table = accounts.load(workspace)
    assert table.num_rows == 0
    assert table.schema == REGISTRY


def test_import_normalises_and_stores(workspace, tmp_path):
    merge = accounts.import_file(workspace, write(tmp_path, GOOD))
    assert (merge.added, merge.replaced, merge.total) == (3, 0, 3)
    table = accounts.load(workspace)
    assert table.schema == REGISTRY
    rows = {(r["platform"], r["handle"]): r for r in table.to_pylist()}
    assert set(rows) == {
        ("x", "amsterdam"),
        ("mastodon", "amsterdam@mastodon.nl"),
        ("x", "gemeenteweesp"),
    }
    assert rows[("x", "amsterdam")]["status"] == "active"  # the default
    assert rows[("x", "amsterdam")]["active_from"] == date(2010, 1, 1)
    assert rows[("x", "gemeenteweesp")]["municipality_code"] == "GM0457"
    assert rows[("x", "gemeenteweesp")]["active_to"] == date(2022, 3, 24)
    stored = workspace.warehouse / "registry" / "accounts.parquet"
    assert pq.read_schema(stored).names == REGISTRY.names


def test_optional_columns_may_be_left_out(workspace, tmp_path):
    path = write(
        tmp_path, "municipality_code,platform,handle,role\nGM0014,bluesky,groningen.nl,theme\n"
    )
    accounts.import_file(workspace, path)
    (row,) = accounts.load(workspace).to_pylist()
    assert row["status"] == "active" and row["active_from"] is None


BAD_ROWS = [
    ("GM9998,x,a,corporate,,,", "GM9998"),
    ("GM1999,x,a,corporate,,,", "GM1999"),  # the RNI is no municipality
    ("GM0363,myspace,a,corporate,,,", "myspace"),
    ("GM0363,x,a,mayor,,,", "mayor"),
    ("GM0363,x,a,corporate,,,gone", "gone"),
    ("GM0363,x,a,corporate,2014-02-30,,", "2014-02-30"),
    ("GM0363,x,a,corporate,1-1-2014,,", "1-1-2014"),
    ("GM0363,x,a,corporate,,31/12/2020,", "31/12/2020"),
    ("GM0363,x,a,corporate,2020-01-01,2019-01-01,", "2019-01-01"),
    ("GM0363,x,,corporate,,,", "handle"),
    ("GM0363,x,@,corporate,,,", "handle"),
    ("GM0363,x,two words,corporate,,,", "spatie"),
    (",x,a,corporate,,,", "municipality_code"),
    ("GM0363,x,a,corporate", "4 velden, verwacht 7"),
]


@pytest.mark.parametrize(("row", "named"), BAD_ROWS)
def test_each_kind_of_bad_row_is_named_with_file_and_line(workspace, tmp_path, row, named):
    path = write(tmp_path, HEADER + "GM0014,x,groningen,corporate,,,\n" + row + "\n")
    with pytest.raises(accounts.InvalidFile) as caught:
        accounts.import_file(workspace, path)
    problems = caught.value.problems
    assert problems and all(p.line == 3 and p.file == str(path) for p in problems)
    assert any(named in p.reason for p in problems)
    assert str(path) in str(problems[0]) and "regel 3" in str(problems[0])
    assert accounts.load(workspace).num_rows == 0  # the good row was not imported either


def test_missing_column_is_named(workspace, tmp_path):
    path = write(tmp_path, "municipality_code,platform,handle\nGM0363,x,a\n")
    with pytest.raises(accounts.InvalidFile) as caught:
        accounts.import_file(workspace, path)
    (problem,) = caught.value.problems
    assert problem.line == 1
    assert "role" in problem.reason and "ontbrekende kolom" in problem.reason


def test_unknown_column_is_named(workspace, tmp_path):
    path = write(
        tmp_path, "municipality_code,platform,handle,role,stauts\nGM0363,x,a,other,active\n"
    )
    with pytest.raises(accounts.InvalidFile) as caught:
        accounts.import_file(workspace, path)
    assert "stauts" in caught.value.problems[0].reason


def test_empty_file_and_missing_file(workspace, tmp_path):
    with pytest.raises(accounts.InvalidFile, match="leeg"):
        accounts.import_file(workspace, write(tmp_path, ""))
    with pytest.raises(accounts.InvalidFile, match="bestand niet gevonden"):
        accounts.import_file(workspace, tmp_path / "absent.csv")


def test_not_utf8_is_refused(workspace, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        (HEADER + "GM0363,x,gemeente,corporate,,,\n").encode() + b"GM0363,x,\xe9,other,,,\n"
    )
    with pytest.raises(accounts.InvalidFile, match="UTF-8") as caught:
        accounts.import_file(workspace, path)
    assert caught.value.problems[0].line == 3


def test_semicolon_separated_file_from_a_dutch_spreadsheet(workspace, tmp_path):
    path = write(
        tmp_path, "municipality_code;platform;handle;role\r\nGM0014;x;@GemGroningen;corporate\r\n"
    )
    accounts.import_file(workspace, path)
    assert accounts.load(workspace).column("handle").to_pylist() == ["gemgroningen"]


def test_same_account_twice_in_one_file_is_an_error(workspace, tmp_path):
    path = write(
        tmp_path, HEADER + "GM0363,x,amsterdam,corporate,,,\nGM0363,x,@AMSTERDAM,council,,,\n"
    )
    with pytest.raises(accounts.InvalidFile) as caught:
        accounts.import_file(workspace, path)
    (problem,) = caught.value.problems
    assert problem.line == 3 and "regel 2" in problem.reason


def test_every_bad_row_is_listed_and_nothing_is_imported(workspace, tmp_path):
    accounts.import_file(workspace, write(tmp_path, GOOD, "first.csv"))
    before = (workspace.warehouse / "registry" / "accounts.parquet").read_bytes()
    mixed = (
        HEADER
        + "GM0014,x,groningen,corporate,,,\n"  # line 2: good
        + "GM9998,x,nergens,corporate,,,\n"  # line 3: unknown code
        + "\n"  # line 4: blank, not a row
        + "GM0014,facebook,groningen,corporate,,,\n"  # line 5: good
        + "GM0014,x,stad,boss,,,\n"  # line 6: unknown role
    )
    with pytest.raises(accounts.InvalidFile) as caught:
        accounts.import_file(workspace, write(tmp_path, mixed, "mixed.csv"))
    assert [p.line for p in caught.value.problems] == [3, 6]
    assert (workspace.warehouse / "registry" / "accounts.parquet").read_bytes() == before


def test_reimport_is_harmless_and_a_later_row_replaces(workspace, tmp_path):
    path = write(tmp_path, GOOD)
    accounts.import_file(workspace, path)
    first = accounts.load(workspace)
    merge = accounts.import_file(workspace, path)
    assert (merge.added, merge.replaced, merge.total) == (0, 3, 3)
    assert accounts.load(workspace).equals(first)
    change = write(tmp_path, HEADER + "GM0363,x,AMSTERDAM,executive,,,parked\n", "change.csv")
    merge = accounts.import_file(workspace, change)
    assert (merge.added, merge.replaced, merge.total) == (0, 1, 3)
    rows = [r for r in accounts.load(workspace).to_pylist() if r["municipality_code"] == "GM0363"]
    assert len(rows) == 2  # the x account and the untouched Mastodon one
    x_row = next(r for r in rows if r["platform"] == "x")
    assert (x_row["role"], x_row["status"], x_row["active_from"]) == ("executive", "parked", None)


def test_a_crash_while_writing_leaves_the_old_registry(workspace, tmp_path, monkeypatch):
    accounts.import_file(workspace, write(tmp_path, GOOD))
    before = accounts.load(workspace)

    def crash(table, where, **kwargs):
        with open(where, "wb") as handle:
            handle.write(b"PAR1 half a file")
        raise KeyboardInterrupt

    monkeypatch.setattr("meetlat.accounts.store.pq.write_table", crash)
    with pytest.raises(KeyboardInterrupt):
        accounts.import_file(
            workspace, write(tmp_path, HEADER + "GM0014,x,groningen,other,,,\n", "b.csv")
        )
    assert accounts.load(workspace).equals(before)
    assert [p.name for p in (workspace.warehouse / "registry").iterdir()] == ["accounts.parquet"]


def test_the_warehouse_connection_reads_the_registry(workspace, tmp_path):
    from meetlat.warehouse.connection import connect

    accounts.import_file(workspace, write(tmp_path, GOOD))
    registry = connect(workspace).table("registry")
    frame = registry.order_by("handle").execute()
    assert list(frame["handle"]) == ["amsterdam", "amsterdam@mastodon.nl", "gemeenteweesp"]
    assert list(frame["municipality_code"]) == ["GM0363", "GM0363", "GM0457"]


def test_a_bare_mastodon_handle_is_on_the_server_of_the_setting(workspace, tmp_path, monkeypatch):
    monkeypatch.setenv("MEETLAT_MASTODON_SERVER", "Social.Overheid.nl")
    path = write(tmp_path, HEADER + "GM0363,mastodon,@Amsterdam,corporate,,,\n")
    accounts.import_file(workspace, path)
    (row,) = accounts.load(workspace).to_pylist()
    assert row["handle"] == "amsterdam@social.overheid.nl"
