"""The registry describes itself, and docs/indicators.md documents every indicator."""

from __future__ import annotations

from pathlib import Path

from meetlat.indicators.registry import DERIVED, load_all, sources
from meetlat.indicators.service import COLUMNS

DOCS = Path(__file__).parents[2] / "docs" / "indicators.md"


def test_every_indicator_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    missing = [i.name for i in load_all().all() if f"### `{i.name}`" not in text]
    assert not missing, f"not documented in docs/indicators.md: {missing}"
    assert "## Rankings" in text


def test_every_indicator_describes_itself_and_is_a_column():
    for indicator in load_all().all():
        assert indicator.unit and indicator.definition
        assert indicator.dtype in {"int", "Int64", "float"}
        assert indicator.name in COLUMNS
        assert indicator.source == DERIVED or indicator.source in sources.names()
