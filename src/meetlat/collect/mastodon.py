"""Collecting Mastodon accounts through the REST API of each account's own server.

For a registry handle ``name@server`` (``name`` alone: the server of the setting
``MEETLAT_MASTODON_SERVER``):

- profile: ``GET /api/v1/accounts/lookup?acct=name`` (the Account entity: followers,
  following, statuses count), kept as a profile snapshot with the run's first page of
  posts (with ``?limit=1``, the newest post, when nothing is new);
- own posts: ``GET /api/v1/accounts/:id/statuses?limit=40``, page after page through
  the ``max_id`` of the Link header's ``rel="next"``; a later run asks only for what came
  after the newest post it has (``since_id``), paging down the same way;
- replies: ``GET /api/v1/statuses/:id/context`` for every new own post that has replies
  and for the own posts of the last days (``--replies-days``), whose replies keep coming;
- mentions, for the account whose own token is configured (``MEETLAT_MASTODON_TOKEN`` on
  the server of ``MEETLAT_MASTODON_SERVER``; ``GET /api/v1/accounts/verify_credentials``
  says whose it is, and is not archived): ``GET /api/v1/notifications?types[]=mention
  &limit=40``, paged and resumed like the statuses (state ``notifications``, cursors of
  notification ids). Each page is kept in an envelope, ``{"collected": {...},
  "notifications": <the body>}`` (the body byte for byte inside), whose mentioning
  statuses the reader reads.

Cursors (state ``statuses``): ``since_id`` (newest post of the last completed pass) and,
while a pass is open, ``max_id`` (the next page), ``bound`` (the pass's since_id) and
``top`` (the newest post of the pass). An interrupted pass goes on from ``max_id``.
"""

from __future__ import annotations

from meetlat import settings
from meetlat.collect.base import (
    Account,
    AccountResult,
    Collector,
    Run,
    collectors,
    notifications_envelope,
)
from meetlat.collect.common import Replies, link_params, parse_time
from meetlat.collect.http import FetchFailed, Response
from meetlat.i18n import _

PAGE = 40  # Mastodon's largest page of statuses


def server_and_name(handle: str) -> tuple[str, str]:
    """(server, local name) of a registry handle (``name@server`` or ``name``)."""
    name, _at, server = handle.lstrip("@").partition("@")
    return (server or settings.load().mastodon_server), name


