"""The engine apart from the indicators: the catalog is the one registry, everything that
lists indicators or sources is derived from it, a new indicator module needs no other
edit, and the facts' plans follow the DuckDB version (also on a read-only folder)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pandas as pd
import pytest

from meetlat import plugins
from meetlat.indicators import catalog, engine, facts, factstore, prepared, registry
from meetlat.indicators.service import COLUMNS, measure

Q2 = (date(2014, 4, 1), date(2014, 6, 30))
# the columns as they were kept by hand before they were derived from the catalog
HAND_KEPT = (
    "municipality_code", "municipality_name", "platform", "handle", "role", "posts_sent",
    "originals", "replies_sent", "self_replies", "reposts_sent", "quotes_sent",
    "interaction_pct", "replies_timed", "reaction_time_mean_min", "reaction_time_median_min",
    "reaction_time_p90_min", "reaction_time_office_mean_min",
    "reaction_time_office_median_min", "followers", "following", "total_posts",
    "potential_reach_mean", "inhabitants", "population_year", "relative_reach",
    "followers_per_inhabitant_pct", "following_per_inhabitant_pct",
    "posts_per_inhabitant_pct", "inbound_questions", "questions_answered_pct",
    "questions_reply_15min", "questions_reply_1h", "questions_reply_2h",
    "questions_reply_24h", "questions_reply_later", "questions_reply_none",
    "questions_office_15min", "questions_office_1h", "questions_office_2h",
    "questions_office_24h", "questions_office_later", "questions_office_none",
)  # fmt: skip


def test_columns_and_fact_sources_come_from_the_catalog():
    assert COLUMNS == HAND_KEPT
    assert catalog.columns() == COLUMNS
    assert factstore.SOURCES == ("sent", "replies", "reach", "questions")
    assert "snapshot" in catalog.sources and not catalog.sources.get("snapshot").fact
    assert registry.load_all() is catalog.indicators
    assert catalog.indicators in plugins.registries()


def test_every_plugin_describes_itself():
    for kind in (catalog.indicators, catalog.sources):
        for described in kind.describe():
            assert described["name"] and described["title"]
    reach = catalog.indicators.get("relative_reach").describe()
    assert reach["unit"] == "ratio" and reach["source"] == registry.DERIVED
    assert reach["context"] == ["inhabitants", "population_year"]


def test_a_duplicate_or_incomplete_indicator_is_refused():
    with pytest.raises(ValueError, match="twice"):
        catalog.indicators.register(
            "posts_sent", unit="posts", definition="x", higher_is_better=None, source="sent"
        )(lambda t: t.count())
    with pytest.raises(TypeError):
        catalog.indicators.register("nameless_unit", definition="x", source="sent")(len)


def test_a_new_indicator_module_appears_in_the_measurement(warehouse, monkeypatch):
    """A throwaway family in a registry of its own (as a new module would register):
    the measurement gets its column with no other edit."""
    extended = plugins.Registry(
        "indicator", make=registry._make_indicator, validate=registry._validate_indicator
    )
    for item in catalog.indicators:
        details = item.describe()
        extended.register(
            item.name, unit=item.unit, definition=item.definition, dtype=item.dtype,
            higher_is_better=item.higher_is_better, source=item.source,
            context=tuple(details["context"]),
        )(item.expression)  # fmt: skip

    @extended.register(
        "quotes_and_reposts", unit="posts", definition="quotes plus reposts",
        higher_is_better=None, source="sent", dtype="int",
    )  # fmt: skip
    def quotes_and_reposts(t):
        return (t.kind.isin(["quote", "repost"])).cast("int64").sum().coalesce(0)

    monkeypatch.setattr(catalog, "indicators", extended)
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.post(1, 1, "2014-04-02 10:00", "repost", repost_of_post_id="9")
    warehouse.post(2, 1, "2014-04-03 10:00", "quote", quote_of_post_id="9")
    warehouse.post(3, 1, "2014-04-04 10:00")
    ws = warehouse.write()
    from meetlat.warehouse.connection import connect

    row = measure(connect(ws.root), *Q2).iloc[0]
    assert row.quotes_and_reposts == 2 and row.posts_sent == 3
    assert list(measure(connect(ws.root), *Q2).columns)[-1] == "quotes_and_reposts"


def test_the_facts_key_covers_the_duckdb_version(warehouse, monkeypatch):
    import duckdb

    warehouse.register("GM0344", "utrecht", account_id="1")
    ws = warehouse.write()
    before = facts.key(ws.warehouse, "duckdb")
    monkeypatch.setattr(duckdb, "__version__", "0.0.0-another")
    assert facts.key(ws.warehouse, "duckdb") != before


def test_a_plan_that_cannot_be_written_is_used_from_memory(warehouse, monkeypatch):
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.post(1, 1, "2014-04-02 10:00")
    ws = warehouse.write()
    facts.ensure(ws.warehouse, "duckdb")  # fresh facts without plans (as a measurement)
    folder = facts.facts_dir(ws.warehouse, "duckdb")
    assert not (folder / prepared.PLANS).exists()

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(folder / prepared.PLANS))

    monkeypatch.setattr(prepared, "keep", read_only)
    assert measure(ws, *Q2).iloc[0].posts_sent == 1
    assert not (folder / prepared.PLANS).exists() or not any((folder / prepared.PLANS).iterdir())


def test_the_engine_modules_import_no_circle():
    """Every indicators module imports on its own, in a fresh interpreter, with the
    catalog loaded and without Ibis."""
    code = (
        "import sys; import meetlat.indicators.registry as r; "
        "print(len(r.load_all()) > 20, 'ibis' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]
    assert engine.measure is measure


def test_facts_without_a_plan_for_the_installed_duckdb_on_a_read_only_workspace(
    warehouse, monkeypatch
):
    """Facts and plans made with another DuckDB, on a workspace that cannot be written:
    the facts are stale (the version is in their key), cannot be updated or rebuilt, and
    the measurement falls back to the warehouse with the same figures."""
    import duckdb

    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.post(1, 1, "2014-04-02 10:00")
    warehouse.post(2, 1, "2014-04-03 10:00", "reply", in_reply_to_post_id="1")
    ws = warehouse.write()
    facts.refresh(ws.warehouse)  # with the plans of the installed DuckDB
    before = measure(ws, *Q2)
    monkeypatch.setattr(duckdb, "__version__", "0.0.0-another")
    assert not facts.is_fresh(ws.warehouse, "duckdb")

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(ws.warehouse / facts.FOLDER))

    for name in ("build", "update"):
        monkeypatch.setattr(facts, name, read_only)
    monkeypatch.setattr(prepared, "keep", read_only)
    after = measure(ws, *Q2)
    assert after.iloc[0].posts_sent == 2
    pd.testing.assert_frame_equal(before, after)
