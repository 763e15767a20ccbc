"""Done when: register a Mastodon and a Bluesky account, run `meetlat collect` against the
recorded server, import nothing by hand, and measure the same as from the files by hand."""

import json
import shutil
from pathlib import Path

from loopback import FIXTURES, Recorded, bluesky_routes, mastodon_routes

REGISTRY = (
    "municipality_code,platform,handle,role\n"
    "GM0363,mastodon,mastodonpy_test_2,corporate\n"
    "GM0014,bluesky,gemeentevoorbeeld.bsky.social,corporate\n"
)
PERIOD = ("--from", "2024-01-01", "--to", "2099-12-31")
TOKEN = "geheim-token-fedcba9876543210"


def _entries(home: Path) -> list[dict]:
    lines = (home / "archive" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _measure(cli) -> list[dict]:
    result = cli("measure", *PERIOD, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_collect_then_measure_equals_importing_the_same_responses_by_hand(
    cli, tmp_path, monkeypatch
):
    registry = tmp_path / "accounts.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    collected = tmp_path / "collected"
    monkeypatch.setenv("MEETLAT_HOME", str(collected))
    monkeypatch.setenv("MEETLAT_MASTODON_TOKEN", TOKEN)
    monkeypatch.setenv("MEETLAT_MASTODON_SERVER", "localhost:3000")
    assert cli("init").exit_code == 0
    assert cli("accounts", "import", registry).exit_code == 0
    with Recorded() as server:
        mastodon_routes(server)
        bluesky_routes(server)
        monkeypatch.setenv("MEETLAT_COLLECT_BASE_URL", server.url)
        first = cli("collect", "--platform", "mastodon", "--replies-days", "36500")
        second = cli("collect", "--platform", "bluesky", "--replies-days", "0")
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert (
        "mastodon:mastodonpy_test_2@localhost:3000: 5 nieuwe berichten, 0 al bewaard"
        in first.stdout
    )
    assert "bluesky:gemeentevoorbeeld.bsky.social: " in second.stdout
    assert TOKEN not in first.output + second.output
    by_collecting = _measure(cli)
    verified = cli("archive", "verify")  # every collected file reads again as it was imported
    assert verified.exit_code == 0, verified.output

    # every response was archived: the bodies the server sent are in the archive as they were
    # (the first page of each account inside the envelope that adds the profile)
    entries = _entries(collected)
    objects = collected / "archive" / "objects"
    stored = {(objects / e["sha256"][:2] / e["sha256"]).read_bytes() for e in entries}
    for name in ("mastodon/statuses_page1.json", "mastodon/statuses_page2.json",
                 "mastodon/statuses_page3.json", "mastodon/context_with_reply.json",
                 "mastodon/lookup.json", "bluesky/profile.json", "bluesky/feed_page1.json",
                 "bluesky/feed_page2.json", "bluesky/thread.json"):  # fmt: skip
        assert any((FIXTURES / name).read_bytes() in body for body in stored), name
    assert (FIXTURES / "mastodon/statuses_page2.json").read_bytes() in stored  # as it came
    for body in stored:
        assert TOKEN.encode() not in body

    # the same files imported by hand into a workspace of their own
    files = tmp_path / "files"
    files.mkdir()
    for number, entry in enumerate(entries, start=1):
        source = objects / entry["sha256"][:2] / entry["sha256"]
        shutil.copyfile(source, files / f"{number:03d}-{Path(entry['path']).name}")
    monkeypatch.setenv("MEETLAT_HOME", str(tmp_path / "by-hand"))
    monkeypatch.delenv("MEETLAT_COLLECT_BASE_URL")
    assert cli("init").exit_code == 0
    assert cli("accounts", "import", registry).exit_code == 0
    imported = cli("import", files)
    assert imported.exit_code == 0, imported.output
    by_hand = _measure(cli)

    assert by_collecting == by_hand
    rows = {row["handle"]: row for row in by_collecting}
    mastodon_handle = "mastodonpy_test_2@localhost:3000"  # the setting's server completes it
    assert set(rows) == {mastodon_handle, "gemeentevoorbeeld.bsky.social"}
    bluesky, mastodon = rows["gemeentevoorbeeld.bsky.social"], rows[mastodon_handle]
    assert (mastodon["posts_sent"], mastodon["total_posts"]) == (4, 3)
    assert (bluesky["posts_sent"], bluesky["followers"], bluesky["following"]) == (4, 1250, 48)
    assert bluesky["inbound_questions"] == 1 and bluesky["replies_timed"] == 1
