"""Bluesky searchPosts: the mentions of an account and its municipality's listening terms.

The recorded bodies are assembled from post views of the fixtures (see
tests/fixtures/collect/SOURCES.md); the loopback server answers them.
"""

from datetime import date
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from loopback import (
    BLUESKY,
    FIXTURES,
    MENTIONS,
    SEARCH,
    Answer,
    Recorded,
    bluesky_routes,
    ok,
    status,
)

from meetlat.app import webcare
from meetlat.collect.http import Client
from meetlat.collect.service import collect
from meetlat.collect.state import AccountState

TOKEN = "geheim-bluesky-token-0123456789"
SDK = "did:plc:kvwvcn5iqfooopmyzvb4qzba"
QUESTION = "at://did:plc:hm3inwonerexample00000/app.bsky.feed.post/3kiig2izg222b"
QUOTING = f"at://{SDK}/app.bsky.feed.post/3kaheyt6vpc22"
QUOTED = f"at://{SDK}/app.bsky.feed.post/3kahesw26il2z"
ANSWER = "at://did:plc:hm3gemeentevoorbeeld0/app.bsky.feed.post/3kijuqbzya22b"
AFVAL = "at://did:plc:hm3gemeentevoorbeeld0/app.bsky.feed.post/3kihgvojhk22b"
NEWEST = "2024-01-08T18:02:40.000Z"  # the question, the newest mention
EMPTY = Answer(200, b'{"posts":[]}')


@pytest.fixture
def server(monkeypatch, workspace):
    with Recorded() as recorded:
        monkeypatch.setenv("MEETLAT_COLLECT_BASE_URL", recorded.url)
        monkeypatch.setenv("MEETLAT_BLUESKY_TOKEN", TOKEN)
        yield recorded


def _account_only(server):
    """The account's profile and an empty feed: what is stored comes from the search."""
    server.add("/xrpc/app.bsky.actor.getProfile", {"actor": BLUESKY}, ok("bluesky/profile.json"))
    server.add("/xrpc/app.bsky.feed.getAuthorFeed",
               {"actor": BLUESKY, "filter": "posts_with_replies", "limit": 100},
               Answer(200, b'{"feed":[]}'))  # fmt: skip


def _mention_pages(server):
    server.add(SEARCH, MENTIONS, ok("bluesky/search_mentions_page1.json"))
    server.add(SEARCH, {**MENTIONS, "cursor": "1"}, ok("bluesky/search_mentions_page2.json"))
    server.add(SEARCH, {**MENTIONS, "cursor": "2"}, ok("bluesky/search_mentions_page3.json"))


def _run(ws, tmp_path, line=f"bluesky,{BLUESKY}"):
    path = tmp_path / "accounts.txt"
    path.write_text(line + "\n", encoding="utf-8")
    return collect(ws, accounts=str(path), client=Client(sleep=lambda s: None, timeout=2))


def _posts(ws):
    folder = Path(ws.root) / "warehouse" / "posts"
    if not folder.exists():
        return []
    return ds.dataset(folder, format="parquet").to_table().to_pylist()


def _searches(server):
    return [r["params"] for r in server.requests if r["path"] == SEARCH]


def _mentions_state(ws):
    return AccountState(ws, "bluesky", BLUESKY).data["mentions"]


def _asked(**extra):
    return {k: str(v) for k, v in {**MENTIONS, **extra}.items()}


def test_mentions_in_three_pages_are_archived_raw_and_stored(workspace, server, tmp_path,
                                                             capsys):  # fmt: skip
    _account_only(server)
    _mention_pages(server)
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None and done.notes == [], (done.error, done.notes)
    assert _searches(server) == [_asked(), _asked(cursor="1"), _asked(cursor="2")]
    posts = {p["post_id"]: p for p in _posts(workspace)}
    assert {QUESTION, QUOTING, QUOTED} <= set(posts)
    assert posts[QUESTION]["mentions"] == [BLUESKY]
    assert posts[QUESTION]["embedded"] is False and posts[QUOTED]["text"] == "test"
    assert done.files == 3 and len(posts) == 3
    assert _mentions_state(workspace) == {"newest": NEWEST}
    # every page is in the archive byte for byte, as received
    objects = [p.read_bytes() for p in (Path(workspace.root) / "archive").rglob("*")
               if p.is_file()]  # fmt: skip
    for page in (1, 2, 3):
        body = (FIXTURES / f"bluesky/search_mentions_page{page}.json").read_bytes()
        assert body in objects
    # the token goes with the searches only, and is written nowhere
    for request in server.requests:
        sent = request["headers"].get("Authorization")
        assert sent == (f"Bearer {TOKEN}" if request["path"] == SEARCH else None), request
    for path in Path(workspace.root).rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    printed = capsys.readouterr()
    assert TOKEN not in printed.out + printed.err


