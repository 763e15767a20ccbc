"""The contract every registered reader keeps, checked on the real payloads in tests/fixtures.

For each reader in ``readers.all()``: its fixture folder holds at least one file it
recognises; every such file gives records; every record that could be parsed maps to
canonical rows that fit the Arrow schemas of the warehouse exactly; and the reader
rejects the payloads of every other platform's folder.

Payload files are the files of the folder and its subfolders, except ``*.md``, ``*.toml``
(CSV column mappings) and anything under an ``invalid/`` folder (deliberately broken
input for the readers' own tests).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pytest

from meetlat.importer.sources import Unit
from meetlat.platforms.base import Canonical, Source
from meetlat.platforms.catalog import readers
from meetlat.warehouse.schema import (
    ACCOUNT_SNAPSHOTS,
    ACCOUNTS,
    PLATFORMS,
    POST_KINDS,
    POST_METRICS,
    POSTS,
)

FIXTURES = Path(__file__).parents[1] / "fixtures"
# reader name or platform → its folder of fixtures
FOLDERS = {"x": "x", "mastodon": "mastodon", "bluesky": "bluesky", "facebook": "facebook"}
FOLDERS_BY_NAME = {"csv": "csvmap"}
TABLES = (
    ("posts", POSTS),
    ("accounts", ACCOUNTS),
    ("snapshots", ACCOUNT_SNAPSHOTS),
    ("metrics", POST_METRICS),
)


def folder_of(reader) -> str:
    folder = FOLDERS_BY_NAME.get(reader.name) or FOLDERS.get(reader.platform)
    assert folder, f"reader {reader.name!r} has no fixture folder in test_contract.FOLDERS"
    return folder


def payloads(folder: str) -> list[Path]:
    root = FIXTURES / folder
    if not root.is_dir():
        return []
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix not in (".md", ".toml")
        and "invalid" not in path.relative_to(root).parts
    )


def source(path: Path) -> Source:
    """The file as the importer gives it, with the files beside it (an X archive's
    account.js, a Facebook export's profile_information.json)."""
    return Unit(path, str(path)).source()


def head(path: Path) -> bytes:
    return source(path).read_head()


def own_files(reader) -> list[Path]:
    return [path for path in payloads(folder_of(reader)) if reader.sniff(head(path))]


def check_rows(rows: Canonical, reader, where: str) -> None:
    assert rows.posts, f"{where}: no post"
    for attribute, schema in TABLES:
        found = getattr(rows, attribute)
        for row in found:
            assert set(row) == set(schema.names), f"{where}: {attribute} keys {sorted(row)}"
            assert row["source_file"] is None, f"{where}: source_file is the importer's"
            assert row["platform"] in PLATFORMS, f"{where}: platform {row['platform']!r}"
            for name in schema.names:
                if schema.field(name).type == pa.timestamp("us", tz="UTC") and row[name]:
                    value = row[name]
                    assert isinstance(value, datetime) and value.utcoffset().total_seconds() == 0
                    assert value.tzinfo is not None, f"{where}: {name} is naive"
        pa.Table.from_pylist(found, schema=schema)  # raises on a wrong type
    for position, post in enumerate(rows.posts):
        assert isinstance(post["post_id"], str) and post["post_id"], where
        assert post["kind"] in POST_KINDS, f"{where}: kind {post['kind']!r}"
        assert post["record_hash"] is None, f"{where}: record_hash is the importer's"
        assert post["created_at"] is not None, f"{where}: no created_at"
        assert post["embedded"] is (position > 0), f"{where}: posts[0] is the record's own"
        assert all(m == m.lower() for m in post["mentions"]), f"{where}: mentions lower case"
        if reader.platform:
            assert post["platform"] == reader.platform, where


@pytest.mark.parametrize("reader", readers.all(), ids=lambda reader: reader.name)
def test_reader_maps_its_real_payloads_to_canonical_rows(reader):
    folder = FIXTURES / folder_of(reader)
    if reader.platform == "x" and not folder.is_dir():
        pytest.skip("the X fixtures are not there yet")
    files = own_files(reader)
    assert files, f"no fixture in {folder} is recognised by reader {reader.name!r}"
    instance = reader()
    for path in files:
        records = list(instance.records(source(path)))
        parsed = [record for record in records if record.error is None]
        assert parsed, f"{path.name}: no readable record"
        for record in parsed:
            where = f"{path.name} line {record.line} item {record.item}"
            check_rows(instance.canonical(record), reader, where)


@pytest.mark.parametrize("reader", readers.all(), ids=lambda reader: reader.name)
def test_reader_rejects_other_platforms_payloads(reader):
    mine = folder_of(reader)
    foreign = [
        path
        for folder in sorted(set(FOLDERS.values()) | set(FOLDERS_BY_NAME.values()))
        if folder != mine
        for path in payloads(folder)
    ]
    assert len({path.parent.name for path in foreign}) >= 2, "too few foreign payloads"
    accepted = [path.name for path in foreign if reader.sniff(head(path))]
    assert not accepted, f"reader {reader.name!r} accepts foreign payloads: {accepted}"


def test_every_reader_has_a_fixture_folder():
    names = {reader.name for reader in readers.all()}
    assert {"mastodon", "bluesky", "facebook", "csv"} <= names
    for reader in readers.all():
        assert folder_of(reader)
