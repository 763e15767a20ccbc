"""A measurement while an import runs says so instead of silently leaving it out."""

from __future__ import annotations

from meetlat.warehouse import recovery


def test_measure_during_an_import_warns(cli, workspace, tmp_path):
    registry = tmp_path / "accounts.csv"
    registry.write_text("municipality_code,platform,handle,role\nGM0344,x,utrecht,corporate\n")
    assert cli("accounts", "import", registry).exit_code == 0
    args = ("measure", "--from", "2014-04-01", "--to", "2014-06-30", "--json")
    quiet = cli(*args)
    assert quiet.exit_code == 0 and "import" not in quiet.stderr
    with recovery.locked(workspace.warehouse):  # as an import holds it
        assert recovery.import_running(workspace.warehouse)
        during = cli(*args)
    assert during.exit_code == 0, during.output
    assert "Er loopt een import in deze werkruimte" in during.stderr
    assert not recovery.import_running(workspace.warehouse)


def test_asking_never_makes_an_import_fail(workspace):
    warehouse = workspace.warehouse
    warehouse.mkdir(parents=True, exist_ok=True)
    for _ in range(50):  # asking and taking the lock in turn
        assert not recovery.import_running(warehouse)
        with recovery.locked(warehouse):
            pass
