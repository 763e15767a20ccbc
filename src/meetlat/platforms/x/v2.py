"""X API v2 responses as twarc2 writes them, and single v2 tweets, one per line.

What a line can be, and what it gives:

- a *page* (``data`` list, ``includes.users``, ``includes.tweets``, ``meta``,
  ``__twarc``): one record per tweet in ``data`` (``item`` = its position,
  ``raw`` = its JSON, ``context`` = what the page shares: the users and tweets of
  ``includes`` and the time of collection);
- a streaming or lookup response (``data`` is one tweet): one record, ``raw`` = the line;
- one tweet (no ``data`` key; also twarc's flattened form, where ``author``,
  ``in_reply_to_user`` and ``referenced_tweets`` carry the full objects): one record;
- a line with ``errors`` and no ``data`` (the API's answer when nothing could be
  returned, as a stream writes it): a record with the error "no tweets in this line",
  so the importer reports it and it does not silently vanish;
- a page without ``data`` and without ``errors`` (``meta.result_count`` 0): nothing,
  like a blank line, as it carries no post; ``errors`` beside ``data`` (partial
  results, such as a mentioned user who is suspended) are not records either;
- a line that is not JSON, or JSON that is not an object: a record with an error.

Canonical rows of a tweet: its post, its metrics, and the posts it references that the
page includes (the original of a retweet, the quoted tweet, the tweet replied to) as
embedded posts. Every user of ``includes`` becomes an account and an account snapshot
once per page: with the first tweet of the page that involves that user (as author,
author of a referenced tweet, addressee or mention), and users no tweet involves with
the page's first tweet. A referenced tweet is embedded once per page, likewise; one
that is itself in ``data`` is not embedded, and tweets of ``includes`` that no tweet
of ``data`` references (a user's pinned tweet) are not stored.

Observations (snapshots, metrics) are dated with twarc's ``__twarc.retrieved_at`` when
the line has it, else with the ``created_at`` of the record's own tweet. A retweet's
``public_metrics`` repeat the counts of its original, so a repost gets no metrics row
(the original, embedded, has its own). A tweet whose ``in_reply_to_user_id`` is set
without a ``replied_to`` reference (a tweet that merely starts with @name) is an
original post, not a reply.

The API gives only ``id``, ``text`` and ``edit_history_tweet_ids`` unless it is asked
for more (``tweet.fields``, ``expansions``). A tweet without ``created_at`` is dated with
the time its snowflake id encodes (``meetlat.platforms.ids``: exact to the millisecond;
an id from before November 2010 encodes none, and the tweet is set aside saying so).
A tweet without ``author_id`` is stored without its author, as an X archive's tweets
without account.js are; an import of the same tweets with their author fills it in
(``post_authors``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import (
    Canonical,
    RawRecord,
    Reader,
    RecordError,
    Rows,
    Source,
    readers,
)
from meetlat.platforms.ids import x_id_time
from meetlat.platforms.jsonsource import is_json_lines, json_lines, json_values
from meetlat.platforms.times import parse_time
from meetlat.platforms.x import sniffing
from meetlat.platforms.x.fields import (
    count,
    counts,
    mapping,
    objects,
    optional_id,
    optional_text,
    post_id,
    problem,
    shown,
    text,
)
from meetlat.platforms.x.rows import PLATFORM
from meetlat.warehouse.schema import ACCOUNT_SNAPSHOTS, ACCOUNTS, POST_METRICS, POSTS

PAGE_KEYS = ("data", "includes", "meta", "errors")


@dataclass(slots=True)
class Page:
    """What the tweets of one line share."""

    observed_at: datetime | None
    users: dict[str, dict] = field(default_factory=dict)  # by id
    tweets: dict[str, dict] = field(default_factory=dict)  # referenced tweets, by id
    users_of: dict[int, list[dict]] = field(default_factory=dict)  # item → users it brings
    tweets_of: dict[int, list[dict]] = field(default_factory=dict)  # item → tweets it embeds


@readers.register("x-v2")
class XApiV2(Reader):
    """X (Twitter) API v2: twarc2 pages (data + includes + meta) or one tweet per line."""

    platform = "x"
    title = "X API v2 responses (twarc2 pages, streams, one tweet per line)"

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        text_ = sniffing.body(head)
        if not text_.startswith((b"{", b"[")):
            return False
        for value in sniffing.line_values(head):
            if sniffing.is_missing(value):
                return (
                    sniffing.has_keys(text_, "id", "text")
                    and sniffing.has_any_key(text_, "author_id", "edit_history_tweet_ids")
                    and not sniffing.has_any_key(text_, "id_str", "$type", "account", "uri")
                )
            if isinstance(value, list):
                value = value[0] if value else None
            if not isinstance(value, dict):
                return False
            if "data" not in value and ("errors" in value or "meta" in value):
                continue  # a line without tweets (an error of the stream, an empty page)
            data = value.get("data")
            if isinstance(data, list):
                data = data[0] if data else None
            return _looks_like_tweet(data) or _looks_like_tweet(value)
        return False

    def records(self, source: Source) -> Iterator[RawRecord]:
        for record in json_values(source):
            yield from _line_records(record)

    def columnar(self, source: Source, source_file: str, first_seq: int) -> Iterator:
        """The records of ``source`` as ``records`` gives them, a page of tweets at a time as
        ``Rows`` (hashed, rows built as tuples); any other line as its RawRecords."""
        if not is_json_lines(source):
            yield from self.records(source)
            return
        yield from self.columnar_records(json_lines(source), source_file, first_seq)

    def columnar_records(self, lines, source_file: str, first_seq: int) -> Iterator:
        """``columnar`` over the RawRecords of JSON lines (``json_lines``, or a part of a
        file: ``meetlat.importer.spark``), their records numbered from ``first_seq``."""
        seq = first_seq - 1
        for record in lines:
            value = record.value
            data = value.get("data") if type(value) is dict else None
            if type(data) is not list:
                for one in _line_records(record):
                    seq += 1
                    yield one
                continue
            try:
                page = _page_context(value, data)
            except RecordError:
                for one in _line_records(record):  # the page's own error, as a record
                    seq += 1
                    yield one
                continue
            rows = page_rows(record.line, data, page, source_file, seq + 1)
            seq += rows.count
            yield rows

    @staticmethod
    def line_record_count(record: RawRecord) -> int:
        """How many records ``columnar_records`` makes of one line (a page: its tweets)."""
        value = record.value
        data = value.get("data") if type(value) is dict else None
        if type(data) is list:
            try:
                _page_context(value, data)
            except RecordError:
                pass
            else:
                return len(data)
        return sum(1 for _one in _line_records(record))

    def canonical(self, record: RawRecord) -> Canonical:
        tweet = record.value
        if type(tweet) is not dict:
            raise problem("data", tweet, _("a tweet object"))
        page = record.context
        if page is None:
            page = _own_context(tweet)
        return _tweet_rows(tweet, page, record.item or 1)


def _line_records(record: RawRecord) -> Iterator[RawRecord]:
    """The records of one line (or document element) of a v2 file."""
    value = record.value
    if record.error is not None:
        yield record
    elif type(value) is not dict:
        record.value = None
        record.error = _(
            "expected a JSON object (a page of tweets or one tweet), found {found}"
        ).format(found=shown(value))
        yield record
    elif any(key in value for key in PAGE_KEYS):
        yield from _page_records(record, value)
    else:
        yield record


def page_rows(line: int, tweets: list, page: Page, source_file: str, first_seq: int) -> Rows:
    """The records of one page as staged rows: what the importer makes of the RawRecords
    ``_page_records`` gives (hash, ``canonical``, quarantine), tweet by tweet, as tuples."""
    dumps = orjson.dumps
    sha256 = hashlib.sha256
    posts: list[tuple] = []
    metrics: list[tuple] = []
    accounts: list[tuple] = []
    snapshots: list[tuple] = []
    records: list[tuple] = []
    quarantine: list[tuple] = []
    problems: list[tuple] = []
    seq = first_seq - 1
    for item, tweet in enumerate(tweets, start=1):
        seq += 1
        raw = dumps(tweet)
        record_hash = sha256(raw).hexdigest()
        try:
            if type(tweet) is not dict:
                raise problem("data", tweet, _("a tweet object"))
            own, observed, embedded, users = tweet_values(tweet, page, item)
        except RecordError as exc:
            reason = str(exc)
            quarantine.append((seq, line, item, reason, record_hash, raw))
            records.append((seq, line, item, record_hash, None, None, True))
            problems.append((line, reason, item))
            continue
        tail = (source_file, record_hash, seq)
        posts.extend(values + tail for values in own)
        tail = (source_file, seq)
        metrics.extend(values + tail for values in observed)
        accounts.extend(values + tail for values in embedded)
        snapshots.extend(values + tail for values in users)
        records.append((seq, line, item, record_hash, PLATFORM, own[0][1], False))
    return Rows(
        line=line,
        count=len(tweets),
        quarantined=len(quarantine),
        tables={
            "posts": posts,
            "post_metrics": metrics,
            "accounts": accounts,
            "account_snapshots": snapshots,
            "records": records,
            "quarantine": quarantine,
        },
        problems=problems,
    )


def _looks_like_tweet(value) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("id"), str)
        and "text" in value
        and ("author_id" in value or "edit_history_tweet_ids" in value)
        and not any(key in value for key in ("id_str", "user", "account", "uri", "$type"))
    )


def _page_records(record: RawRecord, value: dict) -> Iterator[RawRecord]:
    """The records of a page (or of a streamed single-tweet response)."""
    data = value.get("data")
    if data is None:
        errors = value.get("errors")
        if errors:
            record.value = None
            record.error = _("no tweets in this line: {detail}").format(
                detail=_describe_errors(errors)
            )
            yield record
        return  # a page without results: no record, like a blank line
    single = type(data) is dict
    tweets = [data] if single else data
    if type(tweets) is not list:
        record.value = None
        record.error = str(problem("data", data, _("a list of tweets")))
        yield record
        return
    try:
        page = _page_context(value, tweets)
    except RecordError as exc:
        record.value = None
        record.error = str(exc)
        yield record
        return
    if single:
        if record.item is not None:  # an element of an array: its tweet is that item
            page.users_of = {record.item: page.users_of.get(1, [])}
            page.tweets_of = {record.item: page.tweets_of.get(1, [])}
        record.value = data
        record.context = page
        yield record
        return
    line = record.line
    dumps = orjson.dumps
    for position, tweet in enumerate(tweets, start=1):
        yield RawRecord(line, dumps(tweet), tweet, None, position, page)


def _describe_errors(errors) -> str:
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        parts = [str(first[key]) for key in ("title", "detail", "message") if first.get(key)]
        if parts:
            more = f" (+{len(errors) - 1})" if len(errors) > 1 else ""
            return ": ".join(parts) + more
    return shown(errors)


_TIMES: dict[str, datetime] = {}  # API times seen lately (users' times recur on every page)
TIMES_KEPT = 100_000


def _time(value, field: str) -> datetime:
    """``parse_time``, with a short way for the API's own form (``2021-04-08T19:34:16.000Z``)."""
    if type(value) is str:
        known = _TIMES.get(value)
        if known is not None:
            return known
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is UTC:
            if len(_TIMES) >= TIMES_KEPT:
                _TIMES.clear()
            _TIMES[value] = parsed
            return parsed
    return parse_time(value, field)


