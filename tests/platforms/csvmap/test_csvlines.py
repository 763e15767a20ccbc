"""CSV rows keep their real start line and exact bytes, whatever the quoting."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from meetlat.platforms.csvmap.csvlines import rows

CELL = st.text(alphabet=st.sampled_from(list('ab;",\n é')), max_size=8)
ROW = st.lists(CELL, min_size=3, max_size=3).filter(lambda cells: any(c.strip() for c in cells))


@given(st.lists(ROW, min_size=1, max_size=8))
def test_start_lines_and_bytes_of_written_rows(table):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    expected, line = [], 1
    for cells in table:
        before = buffer.tell()
        writer.writerow(cells)
        written = buffer.getvalue()[before:]
        expected.append((line, written.rstrip("\n").encode("utf-8"), cells))
        line += written.count("\n")
    data = buffer.getvalue().encode("utf-8")
    found = [(r.line, r.raw, r.cells) for r in rows(io.BytesIO(data), ";", "utf-8")]
    assert found == expected


def test_blank_lines_are_skipped_but_counted():
    data = b'a;b\n\n;;\n"x\ny";2\n'
    found = [(r.line, r.cells) for r in rows(io.BytesIO(data), ";", "utf-8")]
    assert found == [(1, ["a", "b"]), (4, ["x\ny", "2"])]
