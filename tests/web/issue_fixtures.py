"""A workspace for the issue pages: the tunnel case of the issue tests (tests/issues,
tests/fixtures/issues/SOURCES.md) built by their own fixture, the tunnel issue file in
the workspace's issues folder, and the coders' labels of coderingen.csv stored as a
coding job of the web application; imported by the tests (not a test module)."""

from __future__ import annotations

import csv
import importlib.util
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from meetlat.web.models import Coder, CodingJob, CodingLabel, CodingUnit

TESTS = Path(__file__).parents[1]
ISSUES = TESTS / "fixtures" / "issues"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


issue_conftest = _load("web_issue_conftest", TESTS / "issues" / "conftest.py")
CITIZENS = issue_conftest.CITIZENS
tunnel = issue_conftest.tunnel  # the fixture: the workspace with the tunnel posts


@pytest.fixture
def issue_home(tunnel):
    """The tunnel workspace (this test's MEETLAT_HOME) with issues/tunnel.toml."""
    folder = tunnel.root / "issues"
    folder.mkdir(exist_ok=True)
    shutil.copy(ISSUES / "tunnel.toml", folder / "tunnel.toml")
    return tunnel


@pytest.fixture
def coded(db):
    """The labels of coderingen.csv as coding job rows (units, coders, labels)."""
    job = CodingJob.objects.create(
        name="Tunnel", state="open", seed=1, sample_size=20, overlap_pct=100
    )
    units, coders = {}, {}
    with open(ISSUES / "coderingen.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["platform"], row["post_id"])
            if key not in units:
                units[key] = CodingUnit.objects.create(
                    job=job, position=int(row["position"]), platform=row["platform"],
                    post_id=row["post_id"], author=row["author"],
                    created_at=datetime.fromisoformat(row["created_at"]), text="",
                    overlap=row["overlap"] == "ja",
                )  # fmt: skip
            number = int(row["coder"])
            if number not in coders:
                coders[number] = Coder.objects.create(job=job, number=number, name=f"c{number}")
            CodingLabel.objects.create(
                unit=units[key], coder=coders[number], teneur=row["teneur"],
                theme=row["theme"], action=row["action_needed"],
            )  # fmt: skip
    return job
