"""A JSON array cut off halfway keeps its complete records, as cut-off JSON lines do.

The array is the recorded Mastodon public timeline (tests/fixtures/mastodon), cut in
the middle of its 6th status, as a download that stopped would leave it.
"""

import json

import orjson

from meetlat.archive import quarantine
from meetlat.i18n import number
from meetlat.warehouse.connection import connect


def _cut_timeline(fixtures, tmp_path, indent=None):
    statuses = orjson.loads((fixtures / "mastodon" / "public_timeline.json").read_bytes())
    whole = json.dumps(statuses, indent=indent).encode()
    sixth = json.dumps(statuses[5], indent=indent).encode()
    if indent:
        sixth = sixth.replace(b"\n", b"\n" + b" " * indent)
    start = whole.index(sixth)
    path = tmp_path / "public_timeline.json"
    path.write_bytes(whole[: start + len(sixth) // 2])
    return path, statuses, whole[:start].count(b"\n") + 1, whole[start : start + len(sixth) // 2]


def test_the_complete_statuses_are_imported_and_the_cut_one_set_aside(
    cli, workspace, fixtures, tmp_path
):
    path, statuses, _line, tail = _cut_timeline(fixtures, tmp_path)
    result = cli("import", "--no-facts", path, "--json")
    assert result.exit_code == 1, result.output  # one record set aside
    summary = json.loads(result.stdout)
    assert (summary["records_read"], summary["posts_imported"], summary["quarantined"]) == (6, 5, 1)
    [problem] = summary["problems"]
    assert (problem["file"], problem["line"], problem["item"]) == (str(path), 1, 6)
    assert problem["reason"] == (
        "het bestand houdt op midden in item 6 van de array (afgebroken?): verwacht de rest "
        "van dat item en een afsluitende ]"
    )
    posts = connect(workspace).table("posts").to_pandas()
    assert sorted(posts["post_id"]) == sorted(s["id"] for s in statuses[:5])
    [kept] = quarantine.records(workspace.archive)
    assert kept["raw"] == tail  # the broken part itself, to look at or repair


def test_the_problem_of_a_pretty_printed_array_names_the_line_of_the_cut_item(
    cli, workspace, fixtures, tmp_path
):
    path, _statuses, line, _tail = _cut_timeline(fixtures, tmp_path, indent=2)
    assert line > 100  # the 6th status starts far down the file
    result = cli("import", "--no-facts", path)
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert f"{path} regel {number(line)} item 6: het bestand houdt op midden in item 6" in out
    assert "5 nieuwe berichten, 0 herhalingen, 1 apart gezet" in out
    assert "Het apart gezette record staat in de quarantaine" in out
    assert str(workspace.archive / "quarantine") in out
