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


def _read(data: bytes):
    return [(r.line, r.item, r.value, r.error) for r in json_values(_source(data))]


def test_a_cut_off_array_keeps_its_complete_items_and_sets_aside_the_rest():
    records = list(json_values(_source(b'[{"id": "10"}, {"id": "11"}, {"id": "12')))
    assert [(r.item, r.value) for r in records[:2]] == [(1, {"id": "10"}), (2, {"id": "11"})]
    tail = records[2]
    assert (tail.line, tail.item, tail.value, tail.raw) == (1, 3, None, b'{"id": "12')
    assert tail.error == (
        "het bestand houdt op midden in item 3 van de array (afgebroken?): verwacht de rest "
        "van dat item en een afsluitende ]"
    )


def test_the_rest_of_a_pretty_printed_array_is_found_at_its_own_line():
    data = b'[\n  {\n    "id": "10"\n  },\n  {\n    "id": "11"\n'
    records = _read(data)
    assert records[0] == (1, 1, {"id": "10"}, None)
    line, item, value, error = records[1]
    assert (line, item, value) == (5, 2, None)  # item 2 starts on line 5
    assert "midden in item 2" in error


def test_an_array_cut_off_between_items_or_before_its_closing_bracket():
    after_comma = _read(b'[{"id": "10"},\n')
    assert after_comma[0] == (1, 1, {"id": "10"}, None)
    assert after_comma[1][3] == (
        "het bestand houdt op na item 1 van de array (afgebroken?): verwacht , en het "
        "volgende item, of een afsluitende ]"
    )
    no_bracket = _read(b'[{"id": "10"}, {"id": "11"}')
    assert [r[2] for r in no_bracket] == [{"id": "10"}, {"id": "11"}, None]
    assert "na item 2" in no_bracket[2][3]
    only_bracket = _read(b"[\n")
    assert len(only_bracket) == 1 and "direct na de [" in only_bracket[0][3]


def test_a_damaged_array_keeps_what_comes_before_the_damage():
    missing_comma = _read(b'[{"id": "10"}\n {"id": "11"}, {"id": "12"}]')
    assert missing_comma[0][2] == {"id": "10"}
    assert missing_comma[1][3] == (
        "verwacht , of ] na item 1 van de array op regel 2, kolom 2; de rest van het "
        "bestand is apart gezet"
    )
    assert len(missing_comma) == 2
    bad_item = _read(b'[{"id": "10"}, {"id": 11 12}]')
    assert bad_item[1][3].startswith("item 2 van de array is geen geldige JSON op regel 1, kolom")


def test_an_item_only_json_rejects_is_set_aside_alone():
    records = _read(b'[{"id": "10"}, {"id": NaN}, {"id": "12"}')  # cut off, and a NaN
    assert [(r[1], r[2]) for r in records[:3]] == [(1, {"id": "10"}), (2, None), (3, {"id": "12"})]
    assert "geen geldige JSON" in records[1][3]
    assert "na item 3" in records[3][3]


def test_text_after_a_whole_array_is_set_aside():
    records = _read(b'[\n  {"id": "10"}\n]\nrommel\n')
    assert records[0] == (1, 1, {"id": "10"}, None)
    assert records[1][:3] == (4, None, None)
    assert "onverwachte tekst na het einde van de array op regel 4" in records[1][3]


def test_lines_that_each_hold_an_array_are_json_lines():
    records = _read(b'[{"id": "10"}, {"id": "11"}]\n[{"id": "12"}]\n')
    assert [(r[0], r[2]) for r in records] == [
        (1, [{"id": "10"}, {"id": "11"}]),
        (2, [{"id": "12"}]),
    ]


def test_a_cut_off_page_keeps_the_complete_elements_of_its_array():
    data = b'{"data": [{"id": "10"}, {"id": "11"}, {"id": "12'
    records = _read(data)
    assert records[0] == (1, 1, {"data": [{"id": "10"}, {"id": "11"}]}, None)
    assert records[1][:3] == (1, 3, None)
    assert "midden in item 3 van de array" in records[1][3]


def test_a_cut_off_pretty_printed_page_is_one_document_not_lines():
    data = b'{\n  "feed": [\n    {"id": "10"},\n    {"id": "11"}\n  ],\n  "cursor": "3k'
    records = _read(data)
    assert records[0] == (1, 1, {"feed": [{"id": "10"}, {"id": "11"}]}, None)
    assert records[1][:3] == (6, None, None)
    assert records[1][3] == (
        "het bestand houdt op binnen het JSON-object (afgebroken?): verwacht de rest van de "
        "onderdelen en een afsluitende }"
    )


def test_a_broken_object_without_complete_elements_is_one_record():
    assert _read(b'{"data": [') == [
        (
            1,
            None,
            None,
            "het bestand houdt op direct na de [ die de array opent (afgebroken?): verwacht "
            "de items en een afsluitende ]",
        )
    ]
    [(line, item, value, error)] = _read(b"{kapot}")
    assert (line, item, value) == (1, None, None)
    assert error.startswith("het JSON-object is niet geldig op regel 1, kolom 2")


def test_json_lines_with_a_bad_first_line_stay_json_lines():
    records = _read(b'{"id": "10", kapot\n{"id": "11"}\n')
    assert [(r[0], r[2]) for r in records] == [(1, None), (2, {"id": "11"})]
    assert "geen geldige JSON" in records[0][3]
