"""The mapped-CSV reader on hand-made exports (see tests/fixtures/csvmap/SOURCES.md)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from meetlat.platforms.base import RecordError, Source
from meetlat.platforms.csvmap.mapping import MappingError, built_ins, parse
from meetlat.platforms.csvmap.reader import MappedCsv

FOLDER = Path(__file__).parents[2] / "fixtures" / "csvmap"
READER = MappedCsv()
TSV_MAPPING = (FOLDER / "custom" / "meetlat-mapping.toml").read_text(encoding="utf-8")


def file_source(path: Path) -> Source:
    return Source(str(path), lambda: path.open("rb"))


def records_of(path: Path):
    return list(READER.records(file_source(path)))


def read(path: Path):
    records = records_of(path)
    return records, [READER.canonical(record) for record in records]


def outcome(record) -> str:
    """The record's post id, or the reason it is set aside."""
    if record.error:
        return "error: " + record.error
    try:
        return READER.canonical(record).posts[0]["post_id"]
    except RecordError as exc:
        return "RecordError: " + str(exc)


def test_coosto_export_rows_with_real_line_numbers_and_bytes():
    records, rows = read(FOLDER / "coosto_export.csv")
    assert [r.line for r in records] == [2, 3, 5, 7, 8]  # row 3 spans 2 lines; 6 is blank
    assert b"\n" in records[1].raw and records[1].raw.endswith(b"negatief")
    assert records[0].raw.startswith(b"1453297004474703872;")
    posts = [c.posts[0] for c in rows]
    assert [p["platform"] for p in posts] == ["x", "x", "x", "x", "facebook"]
    assert [p["kind"] for p in posts] == ["original", "reply", "reply", "repost", "original"]
    assert posts[1]["text"] == "@GemeenteVoorbeeld Hoe lang duurt dat?\nEn kan de bus er nog langs?"


def test_coosto_local_times_become_utc_in_summer_and_winter():
    _, rows = read(FOLDER / "coosto_export.csv")
    times = [c.posts[0]["created_at"] for c in rows]
    assert times[0] == datetime(2021, 10, 27, 7, 15, tzinfo=UTC)  # CEST, +02:00
    assert times[3] == datetime(2021, 11, 9, 13, 5, tzinfo=UTC)  # CET, +01:00


def test_coosto_linkage_handles_mentions_and_followers():
    _, rows = read(FOLDER / "coosto_export.csv")
    first, question, answer = (c.posts[0] for c in rows[:3])
    assert first["handle"] == "GemeenteVoorbeeld" and first["account_id"] == "gemeentevoorbeeld"
    assert first["hashtags"] == ["verkeer"] and first["urls"] == ["https://www.voorbeeld.nl/werk"]
    assert question["in_reply_to_post_id"] == first["post_id"]  # read from the address
    assert answer["in_reply_to_post_id"] == question["post_id"]
    assert question["mentions"] == ["gemeentevoorbeeld"]
    assert first["author_followers"] == 12480
    (snapshot,) = rows[0].snapshots
    assert snapshot["followers"] == 12480 and snapshot["observed_at"] == first["created_at"]
    assert rows[0].metrics == []


def test_obi4wan_export_around_the_spring_clock_change():
    _, rows = read(FOLDER / "obi4wan_export.csv")
    posts = [c.posts[0] for c in rows]
    assert {p["platform"] for p in posts} == {"mastodon"}
    assert posts[0]["created_at"] == datetime(2024, 3, 30, 22, 50, tzinfo=UTC)  # CET
    assert posts[1]["created_at"] == datetime(2024, 3, 31, 1, 10, tzinfo=UTC)  # CEST
    assert posts[1]["in_reply_to_post_id"] == posts[0]["post_id"] == "111234567890123456"
    assert posts[2]["author_followers"] == 1521  # written "1,521"
    assert posts[1]["mentions"] == ["gemeentevoorbeeld@social.example.nl"]


def test_a_mapping_beside_the_file_with_collection_time_and_metrics():
    records, rows = read(FOLDER / "custom" / "mastodon_posts.tsv")
    assert [r.line for r in records] == [2, 3]
    reply = rows[1].posts[0]
    assert reply["platform"] == "mastodon" and reply["account_id"] == "109000000000000001"
    assert reply["created_at"] == datetime(2024, 5, 1, 7, 12, tzinfo=UTC)
    assert reply["in_reply_to_account_id"] == "inwoner" and reply["language"] == "nl"
    collected = datetime(2024, 5, 2, 10, 0, tzinfo=UTC)
    (metrics,) = rows[0].metrics
    assert (metrics["likes"], metrics["reposts"], metrics["observed_at"]) == (4, 2, collected)
    assert rows[0].snapshots[0]["observed_at"] == collected
    assert rows[0].snapshots[0]["followers"] == 1600


def test_rows_of_the_wrong_shape_are_record_errors_naming_the_column():
    records = records_of(FOLDER / "invalid" / "coosto_bad_rows.csv")
    found = [outcome(r) for r in records]
    assert found[0] == 'RecordError: kolom "ID" is leeg (verwacht: het id van het bericht)'
    assert found[1].startswith('RecordError: tijd "gisteren" in kolom "Datum" is geen datum')
    assert "01-04-2014 09:30" in found[1]
    assert found[2].startswith("RecordError: de rij heeft 5 cellen, de kopregel 10")
    assert 'kolom "Type" bevat "peiling"' in found[3]
    assert found[4] == 'RecordError: "veel" in kolom "Volgers" is geen geheel getal'
    assert 'kolom "Bron" bevat "myspace"' in found[5]
    assert found[6] == "1453297004474700006"
    assert [r.line for r in records] == [2, 3, 4, 5, 6, 7, 8]


