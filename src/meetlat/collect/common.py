"""What the Mastodon and Bluesky collectors share: the replies watch list, Link headers."""

from __future__ import annotations

import re
import urllib.parse
from datetime import datetime, timedelta

from meetlat.collect.base import Account, AccountResult, Run

_LINK = re.compile(r'<([^>]*)>\s*;\s*rel="?([^";]+)"?')


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
