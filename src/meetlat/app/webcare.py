"""Webcare: what citizens ask the municipal accounts, and how the accounts answer.

Built on the measurement's own definitions (docs/indicators.md): the posts addressed to an
account are those of the ``inbound_questions`` indicator (``indicators.questions.addressed``:
replies to one of the account's ids or mentions of its handle, by another account, in the
period); a question is such a post that asks something by the Dutch question rule
(``indicators.questionrule``); it is answered by the account's first reply to it
(``in_reply_to_post_id`` = the question, at any time in the warehouse); the reaction time
is on the 24/7 and the office-hours clock as in reaction.py; the buckets are
``indicators.buckets``. Citizens are named through ``app.privacy.namer``.

Listening (``<workspace>/listening/terms.toml``, docs/webcare.md): per municipality the
search terms (place names, neighbourhoods) and hashtags whose posts are listened to.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from meetlat.app import privacy
from meetlat.i18n import _
from meetlat.indicators import buckets, officehours
from meetlat.indicators.periods import AMSTERDAM, epoch_ms, period_bounds
from meetlat.indicators.questionrule import is_question
from meetlat.indicators.questions import addressed
from meetlat.indicators.reaction import MINUTE_MS, office_ms
from meetlat.indicators.scope import KEYS, Scope
from meetlat.warehouse.connection import connect
from meetlat.workspace import Workspace

TERMS_FILE = Path("listening") / "terms.toml"


class WebcareError(ValueError):
    """Input that cannot be used (a terms file, a test file): says where and what."""


@dataclass(frozen=True)
class Message:
    """One post addressed to a municipal account."""

    municipality_code: str
    platform: str
    account: str  # the registry handle of the addressed account
    post_id: str
    author: str  # the handle of a public body, else the citizen's pseudonym
    text: str  # citizens' @mentions and profile links pseudonymised (app.privacy)
    asked_at: datetime
    is_question: bool
    reply_id: str | None = None
    replied_at: datetime | None = None
    minutes: float | None = None  # 24/7 reaction time
    office_minutes: float | None = None
    bucket: str = "none"
    office_bucket: str = "none"
    age_minutes: float | None = None  # unanswered: minutes from asked_at to ``now``

    @property
    def answered(self) -> bool:
        return self.reply_id is not None


def messages(
    ws: Workspace,
    handle: str,
    start: date,
    end: date,
    platform: str | None = None,
    now: datetime | None = None,
) -> list[Message]:
    """Every post addressed to the account ``handle`` in the period, oldest first."""
    import pandas as pd

    now = now or datetime.now(UTC)
    con = connect(ws)
    scope = Scope(con, start, end, platform=platform, handle=handle)
    if con.execute(scope.registry.count()) == 0:
        raise WebcareError(
            _("{handle} is not an account of the registry active in the period.").format(
                handle=handle
            )
        )
    to_account = addressed(scope)
    posts = scope.posts
    texts = to_account.join(
        posts.select(
            p_platform=posts.platform,
            p_post_id=posts.post_id,
            p_account=posts.account_id,
            author_handle=posts.handle,
            text=posts.text,
        ),
        [
            to_account.platform == posts.platform,
            to_account.q_post_id == posts.post_id,
            to_account.author_id == posts.account_id,
        ],
    ).select(*KEYS, "q_post_id", "author_id", "created_ms", "author_handle", "text")
    found = con.execute(texts)
    if found.empty:
        return []
    found = found.sort_values(["created_ms", "q_post_id", "handle"]).drop_duplicates(
        [*KEYS, "q_post_id"]
    )
    replies = _first_replies(con, scope, to_account)
    found = found.merge(replies, on=[*KEYS, "q_post_id"], how="left")
    instants = pd.concat([found["created_ms"], found["reply_ms"].dropna()]).astype("int64")
    office = _office_minutes(con, instants, now)
    day = buckets.working_day_minutes(officehours.configured())
    names = privacy.namer(ws)
    result = []
    for row in found.itertuples(index=False):
        asked = int(row.created_ms)
        reply_ms = None if pd.isna(row.reply_ms) else int(row.reply_ms)
        minutes = office_minutes = age = None
        if reply_ms is not None:
            minutes = (reply_ms - asked) / MINUTE_MS
            if office.get(asked) is not None and office.get(reply_ms) is not None:
                office_minutes = (office[reply_ms] - office[asked]) / MINUTE_MS
        else:
            age = (now.timestamp() * 1000 - asked) / MINUTE_MS
        result.append(
            Message(
                municipality_code=row.municipality_code,
                platform=row.platform,
                account=row.handle,
                post_id=row.q_post_id,
                author=names.name(row.platform, row.author_handle, row.author_id),
                text=names.text(row.platform, row.text) or "",
                asked_at=_moment(asked),
                is_question=is_question(row.text),
                reply_id=None if reply_ms is None else row.reply_id,
                replied_at=None if reply_ms is None else _moment(reply_ms),
                minutes=minutes,
                office_minutes=office_minutes,
                bucket=buckets.bucket(minutes),
                office_bucket=buckets.bucket(office_minutes, day),
                age_minutes=age,
            )
        )
    return result


def _first_replies(con, scope, to_account):
    """Per addressed post and account: the account's first reply to it (any time)."""
    everything = scope.posts.drop("handle")
    replies = everything.filter(everything.in_reply_to_post_id.notnull())
    ids = to_account.select(a_platform=to_account.platform, a_post_id=to_account.q_post_id)
    replies = replies.semi_join(
        ids.distinct(),
        [replies.platform == ids.a_platform, replies.in_reply_to_post_id == ids.a_post_id],
    )
    own = replies.join(scope.account_map, ["platform", "account_id"]).select(
        *KEYS,
        q_post_id=replies.in_reply_to_post_id,
        reply_id=replies.post_id,
        reply_ms=epoch_ms(replies.created_at),
    )
    frame = con.execute(own)
    frame = frame.sort_values(["reply_ms", "reply_id"]).drop_duplicates([*KEYS, "q_post_id"])
    return frame


