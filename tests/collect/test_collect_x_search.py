"""X recent search (``GET /2/tweets/search/recent``): a municipality's listening terms.

The search pages are assembled from the tweets of a real twarc2 search page (see
tests/fixtures/collect/SOURCES.md); the loopback server answers them. The only real v2
search pages on this machine are of ``query=obama`` (2021-04-08), so the municipality's
terms here are "Malia Obama" and #biden; the run's clock is set to the next day, since
the recent search holds seven days.
"""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from loopback import FIXTURES, X_EMPTY, X_MENTIONS, X_TWEETS, Answer, Recorded, ok, status, x_routes

from meetlat.app import webcare
from meetlat.collect.http import Client
from meetlat.collect.service import collect
from meetlat.collect.state import AccountState
from meetlat.collect.x import FIELDS

TOKEN = "AAAAbearer-geheim-zoeken-0123456789"
NOW = datetime(2021, 4, 9, 12, 0, tzinfo=UTC)
SEARCH = "/2/tweets/search/recent"
MALIA = '"malia obama" -is:retweet'
BIDEN = "#biden -is:retweet"
PAGES = ("1380242525827530756", "1380242501106331651", "1380242094296604673")  # newest first
HASHTAG = "1380242239494971392"
TOKENS = ("b26v89c19zqg8o3fostqs9sdj5y8pqyhj4w073tvyk7lp",
          "b26v89c19zqg8o3fostqs9sdj5y8pqyhj4w073tvyk7lq")  # fmt: skip
FIRST = {"max_results": 100, **FIELDS}
TERMS = '[GM0014]\nterms = ["Malia Obama"]\n'
# what X answers a plan without this endpoint (its documented client-forbidden problem;
# written by hand, no such answer is recorded here)
FORBIDDEN = (
    b'{"client_id":"1234567","detail":"When authenticating requests to the Twitter API v2 '
    b"endpoints, you must use keys and tokens from a Twitter developer App that is attached "
    b'to a Project. You can create a project via the developer portal.","registration_url":'
    b'"https://developer.twitter.com/en/docs/projects/overview","title":"Client Forbidden",'
    b'"required_enrollment":"Appropriate Level of API Access","reason":"client-not-enrolled",'
    b'"type":"https://api.twitter.com/2/problems/client-forbidden"}'
)
UNAUTHORIZED = b'{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}'


@pytest.fixture
def server(monkeypatch, workspace):
    with Recorded() as recorded:
        monkeypatch.setenv("MEETLAT_COLLECT_BASE_URL", recorded.url)
        monkeypatch.setenv("MEETLAT_X_BEARER_TOKEN", TOKEN)
        x_routes(recorded, FIELDS)
        yield recorded


def _terms(ws, text=TERMS):
    (Path(ws.root) / "listening").mkdir(exist_ok=True)
    (Path(ws.root) / "listening" / "terms.toml").write_text(text, encoding="utf-8")


def _asked(query=MALIA, **extra):
    return {k: str(v) for k, v in {"query": query, **FIRST, **extra}.items()}


def _malia_pages(server, since_id=None):
    bound = {"since_id": since_id} if since_id else {}
    server.add(SEARCH, _asked(**bound), ok("x/search_malia_page1.json"))
    server.add(SEARCH, _asked(**bound, next_token=TOKENS[0]), ok("x/search_malia_page2.json"))
    server.add(SEARCH, _asked(**bound, next_token=TOKENS[1]), ok("x/search_malia_page3.json"))


def _again(server):
    """The account's second run: no new tweets (the newest once more), no new mentions."""
    server.add(X_TWEETS, {**FIRST, "since_id": "1577730467436138524"}, X_EMPTY)
    server.add(X_TWEETS, {"max_results": 5, **FIELDS}, ok("x/tweets.json"))
    server.add(X_MENTIONS, {**FIRST, "since_id": "1578516295611748353"}, X_EMPTY)


def _run(ws, tmp_path, now=NOW, client=None, **options):
    path = tmp_path / "accounts.csv"
    path.write_text("platform,handle,municipality_code\nx,twitter,GM0014\n", encoding="utf-8")
    client = client or Client(sleep=lambda s: None, timeout=2)
    return collect(ws, accounts=str(path), client=client, now=lambda: now, **options)


def _posts(ws):
    folder = Path(ws.root) / "warehouse" / "posts"
    return ds.dataset(folder, format="parquet").to_table().to_pylist() if folder.exists() else []


def _searches(server):
    return [r["params"] for r in server.requests if r["path"] == SEARCH]


def _listening_state(ws):
    return AccountState(ws, "x", "listening-gm0014").data


