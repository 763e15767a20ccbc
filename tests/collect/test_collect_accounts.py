"""Collecting a Mastodon and a Bluesky account from recorded responses on loopback."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from loopback import (
    ANCHOR,
    BLUESKY,
    STATUSES,
    Recorded,
    bluesky_routes,
    mastodon_routes,
    ok,
    status,
)  # fmt: skip

from meetlat.collect.base import Account
from meetlat.collect.catalog import collectors
from meetlat.collect.http import Client
from meetlat.collect.service import BadAccounts, collect
from meetlat.collect.state import AccountState

TOKEN = "geheim-token-0123456789abcdef"


def _posts(ws):
    folder = Path(ws.root) / "warehouse" / "posts"
    if not folder.exists():
        return []
    return ds.dataset(folder, format="parquet").to_table().to_pylist()


def _snapshots(ws):
    folder = Path(ws.root) / "warehouse" / "account_snapshots"
    return ds.dataset(folder, format="parquet").to_table().to_pylist()


def _file(tmp_path, *lines):
    path = tmp_path / "accounts.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def mastodon(monkeypatch):
    with Recorded() as server:
        monkeypatch.setenv("MEETLAT_COLLECT_BASE_URL", server.url)
        monkeypatch.setenv("MEETLAT_MASTODON_SERVER", "localhost:3000")
        monkeypatch.setenv("MEETLAT_MASTODON_TOKEN", TOKEN)
        yield server


def _run(ws, accounts, **kw):
    waits = []
    result = collect(ws, accounts=accounts, client=Client(sleep=waits.append, timeout=2), **kw)
    return result, waits


def test_mastodon_posts_in_three_pages_replies_and_a_profile(workspace, mastodon, tmp_path):
    mastodon_routes(mastodon)
    accounts = _file(tmp_path, "mastodon,mastodonpy_test_2")
    started = datetime.now(UTC)
    result, _ = _run(workspace, accounts, replies_days=36500)
    done = result.accounts[0]
    assert done.error is None, done.error
    pages = [r["params"].get("max_id") for r in mastodon.requests if r["path"] == STATUSES]
    assert pages == [None, "117020593378945190", "117020586180926938", "117020583245459824"]
    posts = {p["post_id"]: p for p in _posts(workspace)}
    assert set(posts) == {
        "117020593741189701", "117020593378945190", "117020586180926938",
        "117020583245459824", "117020583258292382",
    }  # fmt: skip
    reply = posts["117020583258292382"]  # admin's reply, from the status context
    assert reply["kind"] == "reply" and reply["in_reply_to_post_id"] == "117020583245459824"
    [snapshot] = [s for s in _snapshots(workspace) if s["observed_at"] >= started]
    assert snapshot["account_id"] == "117020566092212359" and snapshot["total_posts"] == 3
    state = AccountState(workspace, "mastodon", "mastodonpy_test_2").data
    assert state["statuses"] == {"since_id": "117020593741189701"}
    assert state["replies"]["done"] is True and state["replies"]["todo"] == []
    assert not list((Path(workspace.root) / "collect" / "inbox").rglob("*.json"))


def test_the_next_run_asks_only_for_newer_posts_and_stores_nothing_twice(
    workspace, mastodon, tmp_path
):
    mastodon_routes(mastodon)
    accounts = _file(tmp_path, "mastodon,mastodonpy_test_2")
    _run(workspace, accounts)
    before = len(_posts(workspace))
    mastodon.requests.clear()
    mastodon.add(STATUSES, {"limit": 40, "since_id": "117020593741189701"},
                 status(200, body=b"[]"))  # fmt: skip
    mastodon.add(STATUSES, {"limit": 1}, ok("mastodon/statuses_newest.json"))
    snapshots = len(_snapshots(workspace))
    result, _ = _run(workspace, accounts)
    assert result.accounts[0].error is None
    asked = [r["params"] for r in mastodon.requests if r["path"] == STATUSES]
    # nothing new: the newest post is asked for once more, to carry the profile snapshot
    assert asked == [{"limit": "40", "since_id": "117020593741189701"}, {"limit": "1"}]
    assert len(_posts(workspace)) == before
    assert len(_snapshots(workspace)) == snapshots + 1


def test_an_interrupted_run_goes_on_from_the_page_it_stopped_at(workspace, mastodon, tmp_path):
    mastodon_routes(mastodon)
    broken = (STATUSES, (("limit", "40"), ("max_id", "117020586180926938")))
    kept = mastodon.routes[broken]
    mastodon.routes[broken] = [status(500)]
    accounts = _file(tmp_path, "mastodon,mastodonpy_test_2")
    result, waits = _run(workspace, accounts)
    failed = result.accounts[0]
    assert failed.error and "500" in failed.error and len(waits) == 4  # five attempts
    state = AccountState(workspace, "mastodon", "mastodonpy_test_2").data["statuses"]
    assert state["max_id"] == "117020586180926938" and state["top"] == "117020593741189701"
    assert len(_posts(workspace)) == 3
    mastodon.routes[broken] = kept
    mastodon.requests.clear()
    result, _ = _run(workspace, accounts, replies_days=36500)
    assert result.accounts[0].error is None
    pages = [r["params"].get("max_id") for r in mastodon.requests if r["path"] == STATUSES]
    assert pages == ["117020586180926938", "117020583245459824"]  # page 1 and 2 not again
    ids = [p["post_id"] for p in _posts(workspace)]
    assert len(ids) == len(set(ids)) == 5
    state = AccountState(workspace, "mastodon", "mastodonpy_test_2").data["statuses"]
    assert state == {"since_id": "117020593741189701"}


def test_the_token_is_sent_to_its_server_but_never_written(workspace, mastodon, tmp_path):
    mastodon_routes(mastodon)
    _run(workspace, _file(tmp_path, "mastodon,mastodonpy_test_2@localhost:3000"))
    assert mastodon.requests[0]["headers"]["Authorization"] == f"Bearer {TOKEN}"
    for path in Path(workspace.root).rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def test_the_token_is_not_sent_to_another_server(workspace, mastodon, tmp_path):
    mastodon_routes(mastodon)
    _run(workspace, _file(tmp_path, "mastodon,mastodonpy_test_2@mastodon.example"))
    assert mastodon.requests and all("Authorization" not in r["headers"] for r in mastodon.requests)


def test_an_unknown_account_is_reported_and_the_next_one_still_runs(workspace, mastodon, tmp_path):
    mastodon_routes(mastodon)
    result, _ = _run(workspace, _file(tmp_path, "mastodon,niemand", "mastodon,mastodonpy_test_2"))
    assert [a.missing for a in result.accounts] == [True, False]
    assert result.accounts[1].posts == 4


def test_bluesky_feed_in_two_pages_the_thread_and_a_profile(workspace, mastodon, tmp_path):
    bluesky_routes(mastodon)
    result, _ = _run(workspace, _file(tmp_path, f"bluesky,{BLUESKY}"), replies_days=0)
    done = result.accounts[0]
    assert done.error is None, done.error
    threads = [r["params"]["uri"] for r in mastodon.requests if "getPostThread" in r["path"]]
    assert threads == [ANCHOR]
    posts = {p["post_id"]: p for p in _posts(workspace)}
    reply = posts["at://did:plc:hm3inwonerexample00000/app.bsky.feed.post/3kihkkq3ps22b"]
    assert reply["kind"] == "reply" and reply["in_reply_to_post_id"] == ANCHOR
    snapshots = [s for s in _snapshots(workspace) if s["followers"] == 1250]
    assert [(s["following"], s["total_posts"]) for s in snapshots] == [(48, 312)]
    state = AccountState(workspace, "bluesky", BLUESKY).data["feed"]
    assert state == {"newest": "2024-01-09T12:05:30.000Z"}


def test_collectors_describe_themselves():
    described = {c["name"]: c for c in collectors.describe()}
    assert set(described) == {"mastodon", "bluesky", "x"}
    assert described["mastodon"]["reader"] == "mastodon" and described["bluesky"]["endpoints"]


def test_a_bad_accounts_file_names_file_and_line(workspace, tmp_path):
    path = _file(tmp_path, "mastodon,a", "bluesky")
    with pytest.raises(BadAccounts, match="accounts.txt regel 2: verwacht platform,handle"):
        collect(workspace, accounts=path)


def test_the_state_file_is_json_written_whole(workspace):
    state = AccountState(workspace, "bluesky", "a.b")
    state.put("feed", {"newest": "x"})
    assert json.loads(state.path.read_text()) == {"feed": {"newest": "x"}}
    assert not [p for p in state.path.parent.iterdir() if p.name.endswith(".tmp")]
    assert Account("bluesky", "a.b").platform == "bluesky"
