"""`meetlat archive search` for Woo requests on a real X page of 164 posts (100 found by
a search, 64 carried inside them) and five Mastodon statuses. The counts were checked by
hand against the raw sample (its ``data`` and ``includes.tweets``)."""

from __future__ import annotations

import csv
import json
import re

import pytest
from lxml import etree
from mdtosample import NS, XSD

from meetlat.app import archiving, privacy
from meetlat.archive import mdto
from meetlat.privacy import pseudonym

THREAD = ["1380226330034372610", "1380228262929035264", "1380242413445337098"]


@pytest.fixture
def sample(mdto_sample):
    return mdto_sample


@pytest.fixture
def home(sample, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(sample[0].root))
    return sample[0]


def _search(cli, *args):
    result = cli("archive", "search", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["posts"]


@pytest.mark.parametrize(
    ("args", "count"),
    [
        (("--text", "biden"), 39),  # "Biden", "BIDEN", "#Biden": any case
        (("--text", "BIDEN"), 39),
        (("--text", "obama"), 118),
        (("--text", "biden", "--from", "2021-04-08", "--to", "2021-04-08"), 37),
        (("--platform", "x", "--from", "2021-04-07", "--to", "2021-04-07"), 4),
        # 2020-05-14T23:50:38Z is 15 May in Amsterdam
        (("--platform", "x", "--from", "2020-05-15", "--to", "2020-05-15"), 1),
        (("--platform", "x", "--from", "2020-05-14", "--to", "2020-05-14"), 0),
        (("--platform", "x", "--from", "2020-01-01", "--to", "2021-12-31"), 164),
        (("--account", "JenATweeter"), 2),
        (("--account", "@jenatweeter"), 2),
        (("--account", "JenATweeter", "--text", "obama"), 2),
        (("--account", "JenATweeter", "--text", "shadow"), 1),
        (("--account", "admin@localhost:3000", "--platform", "mastodon"), 2),
    ],
)
def test_search_counts(cli, home, args, count):
    assert len(_search(cli, *args)) == count


def test_a_conversation_is_the_whole_thread_from_any_of_its_posts(cli, home):
    for post in THREAD:
        assert [row["post_id"] for row in _search(cli, "--conversation", post)] == THREAD
    # a chain of three replies whose first post is not in the sample
    chain = [row["post_id"] for row in _search(cli, "--conversation", "1380242345652785166")]
    assert chain == ["1380242340925874179", "1380242345652785166", "1380242347905183747"]
    # Mastodon has no conversation id: the thread follows the replies
    toots = _search(cli, "--conversation", "117020583258292382")
    assert [row["post_id"] for row in toots] == ["117020583245459824", "117020583258292382"]


def test_citizens_are_pseudonyms_and_public_bodies_named(cli, sample, home):
    _, citizens = sample
    result = cli("archive", "search", "--text", "biden")
    assert result.exit_code == 0
    assert "39 berichten gevonden." in result.stdout
    output = result.stdout.lower()
    named = sorted(h for h in citizens if re.search(rf"(?<![\w]){re.escape(h)}(?![\w])", output))
    assert not named
    rows = {row["post_id"]: row for row in _search(cli, "--conversation", THREAD[0])}
    assert rows[THREAD[0]]["author"] == "breaking911" and rows[THREAD[0]]["public_body"]
    citizen = rows[THREAD[1]]
    assert pseudonym.looks_like(citizen["author"]) and not citizen["public_body"]
    assert citizen["url"] == f"https://x.com/i/web/status/{THREAD[1]}"
    # the public body's handle mentioned in a citizen's reply stays
    assert citizen["text"].startswith("@Breaking911 Shadow government.")


def test_mentions_of_citizens_are_pseudonymised_in_texts(cli, home):
    found = _search(cli, "--text", "Look I am busy. I have proof", "--account", "getbusy5")
    assert [r["post_id"] for r in found] == ["1350170796677865474", "1380242161380290560"]
    row = found[1]  # the repost of the first
    mentioned = re.findall(r"@([\w.-]+)", row["text"])
    assert mentioned[0] == "getbusy5"  # RT @getbusy5: a public body
    assert len(mentioned) == 5 and all(pseudonym.looks_like(m) for m in mentioned[1:])


def test_handles_only_with_a_logged_purpose(cli, sample, home):
    ws, _ = sample
    before = len(privacy.reveals(ws))
    rows = _search(cli, "--conversation", THREAD[1], "--toon-burgers", "Woo 2021/3 ter inzage")
    assert rows[1]["author"] == "evanprinciple"
    logged = privacy.reveals(ws)[before:]
    assert [entry["purpose"] for entry in logged] == ["Woo 2021/3 ter inzage"]


def test_exporting_whole_conversations_as_csv_and_json(cli, sample, home, tmp_path):
    _, citizens = sample
    result = cli("archive", "search", "--text", "Shadow government", "--export", tmp_path / "csv",
                 "--export-format", "csv")  # fmt: skip
    assert result.exit_code == 0, result.output
    (package,) = (tmp_path / "csv").iterdir()
    with open(package / "gesprekken.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # found: a citizen's reply and JenATweeter's repost of it; exported: the reply's whole
    # thread, and the repost (a conversation of its own)
    assert [r["post_id"] for r in rows] == [*THREAD, "1380242437952708609"]
    assert [r["conversation"] for r in rows] == [THREAD[0]] * 3 + ["1380242437952708609"]
    text = (package / "gesprekken.csv").read_text(encoding="utf-8").lower()
    assert not [h for h in citizens if re.search(rf"(?<![\w]){re.escape(h)}(?![\w])", text)]
    listing = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert [f["path"] for f in listing["files"]] == ["gesprekken.csv"]

    result = cli("archive", "search", "--account", "LauraisOmitted", "--export", tmp_path / "json",
                 "--export-format", "json")  # fmt: skip
    (package,) = (tmp_path / "json").iterdir()
    rows = json.loads((package / "gesprekken.json").read_text(encoding="utf-8"))
    assert len(rows) == 3 and {r["conversation"] for r in rows} == {"1380242340925874179"}


def test_exporting_found_conversations_as_mdto(cli, home, tmp_path):
    result = cli("archive", "search", "--conversation", THREAD[2], "--export", tmp_path / "out")
    assert result.exit_code == 0, result.output
    (package,) = (tmp_path / "out").iterdir()
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    records = {p.name: etree.parse(str(p)) for p in package.glob("*.mdto.xml")}
    assert len(records) == 3 + 1 + 1 + 1
    for name, tree in records.items():
        assert schema.validate(tree), (name, schema.error_log)
    series = records["serie.mdto.xml"]
    assert series.xpath("//m:archiefvormer//m:identificatieKenmerk/text()", namespaces=NS) == [
        "GM0363"
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--account", "nobody"), "Geen account nobody in het register of het warehouse."),
        (("--from", "2021-13-01"), "--from 2021-13-01 is geen datum"),
        (("--platform", "myspace", "--text", "x"), "Onbekend platform myspace"),
        ((), "Zeg waarnaar gezocht moet worden"),
        (("--conversation", "123"), "Geen bericht 123 in het warehouse."),
        (("--text", "Shadow", "--export", "/proc/none/x"), "Er is niets geëxporteerd"),
    ],
)
def test_bad_input_is_one_dutch_sentence(cli, home, args, expected):
    result = cli("archive", "search", *args)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0], result.stderr


def test_the_shipped_schema_is_the_nationaal_archief_s(fixtures):
    """The XSD the export checks with is the one of tests/fixtures (the published 1.0.2),
    and it accepts the Nationaal Archief's own example of a bestand."""
    assert mdto.SCHEMA_PATH.read_bytes() == XSD.read_bytes()
    example = (fixtures / "mdto" / "MDTO-XML 1.0.2 Voorbeeld Bestand.xml").read_bytes()
    assert mdto.validate(example) == []
    assert mdto.validate(example.replace(b"<omvang>57727859", b"<omvang>-1")) != []


def test_many_conversations_at_once_are_the_same_as_one_by_one(home, monkeypatch):
    posts = archiving.find_posts(home, platform="x")
    assert len(posts) > archiving.MANY  # followed in memory
    at_once = archiving.conversations_of(home, posts)
    monkeypatch.setattr(archiving, "MANY", len(posts))  # followed query by query
    one_by_one = archiving.conversations_of(home, posts)
    assert at_once == one_by_one
    assert sum(map(len, at_once)) == 164
    assert [p.post_id for p in next(c for c in at_once if c[0].post_id == THREAD[0])] == THREAD
