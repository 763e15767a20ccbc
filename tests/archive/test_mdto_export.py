"""`meetlat archive export --format mdto` (issue 12 §6) on real X and Mastodon samples:
every record validates against the MDTO XSD, relations, conversations, checksums,
privacy, and bad input that leaves no package behind."""

from __future__ import annotations

import errno
import hashlib
import json
import re
from datetime import date

import pytest
from lxml import etree
from mdtosample import BLUESKY_MUNICIPAL, NS, X_SAMPLE, XSD, XSD_101

from meetlat.app import archiving, privacy
from meetlat.archive import mdto

APRIL = ("--from", "2021-04-01", "--to", "2021-04-30")
THREAD = {"1380226330034372610", "1380228262929035264", "1380242413445337098"}


@pytest.fixture
def sample(mdto_sample):
    return mdto_sample


@pytest.fixture
def home(sample, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(sample[0].root))
    return sample[0]


def _export(cli, out, account="Breaking911", *extra):
    return cli("archive", "export", "--format", "mdto", "--account", account, *APRIL,
               "--out", out, *extra)  # fmt: skip


def _package(out):
    (package,) = [p for p in out.iterdir()]
    return package


def _records(package):
    return {p.name: etree.parse(str(p)) for p in sorted(package.glob("*.mdto.xml"))}


def _texts(tree, path):
    return [e.text for e in tree.xpath(path, namespaces=NS)]


def _post(records, post_id, platform="x"):
    return records[f"bericht-{platform}-{post_id}.mdto.xml"]


