"""Collecting Bluesky accounts through the public AppView (XRPC, no login needed).

For a registry handle (``gemeente.nl``, or a ``did:plc:...``):

- profile: ``app.bsky.actor.getProfile?actor=`` (followersCount, followsCount,
  postsCount), kept as a profile snapshot with the run's first page of the feed (which
  always starts with the newest post);
- own posts: ``app.bsky.feed.getAuthorFeed?actor=&filter=posts_with_replies&limit=100``,
  page after page through ``cursor``, newest first; a later run stops at the first page
  that reaches the newest item of the last completed pass (``newest``);
- replies: ``app.bsky.feed.getPostThread?uri=&depth=10`` for every new own post that has
  replies and for the own posts of the last days (``--replies-days``);
- mentions: ``app.bsky.feed.searchPosts?q=@<handle>&mentions=<did>&sort=latest
  &limit=100``, paged through ``cursor`` like the feed, with ``since`` the newest post of
  the last completed pass (or the run's ``--since`` day on a first pass);
- listening: the same search for each search term and hashtag of the account's
  municipality in ``<workspace>/listening/terms.toml`` (``collect.common
  .listening_queries``), once a run per municipality, ``q=<term>`` or ``q=#<tag>``.

searchPosts may need authorisation: ``MEETLAT_BLUESKY_TOKEN`` goes along as
``Authorization: Bearer`` with the searches only. A 401 or 403 of a search leaves the
searches out for the rest of the run, with one note in each account's result; the
profile, feed and threads are collected all the same.

Cursors (state ``feed`` and ``mentions`` of the account; the listening searches in the
state of the municipality's pseudo-account ``listening-gm0363``, one entry per term,
``term:<term>`` or ``hashtag:<tag>``): ``newest`` (sort time of the newest item of the
last completed pass) and, while a pass is open, ``cursor`` (the next page) and ``top``.
"""

from __future__ import annotations

from meetlat.collect.base import Account, AccountResult, Collector, Run, collectors
from meetlat.collect.common import Replies, SearchRefused, listen, parse_time, refusable
from meetlat.collect.http import FetchFailed
from meetlat.collect.mastodon import _check
from meetlat.i18n import _

DEFAULT_BASE = "https://public.api.bsky.app"
PAGE = 100
REPOST = "app.bsky.feed.defs#reasonRepost"
SEARCH = "app.bsky.feed.searchPosts"


def _sort_time(item: dict) -> str | None:
    reason = item.get("reason") or {}
    if reason.get("$type") == REPOST:
        return reason.get("indexedAt")
    post = item.get("post") or {}
    return post.get("indexedAt") or (post.get("record") or {}).get("createdAt")


