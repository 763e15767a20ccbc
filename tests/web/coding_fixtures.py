"""A workspace with real X posts (tests/fixtures/x/noflat.jsonl) and a registry of one of
their authors, for the coding tests; imported by them (not a test module)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from meetlat import workspace
from meetlat.app import accounts, importing

FIXTURES = Path(__file__).parents[1] / "fixtures"
REGISTRY = "municipality_code,platform,handle,role\nGM0363,x,@DWDrummer13,corporate\n"


@pytest.fixture(scope="session")
def posts_workspace(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("coding")
    ws = workspace.init(folder / "workspace")
    importing.import_files(ws, [FIXTURES / "x" / "noflat.jsonl"])
    (folder / "registry.csv").write_text(REGISTRY)
    accounts.import_accounts(ws, folder / "registry.csv")
    return ws.root


@pytest.fixture
def ws(posts_workspace, tmp_path, monkeypatch):
    """A copy of the posts workspace as this test's MEETLAT_HOME."""
    home = tmp_path / "coding-home"
    shutil.copytree(posts_workspace, home, symlinks=True)
    monkeypatch.setenv("MEETLAT_HOME", str(home))
    return workspace.current()
