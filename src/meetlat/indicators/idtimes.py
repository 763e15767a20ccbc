"""Creation times hidden in post ids, as Ibis expressions (the same rules as
``meetlat.platforms.ids``, so DuckDB and Spark decode them in the query itself).

All results are int64 milliseconds since the epoch, or null where the id carries no time:

- X: ``(id >> 22) + 1288834974657`` for snowflake ids (from November 2010 on);
- Mastodon: ``id >> 16`` when that is after 2001 (older instances used sequential ids);
- Bluesky: the record key (last part of an ``at://`` URI) as a TID, 13 characters of
  base32-sortable whose top 53 bits are microseconds; rounded down to milliseconds.
"""

from __future__ import annotations

from meetlat.platforms.ids import TID_ALPHABET, X_EPOCH_MS, X_MIN_SNOWFLAKE

TID_PATTERN = "^[2-7a-z]{13}$"


def x_id_ms(post_id):
    import ibis

    value = post_id.try_cast("int64")
    return ibis.ifelse(value >= X_MIN_SNOWFLAKE, (value >> 22) + X_EPOCH_MS, ibis.null("int64"))


def mastodon_id_ms(post_id):
    import ibis

    millis = post_id.try_cast("int64") >> 16
    return ibis.ifelse(millis >= 1_000_000_000_000, millis, ibis.null("int64"))


def bluesky_tid_ms(post_id):
    """The TID's 64-bit value shifted right by 10 is the sum over its first 11 characters
    of index × 32^(10 − position): the last two characters only fill the 10 dropped bits."""
    import ibis

    rkey = post_id.re_extract(r"([^/]+)$", 1)
    alphabet = ibis.literal(TID_ALPHABET)
    micros = ibis.literal(0, "int64")
    for position in range(11):
        index = alphabet.find(rkey.substr(position, 1)).cast("int64")
        micros = micros + index * (32 ** (10 - position))
    millis = (micros / 1000).floor().cast("int64")
    return ibis.ifelse(rkey.re_search(TID_PATTERN), millis, ibis.null("int64"))


def id_time_ms(platform, post_id):
    """The creation time encoded in ``post_id`` on ``platform``, or null."""
    import ibis

    return ibis.cases(
        (platform == "x", x_id_ms(post_id)),
        (platform == "mastodon", mastodon_id_ms(post_id)),
        (platform == "bluesky", bluesky_tid_ms(post_id)),
        else_=ibis.null("int64"),
    )
