"""A recorded API on 127.0.0.1: http.server in a thread, answering from recorded bodies.

``Recorded.add(path, params, *answers)`` queues answers for GET ``path`` with exactly
the query ``params``; each request takes the next answer, and the last one stays.
An answer is ``ok(file, link=...)``, ``status(429, retry_after="2")``, ``status(500)``,
``slow(seconds, answer)`` (answers after the client's timeout) or ``cut(answer)`` (a
body cut off halfway, its Content-Length the whole size). Every request is logged with
its headers in ``requests``.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures" / "collect"


@dataclass
class Answer:
    code: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    truncate: bool = False


def ok(name: str, link: str | None = None, **headers) -> Answer:
    extra = {"Link": link} if link else {}
    extra.update({k.replace("_", "-"): v for k, v in headers.items()})
    return Answer(200, (FIXTURES / name).read_bytes(), extra)


def status(code: int, retry_after: str | None = None, body: bytes = b'{"error":"x"}') -> Answer:
    return Answer(code, body, {"Retry-After": retry_after} if retry_after else {})


def slow(seconds: float, answer: Answer) -> Answer:
    return Answer(answer.code, answer.body, answer.headers, delay=seconds)


def cut(answer: Answer) -> Answer:
    return Answer(answer.code, answer.body, answer.headers, truncate=True)


class Recorded:
    def __init__(self):
        self.routes: dict[tuple, list[Answer]] = {}
        self.requests: list[dict] = []
        recorded = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                parts = urllib.parse.urlsplit(self.path)
                params = tuple(sorted(urllib.parse.parse_qsl(parts.query)))
                recorded.requests.append(
                    {"path": parts.path, "params": dict(params), "headers": dict(self.headers)}
                )
                queue = recorded.routes.get((parts.path, params))
                if not queue:
                    answer = Answer(404, b'{"error":"Record not found"}')
                else:
                    answer = queue.pop(0) if len(queue) > 1 else queue[0]
                if answer.delay:
                    time.sleep(answer.delay)
                body = answer.body[: len(answer.body) // 2] if answer.truncate else answer.body
                try:
                    self.send_response(answer.code)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(answer.body)))
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                    if answer.truncate:
                        self.wfile.flush()
                        self.close_connection = True
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(self, path: str, params: dict, *answers: Answer) -> None:
        key = (path, tuple(sorted((k, str(v)) for k, v in params.items())))
        self.routes.setdefault(key, []).extend(answers)

    def paths(self) -> list[str]:
        return [r["path"] for r in self.requests]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


MASTODON_ID = "117020566092212359"
STATUSES = f"/api/v1/accounts/{MASTODON_ID}/statuses"
PAGE_IDS = (("117020593741189701", "117020593378945190"), ("117020586180926938",),
            ("117020583245459824",))  # fmt: skip


def mastodon_routes(server: Recorded, first_page=None) -> None:
    """The recorded Mastodon account mastodonpy_test_2: lookup, three pages, contexts."""
    server.add("/api/v1/accounts/lookup", {"acct": "mastodonpy_test_2"}, ok("mastodon/lookup.json"))
    nxt = lambda max_id: f'<{server.url}{STATUSES}?max_id={max_id}>; rel="next"'  # noqa: E731
    server.add(STATUSES, {"limit": 40}, *(first_page or []),
               ok("mastodon/statuses_page1.json", nxt(PAGE_IDS[0][-1])))  # fmt: skip
    server.add(STATUSES, {"limit": 40, "max_id": PAGE_IDS[0][-1]},
               ok("mastodon/statuses_page2.json", nxt(PAGE_IDS[1][-1])))  # fmt: skip
    server.add(STATUSES, {"limit": 40, "max_id": PAGE_IDS[1][-1]},
               ok("mastodon/statuses_page3.json", nxt(PAGE_IDS[2][-1])))  # fmt: skip
    server.add(STATUSES, {"limit": 40, "max_id": PAGE_IDS[2][-1]}, Answer(200, b"[]"))
    for ids in PAGE_IDS:
        for post in ids:
            name = "context_with_reply" if post == "117020583245459824" else "context_empty"
            server.add(f"/api/v1/statuses/{post}/context", {}, ok(f"mastodon/{name}.json"))


BLUESKY = "gemeentevoorbeeld.bsky.social"
ANCHOR = "at://did:plc:hm3gemeentevoorbeeld0/app.bsky.feed.post/3kihgvojhk22b"


def bluesky_routes(server: Recorded) -> None:
    """The feed of gemeentevoorbeeld.bsky.social in two pages, its profile, one thread, and
    no posts that mention it (searchPosts)."""
    server.add("/xrpc/app.bsky.actor.getProfile", {"actor": BLUESKY}, ok("bluesky/profile.json"))
    feed = "/xrpc/app.bsky.feed.getAuthorFeed"
    base = {"actor": BLUESKY, "filter": "posts_with_replies", "limit": 100}
    server.add(feed, base, ok("bluesky/feed_page1.json"))
    server.add(feed, {**base, "cursor": "2024-01-09T11:30:00.000Z"}, ok("bluesky/feed_page2.json"))
    server.add("/xrpc/app.bsky.feed.getPostThread", {"uri": ANCHOR, "depth": 10},
               ok("bluesky/thread.json"))  # fmt: skip
    server.add(SEARCH, MENTIONS, Answer(200, b'{"posts":[]}'))


SEARCH = "/xrpc/app.bsky.feed.searchPosts"
BLUESKY_DID = "did:plc:hm3gemeentevoorbeeld0"
MENTIONS = {"q": f"@{BLUESKY}", "mentions": BLUESKY_DID, "sort": "latest", "limit": 100}


X_TWEETS, X_MENTIONS = "/2/users/783214/tweets", "/2/users/783214/mentions"
X_EMPTY = Answer(200, b'{"meta":{"result_count":0}}')  # as the API ends a timeline or search


def x_routes(server: Recorded, fields: dict) -> None:
    """The recorded X account @Twitter: its user lookup, a page of tweets and a page of
    mentions, each followed by the empty page that ends it (``fields``: the collector's)."""
    server.add("/2/users/by/username/twitter", {}, ok("x/user.json"))
    first = {"max_results": 100, **fields}
    server.add(X_TWEETS, first, ok("x/tweets.json"))
    server.add(X_TWEETS, {**first, "pagination_token": "7140dibdnow9c7btw4232poeq0wapgnwgwqwvuwn3peex"},
               X_EMPTY)  # fmt: skip
    server.add(X_MENTIONS, first, ok("x/mentions.json"))
    server.add(X_MENTIONS, {**first, "pagination_token": "7140dibdnow9c7btw423i3sy3u5zupmkcpofxcsmxj48j"},
               X_EMPTY)  # fmt: skip