def test_a_term_in_three_pages_is_archived_as_twarc2_writes_it_and_stored(
    workspace, server, tmp_path, capsys
):
    _terms(workspace)
    _malia_pages(server)
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None and done.notes == [], (done.error, done.notes)
    # the phrase in quotes, no retweets, the tweet pages' fields, paged with next_token
    assert _searches(server) == [_asked(), _asked(next_token=TOKENS[0]),
                                 _asked(next_token=TOKENS[1])]  # fmt: skip
    posts = {p["post_id"]: p for p in _posts(workspace)}
    assert set(PAGES) <= set(posts)
    assert posts[PAGES[0]]["text"].startswith("@ComfortablySmug Who knew Malia Obama")
    assert posts[PAGES[0]]["embedded"] is False
    assert _listening_state(workspace) == {"term:malia obama": {"since_id": PAGES[0]}}
    # each page in the archive as twarc2 writes it: the body as received, then __twarc
    objects = [p.read_bytes() for p in (Path(workspace.root) / "archive").rglob("*")
               if p.is_file()]  # fmt: skip
    for page in (1, 2, 3):
        body = (FIXTURES / f"x/search_malia_page{page}.json").read_bytes().rstrip()
        assert any(o.startswith(body[:-1] + b',"__twarc":{"url":') for o in objects), page
    # the bearer token goes with every request, and is written and printed nowhere
    assert all(r["headers"]["Authorization"] == f"Bearer {TOKEN}" for r in server.requests)
    for path in Path(workspace.root).rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    printed = capsys.readouterr()
    assert TOKEN not in printed.out + printed.err


def test_the_next_run_asks_since_the_newest_tweet_and_stores_nothing_twice(
    workspace, server, tmp_path
):
    _terms(workspace)
    _malia_pages(server)
    _run(workspace, tmp_path)
    before = sorted(p["post_id"] for p in _posts(workspace))
    server.requests.clear()
    _again(server)
    # a server that ignores since_id: the oldest page once more
    server.add(SEARCH, _asked(since_id=PAGES[0]), ok("x/search_malia_page3.json"))
    done = _run(workspace, tmp_path, now=NOW + timedelta(hours=2)).accounts[0]
    assert done.error is None, done.error
    assert _searches(server) == [_asked(since_id=PAGES[0])]
    assert done.posts == 0 and done.duplicates > 0
    assert sorted(p["post_id"] for p in _posts(workspace)) == before
    # the newest tweet stays the bound, though the page was older
    assert _listening_state(workspace) == {"term:malia obama": {"since_id": PAGES[0]}}


def test_an_interrupted_search_goes_on_from_the_page_it_stopped_at(workspace, server, tmp_path):
    _terms(workspace)
    _malia_pages(server)
    second = (SEARCH, tuple(sorted(_asked(next_token=TOKENS[0]).items())))
    kept = server.routes[second]
    server.routes[second] = [status(500)]
    failed = _run(workspace, tmp_path).accounts[0]
    assert failed.error and "500" in failed.error
    assert _listening_state(workspace) == {"term:malia obama": {
        "since_id": None, "bound": None, "top": PAGES[0], "next_token": TOKENS[0]}}  # fmt: skip
    assert {p["post_id"] for p in _posts(workspace)} & set(PAGES) == {PAGES[0]}
    server.routes[second] = kept
    server.requests.clear()
    _again(server)
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None, done.error
    assert _searches(server) == [_asked(next_token=TOKENS[0]), _asked(next_token=TOKENS[1])]
    assert _listening_state(workspace) == {"term:malia obama": {"since_id": PAGES[0]}}
    assert set(PAGES) <= {p["post_id"] for p in _posts(workspace)}


@pytest.mark.parametrize("code", [401, 403])
def test_a_refused_search_is_one_dutch_line_and_tweets_and_mentions_still_collect(
    cli, workspace, server, tmp_path, code
):
    _terms(workspace, TERMS.replace("]\n", ']\nhashtags = ["#biden"]\n', 1))
    server.add(SEARCH, _asked(), Answer(code, FORBIDDEN if code == 403 else UNAUTHORIZED))
    path = tmp_path / "accounts.csv"
    path.write_text("platform,handle,municipality_code\nx,twitter,GM0014\n", encoding="utf-8")
    result = cli("collect", "--accounts", path)
    assert result.exit_code == 0, result.output
    assert "x:twitter: 12 nieuwe berichten" in result.stdout  # the tweets and mentions
    line = (
        f"x:twitter: X weigerde het zoeken (HTTP {code}) met het token van "
        "MEETLAT_X_BEARER_TOKEN: zoektermen niet verzameld (geeft het abonnement toegang "
        "tot recent search?)."
    )
    assert line in " ".join(result.stderr.split())
    assert len(_searches(server)) == 1  # the hashtag is not asked for after it
    assert _listening_state(workspace) == {}
    assert TOKEN not in result.output


