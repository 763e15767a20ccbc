"""Collecting Bluesky accounts through the public AppView (XRPC, no login needed).

For a registry handle (``gemeente.nl``, or a ``did:plc:...``):

- profile: ``app.bsky.actor.getProfile?actor=`` (followersCount, followsCount,
  postsCount), kept as a profile snapshot with the run's first page of the feed (which
  always starts with the newest post);
- own posts: ``app.bsky.feed.getAuthorFeed?actor=&filter=posts_with_replies&limit=100``,
  page after page through ``cursor``, newest first; a later run stops at the first page
  that reaches the newest item of the last completed pass (``newest``);
- replies: ``app.bsky.feed.getPostThread?uri=&depth=10`` for every new own post that has
  replies and for the own posts of the last days (``--replies-days``).

Cursors (state ``feed``): ``newest`` (sort time of the newest item of the last completed
pass) and, while a pass is open, ``cursor`` (the next page) and ``top``.
"""

from __future__ import annotations

from meetlat.collect.base import Account, AccountResult, Collector, Run, collectors
from meetlat.collect.common import Replies, parse_time
from meetlat.collect.http import FetchFailed
from meetlat.collect.mastodon import _check
from meetlat.i18n import _

DEFAULT_BASE = "https://public.api.bsky.app"
PAGE = 100
REPOST = "app.bsky.feed.defs#reasonRepost"


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
    title = "Bluesky AppView: getProfile, getAuthorFeed, getPostThread"
    endpoints = ("app.bsky.actor.getProfile", "app.bsky.feed.getAuthorFeed",
                 "app.bsky.feed.getPostThread")  # fmt: skip

    def collect(self, account: Account, run: Run) -> AccountResult:
        result = AccountResult(account)
        base = (run.base_url or DEFAULT_BASE).rstrip("/") + "/xrpc"
        actor = account.handle.lstrip("@")
        try:
            run.pending(account, result, self.reader)
            profile = run.get(result, f"{base}/app.bsky.actor.getProfile", {"actor": actor})
            if profile.status == 400 and b"not found" in profile.body.lower():
                result.missing = True
                return result
            _check(profile)
            did = profile.json()["did"]
            replies = Replies(run, account)
            self._feed(base, actor, did, account, run, result, replies, profile)
            replies.fetch(result, lambda uri: self._thread(base, uri, account, run, result))
        except FetchFailed as error:
            result.error = str(error)
        return result

    def _feed(self, base, actor, did, account, run, result, replies, profile) -> None:
        state = run.state(account)
        cursor = state.get("feed")
        if "cursor" not in cursor:
            cursor = {"newest": cursor.get("newest"), "top": None, "cursor": None}
        newest = parse_time(cursor["newest"])
        url = f"{base}/app.bsky.feed.getAuthorFeed"
        while True:
            params = {"actor": actor, "filter": "posts_with_replies", "limit": PAGE,
                      "cursor": cursor["cursor"]}  # fmt: skip
            page = run.get(result, url, params)
            _check(page)
            body = page.json()
            feed = body.get("feed") if isinstance(body, dict) else None
            if not isinstance(feed, list):
                raise FetchFailed(page.url, _("expected a feed"))
            reached = False
            if feed:
                run.keep(account, result, self.reader, "feed", page, profile)
                profile = None
            for item in feed:
                at = _sort_time(item)
                cursor["top"] = max(filter(None, (cursor["top"], at)), default=None)
                moment = parse_time(at)
                if moment is not None and (
                    (newest is not None and moment <= newest)
                    or (run.since is not None and moment.date() < run.since)
                ):
                    reached = True
                post = item.get("post") or {}
                is_own = (post.get("author") or {}).get("did") == did
                if is_own and (item.get("reason") or {}).get("$type") != REPOST:
                    replies.seen(post.get("uri"), (post.get("record") or {}).get("createdAt"),
                                 post.get("replyCount"))  # fmt: skip
            following = body.get("cursor")
            if not feed or not following or reached:
                break
            cursor["cursor"] = following
            state.put("feed", cursor)
        state.put("feed", {"newest": cursor["top"] or cursor["newest"]})

    def _thread(self, base, uri, account, run, result) -> None:
        answer = run.get(result, f"{base}/app.bsky.feed.getPostThread", {"uri": uri, "depth": 10})
        if answer.status == 400 and b"notfound" in answer.body.lower().replace(b" ", b""):
            return  # deleted since
        _check(answer)
        run.keep(account, result, self.reader, "thread", answer)