def test_every_record_validates_against_the_mdto_schemas(cli, home, tmp_path):
    result = _export(cli, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "3 berichten, 1 gesprek, 1 gearchiveerd bestand beschreven" in result.stdout
    records = _records(_package(tmp_path / "out"))
    # the thread of Breaking911's post (two citizens' replies), the conversation, the
    # series and the one raw file
    assert len(records) == 3 + 1 + 1 + 1
    for version in (XSD, XSD_101):
        schema = etree.XMLSchema(etree.parse(str(version)))
        for name, tree in records.items():
            assert schema.validate(tree), (version.name, name, schema.error_log)


def test_a_record_carries_identification_valuation_producer_and_restriction(
    cli, home, tmp_path
):  # fmt: skip
    _export(cli, tmp_path / "out")
    post = _post(_records(_package(tmp_path / "out")), "1380226330034372610")
    io = "/m:MDTO/m:informatieobject/"
    assert _texts(post, io + "m:identificatie/m:identificatieKenmerk") == [
        "1380226330034372610",
        "https://x.com/Breaking911/status/1380226330034372610",
    ]
    assert _texts(post, io + "m:aggregatieniveau/m:begripLabel") == ["Archiefstuk"]
    assert _texts(post, io + "m:naam")[0].startswith(
        "Bericht van breaking911 van 2021-04-08: PSAKI"
    )
    assert _texts(post, io + "m:waardering/m:begripCode") == ["V"]  # a corporate account
    assert _texts(post, io + "m:bewaartermijn/m:termijnLooptijd") == ["P10Y"]
    assert _texts(post, io + "m:bewaartermijn/m:termijnEinddatum") == ["2031-04-08"]
    assert _texts(post, io + "m:dekkingInTijd/m:dekkingInTijdBegindatum") == ["2021-04-08"]
    assert _texts(post, io + "m:archiefvormer/m:verwijzingNaam") == ["Gemeente Amsterdam"]
    assert _texts(post, io + "m:archiefvormer//m:identificatieKenmerk") == ["GM0363"]
    assert _texts(post, io + "m:beperkingGebruik/m:beperkingGebruikType/m:begripLabel") == [
        "Openbaar"
    ]
    assert _texts(post, io + "m:event/m:eventTijd") == ["2021-04-08T18:29:35+00:00"]


def test_an_executive_s_post_is_kept_for_good(cli, home, tmp_path):
    _export(cli, tmp_path / "out", "JenATweeter")
    quote = _post(_records(_package(tmp_path / "out")), "1380242403009966082")
    assert _texts(quote, "//m:waardering/m:begripLabel") == ["Blijvend te bewaren"]
    assert not quote.xpath("//m:bewaartermijn", namespaces=NS)


def _relations(tree):
    return [
        (
            r.findtext("m:gerelateerdInformatieobjectTypeRelatie/m:begripLabel", namespaces=NS),
            r.findtext(
                "m:gerelateerdInformatieobjectVerwijzing/m:verwijzingIdentificatie/"
                "m:identificatieKenmerk",
                namespaces=NS,
            ),
        )
        for r in tree.xpath("//m:gerelateerdInformatieobject", namespaces=NS)
    ]


def test_relations_of_a_reply_a_repost_and_a_quote(cli, home, tmp_path):
    _export(cli, tmp_path / "a")
    reply = _post(_records(_package(tmp_path / "a")), "1380242413445337098")
    assert _relations(reply) == [("Antwoord op", "1380226330034372610")]
    # JenATweeter retweeted a citizen's reply and quoted Breaking911 (the raw sample's
    # referenced_tweets: retweeted 1380228262929035264, quoted 1380226330034372610)
    _export(cli, tmp_path / "b", "JenATweeter")
    records = _records(_package(tmp_path / "b"))
    assert _relations(_post(records, "1380242437952708609")) == [
        ("Herplaatsing van", "1380228262929035264")
    ]
    assert _relations(_post(records, "1380242403009966082")) == [
        ("Citaat van", "1380226330034372610")
    ]
    original = _post(_records(_package(tmp_path / "a")), "1380226330034372610")
    assert _relations(original) == []


def test_a_mastodon_reply_is_related_and_in_its_conversation(cli, home, tmp_path):
    result = cli("archive", "export", "--account", "mastodonpy_test_2@localhost:3000", "--platform", "mastodon",
                 "--from", "2025-01-01", "--to", "2026-12-31", "--out", tmp_path / "out")  # fmt: skip
    assert result.exit_code == 0, result.output
    records = _records(_package(tmp_path / "out"))
    reply = _post(records, "117020583258292382", "mastodon")  # admin's answer
    assert _relations(reply) == [("Antwoord op", "117020583245459824")]
    conversation = records["gesprek-117020583245459824.mdto.xml"]
    parts = _texts(conversation, "//m:bevatOnderdeel//m:identificatieKenmerk")
    assert parts == ["117020583245459824", "117020583258292382"]


def test_a_conversation_is_a_dossier_of_exactly_its_thread(cli, home, tmp_path):
    _export(cli, tmp_path / "out")
    records = _records(_package(tmp_path / "out"))
    conversation = records["gesprek-1380226330034372610.mdto.xml"]
    assert _texts(conversation, "//m:aggregatieniveau/m:begripLabel") == ["Dossier"]
    assert set(_texts(conversation, "//m:bevatOnderdeel//m:identificatieKenmerk")) == THREAD
    posts = {n for n in records if n.startswith("bericht-")}
    assert posts == {f"bericht-x-{i}.mdto.xml" for i in THREAD}
    for post_id in THREAD:
        parent = _texts(_post(records, post_id), "//m:isOnderdeelVan//m:identificatieKenmerk")
        assert parent == ["gesprek-1380226330034372610"]
    series = records["serie.mdto.xml"]
    assert _texts(series, "//m:aggregatieniveau/m:begripLabel") == ["Serie"]
    assert _texts(series, "//m:bevatOnderdeel//m:identificatieKenmerk") == [
        "gesprek-1380226330034372610"
    ]
    assert _texts(series, "//m:dekkingInTijd/m:dekkingInTijdBegindatum") == ["2021-04-01"]
    assert _texts(series, "//m:dekkingInTijd/m:dekkingInTijdEinddatum") == ["2021-04-30"]


def test_the_file_record_s_checksum_is_the_archived_file_s_sha256(cli, home, tmp_path):
    _export(cli, tmp_path / "out")
    package = _package(tmp_path / "out")
    raw = X_SAMPLE.read_bytes()
    sha256 = hashlib.sha256(raw).hexdigest()
    record = etree.parse(str(package / f"bestand-{sha256}.mdto.xml"))
    b = "/m:MDTO/m:bestand/"
    assert _texts(record, b + "m:checksum/m:checksumWaarde") == [sha256]
    assert _texts(record, b + "m:checksum/m:checksumAlgoritme/m:begripLabel") == ["SHA256"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00",
                        _texts(record, b + "m:checksum/m:checksumDatum")[0])  # fmt: skip
    assert _texts(record, b + "m:omvang") == [str(len(raw))]
    assert _texts(record, b + "m:naam") == ["noflat.jsonl"]
    assert _texts(record, b + "m:bestandsformaat/m:begripLabel") == [
        "JSON Lines (application/jsonl)"
    ]
    # every post record points at the file it was read from
    post = _post(_records(package), "1380226330034372610")
    assert _texts(post, "//m:heeftRepresentatie//m:identificatieKenmerk") == [sha256]
    # the raw file, full of citizens' handles, is not copied without --toon-burgers
    assert not [p for p in package.iterdir() if p.name.startswith("bestand-") and
                not p.name.endswith(".mdto.xml")]  # fmt: skip


def test_the_manifest_lists_every_file_with_its_sha256(cli, home, tmp_path):
    _export(cli, tmp_path / "out")
    package = _package(tmp_path / "out")
    listing = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert listing["account"] == "breaking911" and listing["posts"] == 3
    listed = {f["path"]: f for f in listing["files"]}
    on_disk = {p.name for p in package.iterdir()} - {"manifest.json"}
    assert set(listed) == on_disk
    for name, entry in listed.items():
        data = (package / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["size"] == len(data)
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def _everything(folder):
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace").lower()
        for p in folder.rglob("*")
        if p.is_file()
    )


def test_no_citizen_is_named_in_a_package(cli, sample, home, tmp_path):
    _, citizens = sample
    for account in ("Breaking911", "getbusy5", "JenATweeter"):
        result = _export(cli, tmp_path / account, account)
        assert result.exit_code == 0, result.output
        text = _everything(tmp_path / account) + result.stdout.lower()
        named = sorted(h for h in citizens if re.search(rf"(?<![\w]){re.escape(h)}(?![\w])", text))
        assert not named, (account, named)
    # the citizens mentioned in getbusy5's repost are there, as pseudonyms
    records = _records(_package(tmp_path / "getbusy5"))
    text = _texts(_post(records, "1380242161380290560"), "//m:omschrijving")[0]
    assert text.startswith("RT @getbusy5: @burger-")


def test_with_a_purpose_handles_are_shown_the_raw_file_copied_and_the_request_logged(
    cli, sample, home, tmp_path
):  # fmt: skip
    ws, citizens = sample
    before = len(privacy.reveals(ws))
    result = _export(cli, tmp_path / "out", "Breaking911", "--toon-burgers", "Woo-verzoek 2021-17")
    assert result.exit_code == 0, result.output
    logged = privacy.reveals(ws)[before:]
    assert [entry["purpose"] for entry in logged] == ["Woo-verzoek 2021-17"]
    assert "archive export" in logged[0]["what"]
    package = _package(tmp_path / "out")
    reply = _post(_records(package), "1380228262929035264")
    assert _texts(reply, "//m:eventVerantwoordelijkeActor/m:verwijzingNaam") == ["evanprinciple"]
    sha256 = hashlib.sha256(X_SAMPLE.read_bytes()).hexdigest()
    assert (package / f"bestand-{sha256}.jsonl").read_bytes() == X_SAMPLE.read_bytes()
    assert "evanprinciple" in citizens  # the check of the test above can see handles


def test_a_purpose_that_cannot_be_logged_shows_nothing(cli, sample, home, tmp_path):
    result = _export(cli, tmp_path / "out", "Breaking911", "--toon-burgers", "  ")
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()


def _one_dutch_sentence(result):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code != 0
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_an_unknown_account_is_one_dutch_sentence_and_no_package(cli, home, tmp_path):
    line = _one_dutch_sentence(_export(cli, tmp_path / "out", "nobody"))
    assert "nobody is geen account uit het register" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--from", "2021-04-31", "--to", "2021-05-01"), "--from 2021-04-31 is geen datum"),
        (("--from", "2021-04-30", "--to", "2021-04-01"), "--to 2021-04-01 ligt vóór --from"),
    ],
)
def test_a_bad_date_is_one_dutch_sentence(cli, home, tmp_path, args, expected):
    result = cli("archive", "export", "--account", "Breaking911", *args, "--out", tmp_path / "out")
    line = _one_dutch_sentence(result)
    assert expected in line
    assert not (tmp_path / "out").exists()


