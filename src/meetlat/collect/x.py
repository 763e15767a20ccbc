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

Cursors (state ``tweets`` and ``mentions``): ``since_id``; while a pass is open also
``next_token``, ``bound`` and ``top``.
"""

from __future__ import annotations

import json

from meetlat import __version__
from meetlat.collect.base import Account, AccountResult, Collector, Run, collectors
from meetlat.collect.http import FetchFailed, Response
from meetlat.collect.mastodon import _check
from meetlat.i18n import _

DEFAULT_BASE = "https://api.x.com"
PAGE = 100
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
    title = "X API v2 (bearer token): user lookup, user tweets, user mentions"
    endpoints = ("users/by/username/:username", "users/:id/tweets", "users/:id/mentions")

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
        except FetchFailed as error:
            result.error = str(error)
        return result

    def _pages(self, url, endpoint, account, run, result, snapshot) -> None:
        state = run.state(account)
        cursor = state.get(endpoint)
        if "next_token" not in cursor:
            cursor = {"since_id": cursor.get("since_id"), "bound": cursor.get("since_id"),
                      "top": None, "next_token": None}  # fmt: skip
        first = True
        while True:
            params = {"max_results": PAGE, **FIELDS, "since_id": cursor["bound"],
                      "pagination_token": cursor["next_token"]}  # fmt: skip
            page = run.get(result, url, params)
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
                self._keep(account, run, result, endpoint, page)
                cursor["top"] = cursor["top"] or meta.get("newest_id")
            following = meta.get("next_token")
            if not tweets or not following:
                break
            cursor["next_token"] = following
            state.put(endpoint, cursor)
        state.put(endpoint, {"since_id": cursor["top"] or cursor["bound"]})

    def _keep(self, account, run, result, endpoint, page) -> None:
        line = Response(page.url, page.status, page.headers, twarc_line(page), page.fetched_at)
        run.keep(account, result, self.reader, endpoint, line)
