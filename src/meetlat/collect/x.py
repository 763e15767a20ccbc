"""Collecting X accounts through the X API v2, with a bearer token (MEETLAT_X_BEARER_TOKEN).

For a registry handle (the username):

- the user id: ``GET /2/users/by/username/:username`` (only its ``data.id`` is used;
  the X reader reads tweets, so the profile comes with the tweet pages instead);
- own tweets: ``GET /2/users/:id/tweets`` and tweets addressed to it (replies and
  mentions): ``GET /2/users/:id/mentions``, 100 a page, paged with
  ``meta.next_token``; a later run asks only for what came after the newest tweet it
  has (``since_id``). Every page asks for ``expansions=author_id,...`` with
  ``user.fields=public_metrics``, so its ``includes.users`` carry the followers,
  following and tweet counts of the account: the profile snapshot.

Each page is kept as twarc2 writes it: the body with ``"__twarc": {"url", "version",
"retrieved_at"}`` added before its closing brace (the bytes before it are the body as
received), so the X v2 reader dates the snapshots and metrics with ``retrieved_at``.
When nothing is new, the newest tweets are asked for once more (stored nothing twice)
to carry the snapshot.

Listening: once a run per municipality, ``GET /2/tweets/search/recent`` for each search
term and hashtag of the account's municipality in ``<workspace>/listening/terms.toml``
(``collect.common.listening_queries``: a term of one word as it is, any other as a
phrase in quotes, a hashtag as ``#tag``), each with ``-is:retweet`` added: a retweet
only repeats someone else's tweet (its text cut to ``RT @name: ...``), Bluesky's search
finds no reposts either, and retweets would use up the plan's monthly tweet cap. The
same ``max_results``, fields and expansions as the tweet pages, so the X v2 reader reads
the search pages unchanged, kept the same twarc2 way; paged with ``next_token`` (the
search's name for the paging parameter). A later pass asks ``since_id`` the newest
tweet of the last completed one, as long as that tweet is within the search's seven
days (an older ``since_id`` X refuses; then the whole seven days are asked, and what
comes again is stored nothing twice); a first pass asks ``start_time`` the ``--since``
day when that is within the seven days. A 401 or 403 of a search (a plan without
search, another token) leaves the searches out for the rest of the run, with a note in
each account's result; tweets and mentions are collected all the same. A 400 of a search
(X did not take that query) is a note with X's reason; the other terms are searched.

Cursors (state ``tweets`` and ``mentions``; the listening searches in the state of the
municipality's pseudo-account ``listening-gm0363``, one entry per term, ``term:<term>``
or ``hashtag:<tag>``): ``since_id``; while a pass is open also ``next_token``, ``bound``
and ``top``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from meetlat import __version__
from meetlat.collect.base import Account, AccountResult, Collector, Run, collectors
from meetlat.collect.common import SearchRefused, listen, refusable
from meetlat.collect.http import FetchFailed, Response
from meetlat.collect.mastodon import _check
from meetlat.i18n import _
from meetlat.platforms.ids import x_id_time

DEFAULT_BASE = "https://api.x.com"
PAGE = 100
SEARCH = "tweets/search/recent"
NOT_RETWEETS = "-is:retweet"
WINDOW = timedelta(days=7) - timedelta(minutes=10)  # what search/recent still holds
FIELDS = {
    "tweet.fields": "author_id,conversation_id,created_at,entities,in_reply_to_user_id,lang,"
    "public_metrics,referenced_tweets",
    "expansions": "author_id,in_reply_to_user_id,referenced_tweets.id,"
    "referenced_tweets.id.author_id,entities.mentions.username",
    "user.fields": "created_at,name,public_metrics,username",
}


def twarc_line(response: Response) -> bytes:
    """The body as twarc2 writes it: ``__twarc`` added before the closing brace."""
    body = response.body.rstrip()
    if not body.endswith(b"}"):
        raise FetchFailed(response.url, _("expected a JSON object"))
    note = json.dumps(
        {
            "url": response.url,
            "version": f"meetlat-{__version__}",
            "retrieved_at": response.fetched_at.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        },
        separators=(",", ":"),
    ).encode("utf-8")
    inner = body[:-1].rstrip()
    comma = b"" if inner.endswith(b"{") else b","
    return inner + comma + b'"__twarc":' + note + b"}\n"


@collectors.register("x")
class XCollector(Collector):
    platform = "x"
    reader = "x-v2"
    title = "X API v2 (bearer token): user lookup, user tweets, user mentions, recent search"
    endpoints = ("users/by/username/:username", "users/:id/tweets", "users/:id/mentions",
                 SEARCH)  # fmt: skip

    def collect(self, account: Account, run: Run) -> AccountResult:
        result = AccountResult(account)
        if not run.token:
            result.error = _("no token: set MEETLAT_X_BEARER_TOKEN")
            return result
        base = (run.base_url or DEFAULT_BASE).rstrip("/") + "/2"
        name = account.handle.lstrip("@")
        try:
            run.pending(account, result, self.reader)
            user = run.get(result, f"{base}/users/by/username/{name}")
            body = user.json() if 200 <= user.status < 300 else {}
            if user.status == 404 or (user.status == 200 and "data" not in body):
                result.missing = True
                return result
            _check(user)
            user_id = str(body["data"]["id"])
            self._pages(f"{base}/users/{user_id}/tweets", "tweets", account, run, result, True)
            self._pages(f"{base}/users/{user_id}/mentions", "mentions", account, run, result,
                        False)  # fmt: skip
            self._searches(base, account, run, result)
        except FetchFailed as error:
            result.error = str(error)
        return result

    def _searches(self, base, account, run, result) -> None:
        """The listening terms of the account's municipality (recent search)."""
        url = f"{base}/{SEARCH}"

        def search(owner, key, query) -> None:
            self._pages(url, key, owner, run, result, False, f"{query} {NOT_RETWEETS}")

        status = refusable(run, ("x-search-refused", base),
                           lambda: listen(run, account, result, self.reader, search))  # fmt: skip
        if status is not None:
            result.notes.append(
                _("X refused the search (HTTP {status}) with the token of "
                  "MEETLAT_X_BEARER_TOKEN: search terms not collected (does its plan "
                  "include recent search?).").format(status=status)
            )  # fmt: skip

    def _pages(self, url, endpoint, account, run, result, snapshot, query=None) -> None:
        """One pass down the pages of ``url`` (state ``endpoint`` of ``account``), newest
        first, ``since_id`` the newest tweet of the last completed pass; with ``query``
        the recent search of it."""
        state = run.state(account)
        cursor = state.get(endpoint)
        if "next_token" not in cursor or (query and not _searchable(cursor.get("bound"), run)):
            since = cursor.get("since_id")
            bound = since if query is None or _searchable(since, run) else None
            cursor = {"since_id": since, "bound": bound, "top": None, "next_token": None}
        paging = "pagination_token" if query is None else "next_token"
        asked = {} if query is None else {"query": query, "start_time": _start(cursor, run)}
        first = True
        while True:
            params = {**asked, "max_results": PAGE, **FIELDS, "since_id": cursor["bound"],
                      paging: cursor["next_token"]}  # fmt: skip
            page = run.get(result, url, params)
            if query is not None and page.status in (401, 403):
                raise SearchRefused(page.status)
            if query is not None and page.status == 400:  # this query: the next term still
                result.notes.append(
                    _("X did not take the search {query} (HTTP 400): {reason}").format(
                        query=query, reason=_problem(page))
                )  # fmt: skip
                return
            _check(page)
            body = page.json()
            tweets = body.get("data") if isinstance(body, dict) else None
            meta = (body.get("meta") if isinstance(body, dict) else None) or {}
            if not tweets and first and snapshot and cursor["bound"]:
                # nothing new: the newest tweets once more, for the profile snapshot
                newest = run.get(result, url, {"max_results": 5, **FIELDS})
                _check(newest)
                if (newest.json() or {}).get("data"):
                    self._keep(account, run, result, endpoint, newest)
            first = False
            if tweets:
                self._keep(account, run, result, endpoint if query is None else "search", page)
                cursor["top"] = cursor["top"] or meta.get("newest_id")
            following = meta.get("next_token")
            if not tweets or not following:
                break
            cursor["next_token"] = following
            state.put(endpoint, cursor)
        state.put(endpoint, {"since_id": _newest(cursor["top"], cursor["since_id"])})

    def _keep(self, account, run, result, endpoint, page) -> None:
        line = Response(page.url, page.status, page.headers, twarc_line(page), page.fetched_at)
        run.keep(account, result, self.reader, endpoint, line)


