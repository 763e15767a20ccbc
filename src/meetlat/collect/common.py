"""What the collectors share: the replies watch list, Link headers, listening terms, and
searches that a platform may refuse."""

from __future__ import annotations

import re
import urllib.parse
from datetime import datetime, timedelta

from meetlat.app.webcare import WebcareError, load_terms
from meetlat.collect.base import Account, AccountResult, Run
from meetlat.i18n import _

_LINK = re.compile(r'<([^>]*)>\s*;\s*rel="?([^";]+)"?')


class SearchRefused(Exception):
    """A search answered 401 or 403: it wants (another) token, or a plan that searches."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


def link_params(header: str | None, rel: str) -> dict[str, str] | None:
    """The query parameters of the ``rel`` link of a Link header, or None."""
    for url, rels in _LINK.findall(header or ""):
        if rel in rels.split():
            query = urllib.parse.urlsplit(url).query
            return dict(urllib.parse.parse_qsl(query))
    return None


def parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


class Replies:
    """The own posts whose replies are to be fetched, kept in the state's ``replies``.

    ``watch``: own posts younger than ``run.replies_days`` (their replies are fetched again
    on every run, since replies keep coming); ``todo``: the posts of this run still to do
    (every new post that has replies, whatever its age, and the watched ones). A run that
    stops keeps its ``todo``; the next run goes on with it.
    """

    def __init__(self, run: Run, account: Account):
        self.run = run
        self.state = run.state(account)
        self.data = self.state.get("replies")
        self.data.setdefault("watch", {})
        limit = run.now() - timedelta(days=run.replies_days)
        self.data["watch"] = {
            post: at for post, at in self.data["watch"].items()
            if (parse_time(at) or limit) > limit
        }  # fmt: skip
        if self.data.get("done", True):
            self.data["todo"] = sorted(self.data["watch"])
            self.data["done"] = False
        self.state.put("replies", self.data)

    def seen(self, post_id: str, created_at: str | None, replies: int | None) -> None:
        """An own post was collected (with its count of replies, if known)."""
        limit = self.run.now() - timedelta(days=self.run.replies_days)
        moment = parse_time(created_at)
        if moment is not None and moment > limit:
            self.data["watch"][post_id] = created_at
        if (replies or 0) > 0 or post_id in self.data["watch"]:
            if post_id not in self.data["todo"]:
                self.data["todo"].append(post_id)
        self.state.put("replies", self.data)

    def fetch(self, result: AccountResult, one) -> None:
        """Call ``one(post_id)`` for every post to do, saving after each."""
        while self.data["todo"]:
            post_id = self.data["todo"][0]
            one(post_id)
            self.data["todo"].pop(0)
            self.state.put("replies", self.data)
        self.data["done"] = True
        self.state.put("replies", self.data)


def listening_owner(platform: str, code: str) -> Account:
    """The pseudo-account that holds a municipality's listening cursors and inbox
    (``listening-gm0363``: no handle of a platform looks like it, none has a dot)."""
    return Account(platform, f"listening-{code.lower()}", code)


def listening_queries(run: Run, account: Account, result: AccountResult):
    """The searches of the listening terms of ``account``'s municipality
    (``<workspace>/listening/terms.toml``, ``meetlat.app.webcare.load_terms``) on its
    platform, once a run per municipality and platform: ``(owner, [(key, query)])`` with
    ``owner`` the municipality's pseudo-account (``listening_owner``), ``key`` its state
    entry (``term:<term>``, ``hashtag:<tag>``) and ``query`` the search text (a term that
    is not one word, such as ``oud papier`` or ``'s-hertogenbosch``, as a phrase in
    quotes, a hashtag with ``#``); None when there is nothing
    to search. A terms file that cannot be read is a note in ``result``, once a run."""
    if "listening-terms" not in run.memo:
        try:
            run.memo["listening-terms"] = load_terms(run.ws)
        except WebcareError as error:
            run.memo["listening-terms"] = {}
            result.notes.append(_("search terms not searched: {reason}").format(reason=error))
    terms = run.memo["listening-terms"].get(account.municipality_code)
    done = ("listening-done", account.platform, account.municipality_code)
    if terms is None or done in run.memo:
        return None
    if terms.platforms and account.platform not in terms.platforms:
        return None
    run.memo[done] = True
    queries = [(f"term:{t}", t if re.fullmatch(r"\w+", t) else '"' + t.replace('"', "") + '"')
               for t in terms.terms]  # fmt: skip
    queries += [(f"hashtag:{tag}", f"#{tag}") for tag in terms.hashtags]
    return listening_owner(account.platform, account.municipality_code), queries


def listen(run: Run, account: Account, result: AccountResult, reader: str, search) -> None:
    """Search the listening terms of ``account``'s municipality (``listening_queries``):
    first import what an interrupted run left in the pseudo-account's inbox, then call
    ``search(owner, key, query)`` for each term, one pass each with its own cursor."""
    listening = listening_queries(run, account, result)
    if listening is None:
        return
    owner, queries = listening
    run.pending(owner, result, reader)
    for key, query in queries:
        search(owner, key, query)


def refusable(run: Run, memo_key, searches) -> int | None:
    """Run ``searches()`` unless a search was refused earlier in this run (``memo_key``
    names the platform and server); a ``SearchRefused`` is remembered for the rest of the
    run. Returns the HTTP status of the refusal (now or earlier), or None."""
    if memo_key not in run.memo:
        try:
            searches()
        except SearchRefused as error:
            run.memo[memo_key] = error.status
    return run.memo.get(memo_key)
