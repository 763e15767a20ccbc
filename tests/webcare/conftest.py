"""The webcare tests build small warehouses with the indicator tests' row writer and read
the real twarc page those tests use (tests/fixtures/indicators)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rows = _load("webcare_rows", HERE.parent / "indicators" / "conftest.py")
payload = _load("webcare_payload", HERE.parent / "indicators" / "test_real_payload.py")


@pytest.fixture
def warehouse(workspace):
    return rows.WarehouseRows(workspace)


@pytest.fixture
def page(fixtures):
    path = fixtures / "indicators" / "twarc-v2-replies.jsonl"
    return json.loads(path.read_text(encoding="utf-8").splitlines()[0])


@pytest.fixture
def real_page(page, warehouse):
    """The real page in a warehouse with the indicator tests' registry (GM0363
    CDonnyBrook1 corporate, LauraisOmitted council; GM0599 The_Reaper2008)."""
    payload._registry(warehouse)
    payload.transcribe(page, warehouse)
    return warehouse.write()