def _observed_at(value: dict) -> datetime | None:
    twarc = value.get("__twarc")
    if type(twarc) is dict and twarc.get("retrieved_at") is not None:
        return _time(twarc["retrieved_at"], "__twarc.retrieved_at")
    return None


def _page_context(value: dict, tweets: list) -> Page:
    """The users and referenced tweets of a page, each handed to the first tweet needing it."""
    includes = mapping(value.get("includes"), "includes")
    page = Page(observed_at=_observed_at(value))
    users = page.users
    by_name: dict[str, str] = {}
    for user in objects(includes.get("users"), "includes.users"):
        user_id = post_id(user.get("id"), "includes.users.id")
        users[user_id] = user
        name = user.get("username")
        if type(name) is str:
            by_name[name.lower()] = user_id
    included = page.tweets
    for tweet in objects(includes.get("tweets"), "includes.tweets"):
        included[post_id(tweet.get("id"), "includes.tweets.id")] = tweet

    in_data = {
        tweet.get("id") for tweet in tweets if type(tweet) is dict and type(tweet.get("id")) is str
    }
    handed_users: set[str] = set()
    handed_tweets: set[str] = set()
    first_item = None

    def hand(user_id, mine: list) -> None:
        if type(user_id) is str and user_id in users and user_id not in handed_users:
            handed_users.add(user_id)
            mine.append(users[user_id])

    for item, tweet in enumerate(tweets, start=1):
        if type(tweet) is not dict:
            continue
        if first_item is None:
            first_item = item
        mine: list[dict] = []
        hand(tweet.get("author_id"), mine)
        hand(tweet.get("in_reply_to_user_id"), mine)
        embeds: list[dict] = []
        references = tweet.get("referenced_tweets")
        if type(references) is list:
            for reference in references:
                ref_id = reference.get("id") if type(reference) is dict else None
                if (
                    type(ref_id) is str
                    and ref_id in included
                    and ref_id not in in_data
                    and ref_id not in handed_tweets
                ):
                    handed_tweets.add(ref_id)
                    embeds.append(included[ref_id])
                    hand(included[ref_id].get("author_id"), mine)
        entities = tweet.get("entities")
        if type(entities) is dict and type(entities.get("mentions")) is list:
            for mention in entities["mentions"]:
                if type(mention) is dict:
                    name = mention.get("username")
                    by_handle = by_name.get(name.lower()) if type(name) is str and name else None
                    hand(mention.get("id") or by_handle, mine)
        if mine:
            page.users_of[item] = mine
        if embeds:
            page.tweets_of[item] = embeds
    if first_item is not None:
        rest = [user for user_id, user in users.items() if user_id not in handed_users]
        if rest:
            page.users_of.setdefault(first_item, []).extend(rest)
    return page


