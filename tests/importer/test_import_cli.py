"""`meetlat import` on the command line: JSON output, Dutch output, exit codes."""

import json

from linesreader import NAME, line, write_lines

from meetlat.archive import manifest


def test_json_prints_exactly_one_object_with_the_counters(cli, workspace, lines_reader, tmp_path):
    source = tmp_path / "a.jsonl"
    write_lines(
        source,
        [line(1), line(1), "not json", line(2, quote={"id": "9", "at": "2014-01-01T00:00:00Z"})],
    )
    result = cli("import", source, "--format", NAME, "--json")
    assert result.exit_code == 1  # a record was set aside
    summary = json.loads(result.stdout)  # fails on anything but one JSON document
    assert summary["exit_code"] == 1 and "error" not in summary
    assert isinstance(summary, dict)
    assert {
        "files",
        "records_read",
        "posts_imported",
        "duplicates",
        "quarantined",
        "embedded_posts",
        "accounts",
        "snapshots",
        "problems",
    } <= set(summary)
    assert summary["records_read"] == 4
    assert summary["records_read"] == (
        summary["posts_imported"] + summary["duplicates"] + summary["quarantined"]
    )
    assert summary["embedded_posts"] == 1
    assert summary["problems"][0]["file"] == str(source)
    assert summary["problems"][0]["line"] == 3


def test_human_output_is_dutch_with_dutch_numbers(cli, workspace, lines_reader, tmp_path):
    source = tmp_path / "a.jsonl"
    write_lines(source, [line(i) for i in range(1, 1201)] + [line(5), "{oops"])
    result = cli("import", source)  # --format auto detects the test format
    assert result.exit_code == 1, result.output  # "{oops" was set aside
    assert "1 bestand, 1.202 records: 1.200 nieuwe berichten, 1 herhaling, 1 apart gezet" in (
        result.stdout
    )
    assert f"{source} regel 1.202: geen geldige JSON" in result.stdout
    assert "meetlat archive quarantine --list" in result.stdout


def test_an_undetectable_file_exits_1_naming_it_and_the_formats_tried(
    cli, workspace, lines_reader, tmp_path
):
    good, unknown = tmp_path / "a.jsonl", tmp_path / "b.csv"
    write_lines(good, [line(1)])
    unknown.write_text("kolom;andere\n1;2\n")
    result = cli("import", good, unknown)
    assert result.exit_code == 1
    assert f"{unknown}: niet geïmporteerd, het formaat is niet herkend (geprobeerd:" in (
        result.output
    )
    assert NAME in result.output
    assert "1 bestand is niet geïmporteerd." in result.output
    assert "Er is niets geïmporteerd" not in result.output
    assert [e["name"] for e in manifest.entries(workspace.archive)] == [str(good)]


def test_an_undetectable_file_alone_exits_2_and_suggests_choosing_the_format(
    cli, workspace, lines_reader, tmp_path
):
    unknown = tmp_path / "b.csv"
    unknown.write_text("kolom;andere\n1;2\n")
    result = cli("import", unknown)
    assert result.exit_code == 2
    assert f"{unknown}: niet geïmporteerd, het formaat is niet herkend" in result.output
    assert "Er is niets geïmporteerd. Kies het formaat met --format." in result.output
    assert not manifest.entries(workspace.archive)


def test_a_missing_path_exits_2(cli, workspace, tmp_path):
    result = cli("import", tmp_path / "nergens.jsonl")
    assert result.exit_code == 2
    assert "bestaat niet" in result.output


def test_ctrl_c_exits_130_and_keeps_the_files_before(cli, workspace, lines_reader, tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_lines(first, [line(1)])
    write_lines(second, [line(2), line(3)])
    lines_reader.boom_at = 2
    result = cli("import", first, second, "--format", NAME)
    assert result.exit_code == 130
    assert f"Onderbroken tijdens het importeren van {second}" in result.output
    assert [e["name"] for e in manifest.entries(workspace.archive)] == [str(first)]


def test_import_needs_a_workspace(cli, tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text("{}\n")
    result = cli("import", source)
    assert result.exit_code == 1
    assert "meetlat init" in result.output


def test_an_import_brings_the_measurement_facts_up_to_date(cli, workspace, lines_reader, tmp_path):
    from meetlat.indicators import facts

    source = tmp_path / "a.jsonl"
    write_lines(source, [line(1), line(2)])
    result = cli("import", source, "--format", NAME, "--json")
    assert result.exit_code == 0
    json.loads(result.stdout)  # the facts' message is not on stdout
    assert "Meetfeiten bijgewerkt in" in result.stderr
    assert facts.is_fresh(workspace.warehouse, "duckdb")
    again = cli("import", source, "--format", NAME)  # nothing new: the facts stay as they are
    assert "Meetfeiten bijgewerkt" not in again.stderr


def test_no_facts_leaves_the_facts_to_the_next_measurement(cli, workspace, lines_reader, tmp_path):
    from meetlat.indicators import facts

    source = tmp_path / "a.jsonl"
    write_lines(source, [line(1)])
    result = cli("import", source, "--format", NAME, "--no-facts")
    assert result.exit_code == 0
    assert "Meetfeiten" not in result.stderr
    assert not facts.is_fresh(workspace.warehouse, "duckdb")
