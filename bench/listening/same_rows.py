"""Do two warehouses hold the same rows? Per table: the rows of each (every column), the
rows in one and not in the other (DuckDB ``EXCEPT ALL`` both ways, so duplicates count),
and a sample of rows compared one by one after sorting.

Run: ``python -m bench.listening.same_rows WAREHOUSE_A WAREHOUSE_B`` (prints JSON).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TABLES = ("posts", "post_metrics", "accounts", "account_snapshots", "post_authors")
SAMPLE = 10_000


def compare(a: Path, b: Path) -> dict:
    import duckdb

    from meetlat.warehouse.sqltext import sql_list

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    result = {}
    for table in TABLES:
        files = [sorted(str(f) for f in (w / table).rglob("*.parquet")) for w in (a, b)]
        if not files[0] and not files[1]:
            result[table] = {"rows": [0, 0], "only_in_a": 0, "only_in_b": 0, "sample_equal": True}
            continue
        if not files[0] or not files[1]:
            result[table] = {"rows": [len(files[0]), len(files[1])], "missing": True}
            continue
        for name, found in zip(("a", "b"), files, strict=True):
            con.execute(
                f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet({sql_list(found)}, "
                "hive_partitioning = false, union_by_name = true)"
            )
        rows = [con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in ("a", "b")]
        only_a = con.execute("SELECT count(*) FROM (FROM a EXCEPT ALL FROM b)").fetchone()[0]
        only_b = con.execute("SELECT count(*) FROM (FROM b EXCEPT ALL FROM a)").fetchone()[0]
        sample = [
            con.execute(
                f"SELECT * FROM {n} ORDER BY ALL LIMIT {SAMPLE} OFFSET {max(0, rows[0] // 2)}"
            ).to_arrow_table()
            for n in ("a", "b")
        ]
        result[table] = {
            "rows": rows,
            "only_in_a": only_a,
            "only_in_b": only_b,
            "sample_equal": sample[0].equals(sample[1]),
        }
    result["identical"] = all(
        v.get("only_in_a") == 0 and v.get("only_in_b") == 0 and v.get("sample_equal")
        and v["rows"][0] == v["rows"][1]
        for v in result.values()
    )  # fmt: skip
    return result


if __name__ == "__main__":
    print(json.dumps(compare(Path(sys.argv[1]), Path(sys.argv[2]))))
