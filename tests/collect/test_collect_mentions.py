"""Mentions of a Mastodon account whose own token is configured: its notifications."""

import io
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from loopback import FIXTURES, Answer, Recorded, mastodon_routes, ok, status

from meetlat.collect.http import Client
from meetlat.collect.service import collect
from meetlat.collect.state import AccountState
from meetlat.platforms.base import RecordError, Source
from meetlat.platforms.catalog import readers

TOKEN = "geheim-token-notificaties-42"
OWN_ID = "117020565966271181"  # mastodonpy_test: the account the token belongs to
NOTIFICATIONS = "/api/v1/notifications"
FIRST = {"types[]": "mention", "limit": 40}
MENTION = "117020577157693549"  # admin's status "@mastodonpy_test hello!"
EMPTY = Answer(200, b"[]")


@pytest.fixture
def server(monkeypatch):
    with Recorded() as recorded:
        monkeypatch.setenv("MEETLAT_COLLECT_BASE_URL", recorded.url)
        monkeypatch.setenv("MEETLAT_MASTODON_SERVER", "localhost:3000")
        monkeypatch.setenv("MEETLAT_MASTODON_TOKEN", TOKEN)
        yield recorded


def _routes(server):
    server.add("/api/v1/accounts/lookup", {"acct": "mastodonpy_test"},
               ok("mastodon/lookup_test.json"))  # fmt: skip
    statuses = f"/api/v1/accounts/{OWN_ID}/statuses"
    server.add(statuses, {"limit": 40}, EMPTY)
    server.add(statuses, {"limit": 1}, EMPTY)
    server.add("/api/v1/accounts/verify_credentials", {}, ok("mastodon/verify_credentials.json"))
    # the Link header as recorded, with the loopback's address
    link = (f'<{server.url}{NOTIFICATIONS}?max_id=21&types%5B%5D=mention>; rel="next", '
            f'<{server.url}{NOTIFICATIONS}?min_id=21&types%5B%5D=mention>; rel="prev"')  # fmt: skip
    server.add(NOTIFICATIONS, FIRST, ok("mastodon/notifications_mentions.json", link))
    server.add(NOTIFICATIONS, {**FIRST, "max_id": "21"}, EMPTY)


def _run(ws, tmp_path, handle="mastodonpy_test"):
    path = tmp_path / "accounts.txt"
    path.write_text(f"mastodon,{handle}\n", encoding="utf-8")
    return collect(ws, accounts=str(path), client=Client(sleep=lambda s: None, timeout=2))


def _posts(ws):
    folder = Path(ws.root) / "warehouse" / "posts"
    if not folder.exists():
        return []
    return ds.dataset(folder, format="parquet").to_table().to_pylist()


def _asked(server):
    return [r["params"] for r in server.requests if r["path"] == NOTIFICATIONS]


def test_mentions_are_collected_page_by_page_and_archived_raw(workspace, server, tmp_path,
                                                              capsys):  # fmt: skip
    _routes(server)
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None, done.error
    assert _asked(server) == [{"types[]": "mention", "limit": "40"},
                              {"types[]": "mention", "limit": "40", "max_id": "21"}]  # fmt: skip
    asked = [r for r in server.requests if r["path"] == NOTIFICATIONS]
    assert all(r["headers"]["Authorization"] == f"Bearer {TOKEN}" for r in asked)
    posts = {p["post_id"]: p for p in _posts(workspace)}
    assert set(posts) == {MENTION}
    assert posts[MENTION]["handle"] == "admin@localhost:3000"
    assert AccountState(workspace, "mastodon", "mastodonpy_test").data["notifications"] == {
        "since_id": "21"
    }
    body = (FIXTURES / "mastodon/notifications_mentions.json").read_bytes().strip()
    objects = [p.read_bytes() for p in (Path(workspace.root) / "archive").rglob("*")
               if p.is_file()]  # fmt: skip
    assert any(body in o and o.startswith(b'{"collected":{"platform":"mastodon"') for o in objects)
    for path in Path(workspace.root).rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    printed = capsys.readouterr()
    assert TOKEN not in printed.out + printed.err