def _office_minutes(con, instants, now: datetime) -> dict[int, int | None]:
    """Office-clock milliseconds (officehours.py) of each instant; None before the clock."""
    import ibis

    if instants.empty:
        return {}
    last = max(_moment(int(instants.max())), now).astimezone(AMSTERDAM).date()
    clock = con.create_table(
        "meetlat_webcare_clock",
        officehours.calendar_table(last + timedelta(days=1)),
        overwrite=True,
    )
    times = ibis.memtable({"t_ms": sorted(set(int(v) for v in instants))})
    times = times.mutate(hour=officehours.hour_of(times.t_ms))
    joined = times.left_join(clock, "hour")
    frame = con.execute(
        joined.select(
            "t_ms", office=office_ms(joined.t_ms, joined.open_ms, joined.close_ms, joined.cum_ms)
        )
    )
    return {
        int(t): (None if office != office else int(office))
        for t, office in zip(frame["t_ms"], frame["office"], strict=True)
    }


def _moment(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def bucket_label(name: str) -> str:
    """The Dutch name of a reply-time bucket (``indicators.buckets.BUCKETS``)."""
    return {
        "15min": _("within 15 minutes"),
        "1h": _("within 1 hour"),
        "2h": _("1 to 2 hours"),
        "24h": _("the next day, within 24 hours"),
        "later": _("later"),
        "none": _("no reply"),
    }[name]


def queue(messages_: list[Message], answered: bool = False) -> list[Message]:
    """The questions still unanswered, oldest first (with ``answered``: every question)."""
    return [m for m in messages_ if m.is_question and (answered or not m.answered)]


@dataclass(frozen=True)
class Figures:
    account: str
    messages: int
    questions: int
    answered: int
    reply_rate_pct: float | None  # 100 × answered ÷ questions
    buckets: dict[str, int]  # 24/7 clock, over the questions
    office_buckets: dict[str, int]


def figures(messages_: list[Message]) -> list[Figures]:
    """Per account: questions, answered, reply rate and the buckets on both clocks."""
    result = []
    for account in sorted({m.account for m in messages_}):
        own = [m for m in messages_ if m.account == account]
        asked = [m for m in own if m.is_question]
        answered = sum(m.answered for m in asked)
        result.append(
            Figures(
                account=account,
                messages=len(own),
                questions=len(asked),
                answered=answered,
                reply_rate_pct=100.0 * answered / len(asked) if asked else None,
                buckets=_count(m.bucket for m in asked),
                office_buckets=_count(m.office_bucket for m in asked),
            )
        )
    return result


def _count(names) -> dict[str, int]:
    counts = dict.fromkeys(buckets.BUCKETS, 0)
    for name in names:
        counts[name] += 1
    return counts


@dataclass(frozen=True)
class Day:
    day: date
    messages: int  # posts addressed to the account(s)
    questions: int  # of which ask something: they need action
    answered: int
    no_action: int  # messages that are not questions


def daily(messages_: list[Message], start: date, end: date) -> list[Day]:
    """One row per local day of the period (zeros included): the Almere overview."""
    result = []
    day = start
    while day <= end:
        own = [m for m in messages_ if m.asked_at.astimezone(AMSTERDAM).date() == day]
        asked = [m for m in own if m.is_question]
        result.append(
            Day(day, len(own), len(asked), sum(m.answered for m in asked), len(own) - len(asked))
        )
        day += timedelta(days=1)
    return result


# ---- listening: the municipality's own search terms -----------------------------------


@dataclass(frozen=True)
class Terms:
    municipality_code: str
    terms: tuple[str, ...] = ()  # place names, neighbourhoods: whole words, any case
    hashtags: tuple[str, ...] = ()  # without '#', any case
    platforms: tuple[str, ...] = field(default=())  # empty: every platform


def load_terms(ws: Workspace) -> dict[str, Terms]:
    """The search terms of ``<workspace>/listening/terms.toml``, per municipality code."""
    path = ws.root / TERMS_FILE
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise WebcareError(
            _("{file}: not a TOML file ({reason}).").format(file=path, reason=error)
        ) from error
    result = {}
    for code, entry in data.items():
        if not re.fullmatch(r"GM\d{4}", code) or not isinstance(entry, dict):
            raise WebcareError(
                _(
                    "{file}: [{key}]: expected a table named by a municipality code (GM0363)."
                ).format(file=path, key=code)  # fmt: skip
            )
        values = {}
        for key in ("terms", "hashtags", "platforms"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                raise WebcareError(
                    _("{file}: [{code}] {key}: expected a list of texts.").format(
                        file=path, code=code, key=key
                    )
                )
            values[key] = tuple(v.strip().lower().lstrip("#") for v in value)
        unknown = set(entry) - {"terms", "hashtags", "platforms"}
        if unknown:
            raise WebcareError(
                _(
                    "{file}: [{code}]: unknown key {key} (expected terms, hashtags, platforms)."
                ).format(file=path, code=code, key=sorted(unknown)[0])  # fmt: skip
            )
        result[code] = Terms(code, values["terms"], values["hashtags"], values["platforms"])
    return result


def term_pattern(terms: Terms) -> str | None:
    """The regular expression of the terms: any of them as whole words (lower case)."""
    if not terms.terms:
        return None
    words = sorted((re.escape(t) for t in terms.terms), key=len, reverse=True)
    return r"(^|[^a-z0-9à-ÿ])(" + "|".join(words) + r")($|[^a-z0-9à-ÿ])"


def listening(ws: Workspace, code: str, start: date, end: date):
    """The posts of the period that match the municipality's terms or hashtags (DuckDB
    over the warehouse posts), oldest first: platform, post_id, author (named), text,
    created_at, and what matched."""
    import ibis

    terms = load_terms(ws).get(code)
    if terms is None:
        raise WebcareError(
            _("{file} has no search terms for {code}.").format(file=ws.root / TERMS_FILE, code=code)
        )
    con = connect(ws)
    posts = con.table("posts_stored")
    first, after = period_bounds(start, end)
    posts = posts.filter(posts.created_at >= first, posts.created_at < after)
    if terms.platforms:
        posts = posts.filter(posts.platform.isin(list(terms.platforms)))
    conditions = []
    pattern = term_pattern(terms)
    if pattern:
        conditions.append(posts.text.lower().re_search(pattern).coalesce(False))
    if terms.hashtags:
        tags = ibis.literal(list(terms.hashtags))
        conditions.append(
            posts.hashtags.map(lambda h: h.lower()).intersect(tags).length().coalesce(0) > 0
        )
    if not conditions:
        return []
    matched = conditions[0]
    for more in conditions[1:]:
        matched = matched | more
    rows = con.execute(
        posts.filter(matched)
        .select("platform", "post_id", "account_id", "handle", "text", "created_at", "hashtags")
        .order_by(["created_at", "post_id"])
    )
    names = privacy.namer(ws)
    return [
        {
            "platform": r.platform,
            "post_id": r.post_id,
            "author": names.name(r.platform, r.handle, r.account_id),
            "created_at": r.created_at.to_pydatetime(),
            "text": names.text(r.platform, r.text) or "",
            "is_question": is_question(r.text),
        }
        for r in rows.itertuples(index=False)
    ]


def reply_texts(ws: Workspace, messages_: list[Message]) -> dict[tuple[str, str], str]:
    """The text of the reply that answered each message, by (platform, reply post id)."""
    import ibis

    wanted = sorted({(m.platform, m.reply_id) for m in messages_ if m.reply_id})
    if not wanted:
        return {}
    posts = connect(ws).table("posts_stored")
    ids = ibis.memtable({"r_platform": [p for p, _id in wanted], "r_id": [i for _p, i in wanted]})
    found = posts.semi_join(ids, [posts.platform == ids.r_platform, posts.post_id == ids.r_id])
    rows = found.select("platform", "post_id", "text").to_pyarrow().to_pylist()
    names = privacy.namer(ws)
    return {(r["platform"], r["post_id"]): names.text(r["platform"], r["text"]) or "" for r in rows}
