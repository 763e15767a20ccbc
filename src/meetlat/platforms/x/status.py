"""X API v1.1 statuses as canonical rows; the account archive's tweets are read the same way.

A status carries its author (``user``), its entities, and the statuses it repeats
(``retweeted_status``) or quotes (``quoted_status``) in full: those become embedded
posts with their own authors. Ids are always the ``*_str`` fields, never the numeric
ones. The text is ``extended_tweet.full_text``, else ``full_text``, else ``text``.

Kinds: a status answering another (``in_reply_to_status_id_str``) is a reply, even
when it also quotes; a status with ``retweeted_status`` is a repost; one with a quoted
status is a quote; the rest are originals. ``in_reply_to_user_id_str`` alone (a status
that starts with @name but answers no status) does not make a reply.

Observations (account snapshots, metrics) are dated with ``observed_at`` when the
caller knows when the data was collected, else with the ``created_at`` of the record's
own status: v1.1 statuses do not carry the time they were fetched. A retweet's counts
repeat those of its original, so a repost gets no metrics row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from meetlat.i18n import _
from meetlat.platforms.base import Canonical
from meetlat.platforms.times import parse_time
from meetlat.platforms.x import rows
from meetlat.platforms.x.fields import (
    count,
    mapping,
    objects,
    optional_id,
    optional_text,
    post_id,
    problem,
    text,
)

METRIC_KEYS = ("favorite_count", "retweet_count", "reply_count", "quote_count")


@dataclass(frozen=True)
class Owner:
    """The author of statuses that do not carry one (the account archive's tweets)."""

    account_id: str | None
    handle: str | None = None
    display_name: str | None = None
    created_at: datetime | None = None


def status_rows(
    status: dict,
    observed_at: datetime | None = None,
    owner: Owner | None = None,
) -> Canonical:
    """The canonical rows of one status. Without ``owner`` the status must carry ``user``."""
    if type(status) is not dict:
        raise problem("status", status, _("an object"))
    result = Canonical()
    post, user, embeds = _post(status, "", owner, embedded=False)
    observed = observed_at or post["created_at"]
    _add(result, post, status, user, observed)
    seen = {post["post_id"]}
    while embeds:
        prefix, embedded_status = embeds.pop(0)
        embedded, user, more = _post(embedded_status, prefix, None, embedded=True)
        if embedded["post_id"] in seen:
            continue
        seen.add(embedded["post_id"])
        _add(result, embedded, embedded_status, user, observed)
        embeds.extend(more)
    return result


def _add(result: Canonical, post: dict, status: dict, user: dict | None, observed) -> None:
    result.posts.append(post)
    if post["kind"] != "repost" and any(status.get(key) is not None for key in METRIC_KEYS):
        result.metrics.append(
            rows.metrics(
                post["post_id"],
                observed,
                count(status.get("favorite_count"), "favorite_count"),
                count(status.get("retweet_count"), "retweet_count"),
                count(status.get("reply_count"), "reply_count"),
                count(status.get("quote_count"), "quote_count"),
                None,
            )
        )
    if user is not None:
        _user_rows(user, observed, result)


def _post(status: dict, prefix: str, owner: Owner | None, embedded: bool):
    """(post row, user object or None, [(prefix, embedded status)]) of one status."""
    status_id = post_id(status.get("id_str"), prefix + "id_str")
    created_at = parse_time(status.get("created_at"), prefix + "created_at")
    extended = status.get("extended_tweet")
    extended = mapping(extended, prefix + "extended_tweet") if extended is not None else {}
    if "full_text" in extended:
        body = text(extended["full_text"], prefix + "extended_tweet.full_text")
    elif "full_text" in status:
        body = text(status["full_text"], prefix + "full_text")
    else:
        body = text(status.get("text"), prefix + "text")
    if "entities" in extended:
        entities = mapping(extended["entities"], prefix + "extended_tweet.entities")
    else:
        entities = mapping(status.get("entities"), prefix + "entities")

    user = None
    followers = None
    if owner is not None:
        account_id, handle = owner.account_id, owner.handle
    else:
        user = status.get("user")
        user = mapping(user, prefix + "user") if user is not None else None
        if not user:
            raise problem(prefix + "user", status.get("user"), _("the author's user object"))
        account_id = post_id(user.get("id_str"), prefix + "user.id_str")
        handle = optional_text(user.get("screen_name"), prefix + "user.screen_name")
        followers = count(user.get("followers_count"), prefix + "user.followers_count")

    embeds = []
    repost_of = None
    retweeted = status.get("retweeted_status")
    if retweeted is not None:
        retweeted = mapping(retweeted, prefix + "retweeted_status")
        repost_of = post_id(retweeted.get("id_str"), prefix + "retweeted_status.id_str")
        embeds.append((prefix + "retweeted_status.", retweeted))
    elif owner is not None and body.startswith("RT @"):
        repost_of = ""  # the archive writes retweets as "RT @name: ..." without the original
    quote_of = optional_id(status.get("quoted_status_id_str"), prefix + "quoted_status_id_str")
    quoted = status.get("quoted_status")
    if quoted is not None:
        quoted = mapping(quoted, prefix + "quoted_status")
        quote_of = quote_of or post_id(quoted.get("id_str"), prefix + "quoted_status.id_str")
        embeds.append((prefix + "quoted_status.", quoted))
    reply_to = optional_id(
        status.get("in_reply_to_status_id_str"), prefix + "in_reply_to_status_id_str"
    )
    reply_to_account = None
    if reply_to is not None:
        kind = "reply"
        reply_to_account = optional_id(
            status.get("in_reply_to_user_id_str"), prefix + "in_reply_to_user_id_str"
        )
    elif repost_of is not None:
        kind = "repost"
    elif quote_of is not None:
        kind = "quote"
    else:
        kind = "original"

    mentions = [
        text(m.get("screen_name"), prefix + "entities.user_mentions.screen_name").lower()
        for m in objects(entities.get("user_mentions"), prefix + "entities.user_mentions")
    ]
    hashtags = [
        text(h.get("text"), prefix + "entities.hashtags.text")
        for h in objects(entities.get("hashtags"), prefix + "entities.hashtags")
    ]
    urls = [
        text(u.get("expanded_url") or u.get("url"), prefix + "entities.urls.expanded_url")
        for u in objects(entities.get("urls"), prefix + "entities.urls")
    ]
    post = rows.post(
        status_id,
        account_id,
        handle,
        created_at,
        body,
        optional_text(status.get("lang"), prefix + "lang"),
        kind,
        reply_to,
        reply_to_account,
        repost_of or None,
        quote_of,
        None,  # v1.1 statuses carry no conversation id
        mentions,
        hashtags,
        urls,
        followers,
        embedded,
    )
    return post, user, embeds


def _user_rows(user: dict, observed_at: datetime, result: Canonical) -> None:
    account_id = post_id(user.get("id_str"), "user.id_str")
    handle = optional_text(user.get("screen_name"), "user.screen_name")
    created = user.get("created_at")
    result.accounts.append(
        rows.account(
            account_id,
            handle,
            optional_text(user.get("name"), "user.name"),
            parse_time(created, "user.created_at") if created is not None else None,
        )
    )
    if user.get("followers_count") is not None:
        result.snapshots.append(
            rows.snapshot(
                account_id,
                handle,
                observed_at,
                count(user.get("followers_count"), "user.followers_count"),
                count(user.get("friends_count"), "user.friends_count"),
                count(user.get("statuses_count"), "user.statuses_count"),
            )
        )