def test_a_byte_that_is_not_utf8_sets_that_row_aside():
    (record,) = records_of(FOLDER / "invalid" / "coosto_latin1_byte.csv")
    assert record.line == 2 and record.value is None
    assert record.error == "geen geldige utf-8-sig bij byte 34"


def test_without_a_mapping_the_file_is_one_record_with_the_reason(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("a,b,c\n1,2,3\n4,5,6\n", encoding="utf-8")
    (record,) = records_of(path)
    assert record.line == 1 and record.raw == b"a,b,c"
    assert "export.csv.mapping.toml" in record.error and "meetlat-mapping.toml" in record.error


def test_the_file_mapping_goes_before_the_folder_mapping(tmp_path):
    data = (FOLDER / "custom" / "mastodon_posts.tsv").read_bytes()
    (tmp_path / "posts.tsv").write_bytes(data)
    (tmp_path / "meetlat-mapping.toml").write_text("kapot = [", encoding="utf-8")
    (record,) = records_of(tmp_path / "posts.tsv")
    assert "meetlat-mapping.toml" in record.error and "geen geldige TOML" in record.error
    (tmp_path / "posts.tsv.mapping.toml").write_text(TSV_MAPPING, encoding="utf-8")
    assert [r.line for r in records_of(tmp_path / "posts.tsv")] == [2, 3]


def test_a_mapped_column_missing_from_the_header(tmp_path):
    (tmp_path / "p.tsv").write_text("post_id\thandle\n1\ta\n", encoding="utf-8")
    (tmp_path / "p.tsv.mapping.toml").write_text(TSV_MAPPING, encoding="utf-8")
    (record,) = records_of(tmp_path / "p.tsv")
    assert record.line == 1 and 'kolom "account_id"' in record.error


def test_built_in_mappings_are_chosen_by_the_header_also_inside_a_zip():
    data = (FOLDER / "obi4wan_export.csv").read_bytes()
    source = Source("exports.zip!obi4wan.csv", lambda: io.BytesIO(data))
    assert len(list(READER.records(source))) == 3
    assert {m.name for m in built_ins()} == {"ingebouwde coosto", "ingebouwde obi4wan"}


def test_times_without_zone_need_one_and_the_autumn_hour_is_summer_time(tmp_path):
    mapping = TSV_MAPPING.replace(
        'encoding = "utf-8"', 'encoding = "utf-8"\n[time]\nzone = "Europe/Amsterdam"'
    )
    header = "post_id\taccount_id\thandle\tcreated_at\tcollected_at\tbody\tlang\treply_to\t"
    header += "reply_to_account\tfollowers\tfavourites\tboosts\n"
    row = "1\t2\ta\t2021-10-31T02:30:00\t\tx\tnl\t\t\t\t\t\n"
    (tmp_path / "t.tsv").write_text(header + row, encoding="utf-8")
    (tmp_path / "t.tsv.mapping.toml").write_text(mapping, encoding="utf-8")
    (record,) = records_of(tmp_path / "t.tsv")
    post = READER.canonical(record).posts[0]
    assert post["created_at"] == datetime(2021, 10, 31, 0, 30, tzinfo=UTC)
    (tmp_path / "t.tsv.mapping.toml").write_text(TSV_MAPPING, encoding="utf-8")
    (record,) = records_of(tmp_path / "t.tsv")
    with pytest.raises(RecordError, match="heeft geen tijdzone"):
        READER.canonical(record)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"platform": "x"}, r"\[columns\]"),
        ({"platform": "myspace", "columns": {"post_id": "a"}}, "myspace"),
        ({"platform": "x", "columns": {"post_id": "a", "handle": "b"}}, "created_at"),
        ({"platform": "x", "columns": {"postid": "a"}}, "postid"),
        ({"columns": {"post_id": "a", "created_at": "b", "handle": "c"}}, "platform"),
        (
            {
                "platform": "x",
                "columns": {"post_id": "a", "created_at": "b", "handle": "c"},
                "values": {"kind": {"antwoord": "answer"}},
            },
            "answer",
        ),
        (
            {
                "platform": "x",
                "encoding": "utf-16",
                "columns": {"post_id": "a", "created_at": "b", "handle": "c"},
            },
            "utf-16",
        ),
    ],
)
def test_bad_mappings_name_the_problem(data, message):
    with pytest.raises(MappingError, match=message):
        parse(data, "test.toml")


def test_sniff_accepts_csv_and_rejects_json_payloads():
    for path in [*FOLDER.glob("*.csv"), FOLDER / "custom" / "mastodon_posts.tsv"]:
        assert MappedCsv.sniff(path.read_bytes()[:65536]), path.name
    fixtures = FOLDER.parent
    for folder in ("mastodon", "bluesky", "facebook", "x"):
        for path in (fixtures / folder).rglob("*.js*"):
            assert not MappedCsv.sniff(path.read_bytes()[:65536]), path.name
    assert not MappedCsv.sniff(b'window.YTD.tweets.part0 = [ {"tweet": {"id": "1", "a": 2} } ]')
    assert not MappedCsv.sniff(b"just some text\n")
