"""Citizens' posts with a special category flagged for restricted access (app.special,
`meetlat privacy flag|special`), the processing register (`meetlat privacy register`),
and the outputs that show texts asking for restriction and masking."""

from __future__ import annotations

import json
import zlib

import pyarrow.parquet as pq
import pytest

from meetlat import accounts
from meetlat.app import register, special
from meetlat.importer import import_paths
from meetlat.privacy import special as rules

REGISTRY = "municipality_code,platform,handle,role\nGM0363,mastodon,gemeente_x,corporate\n"
POSTS = [
    ("1001", "gemeente_x", "Het gemeentehuis is morgen gesloten."),
    ("1002", "jan_burger", "Ik lig al een week in het ziekenhuis, bel me op 06-12345678"),
    ("1003", "jan_burger", "Op het kerkplein is zaterdag weer markt"),
    ("1004", "piet_b", "Ik stem op de VVD en ga vrijdag naar de moskee"),
    ("1005", "gemeente_x", "Bezoekers van het ziekenhuis: de nieuwe weg is open"),  # public body
]


def _statuses(fixtures, path, posts):
    template = json.loads((fixtures / "mastodon" / "statuses.jsonl").read_text().splitlines()[0])
    lines = []
    for post_id, user, text in posts:
        status = json.loads(json.dumps(template))
        status.update(id=post_id, content=f"<p>{text}</p>", reblog=None)
        status["uri"] = status["url"] = f"https://social.example/@{user}/{post_id}"
        status["account"].update(username=user, acct=user, id=str(zlib.crc32(user.encode())))
        status["account"]["url"] = f"https://social.overheid.nl/@{user}"  # its own server
        lines.append(json.dumps(status))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def flagged(workspace, fixtures, tmp_path, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(workspace.root))
    file = tmp_path / "registry.csv"
    file.write_text(REGISTRY, encoding="utf-8")
    accounts.import_file(workspace, file)
    folder = tmp_path / "in"
    folder.mkdir()
    import_paths(workspace, [_statuses(fixtures, folder / "statuses.jsonl", POSTS)])
    return workspace


def test_flag_writes_the_citizens_posts_with_their_categories(flagged):
    made = special.flag(flagged)
    assert (made.checked, made.flagged) == (3, 2)
    assert made.per_category["health"] == 1 and made.per_category["religion"] == 1
    assert made.per_category["politics"] == 1 and made.per_category["criminal"] == 0
    table = pq.read_table(flagged.root / special.TABLE).to_pylist()
    assert table == [
        {"platform": "mastodon", "post_id": "1002", "categories": ["health"]},
        {"platform": "mastodon", "post_id": "1004", "categories": ["religion", "politics"]},
    ]
    note = special.note(flagged)
    assert note["rules"] == rules.VERSION and note["warehouse"] == special.warehouse_fingerprint(
        flagged
    )
    assert special.is_current(flagged)


def test_is_restricted_from_the_table_or_from_the_text(flagged, fixtures, tmp_path):
    special.flag(flagged)
    found = special.restrictions(flagged)
    assert found.is_restricted("mastodon", "1002")
    assert not found.is_restricted("mastodon", "1003")
    assert not found.is_restricted(
        "mastodon", "1005", "gemeente_x@social.overheid.nl", "in het ziekenhuis"
    )
    # a later import makes the table old: the rules then run on the text given
    folder = tmp_path / "later"
    folder.mkdir()
    later = [("1006", "kees", "Mijn zoon zit in de gevangenis")]
    import_paths(flagged, [_statuses(fixtures, folder / "later.jsonl", later)])
    assert not special.is_current(flagged)
    again = special.restrictions(flagged)
    assert again.is_restricted("mastodon", "1006", "kees", "Mijn zoon zit in de gevangenis")
    assert special.is_restricted(flagged, "mastodon", "1002", "jan_burger", POSTS[1][2])
    assert not again.is_restricted(
        "mastodon", "1006", "gemeente_x@social.overheid.nl", "in de gevangenis"
    )
    assert special.report(flagged).refreshed
    assert special.restrictions(flagged).is_restricted("mastodon", "1006")