def test_the_next_run_asks_only_for_newer_mentions(workspace, server, tmp_path):
    _routes(server)
    _run(workspace, tmp_path)
    before = len(_posts(workspace))
    server.requests.clear()
    server.add(NOTIFICATIONS, {**FIRST, "since_id": "21"}, EMPTY)
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None, done.error
    assert _asked(server) == [{"types[]": "mention", "limit": "40", "since_id": "21"}]
    assert len(_posts(workspace)) == before
    assert AccountState(workspace, "mastodon", "mastodonpy_test").data["notifications"] == {
        "since_id": "21"
    }


def test_no_notifications_for_an_account_the_token_does_not_belong_to(workspace, server,
                                                                      tmp_path):  # fmt: skip
    mastodon_routes(server)  # mastodonpy_test_2; the token is mastodonpy_test's
    server.add("/api/v1/accounts/verify_credentials", {}, ok("mastodon/verify_credentials.json"))
    done = _run(workspace, tmp_path, "mastodonpy_test_2").accounts[0]
    assert done.error is None, done.error
    assert "/api/v1/accounts/verify_credentials" in server.paths()
    assert _asked(server) == []


def test_no_notifications_on_another_server_or_without_a_token(workspace, server, tmp_path,
                                                               monkeypatch):  # fmt: skip
    _routes(server)
    _run(workspace, tmp_path, "mastodonpy_test@mastodon.example")
    assert all("Authorization" not in r["headers"] for r in server.requests)
    assert _asked(server) == [] and "/api/v1/accounts/verify_credentials" not in server.paths()
    monkeypatch.delenv("MEETLAT_MASTODON_TOKEN")
    server.requests.clear()
    _run(workspace, tmp_path)
    assert _asked(server) == [] and "/api/v1/accounts/verify_credentials" not in server.paths()


def _read(data):
    reader = readers.detect(data[:65536])
    source = Source("collected.json", lambda: io.BytesIO(data))
    return reader, list(reader().records(source))


def test_the_reader_reads_the_statuses_of_a_page_of_notifications():
    body = (FIXTURES / "mastodon/notifications_mentions.json").read_bytes()
    data = (
        b'{"collected":{"platform":"mastodon","fetched_at":"2026-12-01T10:30:00.000000Z",'
        b'"url":"http://127.0.0.1/api/v1/notifications"},"notifications":' + body + b"}\n"
    )
    reader, records = _read(data)
    assert reader.name == "mastodon"
    assert [reader().canonical(r).posts[0]["post_id"] for r in records] == [MENTION]
    broken = data.replace(b'"status":{', b'"statuz":{', 1)
    _, [record] = _read(broken)
    with pytest.raises(RecordError, match="geen Mastodon-status"):
        reader().canonical(record)


def test_an_interrupted_pass_goes_on_from_the_page_it_stopped_at(workspace, server, tmp_path):
    _routes(server)
    second = (NOTIFICATIONS, (("limit", "40"), ("max_id", "21"), ("types[]", "mention")))
    kept = server.routes[second]
    server.routes[second] = [status(500)]
    failed = _run(workspace, tmp_path).accounts[0]
    assert failed.error and "500" in failed.error
    state = AccountState(workspace, "mastodon", "mastodonpy_test").data["notifications"]
    assert state == {"since_id": None, "bound": None, "top": "21", "max_id": "21"}
    assert {p["post_id"] for p in _posts(workspace)} == {MENTION}
    server.routes[second] = kept
    server.requests.clear()
    assert _run(workspace, tmp_path).accounts[0].error is None
    assert _asked(server) == [{"types[]": "mention", "limit": "40", "max_id": "21"}]
    assert AccountState(workspace, "mastodon", "mastodonpy_test").data["notifications"] == {
        "since_id": "21"
    }
