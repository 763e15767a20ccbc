"""Citizens' handles and names in texts and raw records become pseudonyms; public bodies,
e-mail addresses and other words stay."""

from __future__ import annotations

from meetlat import accounts
from meetlat.app import privacy

REGISTRY = "municipality_code,platform,handle,role\nGM0363,x,Amsterdam,corporate\n"


def _namer(workspace, tmp_path, reveal=None):
    file = tmp_path / "registry.csv"
    file.write_text(REGISTRY, encoding="utf-8")
    accounts.import_file(workspace, file)
    return privacy.namer(workspace, reveal_for=reveal, what="test")


def test_mentions_of_citizens_become_pseudonyms(workspace, tmp_path):
    namer = _namer(workspace, tmp_path)
    jan = namer.name("x", "jan_jansen")
    text = "@Jan_Jansen vraag het @amsterdam, of mail jan@example.nl"
    assert namer.text("x", text) == f"@{jan} vraag het @amsterdam, of mail jan@example.nl"
    toot = namer.text("mastodon", "dank @piet@mastodon.social!")
    assert "piet" not in toot and toot.startswith("dank @burger-") and toot.endswith("!")


def test_profile_addresses_of_citizens_become_pseudonyms(workspace, tmp_path):
    namer = _namer(workspace, tmp_path)
    text = (
        "https://twitter.com/Jan_Jansen/status/1 https://x.com/amsterdam "
        "https://bsky.app/profile/piet.bsky.social/post/3 https://social.nl/@klaas "
        "https://twitter.com/i/web/status/2"
    )
    shown = namer.text("x", text)
    for name in ("jan_jansen", "piet.bsky.social", "klaas"):
        assert name not in shown.lower()
    assert "https://x.com/amsterdam" in shown and "twitter.com/i/web/status/2" in shown


def test_raw_records_lose_handles_and_names(workspace, tmp_path):
    namer = _namer(workspace, tmp_path)
    raw = '{"user": {"screen_name": "Jan_Jansen", "name": "Jan Jansen"}, "text": "@amsterdam h'
    shown = namer.raw("x", raw)
    assert "jan" not in shown.lower()
    assert '"screen_name": "burger-' in shown and "@amsterdam" in shown
    assert '"name": "Amsterdam"' in namer.raw("x", '{"name": "Amsterdam"}')


def test_revealed_on_purpose_the_text_stays(workspace, tmp_path):
    namer = _namer(workspace, tmp_path, reveal="controle van een record")
    raw = '{"screen_name": "Jan_Jansen", "text": "@piet"}'
    assert namer.raw("x", raw) == raw
