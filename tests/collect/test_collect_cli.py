"""`meetlat collect` on the command line: Dutch lines, options, failures, resuming."""

import json
from pathlib import Path

import pytest
from loopback import BLUESKY, STATUSES, Recorded, bluesky_routes, mastodon_routes, status

from meetlat.cli.collect import every_seconds
from meetlat.collect import base
from meetlat.collect.state import AccountState, inbox


@pytest.fixture
def server(monkeypatch, workspace):
    with Recorded() as recorded:
        monkeypatch.setenv("MEETLAT_COLLECT_BASE_URL", recorded.url)
        monkeypatch.setenv("MEETLAT_MASTODON_SERVER", "localhost:3000")
        yield recorded


def _accounts(tmp_path, *lines):
    path = tmp_path / "accounts.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_failing_account_says_so_in_dutch_and_exits_1(cli, server, tmp_path):
    mastodon_routes(server)
    server.routes[(STATUSES, (("limit", "40"),))] = [status(404)]
    result = cli("collect", "--accounts", _accounts(tmp_path, "mastodon,mastodonpy_test_2"))
    assert result.exit_code == 1
    assert "mastodon:mastodonpy_test_2: 0 nieuwe berichten, 0 al bewaard, 2 verzoeken." in (
        result.stdout
    )
    assert "voortijdig gestopt" in result.stderr and "onverwacht antwoord (HTTP 404)" in (
        result.stderr
    )


def test_an_unknown_platform_is_refused_with_the_choices(cli, workspace):
    result = cli("collect", "--platform", "myspace")
    assert result.exit_code != 0 and "mastodon, bluesky" in result.stderr


def test_a_bad_since_and_a_bad_every_are_refused(cli, workspace):
    assert "JJJJ-MM-DD" in cli("collect", "--since", "gisteren").stderr
    assert "15m" in cli("collect", "--every", "vaak").stderr
    assert every_seconds("15m") == 900 and every_seconds("1h") == 3600
    assert every_seconds("90s") == 90 and every_seconds("20") == 1200


def test_no_accounts_is_said(cli, workspace):
    result = cli("collect")
    assert result.exit_code == 0 and "Geen accounts om te verzamelen." in result.stdout


def test_since_stops_paging_at_older_posts(cli, server, tmp_path):
    mastodon_routes(server)
    path = _accounts(tmp_path, "mastodon,mastodonpy_test_2")
    result = cli("collect", "--accounts", path, "--since", "2026-08-02", "--replies-days", "0")
    assert result.exit_code == 0, result.output
    pages = [r["params"].get("max_id") for r in server.requests if r["path"] == STATUSES]
    assert pages == [None]  # page 1 is older than the day asked for already


def test_a_response_written_but_not_imported_is_imported_by_the_next_run(
    cli, server, workspace, tmp_path
):
    bluesky_routes(server)
    folder = inbox(workspace, "bluesky", BLUESKY)
    folder.mkdir(parents=True)
    thread = Path(__file__).parents[1] / "fixtures" / "collect" / "bluesky" / "thread.json"
    (folder / "20240110T000000000000Z-thread.json").write_bytes(thread.read_bytes())
    result = cli("collect", "--accounts", _accounts(tmp_path, f"bluesky,{BLUESKY}"),
                 "--replies-days", "0")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not list(folder.iterdir())
    manifest = (Path(workspace.root) / "archive" / "manifest.jsonl").read_text().splitlines()
    names = [Path(json.loads(line)["path"]).name for line in manifest]
    assert names[0] == "20240110T000000000000Z-thread.json"


def test_bluesky_next_run_stops_at_the_newest_item_it_has(cli, server, workspace, tmp_path):
    bluesky_routes(server)
    path = _accounts(tmp_path, f"bluesky,{BLUESKY}")
    assert cli("collect", "--accounts", path, "--replies-days", "0").exit_code == 0
    server.requests.clear()
    again = cli("collect", "--accounts", path, "--replies-days", "0")
    assert again.exit_code == 0, again.output
    feeds = [r["params"].get("cursor") for r in server.requests if "getAuthorFeed" in r["path"]]
    assert feeds == [None]  # the first page reaches what the last run had
    assert "0 nieuwe berichten, 2 al bewaard" in again.stdout
    assert AccountState(workspace, "bluesky", BLUESKY).data["feed"] == {
        "newest": "2024-01-09T12:05:30.000Z"
    }


def test_every_collects_again_until_ctrl_c(cli, server, tmp_path, monkeypatch):
    bluesky_routes(server)
    naps = []

    def nap(seconds):
        naps.append(seconds)
        if len(naps) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr("meetlat.cli.collect.time.sleep", nap)
    path = _accounts(tmp_path, f"bluesky,{BLUESKY}")
    result = cli("collect", "--accounts", path, "--replies-days", "0", "--every", "15m")
    assert result.exit_code == 0, result.output
    assert naps == [900, 900]
    assert result.stdout.count("bluesky:gemeentevoorbeeld.bsky.social:") == 2
    assert "Volgende verzameling over 900 s" in result.stdout


def test_ctrl_c_during_a_run_stops_with_130_and_the_next_run_goes_on(
    cli, server, workspace, tmp_path, monkeypatch
):
    mastodon_routes(server)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    original = base.import_files
    monkeypatch.setattr(base, "import_files", interrupted)
    path = _accounts(tmp_path, "mastodon,mastodonpy_test_2")
    result = cli("collect", "--accounts", path)
    assert result.exit_code == 130 and "Onderbroken" in result.stderr
    folder = inbox(workspace, "mastodon", "mastodonpy_test_2")
    assert [p.name.endswith("-statuses.json") for p in folder.iterdir()] == [True]
    monkeypatch.setattr(base, "import_files", original)
    again = cli("collect", "--accounts", path, "--replies-days", "36500")
    assert again.exit_code == 0, again.output
    assert "5 nieuwe berichten" in again.stdout and not list(folder.iterdir())
