"""The webcare test of the book (seed 5147–5334), repeatable: one question put to several
accounts at one moment, every reply recorded and scored, every bio classified.

A test is a TOML file (docs/webcare.md)::

    question = "Maakt het voor de hondenbelasting uit hoe groot de hond is? …"
    asked_at = 2014-08-12T14:17:00+02:00
    replies = "replies.csv"          # beside the file

    [[account]]
    handle = "gemeentegoes"
    name = "Goes"
    bio = "Welkom op het officiële Twitteraccount …"
    bio_class = "webcare"            # optional: overrides the bio rule

With ``asker = "odeleeuw"`` (and optionally ``platform = "x"``) the replies are also taken
from the warehouse of the workspace (``with_imported_replies``): every reply by one of the
test's accounts, at or after ``asked_at``, to a post of the asker (or mentioning the
asker). A CSV row with the ``post_id`` of such a reply gives it its manual scores.

The replies CSV has one row per reply: ``handle, replied_at`` (ISO time with offset),
``text`` and the manual scores ``direct_answer, link, why, acknowledgement, initials,
numbered`` (``1``/``0``, or empty: then the rule decides where it can, see ``score``).
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from meetlat.app.webcare import WebcareError
from meetlat.i18n import _
from meetlat.indicators import buckets
from meetlat.warehouse.connection import connect

CRITERIA = ("direct_answer", "link", "why", "acknowledgement", "initials", "numbered")
DETECTED = ("link", "initials", "numbered", "acknowledgement")  # the rest only by hand
BIO_CLASSES = ("webcare", "news", "unclear")

LINK = re.compile(r"https?://|www\.|\b[a-z0-9-]+\.(nl|com|ly|org|eu|net|be|info)/", re.I)
INITIALS = re.compile(r"(\^|[-–]\s?)[A-Z]{2,3}\d?\s*$|\^[A-Z]{2,3}\d?\b")
NUMBERED = re.compile(r"\(?\b\d+\s*/\s*\d+\b\)?")
ACKNOWLEDGES = re.compile(
    r"\b(bedankt voor|dank voor|dank je|we zoeken het uit|we komen (er )?op terug|"
    r"we gaan het na|zoeken we (het )?uit|goede vraag)\b",
    re.I,
)
BIO_WEBCARE = re.compile(
    r"\b(vragen|vraag|webcare|helpen|stel|bereikbaar|reageren|antwoord|klantenservice)\b", re.I
)
BIO_NEWS = re.compile(r"\bnieuws\b", re.I)
BIO_NOT_HERE = re.compile(r"\bliever\b|\bformulier\b|\bniet via\b|\bgeen vragen\b", re.I)


@dataclass(frozen=True)
class Reply:
    handle: str
    replied_at: datetime
    text: str = ""
    manual: dict[str, bool] = field(default_factory=dict)  # the CSV's filled scores
    post_id: str | None = None  # the imported post, when the reply is one


@dataclass(frozen=True)
class Account:
    handle: str
    name: str
    bio: str = ""
    bio_class: str | None = None


@dataclass(frozen=True)
class WebcareTest:
    question: str
    asked_at: datetime
    accounts: tuple[Account, ...]
    replies: tuple[Reply, ...]
    source: Path
    problems: tuple[str, ...] = ()  # replies left out: file, line, what was expected
    asker: str | None = None  # the handle that asked, to take replies from the warehouse
    platform: str = "x"


@dataclass(frozen=True)
class Result:
    account: Account
    bio_class: str
    first_reply_minutes: float | None
    bucket: str
    replies: int
    scores: dict[str, bool | None]  # per criterion, over the account's replies
    full_answer: bool


def classify_bio(bio: str) -> str:
    """``webcare`` when the bio invites questions, ``news`` when it is for news only (or
    sends questions elsewhere), else ``unclear``."""
    if BIO_NOT_HERE.search(bio) or (BIO_NEWS.search(bio) and not BIO_WEBCARE.search(bio)):
        return "news"
    if BIO_WEBCARE.search(bio):
        return "webcare"
    return "unclear"


def detect(criterion: str, reply: Reply, first: bool, several: bool) -> bool | None:
    """The rule's score of one reply (None where only a person can judge)."""
    text = reply.text or ""
    if criterion == "link":
        return bool(LINK.search(text))
    if criterion == "initials":
        return bool(INITIALS.search(text.strip()))
    if criterion == "numbered":
        return bool(NUMBERED.search(text))
    if criterion == "acknowledgement":  # a first reply that only says the question is seen
        return first and several and bool(ACKNOWLEDGES.search(text))
    return None


