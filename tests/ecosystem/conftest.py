"""A small warehouse around Amsterdam's accounts whose network is counted by hand
(test_eco_network.py gives the counts), written with the canonical schemas."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from meetlat.warehouse import schema


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


ACCOUNTS = [
    ("x", "1", "amsterdam", "Gemeente Amsterdam"),
    ("x", "2", "parool", "Het Parool, dagblad van Amsterdam"),
    ("x", "3", "ajax", "AFC Ajax voetbalclub"),
    ("x", "4", "piet123", "Piet"),
    ("x", "5", "anna_x", "Anna"),
    ("x", "6", "far_away", "Ver weg"),
    ("mastodon", "m1", "amsterdam@stad.social", "Gemeente Amsterdam"),
    ("mastodon", "m2", "jan@mastodon.nl", "Jan"),
]
HANDLES = {(p, i): h for p, i, h, _d in ACCOUNTS}

# (post, platform, author id, created, reply-to post, reply-to account, mentions)
POSTS = [
    ("p1", "x", "1", "2024-03-04 09:00", None, None, ["parool", "ajax"]),
    ("p2", "x", "4", "2024-03-04 10:00", "p1", "1", ["amsterdam"]),
    ("p3", "x", "4", "2024-03-05 10:00", "p1", "1", ["amsterdam", "Parool"]),
    ("p4", "x", "1", "2024-03-05 11:00", "p2", None, ["piet123"]),
    ("p5", "x", "2", "2024-03-06 08:00", None, None, ["amsterdam", "amsterdam"]),
    ("p6", "x", "5", "2024-03-06 09:00", None, None, ["far_away"]),
    ("p7", "x", "3", "2024-03-07 12:00", None, None, ["piet123"]),
    ("p8", "x", "6", "2024-03-03 22:59", None, None, ["amsterdam"]),  # before (local 23:59)
    ("p9", "x", "1", "2024-03-08 12:00", None, None, ["amsterdam"]),  # itself
    ("p10", "x", "5", "2024-03-10 23:30", "p1", "1", []),  # local 11 March: after
    ("t1", "mastodon", "m2", "2024-03-07 12:00", None, None, ["amsterdam@stad.social"]),
]
REGISTRY = [("GM0363", "x", "amsterdam"), ("GM0363", "mastodon", "amsterdam@stad.social"),
            ("GM0518", "x", "far_away")]  # fmt: skip
CITIZENS = ("piet123", "anna_x", "jan@mastodon.nl")


@pytest.fixture
def citizen_handles():
    return CITIZENS


@pytest.fixture
def amsterdam(workspace):
    posts = [
        {
            "platform": platform, "post_id": post, "account_id": author,
            "handle": HANDLES[(platform, author)], "created_at": utc(created),
            "kind": "reply" if reply_post else "original", "text": "tekst",
            "in_reply_to_post_id": reply_post, "in_reply_to_account_id": reply_account,
            "mentions": mentions, "embedded": False,
        }
        for post, platform, author, created, reply_post, reply_account, mentions in POSTS
    ]  # fmt: skip
    accounts = [
        {"platform": p, "account_id": i, "handle": h, "display_name": d} for p, i, h, d in ACCOUNTS
    ]
    registry = [
        {
            "municipality_code": c,
            "platform": p,
            "handle": h,
            "role": "corporate",
            "status": "active",
        }
        for c, p, h in REGISTRY
    ]
    for name, rows, arrow_schema, file in (
        ("posts", posts, schema.POSTS, "part.parquet"),
        ("accounts", accounts, schema.ACCOUNTS, "part.parquet"),
        ("registry", registry, schema.REGISTRY, "accounts.parquet"),
    ):
        folder = workspace.warehouse / name
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema), folder / file)
    return workspace
