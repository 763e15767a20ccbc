"""The registry as one Parquet file: <workspace>/warehouse/registry/accounts.parquet."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from meetlat.warehouse import layout, parts
from meetlat.warehouse.recovery import locked, recover_locked
from meetlat.warehouse.schema import REGISTRY
from meetlat.workspace import Workspace

FILE_NAME = "accounts.parquet"
SORT_KEYS = [("municipality_code", "ascending"), ("platform", "ascending"), ("handle", "ascending")]


def path(ws: Workspace) -> Path:
    return layout.table_dir(ws.warehouse, layout.REGISTRY_TABLE) / FILE_NAME


def load(ws: Workspace) -> pa.Table:
    """The registry; an empty table of the registry schema when nothing was imported."""
    file = path(ws)
    if not file.exists():
        return REGISTRY.empty_table()
    return pq.read_table(file).select(REGISTRY.names).cast(REGISTRY)


@dataclass(frozen=True)
class Merge:
    added: int
    replaced: int
    total: int


def save(ws: Workspace, rows: list[dict]) -> Merge:
    """Add ``rows`` to the registry; a row replaces the account with its (platform, handle).

    The new file is written beside the old one and renamed over it, so a crash halfway
    leaves the old registry intact; its sha256 goes into the warehouse's list of parts
    (``meetlat.warehouse.parts``), under the warehouse lock (waiting for an import).
    """
    old = load(ws)
    keys = {(row["platform"], row["handle"]) for row in rows}
    old_keys = zip(
        old.column("platform").to_pylist(), old.column("handle").to_pylist(), strict=True
    )
    keep = [key not in keys for key in old_keys]
    kept = old.filter(pa.array(keep, type=pa.bool_()))
    replaced = old.num_rows - kept.num_rows
    new = pa.Table.from_pylist(rows, schema=REGISTRY)
    table = pa.concat_tables([kept, new]).sort_by(SORT_KEYS)
    file = path(ws)
    with locked(ws.warehouse, wait=True):  # the list of parts is the import's too
        recover_locked(ws.root)  # a READY stage first: it brings its own list of parts
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary = file.with_name(f".{FILE_NAME}.{uuid.uuid4().hex}.tmp")
        try:
            pq.write_table(table, temporary)
            with temporary.open("rb") as handle:
                os.fsync(handle.fileno())
            part = parts.describe(temporary, None)
            os.replace(temporary, file)
        finally:
            temporary.unlink(missing_ok=True)
        parts.record_registry(ws.warehouse, file, part)
    return Merge(added=len(rows) - replaced, replaced=replaced, total=table.num_rows)