def _own_context(tweet: dict) -> Page:
    """The context of a tweet on its own line: what twarc's flattened form carries inside it."""
    page = Page(observed_at=_observed_at(tweet))
    users = page.users
    candidates = [tweet.get("author"), tweet.get("in_reply_to_user")]
    entities = tweet.get("entities")
    if type(entities) is dict and type(entities.get("mentions")) is list:
        candidates.extend(m for m in entities["mentions"] if type(m) is dict and "name" in m)
    references = tweet.get("referenced_tweets")
    embeds = []
    if type(references) is list:
        for reference in references:
            if type(reference) is dict and "created_at" in reference and "text" in reference:
                embeds.append(reference)
                page.tweets[post_id(reference.get("id"), "referenced_tweets.id")] = reference
                candidates.append(reference.get("author"))
    for user in candidates:
        if type(user) is dict:
            users.setdefault(post_id(user.get("id"), "author.id"), user)
    page.users_of[1] = list(users.values())
    page.tweets_of[1] = embeds
    return page


def _tweet_rows(tweet: dict, page: Page, item: int) -> Canonical:
    posts, metrics, accounts, snapshots = tweet_values(tweet, page, item)
    return Canonical(
        posts=[dict(zip(POST_KEYS, values, strict=True), **_NO_FILE_HASH) for values in posts],
        accounts=[dict(zip(ACCOUNT_KEYS, v, strict=True), source_file=None) for v in accounts],
        snapshots=[dict(zip(SNAPSHOT_KEYS, v, strict=True), source_file=None) for v in snapshots],
        metrics=[dict(zip(METRICS_KEYS, v, strict=True), source_file=None) for v in metrics],
    )


