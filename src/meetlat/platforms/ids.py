"""Creation times hidden in platform ids, for reaction times when the answered post is missing.

- X (Twitter) snowflake ids: ``(id >> 22) + 1288834974657`` milliseconds since the epoch
  (ids from 2010-11-04 on; older, sequential ids carry no time).
- Mastodon ids: the upper 48 bits are milliseconds since the epoch.
- Bluesky record keys (TIDs): 13 characters of base32-sortable; the top 53 bits of the
  64-bit value are microseconds since the epoch.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
X_EPOCH_MS = 1288834974657
X_MIN_SNOWFLAKE = 29_700_859_247  # first snowflake ids (Nov 2010) are above this
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def x_id_time(post_id: str) -> datetime | None:
    try:
        value = int(post_id)
    except ValueError:
        return None
    if value < X_MIN_SNOWFLAKE:
        return None
    return EPOCH + timedelta(milliseconds=(value >> 22) + X_EPOCH_MS)


def mastodon_id_time(post_id: str) -> datetime | None:
    try:
        value = int(post_id)
    except ValueError:
        return None
    millis = value >> 16
    if millis < 1_000_000_000_000:  # before 2001: an old-style sequential id
        return None
    return EPOCH + timedelta(milliseconds=millis)


def bluesky_tid_time(rkey: str) -> datetime | None:
    """Time of a Bluesky TID record key (also accepts a full at:// URI)."""
    rkey = rkey.rsplit("/", 1)[-1]
    if len(rkey) != 13 or any(ch not in TID_ALPHABET for ch in rkey):
        return None
    value = 0
    for ch in rkey:
        value = value * 32 + TID_ALPHABET.index(ch)
    micros = value >> 10
    return EPOCH + timedelta(microseconds=micros)


def id_time(platform: str, post_id: str) -> datetime | None:
    """The creation time encoded in ``post_id`` on ``platform``, or None where there is none."""
    decoder = {"x": x_id_time, "mastodon": mastodon_id_time, "bluesky": bluesky_tid_time}.get(
        platform
    )
    return decoder(post_id) if decoder else None
