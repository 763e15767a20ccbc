"""``meetlat import --engine spark``: the same warehouse rows as the embedded import.

The files: a synthetic X v2 set (``meetlat synth``: twarc2 pages, one per line) and one
file made from its lines with what a real file can hold besides pages: a byte-order mark,
blank lines, a line that is not JSON, a line that is not an object, a page of the API's
errors and a single tweet. Spark (local mode) reads them in small byte ranges, so that
pages, line numbers and record numbers cross the ranges. Every warehouse table, the
archive's record lists and the quarantine are compared row for row (sorted) with an
embedded import of the same files into another workspace; a second Spark import of the
same files adds nothing.
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from meetlat import workspace as workspaces
from meetlat.importer import import_paths
from meetlat.importer import spark as spark_import
from meetlat.synth.service import SynthOptions, generate

pytestmark = pytest.mark.spark

TABLES = ("posts", "post_metrics", "accounts", "account_snapshots", "post_authors")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(SynthOptions(municipalities=6, posts=4_000, format="x-v2", out=out / "set",
                          start=date(2014, 4, 1), end=date(2014, 4, 20)))  # fmt: skip
    posts = out / "set" / "posts"
    first = sorted(posts.glob("*.jsonl"))[0]
    lines = first.read_bytes().splitlines()
    page = json.loads(lines[1])
    tweet = page["data"][0]
    mixed = [
        b"\xef\xbb\xbf" + lines[0],
        b"",
        b"not json at all",
        lines[2],
        b"   ",
        b"[1, 2]",
        json.dumps({"errors": [{"title": "Not Found Error", "detail": "gone"}]}).encode(),
        json.dumps(tweet).encode(),
        lines[3],
    ]
    (posts / "mixed.jsonl").write_bytes(b"\n".join(mixed))  # no line end after the last
    return posts


def _sorted(files: list[Path], leave_out=()):
    """The rows of the Parquet ``files`` sorted by every column (an Arrow table), or None."""
    if not files:
        return None
    con = duckdb.connect()
    relation = con.read_parquet([str(f) for f in files], hive_partitioning=False)
    picked = ", ".join(f'"{c}"' for c in relation.columns if c not in leave_out)
    return con.execute(f"SELECT {picked} FROM relation ORDER BY ALL").to_arrow_table()


def _rows(root: Path, table: str):
    return _sorted(sorted((root / "warehouse" / table).rglob("*.parquet")))


def _archive(root: Path, kind: str):
    files = sorted((root / "archive" / kind).glob("*.parquet"))
    return _sorted(files, leave_out=("import_id", "imported_at"))


def _same(one, other) -> bool:
    return (one is None and other is None) or (
        one is not None and other is not None and one.equals(other)
    )


def _counts(summary) -> dict:
    wanted = ("files", "records_read", "posts_imported", "duplicates", "quarantined",
              "embedded_posts", "accounts", "snapshots", "metrics")  # fmt: skip
    return {k: getattr(summary, k) for k in wanted}


def _problems(summary) -> list:
    return [(p["file"], p["line"], p["item"], p["reason"]) for p in summary.problems]


def test_spark_import_writes_the_rows_of_the_embedded_import(files, tmp_path, cli, workspace,
                                                             monkeypatch):  # fmt: skip
    embedded = workspaces.init(tmp_path / "embedded")
    expected = import_paths(embedded, [files], workers=1)
    assert expected.quarantined == 3 and expected.records_read > 4_000

    monkeypatch.setattr(spark_import, "SPLIT_BYTES", 200_000)  # several ranges per file
    done = cli("import", files, "--engine", "spark", "--json", "--no-facts")
    summary = json.loads(done.stdout)
    assert done.exit_code == 1, done.stdout  # records set aside, as embedded
    got = spark_import.ImportSummary(**{k: v for k, v in summary.items() if k != "exit_code"})
    assert _counts(got) == _counts(expected)
    assert _problems(got) == _problems(expected)
    assert any(p[0].endswith("mixed.jsonl") and p[1] == 3 for p in _problems(got))  # not JSON

    ranges = spark_import.byte_ranges(next(files.glob("*-001.jsonl")), 200_000)
    assert len(ranges) > 3
    for table in TABLES:
        assert _same(_rows(workspace.root, table), _rows(embedded.root, table)), table
    posts = _rows(workspace.root, "posts")
    assert posts.num_rows == expected.posts_imported + expected.embedded_posts
    for kind in ("records", "quarantine"):
        assert _same(_archive(workspace.root, kind), _archive(embedded.root, kind)), kind

    # again: harmless, every record a duplicate, the same rows
    before = {table: _rows(workspace.root, table) for table in TABLES}
    again = json.loads(cli("import", files, "--engine", "spark", "--json", "--no-facts").stdout)
    assert again["posts_imported"] == 0 and again["accounts"] == 0
    assert again["duplicates"] == expected.records_read - expected.quarantined
    for table in TABLES:
        assert _same(_rows(workspace.root, table), before[table]), table


def test_spark_import_refuses_what_it_cannot_read(files, tmp_path, cli, workspace):
    packed = tmp_path / "pages.jsonl.gz"
    packed.write_bytes(gzip.compress(next(files.glob("*-001.jsonl")).read_bytes()))
    done = cli("import", packed, "--engine", "spark")
    assert done.exit_code == 2
    assert "alleen bestanden die niet ingepakt zijn" in done.output
    assert _rows(workspace.root, "posts") is None
    mastodon = tmp_path / "statuses.json"
    mastodon.write_text(json.dumps([{"id": "1", "uri": "https://x.nl/1", "content": "<p>Hoi</p>",
                                     "created_at": "2014-04-01T10:00:00Z",
                                     "account": {"id": "2", "acct": "a"}}]))  # fmt: skip
    done = cli("import", mastodon, "--engine", "spark", "--format", "mastodon")
    assert done.exit_code == 2 and "alleen X API v2-bestanden" in done.output
    done = cli("import", packed, "--master", "local[1]")
    assert done.exit_code == 2 and "--master" in done.output