# The columns of the value tuples (``tweet_values``): the schema's columns up to, not
# including, ``source_file`` (and ``record_hash``), which the importer fills in.
POST_KEYS = tuple(POSTS.names[: POSTS.names.index("source_file")])
METRICS_KEYS = tuple(POST_METRICS.names[: POST_METRICS.names.index("source_file")])
ACCOUNT_KEYS = tuple(ACCOUNTS.names[: ACCOUNTS.names.index("source_file")])
SNAPSHOT_KEYS = tuple(ACCOUNT_SNAPSHOTS.names[: ACCOUNT_SNAPSHOTS.names.index("source_file")])
_NO_FILE_HASH = {"source_file": None, "record_hash": None}


def tweet_values(tweet: dict, page: Page, item: int) -> tuple[list, list, list, list]:
    """The rows of one tweet of a page as value tuples (posts, metrics, accounts,
    snapshots), in the column order of ``*_KEYS``; raises RecordError for a wrong shape.

    The row path (``canonical``) and the importer's columnar path (``page_columns``) both
    build their rows from these tuples, so they cannot differ.
    """
    post, public = _post(tweet, page, embedded=False)
    observed = page.observed_at or post[4]
    posts = [post]
    metrics = []
    if public is not None and post[7] != "repost":
        metrics.append(_metrics(post[1], public, observed))
    for embedded_tweet in page.tweets_of.get(item, ()):
        try:
            embedded, public = _post(embedded_tweet, page, embedded=True)
            if public is not None and embedded[7] != "repost":
                metrics.append(_metrics(embedded[1], public, observed))
        except RecordError as exc:
            raise RecordError(
                _("in the referenced tweet {id}: {problem}").format(
                    id=shown(embedded_tweet.get("id")), problem=exc
                )
            ) from exc
        posts.append(embedded)
    accounts: list[tuple] = []
    snapshots: list[tuple] = []
    for user in page.users_of.get(item, ()):
        try:
            _user_rows(user, observed, accounts, snapshots)
        except RecordError as exc:
            raise RecordError(
                _("in the user {id}: {problem}").format(id=shown(user.get("id")), problem=exc)
            ) from exc
    return posts, metrics, accounts, snapshots


