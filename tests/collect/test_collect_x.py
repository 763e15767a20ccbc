"""Collecting an X account through the API v2 with a bearer token, from recorded responses."""

from pathlib import Path

import pyarrow.dataset as ds
import pytest
from loopback import X_EMPTY, Recorded, ok, x_routes

from meetlat.collect.http import Client
from meetlat.collect.service import collect
from meetlat.collect.state import AccountState
from meetlat.collect.x import FIELDS

TOKEN = "AAAAbearer-geheim-0123456789"
TWEETS, MENTIONS = "/2/users/783214/tweets", "/2/users/783214/mentions"
EMPTY = X_EMPTY


def _routes(server):
    x_routes(server, FIELDS)


@pytest.fixture
def server(monkeypatch):
    with Recorded() as recorded:
        monkeypatch.setenv("MEETLAT_COLLECT_BASE_URL", recorded.url)
        yield recorded


def _run(ws, tmp_path):
    path = tmp_path / "accounts.txt"
    path.write_text("x,twitter\n", encoding="utf-8")
    return collect(ws, accounts=str(path), client=Client(sleep=lambda s: None))


def test_tweets_and_mentions_in_pages_with_the_bearer_token(workspace, server, tmp_path,
                                                             monkeypatch):  # fmt: skip
    monkeypatch.setenv("MEETLAT_X_BEARER_TOKEN", TOKEN)
    _routes(server)
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None, done.error
    assert done.posts == 12 and done.files == 2
    assert [r["path"] for r in server.requests] == [
        "/2/users/by/username/twitter", TWEETS, TWEETS, MENTIONS, MENTIONS,
    ]  # fmt: skip
    assert all(r["headers"]["Authorization"] == f"Bearer {TOKEN}" for r in server.requests)
    posts = ds.dataset(Path(workspace.root) / "warehouse" / "posts").to_table().to_pylist()
    assert "1577730467436138524" in {p["post_id"] for p in posts}
    state = AccountState(workspace, "x", "twitter").data
    assert state["tweets"] == {"since_id": "1577730467436138524"}
    assert state["mentions"] == {"since_id": "1578516295611748353"}
    for path in Path(workspace.root).rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    objects = [p.read_bytes() for p in (Path(workspace.root) / "archive" / "objects").rglob("*")
               if p.is_file()]  # fmt: skip
    body = (Path(__file__).parents[1] / "fixtures/collect/x/tweets.json").read_bytes().rstrip()
    assert any(o.startswith(body[:-1] + b',"__twarc":{') for o in objects)  # as twarc2 writes


def test_without_a_token_x_accounts_stop_with_the_reason(workspace, server, tmp_path):
    _routes(server)
    done = _run(workspace, tmp_path).accounts[0]
    assert "MEETLAT_X_BEARER_TOKEN" in done.error and server.requests == []


def test_the_next_run_asks_only_for_newer_tweets_and_mentions(workspace, server, tmp_path,
                                                              monkeypatch, capsys):  # fmt: skip
    monkeypatch.setenv("MEETLAT_X_BEARER_TOKEN", TOKEN)
    _routes(server)
    _run(workspace, tmp_path)
    posts = ds.dataset(Path(workspace.root) / "warehouse" / "posts").to_table().num_rows
    server.requests.clear()
    first = {"max_results": 100, **FIELDS}
    server.add(TWEETS, {**first, "since_id": "1577730467436138524"}, EMPTY)
    server.add(TWEETS, {"max_results": 5, **FIELDS}, ok("x/tweets.json"))
    server.add(MENTIONS, {**first, "since_id": "1578516295611748353"}, EMPTY)
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None, done.error
    asked = [(r["path"], r["params"].get("since_id"), r["params"]["max_results"])
             for r in server.requests if r["path"] != "/2/users/by/username/twitter"]  # fmt: skip
    # nothing new: the newest tweets once more (for the profile snapshot), no mentions again
    assert asked == [(TWEETS, "1577730467436138524", "100"), (TWEETS, None, "5"),
                     (MENTIONS, "1578516295611748353", "100")]  # fmt: skip
    assert ds.dataset(Path(workspace.root) / "warehouse" / "posts").to_table().num_rows == posts
    printed = capsys.readouterr()
    assert TOKEN not in printed.out + printed.err
