"""A workspace for the webcare pages, built by the webcare tests' own fixtures and data
(tests/webcare): the real twarc page of tests/fixtures/indicators (GM0363, CDonnyBrook1)
and the Dutch posts to GemeenteUtrecht (GM0344) of test_webcare_queue, with one more
Dutch question left open that names a citizen; imported by the tests (not a test module).
"""

from __future__ import annotations

import importlib.util
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from meetlat.web import webcare as pages

TESTS = Path(__file__).parents[1]
CITIZENS = ("gaudofdeath", *(f"inwoner{n}" for n in range(1, 8)))
UTRECHT_NOW = datetime(2014, 4, 10, 12, 0, tzinfo=UTC)  # the open question is 49.5 h old
TERMS = '[GM0344]\nterms = ["stadskantoor", "Leidsche Rijn"]\nhashtags = ["#utrecht"]\n'


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


webcare_fixtures = _load("web_webcare_conftest", TESTS / "webcare" / "conftest.py")
queue_tests = _load("web_webcare_queue", TESTS / "webcare" / "test_webcare_queue.py")


@pytest.fixture
def webcare_home(workspace, fixtures, monkeypatch):
    """The workspace (this test's MEETLAT_HOME) with both sets of posts, the listening
    terms of GM0344, and the page's clock at ``UTRECHT_NOW``."""
    page = json.loads(
        (fixtures / "indicators" / "twarc-v2-replies.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()[0]
    )
    warehouse = webcare_fixtures.rows.WarehouseRows(workspace)
    webcare_fixtures.payload._registry(warehouse)
    webcare_fixtures.payload.transcribe(page, warehouse)
    queue_tests._dutch(warehouse)
    # Tuesday 8 April 2014 12:30 local (10:30 UTC): not answered
    warehouse.post(
        7,
        206,
        "2014-04-08 10:30",
        handle="inwoner7",
        text="@inwoner1 weet jij wanneer @GemeenteUtrecht het grofvuil ophaalt?",
        mentions=["inwoner1", "gemeenteutrecht"],
    )
    warehouse.write()
    (workspace.root / "listening").mkdir()
    (workspace.root / "listening" / "terms.toml").write_text(TERMS, encoding="utf-8")
    monkeypatch.setattr(pages, "now", lambda: UTRECHT_NOW)
    pages.clear()
    yield workspace
    pages.clear()