def score(account_replies: list[Reply]) -> dict[str, bool | None]:
    """Per criterion: true when any reply meets it (manual score first, else the rule);
    None when no reply has a score for it."""
    ordered = sorted(account_replies, key=lambda r: r.replied_at)
    several = len(ordered) > 1
    result: dict[str, bool | None] = {}
    for criterion in CRITERIA:
        values = []
        for index, reply in enumerate(ordered):
            value = reply.manual.get(criterion)
            if value is None and (reply.text or criterion == "acknowledgement"):
                value = detect(criterion, reply, index == 0, several)
            values.append(value)
        known = [v for v in values if v is not None]
        result[criterion] = any(known) if known else None
    return result


def run(test: WebcareTest) -> list[Result]:
    results = []
    for account in test.accounts:
        own = [r for r in test.replies if r.handle == account.handle]
        first = min((r.replied_at for r in own), default=None)
        minutes = None if first is None else (first - test.asked_at).total_seconds() / 60
        scores = score(own) if own else dict.fromkeys(CRITERIA)
        results.append(
            Result(
                account=account,
                bio_class=account.bio_class or classify_bio(account.bio),
                first_reply_minutes=minutes,
                bucket=buckets.bucket(minutes),
                replies=len(own),
                scores=scores,
                full_answer=bool(scores["why"]) and bool(scores["link"]),
            )
        )
    return results


@dataclass(frozen=True)
class Report:
    accounts: int
    buckets: dict[str, int]
    bios: dict[str, int]
    full_answers: int
    criteria: dict[str, int]  # accounts meeting each criterion


def report(results: list[Result]) -> Report:
    counted = dict.fromkeys(buckets.BUCKETS, 0)
    bios = dict.fromkeys(BIO_CLASSES, 0)
    for result in results:
        counted[result.bucket] += 1
        bios[result.bio_class] += 1
    return Report(
        accounts=len(results),
        buckets=counted,
        bios=bios,
        full_answers=sum(r.full_answer for r in results),
        criteria={c: sum(bool(r.scores[c]) for r in results) for c in CRITERIA},
    )


# ---- reading the files ----------------------------------------------------------------


