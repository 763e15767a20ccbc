"""The issue tests: the hand-made tunnel case (tests/fixtures/issues/SOURCES.md) in a
warehouse written with the indicator tests' row writer, its newest metrics beside it."""

from __future__ import annotations

import csv
import importlib.util
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from meetlat.warehouse import schema

HERE = Path(__file__).parent
FIXTURES = HERE.parent / "fixtures" / "issues"
MUNICIPAL = "gemeentevoorbeeld"  # GM0363's account in the fixture
NEIGHBOUR = "gemeentebuurstad"  # a public body of another municipality (GM0599)
CITIZENS = ("anna_b", "bertjansen", "carla_c", "dirkd", "regio_nieuws", "eva_e", "fleur_f",
            "gert_g")  # fmt: skip


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rows = _load("issue_rows", HERE.parent / "indicators" / "conftest.py")


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def tunnel(workspace):
    """The workspace with the tunnel posts and the registry; returns the workspace."""
    warehouse = rows.WarehouseRows(workspace)
    warehouse.register("GM0363", MUNICIPAL, account_id="1")
    warehouse.register("GM0599", NEIGHBOUR, account_id="2")
    metrics = []
    with open(FIXTURES / "tunnel_posts.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row["text"]
            warehouse.post(
                row["post_id"], row["account_id"], _moment(row["created_at"]), kind=row["kind"],
                handle=row["handle"], text=text,
                hashtags=[w[1:] for w in text.split() if w.startswith("#")],
                mentions=[w[1:].rstrip(":").lower() for w in text.split() if w.startswith("@")],
            )  # fmt: skip
            metrics.append(
                {
                    "platform": "x",
                    "post_id": row["post_id"],
                    "observed_at": _moment("2014-08-20 12:00"),
                    "likes": int(row["likes"]),
                    "reposts": int(row["reposts"]),
                    "replies": int(row["replies"]),
                    "quotes": 0,
                    "views": None,
                    "source_file": None,
                }
            )
    warehouse.write()
    folder = workspace.warehouse / "post_metrics"
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(metrics, schema=schema.POST_METRICS),
                   folder / "part.parquet")  # fmt: skip
    return workspace


@pytest.fixture
def issue_file(tmp_path):
    """A copy of the tunnel issue file (tests may change it)."""
    target = tmp_path / "issues" / "tunnel.toml"
    target.parent.mkdir()
    shutil.copy(FIXTURES / "tunnel.toml", target)
    return target


@pytest.fixture
def labels_file():
    return FIXTURES / "coderingen.csv"
