"""A JSON array cut off halfway keeps its complete records, as cut-off JSON lines do.

The arrays are real payloads of tests/fixtures, cut as a download that stopped would
leave them: the Mastodon public timeline in its 6th status, the Bluesky author feed
(a pretty-printed page) in its 3rd item, the Facebook page posts in the 2nd post.
"""

import json

import orjson

from meetlat import workspace as workspace_module
from meetlat.app.verifying import verify
from meetlat.archive import quarantine
from meetlat.i18n import number
from meetlat.importer import import_paths
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
    assert verify(workspace.root).intact  # reading the archived copy again gives the same


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


def _post_ids(ws) -> list:
    posts = connect(ws).table("posts").to_pandas()
    return sorted(zip(posts["post_id"], posts["embedded"], strict=True))


def _cut(path, marker: bytes, tmp_path):
    """``path`` cut in the middle of the element that starts with ``marker``."""
    data = path.read_bytes()
    at = data.index(marker) + len(marker) // 2
    cut = tmp_path / path.name
    cut.write_bytes(data[:at])
    return cut


def test_a_cut_off_bluesky_feed_keeps_the_items_before_the_cut(cli, workspace, fixtures, tmp_path):
    source = fixtures / "bluesky" / "author_feed.json"
    feed = orjson.loads(source.read_bytes())["feed"]
    third = feed[2]["post"]["uri"].encode()
    path = _cut(source, third, tmp_path)
    result = cli("import", "--no-facts", path, "--json")
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert (summary["records_read"], summary["quarantined"]) == (3, 1)
    [problem] = summary["problems"]
    assert problem["item"] == 3 and "midden in item 3 van de array" in problem["reason"]
    whole = tmp_path / "first_two.json"  # the same two items in a page that is whole
    whole.write_bytes(orjson.dumps({"feed": feed[:2]}))
    other = workspace_module.init(tmp_path / "other")
    expected = import_paths(other, [whole])
    assert expected.records_read == 2 and expected.posts_imported == summary["posts_imported"]
    assert _post_ids(workspace) == _post_ids(other)


def test_a_cut_off_facebook_page_keeps_its_first_post(cli, workspace, fixtures, tmp_path):
    source = fixtures / "facebook" / "page_posts.json"
    posts = orjson.loads(source.read_bytes())["data"]
    path = _cut(source, posts[1]["id"].encode(), tmp_path)
    result = cli("import", "--no-facts", path, "--json")
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert (summary["records_read"], summary["posts_imported"], summary["quarantined"]) == (
        2,
        1,
        1,
    )
    stored = connect(workspace).table("posts").to_pandas()
    assert posts[0]["id"] in set(stored["post_id"]) and posts[1]["id"] not in set(stored["post_id"])