@collectors.register("mastodon")
class MastodonCollector(Collector):
    platform = "mastodon"
    reader = "mastodon"
    title = (
        "Mastodon REST API: account lookup, account statuses, status context, "
        "mention notifications (own token)"
    )
    endpoints = (
        "accounts/lookup", "accounts/:id/statuses", "statuses/:id/context",
        "accounts/verify_credentials", "notifications",
    )  # fmt: skip

    def collect(self, account: Account, run: Run) -> AccountResult:
        result = AccountResult(account)
        server, name = server_and_name(account.handle)
        base = (run.base_url or f"https://{server}").rstrip("/")
        # the token belongs to the configured server: never sent to another one
        auth = server == settings.load().mastodon_server
        try:
            run.pending(account, result, self.reader)
            lookup = run.get(result, f"{base}/api/v1/accounts/lookup", {"acct": name}, auth)
            if lookup.status == 404:
                result.missing = True
                return result
            _check(lookup)
            account_id = str(lookup.json()["id"])
            replies = Replies(run, account)
            self._statuses(base, account_id, account, run, result, replies, auth, lookup)
            replies.fetch(
                result,
                lambda post: self._context(base, post, account, run, result, auth),
            )
            if auth and run.token and self._owner(base, run, result) == account_id:
                self._notifications(base, account, run, result)
        except FetchFailed as error:
            result.error = str(error)
        return result

    def _statuses(self, base, account_id, account, run, result, replies, auth, profile) -> None:
        state = run.state(account)
        cursor = state.get("statuses")
        if "max_id" not in cursor:  # a new pass, down to the newest post of the last one
            cursor = {"since_id": cursor.get("since_id"), "bound": cursor.get("since_id"),
                      "top": None, "max_id": None}  # fmt: skip
        url = f"{base}/api/v1/accounts/{account_id}/statuses"
        while True:
            params = {"limit": PAGE, "since_id": cursor["bound"], "max_id": cursor["max_id"]}
            page = run.get(result, url, params, auth)
            _check(page)
            statuses = page.json()
            if not isinstance(statuses, list):
                raise FetchFailed(page.url, _("expected a list of statuses"))
            if not statuses and profile is not None:  # nothing new: the newest post carries it
                page = run.get(result, url, {"limit": 1}, auth)
                _check(page)
                if page.json():
                    run.keep(account, result, self.reader, "profile", page, profile)
                profile = None
            if statuses:
                run.keep(account, result, self.reader, "statuses", page, profile)
                profile = None
                for status in statuses:
                    if not status.get("reblog"):
                        replies.seen(
                            str(status["id"]), status.get("created_at"),
                            status.get("replies_count"),
                        )  # fmt: skip
                cursor["top"] = cursor["top"] or str(statuses[0]["id"])
            after = link_params(page.header("link"), "next")
            older = _before_since(statuses[-1] if statuses else None, run)
            if not statuses or after is None or "max_id" not in after or older:
                break
            cursor["max_id"] = after["max_id"]
            state.put("statuses", cursor)
        state.put("statuses", {"since_id": cursor["top"] or cursor["bound"]})

    def _owner(self, base, run, result) -> str | None:
        """The id of the account the token belongs to (asked once a run), or None."""
        key = ("mastodon-token-owner", base)
        if key not in run.memo:
            answer = run.get(result, f"{base}/api/v1/accounts/verify_credentials")
            if answer.status in (401, 403, 404):  # not a user token, or not this API
                run.memo[key] = None
            else:
                _check(answer)
                run.memo[key] = str(answer.json()["id"])
        return run.memo[key]

    def _notifications(self, base, account, run, result) -> None:
        state = run.state(account)
        cursor = state.get("notifications")
        if "max_id" not in cursor:
            cursor = {"since_id": cursor.get("since_id"), "bound": cursor.get("since_id"),
                      "top": None, "max_id": None}  # fmt: skip
        url = f"{base}/api/v1/notifications"
        while True:
            params = {"types[]": "mention", "limit": PAGE, "since_id": cursor["bound"],
                      "max_id": cursor["max_id"]}  # fmt: skip
            page = run.get(result, url, params)
            _check(page)
            notifications = page.json()
            if not isinstance(notifications, list):
                raise FetchFailed(page.url, _("expected a list of notifications"))
            if notifications:
                wrapped = Response(page.url, page.status, page.headers,
                                   notifications_envelope("mastodon", page), page.fetched_at)  # fmt: skip
                run.keep(account, result, self.reader, "notifications", wrapped)
                cursor["top"] = cursor["top"] or str(notifications[0]["id"])
            after = link_params(page.header("link"), "next")
            if not notifications or after is None or "max_id" not in after:
                break
            cursor["max_id"] = after["max_id"]
            state.put("notifications", cursor)
        state.put("notifications", {"since_id": cursor["top"] or cursor["bound"]})

    def _context(self, base, post_id, account, run, result, auth) -> None:
        answer = run.get(result, f"{base}/api/v1/statuses/{post_id}/context", None, auth)
        if answer.status == 404:  # deleted since
            return
        _check(answer)
        run.keep(account, result, self.reader, "context", answer)


def _before_since(status: dict | None, run: Run) -> bool:
    """True when ``status`` is older than the run's --since day (older pages not needed)."""
    if status is None or run.since is None:
        return False
    moment = parse_time(status.get("created_at"))
    return moment is not None and moment.date() < run.since


def _check(response) -> None:
    if not 200 <= response.status < 300:
        raise FetchFailed(
            response.url,
            _("unexpected answer (HTTP {status})").format(status=response.status),
            response.status,
        )
