"""Shared test fixtures: a fresh workspace per test, the CLI runner, the fixtures folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"

# rich fixes a console's width for good when COLUMNS is set at its creation; the CLI's
# console is made here, without COLUMNS, so that each test's COLUMNS (below) counts.
os.environ.pop("COLUMNS", None)
import meetlat.cli.common  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path):
    """Every test runs in Dutch, with MEETLAT_HOME pointing to a fresh, uninitialised folder."""
    monkeypatch.setenv("MEETLAT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MEETLAT_LANG", "nl")
    # The CLI wraps its sentences at the terminal's width (80 columns without a terminal).
    # Tests that read what a command says get a wide one, so that a sentence they look for
    # stays on one line; the tests of the 80-column layout ask for 80 (``narrow``).
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def narrow(monkeypatch):
    """An 80-column terminal."""
    monkeypatch.setenv("COLUMNS", "80")


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