@collectors.register("bluesky")
class BlueskyCollector(Collector):
    platform = "bluesky"
    reader = "bluesky"
    title = (
        "Bluesky AppView: getProfile, getAuthorFeed, getPostThread, searchPosts (mentions "
        "and listening terms)"
    )
    endpoints = ("app.bsky.actor.getProfile", "app.bsky.feed.getAuthorFeed",
                 "app.bsky.feed.getPostThread", SEARCH)  # fmt: skip

    def collect(self, account: Account, run: Run) -> AccountResult:
        result = AccountResult(account)
        base = (run.base_url or DEFAULT_BASE).rstrip("/") + "/xrpc"
        actor = account.handle.lstrip("@")
        try:
            run.pending(account, result, self.reader)
            profile = run.get(result, f"{base}/app.bsky.actor.getProfile", {"actor": actor},
                              auth=False)  # fmt: skip
            if profile.status == 400 and b"not found" in profile.body.lower():
                result.missing = True
                return result
            _check(profile)
            details = profile.json()
            did = details["did"]
            replies = Replies(run, account)
            self._feed(base, actor, did, account, run, result, replies, profile)
            replies.fetch(result, lambda uri: self._thread(base, uri, account, run, result))
            self._searches(base, account, details.get("handle") or actor, did, run, result)
        except FetchFailed as error:
            result.error = str(error)
        return result

    def _feed(self, base, actor, did, account, run, result, replies, profile) -> None:
        def own(item: dict) -> None:
            post = item.get("post") or {}
            is_own = (post.get("author") or {}).get("did") == did
            if is_own and (item.get("reason") or {}).get("$type") != REPOST:
                replies.seen(post.get("uri"), (post.get("record") or {}).get("createdAt"),
                             post.get("replyCount"))  # fmt: skip

        params = {"actor": actor, "filter": "posts_with_replies", "limit": PAGE}
        self._pass(run, result, account, "feed", f"{base}/app.bsky.feed.getAuthorFeed",
                   params, "feed", _sort_time, own, profile)  # fmt: skip

    def _searches(self, base, account, handle, did, run, result) -> None:
        """Mentions of the account, then its municipality's listening terms (searchPosts)."""
        url = f"{base}/{SEARCH}"

        def searches() -> None:
            params = {"q": f"@{handle}", "mentions": did}
            self._search(run, result, account, "mentions", url, params)
            listen(run, account, result, self.reader,
                   lambda owner, key, query: self._search(run, result, owner, key, url,
                                                          {"q": query}))  # fmt: skip

        status = refusable(run, ("bluesky-search-refused", base), searches)
        if status is not None:
            note = (
                _("Bluesky refused the search (HTTP {status}) with the token of "
                  "MEETLAT_BLUESKY_TOKEN: mentions and search terms not collected.")
                if run.token else
                _("Bluesky refused the search (HTTP {status}): mentions and search terms not "
                  "collected; set MEETLAT_BLUESKY_TOKEN.")
            )  # fmt: skip
            result.notes.append(note.format(status=status))

    def _search(self, run, result, owner, key, url, params) -> None:
        params = {**params, "sort": "latest", "limit": PAGE}
        self._pass(run, result, owner, key, url, params, "posts",
                   lambda view: _sort_time({"post": view}), search=True)  # fmt: skip

    def _pass(self, run, result, owner, key, url, params, items_key, sort_time, each=None,
              profile=None, search=False) -> None:  # fmt: skip
        """One pass down the pages of ``url`` (state ``key`` of ``owner``), newest first,
        until a page reaches the newest item of the last completed pass or the --since
        day; every page with items is kept (``profile`` goes with the first one). A search
        also asks the server for only what came ``since`` then, and carries the token."""
        state = run.state(owner)
        cursor = state.get(key)
        if "cursor" not in cursor:
            cursor = {"newest": cursor.get("newest"), "top": None, "cursor": None}
        newest = parse_time(cursor["newest"])
        if search:
            since = cursor["newest"] or (run.since.isoformat() if run.since else None)
            params = {**params, "since": since}
        while True:
            page = run.get(result, url, {**params, "cursor": cursor["cursor"]}, auth=search)
            if search and page.status in (401, 403):
                raise SearchRefused(page.status)
            _check(page)
            body = page.json()
            items = body.get(items_key) if isinstance(body, dict) else None
            if not isinstance(items, list):
                reason = _("expected a list of posts") if search else _("expected a feed")
                raise FetchFailed(page.url, reason)
            reached = False
            if items:
                run.keep(owner, result, self.reader, "search" if search else key, page, profile)
                profile = None
            for item in items:
                at = sort_time(item)
                cursor["top"] = max(filter(None, (cursor["top"], at)), default=None)
                moment = parse_time(at)
                if moment is not None and (
                    (newest is not None and moment <= newest)
                    or (run.since is not None and moment.date() < run.since)
                ):
                    reached = True
                if each is not None:
                    each(item)
            following = body.get("cursor")
            if not items or not following or reached:
                break
            cursor["cursor"] = following
            state.put(key, cursor)
        state.put(key, {"newest": cursor["top"] or cursor["newest"]})

    def _thread(self, base, uri, account, run, result) -> None:
        answer = run.get(result, f"{base}/app.bsky.feed.getPostThread", {"uri": uri, "depth": 10},
                         auth=False)  # fmt: skip
        if answer.status == 400 and b"notfound" in answer.body.lower().replace(b" ", b""):
            return  # deleted since
        _check(answer)
        run.keep(account, result, self.reader, "thread", answer)
