"""Signals: answers that disagree with the registry or the measured posts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from meetlat import accounts
from meetlat.survey import signals
from meetlat.survey.answers import Response
from meetlat.warehouse import schema


def register(ws, *rows):
    accounts.save(
        ws,
        [
            {
                "municipality_code": code,
                "platform": platform,
                "handle": handle,
                "role": "corporate",
                "active_from": active_from,
                "active_to": active_to,
                "status": status,
            }
            for code, platform, handle, active_from, active_to, status in rows
        ],
    )


def write_posts(ws, posts, known_accounts=()):
    folder = ws.warehouse / "posts" / "platform=x" / "month=2014-05"
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        {
            "platform": "x",
            "post_id": str(number),
            "account_id": account_id,
            "handle": None,
            "created_at": created_at,
            "kind": kind,
            "in_reply_to_account_id": reply_to,
            "mentions": [],
            "embedded": False,
        }
        for number, (account_id, created_at, kind, reply_to) in enumerate(posts, start=1)
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema.POSTS), folder / "part.parquet")
    folder = ws.warehouse / "accounts"
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(
        [{"platform": "x", "account_id": a, "handle": h} for a, h in known_accounts],
        schema=schema.ACCOUNTS,
    )
    pq.write_table(table, folder / "part.parquet")


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


WEBCARE = Response(
    "GM0363",
    {"customer_experience.direct_questions": 9, "customer_experience.webcare_simple": "yes"},
)


def test_no_twitter_answered_while_the_registry_holds_an_active_account(workspace, edition):
    register(
        workspace,
        ("GM0363", "x", "amsterdam", date(2010, 1, 1), None, "active"),
        ("GM0363", "facebook", "gemeenteamsterdam", None, date(2013, 6, 1), "active"),
        ("GM0344", "x", "gemeenteutrecht", None, None, "active"),
    )
    answered = Response(
        "GM0363", {"general.twitter_account": "no", "general.facebook_account": "no"}
    )
    found = signals.find(workspace, edition, answered)
    assert [(s.code, s.measured) for s in found] == [
        ("account_denied", {"registry_accounts": ["amsterdam"]})
    ]  # the Facebook account ended in 2013
    assert "amsterdam" in found[0].text and "Twitter" in found[0].text
    agreed = Response("GM0363", {"general.twitter_account": "yes"})
    assert signals.find(workspace, edition, agreed) == []


def test_webcare_claimed_but_no_replies_measured(workspace, edition):
    register(workspace, ("GM0363", "x", "amsterdam", None, None, "active"))
    write_posts(
        workspace,
        [
            ("1", at("2014-05-01T10:00:00"), "original", None),
            ("1", at("2014-05-02T10:00:00"), "reply", "1"),  # a thread: reply to itself
            ("1", at("2013-05-02T10:00:00"), "reply", "99"),  # another year
            ("99", at("2014-05-02T10:00:00"), "reply", "1"),  # a citizen
        ],
        known_accounts=[("1", "Amsterdam"), ("99", "burger")],
    )
    found = signals.find(workspace, edition, WEBCARE)
    assert [s.code for s in found] == ["no_replies"]
    assert found[0].measured == {"posts": 2, "replies": 0}
    assert found[0].answers == {
        "customer_experience.direct_questions": 9,
        "customer_experience.webcare_simple": "yes",
    }


def test_one_reply_to_someone_else_is_enough(workspace, edition):
    register(workspace, ("GM0363", "x", "amsterdam", None, None, "active"))
    write_posts(
        workspace,
        [
            ("1", at("2014-05-01T10:00:00"), "original", None),
            ("1", at("2014-12-31T23:30:00"), "reply", "99"),  # 1 January 2015 in Amsterdam
        ],
        known_accounts=[("1", "amsterdam")],
    )
    assert [s.code for s in signals.find(workspace, edition, WEBCARE)] == ["no_replies"]
    write_posts(
        workspace,
        [
            ("1", at("2014-05-01T10:00:00"), "original", None),
            ("1", at("2014-05-03T10:00:00"), "reply", "99"),
        ],
        known_accounts=[("1", "amsterdam")],
    )
    assert signals.find(workspace, edition, WEBCARE) == []


def test_no_measurement_no_signal(workspace, edition):
    register(workspace, ("GM0363", "x", "amsterdam", None, None, "active"))
    assert signals.find(workspace, edition, WEBCARE) == []
    modest = Response("GM0363", {"customer_experience.direct_questions": 5})
    write_posts(
        workspace,
        [("1", at("2014-05-01T10:00:00"), "original", None)],
        known_accounts=[("1", "amsterdam")],
    )
    assert signals.find(workspace, edition, modest) == []