def load(path: Path) -> WebcareTest:
    """The test file and its replies CSV; WebcareError names the file, line and field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise WebcareError(
            _("{file}: cannot be read ({reason}).").format(file=path, reason=error)
        ) from error
    question, asked_at = data.get("question"), data.get("asked_at")
    if not isinstance(question, str) or not isinstance(asked_at, datetime) or not asked_at.tzinfo:
        raise WebcareError(
            _("{file}: expected question (text) and asked_at (a time with offset).").format(
                file=path
            )
        )
    accounts = []
    for index, entry in enumerate(data.get("account", []), 1):
        handle = entry.get("handle") if isinstance(entry, dict) else None
        bio_class = entry.get("bio_class") if isinstance(entry, dict) else None
        if not isinstance(handle, str) or bio_class not in (None, *BIO_CLASSES):
            raise WebcareError(
                _(
                    "{file}: account {index}: expected a handle and bio_class one of {values}."
                ).format(file=path, index=index, values=", ".join(BIO_CLASSES))  # fmt: skip
            )
        accounts.append(
            Account(
                handle.lower().lstrip("@"),
                entry.get("name", handle),
                entry.get("bio", ""),
                bio_class,
            )  # fmt: skip
        )
    if not accounts:
        raise WebcareError(_("{file}: no [[account]] in the test.").format(file=path))
    replies: list[Reply] = []
    problems: list[str] = []
    if data.get("replies"):
        replies, problems = read_replies(
            path.parent / data["replies"], {a.handle for a in accounts}
        )
    asker = data.get("asker")
    platform = data.get("platform", "x")
    if asker is not None and not isinstance(asker, str) or not isinstance(platform, str):
        raise WebcareError(_("{file}: asker and platform must be texts.").format(file=path))
    return WebcareTest(
        question, asked_at, tuple(accounts), tuple(replies), path, tuple(problems),
        asker.lower().lstrip("@") if asker else None, platform,
    )  # fmt: skip


def with_imported_replies(test: WebcareTest, ws) -> WebcareTest:
    """The test with the replies found in the warehouse of ``ws`` (see the module): a CSV
    row naming the same ``post_id`` gives its manual scores and replaces nothing else."""
    import ibis

    if not test.asker:
        return test
    con = connect(ws)
    posts = con.table("posts_stored")
    asker_ids = (
        posts.filter((posts.platform == test.platform) & (posts.handle.lower() == test.asker))
        .select("account_id")
        .distinct()
    )
    handles = [a.handle for a in test.accounts]
    replies = posts.filter(
        posts.platform == test.platform,
        posts.handle.lower().isin(handles),
        posts.in_reply_to_post_id.notnull(),
        posts.created_at >= ibis.timestamp(test.asked_at.astimezone(UTC)),
        posts.in_reply_to_account_id.isin(asker_ids.account_id)
        | posts.mentions.contains(test.asker),
    ).select("post_id", "handle", "created_at", "text")
    found = con.execute(replies.order_by(["created_at", "post_id"]))
    manual = {r.post_id: r.manual for r in test.replies if r.post_id}
    imported = [
        Reply(
            row.handle.lower(),
            row.created_at.to_pydatetime(),
            row.text or "",
            manual.get(row.post_id, {}),
            row.post_id,
        )  # fmt: skip
        for row in found.itertuples(index=False)
    ]
    taken = {r.post_id for r in imported}
    kept = [r for r in test.replies if not r.post_id]  # entered by hand
    missing = [
        _("{file}: reply {post} is not in the warehouse.").format(file=test.source, post=r.post_id)
        for r in test.replies
        if r.post_id and r.post_id not in taken
    ]
    return replace(test, replies=tuple(kept + imported), problems=test.problems + tuple(missing))


def read_replies(path: Path, handles: set[str]) -> tuple[list[Reply], list[str]]:
    """The good rows of the replies CSV, and a problem (file, line, expected) per bad row:
    a bad row is left out and reported, the others are kept."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError) as error:
        raise WebcareError(
            _("{file}: cannot be read ({reason}).").format(file=path, reason=error)
        ) from error
    replies, problems = [], []
    for line, row in enumerate(rows, 2):
        try:
            replies.append(_reply(path, line, row, handles))
        except WebcareError as error:
            problems.append(str(error))
    return replies, problems


def _reply(path: Path, line: int, row: dict, handles: set[str]) -> Reply:
    who = (row.get("handle") or "").lower().lstrip("@")
    if who not in handles:
        raise WebcareError(
            _("{file}, line {line}: handle {handle} is not an account of the test.").format(
                file=path, line=line, handle=who
            )
        )
    try:
        moment = datetime.fromisoformat((row.get("replied_at") or "").strip())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise WebcareError(
            _("{file}, line {line}: replied_at: expected a time with offset.").format(
                file=path, line=line
            )
        )
    manual = {}
    for criterion in CRITERIA:
        value = (row.get(criterion) or "").strip()
        if value not in ("", "0", "1"):
            raise WebcareError(
                _("{file}, line {line}: {field}: expected 1, 0 or empty.").format(
                    file=path, line=line, field=criterion
                )
            )
        if value:
            manual[criterion] = value == "1"
    post_id = (row.get("post_id") or "").strip() or None
    return Reply(who, moment, row.get("text") or "", manual, post_id)