def test_shown_is_none_for_a_restricted_post_and_masked_otherwise(flagged):
    special.flag(flagged)
    found = special.restrictions(flagged)
    assert found.shown("mastodon", "1002", "jan_burger", POSTS[1][2]) is None
    assert found.shown("mastodon", "1003", "jan_burger", "Bel 06-12345678") == "Bel [telefoon]"
    assert (
        found.shown("mastodon", "1005", "gemeente_x@social.overheid.nl", POSTS[4][2]) == POSTS[4][2]
    )


def test_privacy_special_counts_and_never_shows_texts_or_handles(cli, flagged):
    result = cli("privacy", "special", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["checked"] == 3 and data["flagged"] == 2 and data["refreshed"] is True
    assert data["per_category"] == {
        "health": 1, "religion": 1, "politics": 1, "ethnicity": 0, "sexuality": 0,
        "union": 0, "criminal": 0,
    }  # fmt: skip
    again = cli("privacy", "special")
    assert again.exit_code == 0
    assert "gezondheid: 1" in again.stdout and "godsdienst of levensovertuiging: 1" in again.stdout
    assert "2 van 3" in again.stdout
    for output in (result.stdout, again.stdout):
        for _post_id, user, text in POSTS:
            assert user not in output and text[:20] not in output


def test_privacy_flag_command(cli, flagged):
    result = cli("privacy", "flag")
    assert result.exit_code == 0, result.output
    assert "2 van 3 berichten van burgers gemarkeerd voor beperkte toegang." in result.stdout


def test_archive_check_says_a_post_is_restricted(cli, flagged):
    citizen = json.loads(cli("archive", "check", "--post", "1002", "--json").stdout)
    assert citizen["restricted"] is True
    ours = json.loads(cli("archive", "check", "--post", "1005", "--json").stdout)
    assert ours["restricted"] is False
    text = cli("archive", "check", "--post", "1004").stdout
    assert "beperkte toegang" in text and POSTS[3][2] not in text


def test_quarantine_list_masks_personal_data(cli, flagged, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    good = (tmp_path / "in" / "statuses.jsonl").read_text().splitlines()[0]
    bad = '{"id": "77", "content": "bel 06-12345678 of mail a.b@c.nl", broken'
    (folder / "bad.jsonl").write_text(good.replace('"1001"', '"1099"') + "\n" + bad + "\n")
    import_paths(flagged, [folder / "bad.jsonl"])
    result = cli("archive", "quarantine", "--list")
    assert "[telefoon]" in result.stdout and "06-12345678" not in result.stdout
    listed = json.loads(cli("archive", "quarantine", "--json").stdout)
    assert any("[e-mail]" in r["raw"] for r in listed)
    assert not any("a.b@c.nl" in r["raw"] for r in listed)


def test_register_is_made_from_the_configuration(cli, flagged, monkeypatch):
    monkeypatch.setenv("MEETLAT_X_BEARER_TOKEN", "secret-token-value")
    result = cli("privacy", "register", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "naam", "doel", "rechtsgrond", "categorieen", "betrokkenen", "bewaartermijn",
        "ontvangers", "beveiliging", "menselijke_tussenkomst", "bron_en_werking",
    ]  # fmt: skip
    assert "1 accounts in het register van 1 gemeenten" in data["betrokkenen"]["tekst"]
    assert "2 andere accounts" in data["betrokkenen"]["tekst"]
    assert data["betrokkenen"]["onderdelen"] == ["mastodon: 1"]
    assert "ingesteld: X" in data["beveiliging"]["tekst"]
    assert "secret-token-value" not in result.stdout
    works = data["bron_en_werking"]
    assert rules.VERSION in works["tekst"]
    assert any(item.startswith("gezondheid: ") for item in works["onderdelen"])
    assert any("mastodon" in item for item in works["onderdelen"])
    markdown = cli("privacy", "register").stdout
    assert markdown.startswith("# Verwerkingsregister: Meetlat")
    for title in ("## Rechtsgrond", "## Betrokkenen", "## Bewaartermijn", "## Bron en werking"):
        assert title in markdown
    assert "jan_burger" not in markdown and "piet_b" not in markdown


def test_register_rejects_an_unknown_format(cli, flagged):
    result = cli("privacy", "register", "--format", "pdf")
    assert result.exit_code != 0
    assert "md, json" in result.output


def test_register_fields_follow_the_rules(flagged):
    fields = register.describe(flagged, [])
    works = next(f for f in fields if f.key == "bron_en_werking")
    assert len([i for i in works.items]) == len(rules.CATEGORIES)
