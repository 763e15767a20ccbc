"""HTTP GETs for the collectors, with the standard library only: timeouts, retries, limits.

``Client.get(url, params, headers)`` returns a ``Response`` whose body is whole (its
``Content-Length`` was met) and, for JSON, parses. It waits and tries again on:

- HTTP 429: as long as ``Retry-After`` says (seconds or an HTTP date), else backoff;
- HTTP 5xx, a timeout, a refused or reset connection, a body cut off before its
  ``Content-Length`` or not parseable as JSON: exponential backoff (1, 2, 4 ... s);

up to ``attempts`` tries, then raises ``FetchFailed`` (the reason for a person, never the
headers). Before the next request it honours the server's rate limit: when a response
says ``X-RateLimit-Remaining: 0`` (Mastodon; ``ratelimit-remaining`` on Bluesky,
``x-rate-limit-remaining`` on X), the client waits until the matching reset time. Other 4xx answers (404: no such account) are
returned to the caller, not retried.

Tokens travel in the ``Authorization`` header only; ``safe_headers`` is what may be
written anywhere (logs, the archive): every header but Authorization and cookies.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from meetlat import __version__
from meetlat.i18n import _

SECRET_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization"})
MAX_WAIT = 900.0  # never wait longer than this for one limit (seconds)


class FetchFailed(RuntimeError):
    """A request failed after every retry; the message says why, for a person."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        self.url, self.reason, self.status = url, reason, status
        super().__init__(_("{url}: {reason}").format(url=url, reason=reason))


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    fetched_at: datetime

    def json(self):
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def safe_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """``headers`` without Authorization and cookies: what may be shown or stored."""
    return {k: v for k, v in headers.items() if k.lower() not in SECRET_HEADERS}


def with_params(url: str, params: Mapping[str, object] | None) -> str:
    """``url`` with ``params`` (None values left out) added to its query."""
    if not params:
        return url
    query = urllib.parse.urlencode([(k, v) for k, v in params.items() if v is not None])
    if not query:
        return url
    return url + ("&" if "?" in url else "?") + query


def _seconds_until(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After or reset header: seconds, an epoch, or a date."""
    if not value:
        return None
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            try:
                moment = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):
                return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return max(0.0, moment.timestamp() - now)
    if number > 1e9:  # an epoch time (Bluesky's ratelimit-reset)
        return max(0.0, number - now)
    return max(0.0, number)


@dataclass
class Client:
    timeout: float = 30.0
    attempts: int = 5
    backoff: float = 1.0  # the first wait after a failure; doubled each time
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time
    waited: list[float] = field(default_factory=list)  # every wait, for the run's summary
    _resume_at: float = 0.0

    def get(
        self, url: str, params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None, expect_json: bool = True,
    ) -> Response:  # fmt: skip
        full = with_params(url, params)
        reason, status, pause = "", None, 0.0
        for attempt in range(self.attempts):
            if attempt:
                self._wait(pause)
            self._respect_limit()
            try:
                response = self._once(full, headers or {})
            except TimeoutError:
                reason, status = (
                    _("no answer within {seconds} s").format(seconds=self.timeout),
                    None,
                )
                pause = self.backoff * 2**attempt
                continue
            except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
                reason, status = _describe(error), None
                pause = self.backoff * 2**attempt
                continue
            self._note_limit(response)
            status = response.status
            if status == 429:
                reason = _("too many requests (HTTP 429)")
                retry = _seconds_until(response.header("retry-after"), self.clock())
                pause = self.backoff * 2**attempt if retry is None else retry
                continue
            if status >= 500:
                reason = _("server error (HTTP {status})").format(status=status)
                pause = self.backoff * 2**attempt
                continue
            if 200 <= status < 300 and expect_json:
                try:
                    response.json()
                except ValueError:
                    reason = _("the answer is not whole JSON (cut off?)")
                    pause = self.backoff * 2**attempt
                    continue
            return response
        raise FetchFailed(full, reason, status)

    def _once(self, url: str, headers: Mapping[str, str]) -> Response:
        request = urllib.request.Request(
            url,
            headers={"User-Agent": f"Meetlat/{__version__}", "Accept": "application/json",
                     **headers},
        )  # fmt: skip
        try:
            answer = urllib.request.urlopen(request, timeout=self.timeout)  # noqa: S310
        except urllib.error.HTTPError as error:
            answer = error  # an HTTP error answer still has a status, headers and a body
        with answer:
            names = {k.lower(): v for k, v in answer.headers.items()}
            try:
                body = answer.read()
            except http.client.IncompleteRead as error:
                raise http.client.HTTPException(
                    _("the answer was cut off after {size} bytes").format(size=len(error.partial))
                ) from None
            length = names.get("content-length")
            if length and length.isdigit() and int(length) != len(body):
                raise http.client.HTTPException(
                    _("the answer was cut off after {size} bytes").format(size=len(body))
                )
            return Response(url, answer.status, names, body, datetime.now(UTC))

    def _note_limit(self, response: Response) -> None:
        names = ("x-ratelimit", "ratelimit", "x-rate-limit")  # Mastodon, Bluesky, X
        remaining = next(
            (response.header(f"{n}-remaining") for n in names if response.header(f"{n}-remaining")),
            None,
        )
        if remaining is not None and remaining.strip() == "0":
            reset = next(
                (response.header(f"{n}-reset") for n in names if response.header(f"{n}-reset")),
                None,
            )
            wait = _seconds_until(reset, self.clock())
            if wait:
                self._resume_at = self.clock() + min(wait, MAX_WAIT)

    def _respect_limit(self) -> None:
        if self._resume_at > self.clock():
            self._wait(self._resume_at - self.clock())
        self._resume_at = 0.0

    def _wait(self, seconds: float) -> None:
        seconds = min(max(seconds, 0.0), MAX_WAIT)
        self.waited.append(seconds)
        if seconds:
            self.sleep(seconds)


def _describe(error: Exception) -> str:
    if isinstance(error, urllib.error.URLError) and not isinstance(error, urllib.error.HTTPError):
        if isinstance(error.reason, TimeoutError):
            return _("no answer in time")
        return _("no connection ({reason})").format(reason=error.reason)
    if isinstance(error, http.client.HTTPException) and str(error):
        return str(error)
    return _("no connection ({reason})").format(reason=type(error).__name__)
