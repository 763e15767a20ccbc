"""The collectors' HTTP client against a loopback server: limits, errors, cut-off bodies."""

import pytest
from loopback import Answer, Recorded, cut, ok, slow, status

from meetlat.collect.http import Client, FetchFailed, safe_headers

PATH = "/api/v1/accounts/lookup"
PARAMS = {"acct": "mastodonpy_test_2"}


def _client(**kw):
    waits = []
    return Client(sleep=waits.append, **kw), waits


def test_a_429_waits_as_long_as_retry_after_says_then_gets_the_answer():
    with Recorded() as server:
        server.add(PATH, PARAMS, status(429, retry_after="7"), ok("mastodon/lookup.json"))
        client, waits = _client()
        answer = client.get(server.url + PATH, PARAMS)
    assert answer.status == 200 and answer.json()["acct"] == "mastodonpy_test_2"
    assert waits == [7.0]
    assert len(server.requests) == 2


def test_a_500_is_tried_again_with_backoff():
    with Recorded() as server:
        server.add(PATH, PARAMS, status(500), status(502), ok("mastodon/lookup.json"))
        client, waits = _client(backoff=1.0)
        assert client.get(server.url + PATH, PARAMS).status == 200
    assert waits == [1.0, 2.0]


def test_a_timeout_is_tried_again():
    with Recorded() as server:
        server.add(PATH, PARAMS, slow(1.5, ok("mastodon/lookup.json")), ok("mastodon/lookup.json"))
        client, waits = _client(timeout=0.3)
        assert client.get(server.url + PATH, PARAMS).json()["id"] == "117020566092212359"
    assert len(waits) == 1 and len(server.requests) == 2


def test_a_cut_off_body_is_fetched_again():
    with Recorded() as server:
        server.add(PATH, PARAMS, cut(ok("mastodon/lookup.json")), ok("mastodon/lookup.json"))
        client, waits = _client()
        assert client.get(server.url + PATH, PARAMS).json()["followers_count"] == 0
    assert len(server.requests) == 2 and len(waits) == 1


def test_after_every_attempt_it_fails_with_the_reason_and_no_header():
    with Recorded() as server:
        server.add(PATH, PARAMS, status(503))
        client, waits = _client(attempts=3)
        with pytest.raises(FetchFailed) as failed:
            client.get(server.url + PATH, PARAMS, {"Authorization": "Bearer geheim-token"})
    assert failed.value.status == 503 and "503" in str(failed.value)
    assert "geheim-token" not in str(failed.value)
    assert len(server.requests) == 3 and waits == [1.0, 2.0]  # none after the last


def test_a_404_is_returned_not_retried():
    with Recorded() as server:
        client, waits = _client()
        assert client.get(server.url + PATH, {"acct": "niemand"}).status == 404
    assert waits == [] and len(server.requests) == 1


def test_an_exhausted_rate_limit_waits_until_its_reset_before_the_next_request():
    with Recorded() as server:
        server.add(PATH, PARAMS, ok("mastodon/lookup.json", X_RateLimit_Remaining="0",
                                    X_RateLimit_Reset="2026-08-01T13:50:30Z"))  # fmt: skip
        waits = []
        client = Client(sleep=waits.append, clock=lambda: 1785592200.0)  # 13:50:00 UTC
        client.get(server.url + PATH, PARAMS)
        assert waits == []
        client.get(server.url + PATH, PARAMS)
    assert waits == [30.0]


def test_safe_headers_leave_out_tokens_and_cookies():
    headers = {"Authorization": "Bearer x", "Cookie": "a=b", "Accept": "application/json"}
    assert safe_headers(headers) == {"Accept": "application/json"}


def test_non_json_success_is_treated_as_cut_off():
    with Recorded() as server:
        server.add(PATH, PARAMS, Answer(200, b'{"id": "1', {}), ok("mastodon/lookup.json"))
        client, _ = _client()
        assert client.get(server.url + PATH, PARAMS).status == 200
    assert len(server.requests) == 2
