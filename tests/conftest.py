"""Shared test fixtures: a fresh workspace per test, the CLI runner, the fixtures folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path):
    """Every test runs in Dutch, with MEETLAT_HOME pointing to a fresh, uninitialised folder."""
    monkeypatch.setenv("MEETLAT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MEETLAT_LANG", "nl")


@pytest.fixture
def workspace(tmp_path):
    from meetlat import workspace as ws

    return ws.init(tmp_path / "home")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def cli():
    """Run the meetlat command: ``cli("reference", "list")`` returns the click Result."""
    from meetlat.cli.main import build_app

    app = build_app()
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run