def test_the_next_run_asks_only_for_newer_mentions_and_stores_nothing_twice(
    workspace, server, tmp_path
):
    _account_only(server)
    _mention_pages(server)
    _run(workspace, tmp_path)
    before = sorted(p["post_id"] for p in _posts(workspace))
    server.requests.clear()
    # since is inclusive: the newest mention comes back, and the pass stops at it
    server.add(SEARCH, {**MENTIONS, "since": NEWEST}, ok("bluesky/search_mentions_page1.json"))
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None, done.error
    assert _searches(server) == [_asked(since=NEWEST)]
    assert (done.posts, done.duplicates) == (0, 1)
    assert sorted(p["post_id"] for p in _posts(workspace)) == before
    assert _mentions_state(workspace) == {"newest": NEWEST}


def test_since_bounds_a_first_search_and_stops_at_older_pages(workspace, server, tmp_path):
    _account_only(server)
    server.add(SEARCH, {**MENTIONS, "since": "2024-01-01"},
               ok("bluesky/search_mentions_page1.json"))  # fmt: skip
    server.add(SEARCH, {**MENTIONS, "since": "2024-01-01", "cursor": "1"},
               ok("bluesky/search_mentions_page2.json"))  # fmt: skip
    path = tmp_path / "accounts.txt"
    path.write_text(f"bluesky,{BLUESKY}\n", encoding="utf-8")
    client = Client(sleep=lambda s: None, timeout=2)
    done = collect(workspace, accounts=str(path), since=date(2024, 1, 1), client=client)
    assert done.accounts[0].error is None, done.accounts[0].error
    # page 2 holds a post of 2023: a server that ignored since is not asked for page 3
    assert _searches(server) == [_asked(since="2024-01-01"),
                                 _asked(since="2024-01-01", cursor="1")]  # fmt: skip


def test_an_interrupted_search_goes_on_from_the_page_it_stopped_at(workspace, server, tmp_path):
    _account_only(server)
    _mention_pages(server)
    second = (SEARCH, tuple(sorted(_asked(cursor="1").items())))
    kept = server.routes[second]
    server.routes[second] = [status(500)]
    failed = _run(workspace, tmp_path).accounts[0]
    assert failed.error and "500" in failed.error
    assert _mentions_state(workspace) == {"newest": None, "top": NEWEST, "cursor": "1"}
    assert {p["post_id"] for p in _posts(workspace)} == {QUESTION}
    server.routes[second] = kept
    server.requests.clear()
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None, done.error
    assert _searches(server) == [_asked(cursor="1"), _asked(cursor="2")]
    assert _mentions_state(workspace) == {"newest": NEWEST}
    assert {p["post_id"] for p in _posts(workspace)} == {QUESTION, QUOTING, QUOTED}


@pytest.mark.parametrize("code", [401, 403])
def test_a_refused_search_is_one_dutch_line_and_the_feed_is_still_collected(
    cli, workspace, server, tmp_path, monkeypatch, code
):
    bluesky_routes(server)
    server.routes[(SEARCH, tuple(sorted(_asked().items())))] = [status(code)]
    (Path(workspace.root) / "listening").mkdir()
    (Path(workspace.root) / "listening" / "terms.toml").write_text(
        '[GM0014]\nterms = ["Sterrenwijk"]\n', encoding="utf-8"
    )
    monkeypatch.delenv("MEETLAT_BLUESKY_TOKEN")
    path = tmp_path / "accounts.csv"
    path.write_text(f"platform,handle,municipality_code\nbluesky,{BLUESKY},GM0014\n",
                    encoding="utf-8")  # fmt: skip
    result = cli("collect", "--accounts", path, "--replies-days", "0")
    assert result.exit_code == 0, result.output
    assert "bluesky:gemeentevoorbeeld.bsky.social: 7 nieuwe berichten" in result.stdout  # the feed
    line = (
        f"bluesky:gemeentevoorbeeld.bsky.social: Bluesky weigerde het zoeken (HTTP {code}): "
        "vermeldingen en zoektermen niet verzameld; stel MEETLAT_BLUESKY_TOKEN in."
    )
    assert line in " ".join(result.stderr.split())
    assert len(_searches(server)) == 1  # the listening terms are not asked for after it
    assert "mentions" not in AccountState(workspace, "bluesky", BLUESKY).data


def test_a_refused_token_is_said_so_and_never_shown(workspace, server, tmp_path, capsys):
    _account_only(server)
    server.add(SEARCH, MENTIONS, status(401, body=b'{"error":"AuthenticationRequired"}'))
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None
    assert done.notes == [
        "Bluesky weigerde het zoeken (HTTP 401) met het token van MEETLAT_BLUESKY_TOKEN: "
        "vermeldingen en zoektermen niet verzameld."
    ]
    assert TOKEN not in " ".join(done.notes) + capsys.readouterr().out


TERMS = """\
[GM0014]
terms = ["Sterrenwijk", "Oud Papier"]
hashtags = ["#afval"]

[GM0363]
terms = ["Amsterdam"]
platforms = ["mastodon"]
"""