def _problem(page: Response) -> str:
    """What an X error answer says (its first error's message, else its detail)."""
    try:
        body = page.json()
    except ValueError:
        body = None
    body = body if isinstance(body, dict) else {}
    errors = body.get("errors") if isinstance(body.get("errors"), list) else []
    first = errors[0] if errors and isinstance(errors[0], dict) else {}
    reason = first.get("message") or body.get("detail") or body.get("title") or ""
    return " ".join(str(reason).split())[:300] or _("no reason given")


def _newest(*ids: str | None) -> str | None:
    """The newest of tweet ids (a server that ignores since_id may answer older ones)."""
    known = [i for i in ids if i and i.isdigit()]
    return max(known, key=int) if known else None


def _searchable(since_id: str | None, run: Run) -> bool:
    """Whether the recent search still takes ``since_id`` (a tweet of the last 7 days)."""
    moment = x_id_time(since_id) if since_id else None
    return since_id is None or (moment is not None and moment > run.now() - WINDOW)


def _start(cursor: dict, run: Run) -> str | None:
    """The ``start_time`` of a first search pass: the --since day, if within 7 days."""
    if cursor["bound"] is not None or run.since is None:
        return None
    start = datetime(run.since.year, run.since.month, run.since.day, tzinfo=UTC)
    return start.strftime("%Y-%m-%dT%H:%M:%SZ") if start > run.now() - WINDOW else None
