"""The issue figures on the DuckDB engine and on Spark are identical (issue 13 §8): the
tunnel case (tests/fixtures/issues/SOURCES.md) with more than one metrics observation per
top post, so that the newest observation (not the largest, not the first) is the one
counted on both engines, and search terms with spaces, hyphens and accents, so that the
whole-word pattern (``app.webcare.term_pattern``) means the same in RE2 and in Java."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from meetlat.app import issues
from meetlat.warehouse import schema

pytestmark = pytest.mark.spark


def _observation(post_id: str, at: str, likes: int, reposts: int, replies: int) -> dict:
    return {
        "platform": "x",
        "post_id": post_id,
        "observed_at": datetime.fromisoformat(at).replace(tzinfo=UTC),
        "likes": likes,
        "reposts": reposts,
        "replies": replies,
        "quotes": 1,
        "views": None,
        "source_file": None,
    }


@pytest.fixture
def observed(tunnel):
    """The tunnel warehouse with an older and a newer observation of post 1003 (the
    fixture observed every post on 2014-08-20 12:00: 10 likes, 20 reposts, 3 replies)."""
    rows = [
        _observation("1003", "2014-08-13 09:00", 500, 500, 500),  # older, larger: not counted
        _observation("1003", "2014-08-25 08:30", 12, 21, 4),  # the newest: 12+21+4+1
    ]
    pq.write_table(
        pa.Table.from_pylist(rows, schema=schema.POST_METRICS),
        tunnel.warehouse / "post_metrics" / "more.parquet",
    )
    return tunnel


def _both(ws, issue, labels=None):
    duck = issues.figures(ws, issue, labels, engine="duckdb")
    spark = issues.figures(ws, issue, labels, engine="spark")
    assert dataclasses.asdict(duck) == dataclasses.asdict(spark)
    return duck


def test_duckdb_and_spark_give_identical_issue_figures(observed, issue_file, labels_file):
    issue = issues.load(issue_file)
    labels = issues.read_labels(labels_file.read_text(encoding="utf-8"), str(labels_file))
    found = _both(observed, issue, labels)
    assert found.posts > 0 and found.spikes
    first = found.top[0]
    assert (first.post_id, first.interaction) == ("1003", 12 + 21 + 4 + 1)
    created = {p.post_id: p.created_at for p in issues.matching_posts(observed, issue, None,
                                                                      "spark")}  # fmt: skip
    assert created["1003"] == datetime(2014, 8, 12, 12, 2, tzinfo=UTC)
    hourly = dataclasses.replace(issue, granularity="hour")
    _both(observed, hourly, labels)


def test_the_term_pattern_means_the_same_on_both_engines(observed, issue_file):
    issue = issues.load(issue_file)
    terms = ("'s avonds", "regen-water", "onderdoorgang", "vies.", "station")
    words = dataclasses.replace(issue, terms=terms, hashtags=(), platforms=())
    assert _both(observed, words).posts > 0
    spaced = dataclasses.replace(words, terms=("'s avonds",))
    for engine in ("duckdb", "spark"):  # "'s avonds" with its space, as a whole word
        assert [p.post_id for p in issues.matching_posts(observed, spaced, None, engine)] == [
            "1002"
        ]
    tags_only = dataclasses.replace(issue, terms=(), hashtags=("tunnel",))
    assert _both(observed, tags_only).posts > 0


@pytest.fixture
def home(observed, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(observed.root))
    return observed


def test_the_commands_on_spark_give_what_duckdb_gives(cli, home, issue_file, labels_file,
                                                      tmp_path):  # fmt: skip
    outputs = {}
    for engine in ("duckdb", "spark"):
        figures = cli("issue", "cijfers", issue_file, "--labels", labels_file, "--json",
                      "--engine", engine)  # fmt: skip
        assert figures.exit_code == 0, figures.output
        page = tmp_path / f"{engine}.html"
        report = cli("issue", "rapport", issue_file, "--labels", labels_file, "--html", page,
                     "--generated-at", "2014-08-20", "--engine", engine)  # fmt: skip
        assert report.exit_code == 0, report.output
        outputs[engine] = (figures.output, page.read_bytes())
    assert outputs["duckdb"] == outputs["spark"]
    wrong = cli("issue", "cijfers", issue_file, "--engine", "oracle")
    assert wrong.exit_code != 0