def test_an_unwritable_out_is_one_dutch_sentence(cli, home, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    line = _one_dutch_sentence(_export(cli, blocker / "out"))
    assert "Er is niets geëxporteerd" in line
    assert "een deel van het pad is een bestand, geen map" in line


def test_an_existing_package_is_not_overwritten(cli, home, tmp_path):
    assert _export(cli, tmp_path / "out").exit_code == 0
    package = _package(tmp_path / "out")
    before = (package / "manifest.json").read_bytes()
    line = _one_dutch_sentence(_export(cli, tmp_path / "out"))
    assert "bestaat al" in line
    assert (package / "manifest.json").read_bytes() == before


def test_a_failure_halfway_leaves_no_half_written_package(cli, home, tmp_path, monkeypatch):
    written = []
    real = mdto.bestand

    def full_disk(obj):
        written.append(obj)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(mdto, "bestand", full_disk)
    line = _one_dutch_sentence(_export(cli, tmp_path / "out"))
    assert "de schijf is vol" in line
    assert written  # it failed after the post records were written
    assert list((tmp_path / "out").iterdir()) == []
    monkeypatch.setattr(mdto, "bestand", real)


def test_the_workspace_s_own_mapping_decides(cli, sample, home, tmp_path):
    ws, _ = sample
    own = ws.root / "reference" / "selectielijst.toml"
    own.write_text(
        'selectielijst = "Selectielijst van de gemeente"\n'
        '[[rule]]\nlevel = "post"\nauthor = "public"\nvaluation = "B"\n'
        'category = "Voorlichting"\ncategory_code = "1.2.3"\nrestriction = "Openbaar"\n'
        '[[rule]]\nvaluation = "V"\nretention = "P1Y6M"\ncategory = "Overig"\n'
        'restriction = "Persoonsgegevens"\n',
        encoding="utf-8",
    )
    try:
        assert _export(cli, tmp_path / "out").exit_code == 0
        records = _records(_package(tmp_path / "out"))
    finally:
        own.unlink()
    public = _post(records, "1380226330034372610")
    assert _texts(public, "//m:waardering/m:begripCode") == ["B"]
    assert _texts(public, "//m:informatiecategorie/m:begripCode") == ["1.2.3"]
    citizen = _post(records, "1380228262929035264")  # 2021-04-08 plus a year and a half
    assert _texts(citizen, "//m:bewaartermijn/m:termijnEinddatum") == ["2022-10-08"]


def test_a_bad_mapping_names_its_file_and_rule(cli, home, tmp_path):
    mapping = tmp_path / "lijst.toml"
    mapping.write_text('[[rule]]\nvaluation = "X"\ncategory = "a"\nrestriction = "b"\n')
    line = _one_dutch_sentence(_export(cli, tmp_path / "out", "Breaking911", "--mapping", mapping))
    assert f"{mapping}, regel 1: valuation moet B of V zijn." in line
    assert not (tmp_path / "out").exists()


def test_invalid_records_are_refused_before_anything_is_written(home, tmp_path, monkeypatch):
    """A record the schema refuses is a bug: export stops loudly and writes nothing."""
    real = mdto.informatieobject
    monkeypatch.setattr(mdto, "informatieobject",
                        lambda obj: real(obj).replace(b"<naam>", b"<naam> ", 1).replace(
                            b"</naam>", b"</naam><naam>twice</naam>", 1))  # fmt: skip
    with pytest.raises(AssertionError, match="does not validate against MDTO"):
        archiving.export_account(home, "Breaking911", date(2021, 4, 1), date(2021, 4, 30),
                                 tmp_path / "out")  # fmt: skip
    assert list((tmp_path / "out").iterdir()) == []


def test_a_bluesky_export_pseudonymises_citizens_dids(cli, sample, home, tmp_path):
    _, citizens = sample
    assert "did:plc:hm3regionieuwsexample0" in citizens
    result = cli("archive", "export", "--account", BLUESKY_MUNICIPAL, "--from", "2024-01-01",
                 "--to", "2024-01-31", "--out", tmp_path / "out")  # fmt: skip
    assert result.exit_code == 0, result.output
    package = _package(tmp_path / "out")
    text = _everything(package)
    assert not sorted(h for h in citizens if re.search(rf"(?<![\w]){re.escape(h)}(?![\w])", text))
    records = _records(package)
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert all(schema.validate(tree) for tree in records.values())
    # the municipality's answer to a citizen's question: related, and one conversation
    (answer,) = [t for n, t in records.items() if n.endswith("3kijuqbzya22b.mdto.xml")]
    ((label, target),) = _relations(answer)
    assert label == "Antwoord op"
    assert re.fullmatch(r"at://burger-[a-z2-7]{10}/app\.bsky\.feed\.post/3kiig2izg222b", target)
    (conversation,) = [t for n, t in records.items() if n.startswith("gesprek-")]
    parts = _texts(conversation, "//m:bevatOnderdeel//m:identificatieKenmerk")
    assert parts == [target, "at://did:plc:hm3gemeentevoorbeeld0/app.bsky.feed.post/3kijuqbzya22b"]