def test_the_listening_terms_are_searched_once_each_and_found_by_webcare_listen(
    cli, workspace, server, tmp_path
):
    _account_only(server)
    server.add(SEARCH, MENTIONS, EMPTY)
    term = {"sort": "latest", "limit": 100}
    server.add(SEARCH, {"q": "sterrenwijk", **term}, ok("bluesky/search_term_sterrenwijk.json"))
    server.add(SEARCH, {"q": '"oud papier"', **term}, EMPTY)
    server.add(SEARCH, {"q": "#afval", **term}, ok("bluesky/search_hashtag_afval.json"))
    (Path(workspace.root) / "listening").mkdir()
    (Path(workspace.root) / "listening" / "terms.toml").write_text(TERMS, encoding="utf-8")
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "municipality_code,platform,handle,role\n"
        f"GM0014,bluesky,{BLUESKY},corporate\n"
        "GM0363,bluesky,amsterdam.example.nl,corporate\n",
        encoding="utf-8",
    )
    assert cli("accounts", "import", registry).exit_code == 0
    # GM0363's account (its profile as recorded for the other one): its terms are for
    # Mastodon only, so only its mentions are searched
    server.add("/xrpc/app.bsky.actor.getProfile", {"actor": "amsterdam.example.nl"},
               ok("bluesky/profile.json"))  # fmt: skip
    server.add("/xrpc/app.bsky.feed.getAuthorFeed",
               {"actor": "amsterdam.example.nl", "filter": "posts_with_replies", "limit": 100},
               Answer(200, b'{"feed":[]}'))  # fmt: skip
    result = collect(workspace, client=Client(sleep=lambda s: None, timeout=2))
    assert [a.error for a in result.accounts] == [None, None]
    queries = [r["q"] for r in _searches(server)]
    assert queries == [f"@{BLUESKY}", "sterrenwijk", '"oud papier"', "#afval", f"@{BLUESKY}"]
    owner = AccountState(workspace, "bluesky", "listening-gm0014").data
    assert owner == {"term:sterrenwijk": {"newest": "2024-01-09T07:58:03.000Z"},
                     "term:oud papier": {"newest": None},
                     "hashtag:afval": {"newest": "2024-01-08T08:45:12.000Z"}}  # fmt: skip
    assert {p["post_id"] for p in _posts(workspace)} == {ANSWER, QUESTION, AFVAL}
    found = webcare.listening(workspace, "GM0014", date(2024, 1, 1), date(2024, 1, 31))
    assert [r["post_id"] for r in found] == [AFVAL, QUESTION, ANSWER]
    assert [r["is_question"] for r in found] == [False, True, False]
    assert "inwoner.bsky.social" not in {r["author"] for r in found}  # a citizen: pseudonym
    # a second run: each term from its own newest post on, nothing stored twice
    server.requests.clear()
    server.add(SEARCH, {"q": "sterrenwijk", **term, "since": "2024-01-09T07:58:03.000Z"},
               ok("bluesky/search_term_sterrenwijk.json"))  # fmt: skip
    server.add(SEARCH, {"q": '"oud papier"', **term}, EMPTY)
    server.add(SEARCH, {"q": "#afval", **term, "since": "2024-01-08T08:45:12.000Z"}, EMPTY)
    again = collect(workspace, client=Client(sleep=lambda s: None, timeout=2)).accounts[0]
    assert again.error is None and again.posts == 0
    assert len(_posts(workspace)) == 3


def test_the_mentions_reach_the_webcare_queue(cli, workspace, server, tmp_path):
    _account_only(server)
    _mention_pages(server)
    registry = tmp_path / "registry.csv"
    registry.write_text(f"municipality_code,platform,handle,role\nGM0014,bluesky,{BLUESKY},"
                        "corporate\n", encoding="utf-8")  # fmt: skip
    assert cli("accounts", "import", registry).exit_code == 0
    assert collect(workspace, client=Client(sleep=lambda s: None)).accounts[0].error is None
    inbound = webcare.messages(workspace, BLUESKY, date(2024, 1, 1), date(2024, 1, 31))
    assert [(m.post_id, m.is_question, m.answered) for m in inbound] == [(QUESTION, True, False)]
    assert inbound[0].author != "inwoner.bsky.social"


def test_a_bad_terms_file_is_a_note_and_the_mentions_are_still_collected(workspace, server,
                                                                         tmp_path):  # fmt: skip
    _account_only(server)
    _mention_pages(server)
    (Path(workspace.root) / "listening").mkdir()
    (Path(workspace.root) / "listening" / "terms.toml").write_text("[Almere]\nterms = 3\n",
                                                                  encoding="utf-8")  # fmt: skip
    path = tmp_path / "accounts.csv"
    path.write_text(f"platform,handle,municipality_code\nbluesky,{BLUESKY},GM0014\n",
                    encoding="utf-8")  # fmt: skip
    done = collect(workspace, accounts=str(path), client=Client(sleep=lambda s: None)).accounts[0]
    assert done.error is None and done.files == 3
    [note] = done.notes
    assert note.startswith("zoektermen niet gezocht: ") and "terms.toml: [Almere]" in note
    assert [r["q"] for r in _searches(server)] == [f"@{BLUESKY}"] * 3
