"""No output names a citizen (an account that is not in the registry of public bodies):
every reading command run on real X pages full of citizens' posts, replies and mentions,
with one account registered as the municipality's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from meetlat import workspace as workspace_module
from meetlat.app import accounts
from meetlat.importer import import_paths
from meetlat.warehouse.connection import connect

FIXTURES = Path(__file__).parent / "fixtures"
MUNICIPAL = "fox12oregon"  # stands in for a municipality's account in the real sample
PERIOD = ("--from", "2021-04-01", "--to", "2021-04-30")
COMMANDS = [
    ("measure", *PERIOD),
    ("measure", *PERIOD, "--json"),
    ("measure", *PERIOD, "--by", "municipality", "--json"),
    ("rank", *PERIOD, "--min-replies", "1"),
    ("rank", *PERIOD, "--min-replies", "1", "--json"),
    ("rank", *PERIOD, "--table", "10", "--min-replies", "1", "--json"),
    ("national", "--period", "2021-04", "--json"),
    (
        "compare",
        "--period-a",
        "2020-04-01..2020-04-30",
        "--period-b",
        "2021-04-01..2021-04-30",
        "--json",
    ),  # fmt: skip
    ("words", *PERIOD),
    ("activity", *PERIOD),
    ("archive", "list"),
    ("archive", "verify", "--quick"),
    ("archive", "quarantine"),
    ("themes", "profile", "--groups", FIXTURES / "themes" / "groups.csv", "--period", "2021-04"),
    (
        "themes",
        "interactive",
        "--groups",
        FIXTURES / "themes" / "groups.csv",
        "--period",
        "2021-04",
    ),
    (
        "themes",
        "before-after",
        "--groups",
        FIXTURES / "themes" / "groups.csv",
        "--date",
        "2021-04-08",
        "--json",
    ),  # fmt: skip
]


@pytest.fixture(scope="module")
def citizens(tmp_path_factory):
    """A workspace with the real sample imported (made once for the module) and the
    handles of every citizen in it."""
    root = tmp_path_factory.mktemp("citizens")
    ws = workspace_module.init(root / "ws")
    folder = root / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "x" / "flat.jsonl", folder)
    registry = root / "accounts.csv"
    registry.write_text(f"municipality_code,platform,handle,role\nGM0363,x,{MUNICIPAL},corporate\n")
    accounts.import_accounts(ws, registry)
    import_paths(ws, [folder])
    warehouse = connect(ws)
    handles = set(warehouse.table("accounts").to_pandas()["handle"].dropna())
    handles |= set(warehouse.table("posts").to_pandas()["handle"].dropna())
    others = {h.lower() for h in handles if h.lower() != MUNICIPAL and len(h) >= 5}
    assert len(others) > 30  # the sample is full of citizens
    return ws.root, others


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_no_output_names_a_citizen(cli, citizens, args, monkeypatch):
    root, others = citizens
    monkeypatch.setenv("MEETLAT_HOME", str(root))
    result = cli(*args)
    assert result.exit_code in (0, 1), result.output
    output = (result.stdout + result.stderr).lower()
    named = sorted(h for h in others if h in output)
    assert not named, f"meetlat {' '.join(args)} names {named}"


def test_the_municipality_s_own_account_is_named(cli, citizens, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(citizens[0]))
    assert MUNICIPAL in cli("measure", *PERIOD).stdout.lower()  # the check can see handles