@pytest.mark.parametrize(
    "headers, wait",
    [
        ({"Retry-After": "3"}, 3.0),
        (
            {
                "x-rate-limit-limit": "60",
                "x-rate-limit-remaining": "0",
                "x-rate-limit-reset": "1617969720",
            },
            120.0,
        ),
    ],  # fmt: skip
)
def test_a_429_of_the_search_waits_as_its_headers_say(workspace, server, tmp_path, headers,
                                                       wait):  # fmt: skip
    _terms(workspace)
    limited = Answer(429, b'{"title":"Too Many Requests","detail":"Too Many Requests",'
                     b'"type":"about:blank","status":429}', headers)  # fmt: skip
    server.add(SEARCH, _asked(), limited)
    _malia_pages(server)
    waited: list[float] = []
    client = Client(sleep=waited.append, clock=lambda: 1617969600.0, timeout=2)
    done = _run(workspace, tmp_path, client=client).accounts[0]
    assert done.error is None, done.error
    assert wait in waited
    assert _searches(server)[:2] == [_asked(), _asked()]
    assert set(PAGES) <= {p["post_id"] for p in _posts(workspace)}


def test_since_within_the_seven_days_only(workspace, server, tmp_path):
    _terms(workspace)
    start = {"start_time": "2021-04-08T00:00:00Z"}
    server.add(SEARCH, _asked(**start), ok("x/search_malia_page3.json"))
    done = _run(workspace, tmp_path, since=date(2021, 4, 8)).accounts[0]
    assert done.error is None, done.error
    assert _searches(server) == [_asked(**start)]  # a first pass: from the --since day
    assert _listening_state(workspace) == {"term:malia obama": {"since_id": PAGES[2]}}
    # a month later the newest tweet is out of the search's seven days: X would refuse it
    # as since_id, so the whole seven days are asked (and --since, older, is not sent)
    server.requests.clear()
    _again(server)
    server.add(SEARCH, _asked(), X_EMPTY)
    later = _run(workspace, tmp_path, now=NOW + timedelta(days=30), since=date(2021, 4, 8))
    assert later.accounts[0].error is None, later.accounts[0].error
    assert _searches(server) == [_asked()]


def test_a_query_x_does_not_take_is_a_note_and_the_other_terms_are_searched(
    workspace, server, tmp_path
):
    _terms(workspace, '[GM0014]\nhashtags = ["#biden"]\nterms = ["Malia Obama"]\n')
    invalid = (
        b'{"errors":[{"parameters":{"query":["#biden -is:retweet"]},"message":"There were '
        b'errors processing your request: Reference to invalid operator"}],"title":"Invalid '
        b'Request","detail":"One or more parameters to your request was invalid.","type":'
        b'"https://api.twitter.com/2/problems/invalid-request"}'
    )  # written by hand in the shape of X's invalid-request problem
    server.add(SEARCH, _asked(BIDEN), Answer(400, invalid))
    _malia_pages(server)
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None, done.error
    assert done.notes == [
        "X nam de zoekvraag #biden -is:retweet niet aan (HTTP 400): There were errors "
        "processing your request: Reference to invalid operator"
    ]
    assert [r["query"] for r in _searches(server)] == [MALIA] * 3 + [BIDEN]
    assert _listening_state(workspace) == {"term:malia obama": {"since_id": PAGES[0]}}


def test_terms_for_other_platforms_are_not_searched_on_x(workspace, server, tmp_path):
    _terms(workspace, TERMS + 'platforms = ["bluesky"]\n')
    done = _run(workspace, tmp_path).accounts[0]
    assert done.error is None and done.notes == []
    assert _searches(server) == []


def test_the_found_tweets_are_in_webcare_listen_with_citizens_pseudonymised(
    cli, workspace, server, tmp_path
):
    _terms(workspace, TERMS.replace("]\n", ']\nhashtags = ["#biden"]\n', 1))
    _malia_pages(server)
    server.add(SEARCH, _asked(BIDEN), ok("x/search_hashtag_biden.json"))
    registry = tmp_path / "registry.csv"
    registry.write_text("municipality_code,platform,handle,role\nGM0014,x,twitter,corporate\n",
                        encoding="utf-8")  # fmt: skip
    assert cli("accounts", "import", registry).exit_code == 0
    result = collect(workspace, client=Client(sleep=lambda s: None, timeout=2), now=lambda: NOW)
    assert [a.error for a in result.accounts] == [None]
    assert [r["query"] for r in _searches(server)] == [MALIA] * 3 + [BIDEN]
    assert _listening_state(workspace) == {"term:malia obama": {"since_id": PAGES[0]},
                                           "hashtag:biden": {"since_id": HASHTAG}}  # fmt: skip
    found = webcare.listening(workspace, "GM0014", date(2021, 4, 1), date(2021, 4, 30))
    assert [r["post_id"] for r in found] == [PAGES[2], HASHTAG, PAGES[1], PAGES[0]]
    assert {r["platform"] for r in found} == {"x"}
    assert [r["is_question"] for r in found] == [False, False, True, True]
    # the authors are citizens: pseudonyms, never their usernames
    authors = {r["author"] for r in found}
    usernames = set()
    for name in ("search_malia_page1", "search_malia_page2", "search_malia_page3",
                 "search_hashtag_biden"):  # fmt: skip
        body = (FIXTURES / f"x/{name}.json").read_text(encoding="utf-8")
        usernames |= {u["username"] for u in json.loads(body)["includes"]["users"]}
    assert usernames and not authors & usernames
    assert not {a.lower() for a in authors} & {u.lower() for u in usernames}