def _post(tweet: dict, page: Page, embedded: bool) -> tuple[tuple, dict | None]:
    """The post values of a v2 tweet (``POST_KEYS``) and its public_metrics object (or None)."""
    # The checks of ``fields`` are inlined for values of the right shape (this runs for
    # every tweet); a value of another shape goes through them, for the same message.
    get = tweet.get
    tweet_id = get("id")
    if type(tweet_id) is not str or not tweet_id.isdigit() or not tweet_id.isascii():
        tweet_id = post_id(tweet_id, "id")
    created = get("created_at")
    if created is not None:
        created_at = _time(created, "created_at")
    else:  # asked without tweet.fields=created_at: the time the snowflake id encodes
        created_at = x_id_time(tweet_id)
        if created_at is None:
            raise RecordError(
                _(
                    "field created_at is missing and id {id} is too old to encode its time "
                    "(ask the API for tweet.fields=created_at)"
                ).format(id=tweet_id)
            )
    body = get("text")
    if type(body) is not str:
        body = text(body, "text")
    note = get("note_tweet")
    if type(note) is dict and type(note.get("text")) is str:
        body = note["text"]  # the full text of a long post
    author_id = get("author_id")
    if author_id is not None and (
        type(author_id) is not str or not author_id.isdigit() or not author_id.isascii()
    ):
        author_id = post_id(author_id, "author_id")  # None: asked without author_id

    reply_to = quote_of = repost_of = None
    references = tweet.get("referenced_tweets")
    if references is not None:
        for reference in objects(references, "referenced_tweets"):
            kind = reference.get("type")
            ref_id = reference.get("id")
            if type(ref_id) is not str or not ref_id.isdigit() or not ref_id.isascii():
                ref_id = post_id(ref_id, "referenced_tweets.id")
            if kind == "replied_to":
                reply_to = ref_id
            elif kind == "quoted":
                quote_of = ref_id
            elif kind == "retweeted":
                repost_of = ref_id
    if reply_to is not None:
        kind = "reply"
    elif repost_of is not None:
        kind = "repost"
    elif quote_of is not None:
        kind = "quote"
    else:
        kind = "original"
    reply_to_account = None
    if reply_to is not None:
        reply_to_account = optional_id(tweet.get("in_reply_to_user_id"), "in_reply_to_user_id")
        if reply_to_account is None and reply_to in page.tweets:
            reply_to_account = optional_id(
                page.tweets[reply_to].get("author_id"), "includes.tweets.author_id"
            )

    mentions: list[str] = []
    hashtags: list[str] = []
    urls: list[str] = []
    entities = tweet.get("entities")
    if entities is not None:
        entities = mapping(entities, "entities")
        if "mentions" in entities:
            for mention in objects(entities["mentions"], "entities.mentions"):
                name = mention.get("username")
                if type(name) is not str:
                    name = text(name, "entities.mentions.username")
                mentions.append(name.lower())
        if "hashtags" in entities:
            hashtags = [
                text(h.get("tag"), "entities.hashtags.tag")
                for h in objects(entities["hashtags"], "entities.hashtags")
            ]
        if "urls" in entities:
            urls = [
                text(u.get("expanded_url") or u.get("url"), "entities.urls.expanded_url")
                for u in objects(entities["urls"], "entities.urls")
            ]

    author = page.users.get(author_id)
    handle = followers = None
    if author is not None:
        handle = optional_text(author.get("username"), "author.username")
        public = author.get("public_metrics")
        if type(public) is dict:
            followers = count(
                public.get("followers_count"), "author.public_metrics.followers_count"
            )

    public = tweet.get("public_metrics")
    if public is not None:
        public = mapping(public, "public_metrics")
    post = (
        PLATFORM,
        tweet_id,
        author_id,
        handle,
        created_at,
        body,
        optional_text(tweet.get("lang"), "lang"),
        kind,
        reply_to,
        reply_to_account,
        repost_of,
        quote_of,
        optional_id(tweet.get("conversation_id"), "conversation_id"),
        mentions,
        hashtags,
        urls,
        followers,
        embedded,
    )
    return post, public


