import io
from datetime import UTC, datetime

import pytest

from meetlat.platforms.base import RecordError, Source
from meetlat.platforms.jsonsource import json_values
from meetlat.platforms.times import parse_time


def _source(data: bytes) -> Source:
    return Source("test.json", lambda: io.BytesIO(data))


def test_json_lines_skip_blank_lines_and_keep_bad_ones_as_errors():
    data = b'{"a": 1}\n\n   \n{not json}\n{"a": "\xff"}\n{"a": 2}\n'
    records = list(json_values(_source(data)))
    assert [r.line for r in records] == [1, 4, 5, 6]
    assert records[0].value == {"a": 1} and records[0].error is None
    assert "geen geldige JSON" in records[1].error
    assert records[2].error == "geen geldige UTF-8 bij byte 8"
    assert records[3].value == {"a": 2}


def test_a_top_level_array_gives_one_record_per_element():
    records = list(json_values(_source(b'[\n {"a": 1},\n {"a": 2}\n]')))
    assert [(r.item, r.value) for r in records] == [(1, {"a": 1}), (2, {"a": 2})]


def test_a_pretty_printed_object_is_one_record():
    records = list(json_values(_source(b'{\n  "a": 1\n}\n')))
    assert len(records) == 1 and records[0].value == {"a": 1}


def test_parse_time_forms():
    expected = datetime(2014, 4, 1, 7, 30, tzinfo=UTC)
    assert parse_time("2014-04-01T07:30:00Z") == expected
    assert parse_time("2014-04-01T09:30:00+02:00") == expected
    assert parse_time("Tue Apr 01 07:30:00 +0000 2014") == expected
    with pytest.raises(RecordError, match='"gisteren".*verwacht'):
        parse_time("gisteren")
    with pytest.raises(RecordError, match="tijdzone"):
        parse_time("2014-04-01T07:30:00")
