"""Staged rows of one file, written as Parquet batch by batch so memory stays flat.

The importer hands rows (plain dicts, see ``meetlat.warehouse.schema``, or tuples in the
column order of ``RAW_SCHEMAS`` from a reader's columnar path) to a ``StagedWriter``; every ``batch_size`` records each table's rows become one Parquet
part in ``<stage>/raw/<table>/``. Duplicates are not decided here: that happens once
the whole file is staged (``meetlat.warehouse.dedupe``), in DuckDB.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from meetlat.warehouse import schema

SEQ = pa.field("seq", pa.int64())  # position of the record in its file (1-based)

# One row per record of the file: the archive's record list before statuses are known.
RECORDS = pa.schema(
    [
        SEQ,
        ("line", pa.int64()),
        ("item", pa.int64()),
        ("record_hash", pa.string()),
        ("platform", pa.string()),  # the record's own post, when it has one
        ("post_id", pa.string()),
        ("quarantined", pa.bool_()),
    ]
)

# Records set aside, with the reason and their exact bytes.
QUARANTINE = pa.schema(
    [
        SEQ,
        ("line", pa.int64()),
        ("item", pa.int64()),
        ("reason", pa.string()),
        ("record_hash", pa.string()),
        ("raw", pa.binary()),
    ]
)

RAW_SCHEMAS = {name: table.append(SEQ) for name, table in schema.TABLES.items()}
RAW_SCHEMAS["records"] = RECORDS
RAW_SCHEMAS["quarantine"] = QUARANTINE


def _to_table(rows: list[dict], table_schema: pa.Schema) -> pa.Table:
    """Rows as an Arrow table, built column by column (several times faster than from_pylist)."""
    columns = [
        pa.array([row.get(field.name) for row in rows], type=field.type) for field in table_schema
    ]
    return pa.Table.from_arrays(columns, schema=table_schema)


def _tuples_table(rows: list[tuple], table_schema: pa.Schema) -> pa.Table:
    """Tuples in the column order of ``table_schema`` as an Arrow table (transposed in C)."""
    columns = [
        pa.array(column, type=field.type)
        for column, field in zip(zip(*rows, strict=True), table_schema, strict=True)
    ]
    return pa.Table.from_arrays(columns, schema=table_schema)


class StagedWriter:
    """Collects rows per table and writes them to ``raw/<table>/part-<n>.parquet``.

    Rows are turned into Arrow tables often (``convert``, every few thousand records:
    short-lived Python objects are cheaper than many live ones) and written as one
    Parquet part per table when a batch is complete (``flush``).
    """

    def __init__(self, raw_dir: Path, batch_size: int = 50_000, prefix: str = ""):
        self.raw_dir = Path(raw_dir)
        self.prefix = prefix  # parts named part-<prefix><n> (a Spark task's own names)
        self.batch_size = batch_size
        self.rows: dict[str, list[dict]] = {name: [] for name in RAW_SCHEMAS}
        self.tuples: dict[str, list[tuple]] = {name: [] for name in RAW_SCHEMAS}
        self.pending: dict[str, list[pa.Table]] = {name: [] for name in RAW_SCHEMAS}
        self.parts = 0
        self.written: dict[str, int] = dict.fromkeys(RAW_SCHEMAS, 0)

    def convert(self) -> None:
        """Turn the collected rows into Arrow tables and forget the Python objects."""
        for name, rows in self.rows.items():
            if rows:
                self.pending[name].append(_to_table(rows, RAW_SCHEMAS[name]))
                rows.clear()
        for name, rows in self.tuples.items():
            if rows:
                self.pending[name].append(_tuples_table(rows, RAW_SCHEMAS[name]))
                rows.clear()

    def flush(self) -> None:
        """Write what was collected as one part per table."""
        self.convert()
        self.parts += 1
        for name, tables in self.pending.items():
            if not tables:
                continue
            table = pa.concat_tables(tables)
            folder = self.raw_dir / name
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, folder / f"part-{self.prefix}{self.parts:05d}.parquet")
            self.written[name] += table.num_rows
            tables.clear()

    def __getstate__(self) -> dict:
        """Pickled (from a worker process) only when flushed: no rows travel."""
        state = dict(self.__dict__)
        state["rows"] = {name: [] for name in RAW_SCHEMAS}
        state["tuples"] = {name: [] for name in RAW_SCHEMAS}
        state["pending"] = {name: [] for name in RAW_SCHEMAS}
        return state

    def glob(self, name: str) -> str | None:
        """The DuckDB glob of a table's staged parts, or None when it has none."""
        if not self.written[name]:
            return None
        return str(self.raw_dir / name / "*.parquet")