TWEET_COUNTS = ("like_count", "retweet_count", "reply_count", "quote_count", "impression_count")
USER_COUNTS = ("followers_count", "following_count", "tweet_count")
_WHOLE = {int, type(None)}  # the types of counts taken as they are (others: fields.counts)


def _metrics(tweet_id: str, public: dict, observed_at: datetime) -> tuple:
    get = public.get  # ``counts`` inlined for whole numbers; any other value goes through it
    likes, reposts = get("like_count"), get("retweet_count")
    replies, quotes, views = get("reply_count"), get("quote_count"), get("impression_count")
    if not {type(likes), type(reposts), type(replies), type(quotes), type(views)} <= _WHOLE:
        likes, reposts, replies, quotes, views = counts(public, TWEET_COUNTS, "public_metrics.")
    return (PLATFORM, tweet_id, observed_at, likes, reposts, replies, quotes, views)


def _user_rows(user: dict, observed_at: datetime, accounts: list, snapshots: list) -> None:
    get = user.get
    user_id = get("id")
    if type(user_id) is not str or not user_id.isdigit() or not user_id.isascii():
        user_id = post_id(user_id, "includes.users.id")
    handle = get("username")
    if handle is not None and type(handle) is not str:
        handle = optional_text(handle, "includes.users.username")
    name = get("name")
    if name is not None and type(name) is not str:
        name = optional_text(name, "includes.users.name")
    created = get("created_at")
    accounts.append(
        (
            PLATFORM,
            user_id,
            handle,
            name,
            _time(created, "includes.users.created_at") if created is not None else None,
        )
    )
    public = user.get("public_metrics")
    if public is not None:
        if type(public) is not dict:
            public = mapping(public, "includes.users.public_metrics")
        get = public.get
        followers, following = get("followers_count"), get("following_count")
        total = get("tweet_count")
        if not {type(followers), type(following), type(total)} <= _WHOLE:
            followers, following, total = counts(public, USER_COUNTS, "public_metrics.")
        snapshots.append((PLATFORM, user_id, handle, observed_at, followers, following, total))
