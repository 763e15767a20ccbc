"""Signals: where a municipality's answers and the measured behaviour disagree.

- ``no_replies``: the municipality grades its handling of direct questions high
  (``HIGH_GRADE`` or more) or says it provides webcare for simple questions, while its
  registry accounts posted in the edition's calendar year (Europe/Amsterdam) without a
  single reply to another account. No posts measured means no signal: silence in the
  warehouse is not evidence.
- ``account_denied``: the answer "no" to having a Twitter (or Facebook) account while
  the registry holds an active X (or Facebook) account of the municipality in that year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from meetlat.i18n import _, number
from meetlat.survey.answers import Response
from meetlat.survey.edition import Edition

HIGH_GRADE = 7
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ACCOUNT_QUESTIONS = {
    "general.twitter_account": ("x", "Twitter"),
    "general.facebook_account": ("facebook", "Facebook"),
}
WEBCARE_QUESTIONS = ("customer_experience.direct_questions", "customer_experience.webcare_simple")


@dataclass(frozen=True)
class Signal:
    code: str
    text: str
    answers: dict[str, object] = field(default_factory=dict)
    measured: dict[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "text": self.text,
            "answers": self.answers,
            "measured": self.measured,
        }


def registry_accounts(ws, code: str, year: int) -> list[dict]:
    """The municipality's registry accounts that were active at some time in ``year``."""
    from meetlat import accounts

    first, last = date(year, 1, 1), date(year, 12, 31)
    found = []
    for row in accounts.load(ws).to_pylist():
        if row["municipality_code"] != code or row["status"] != "active":
            continue
        if row["active_from"] is not None and row["active_from"] > last:
            continue
        if row["active_to"] is not None and row["active_to"] < first:
            continue
        found.append(row)
    return found


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The calendar year in Amsterdam time, as UTC-aware datetimes [start, end)."""
    start = datetime(year, 1, 1, tzinfo=AMSTERDAM)
    end = datetime(year + 1, 1, 1, tzinfo=AMSTERDAM)
    return start, end


def measured_replies(ws, handles: list[tuple[str, str]], year: int) -> tuple[int, int]:
    """(posts, replies to other accounts) by these (platform, handle) accounts in ``year``."""
    from meetlat.warehouse.connection import connect

    if not handles:
        return 0, 0
    con = connect(ws)
    posts = con.table("posts")
    known = con.table("accounts")
    start, end = year_bounds(year)
    by_handle = None
    for platform, handle in handles:
        condition = (posts.platform == platform) & (posts.handle.lower() == handle)
        ids = known.filter((known.platform == platform) & (known.handle.lower() == handle))
        condition = condition | (
            (posts.platform == platform) & posts.account_id.isin(ids.account_id)
        )
        by_handle = condition if by_handle is None else by_handle | condition
    own = posts.filter(by_handle & (posts.created_at >= start) & (posts.created_at < end))
    reply = (own.kind == "reply") & (
        own.in_reply_to_account_id.isnull() | (own.in_reply_to_account_id != own.account_id)
    )
    result = own.aggregate(
        posts=own.count(), replies=reply.cast("int64").sum().fill_null(0)
    ).execute()
    return int(result["posts"].iloc[0]), int(result["replies"].iloc[0])


def _webcare_claims(response: Response) -> dict[str, object]:
    claims = {}
    grade = response.get("customer_experience.direct_questions")
    if grade is not None and grade >= HIGH_GRADE:
        claims["customer_experience.direct_questions"] = grade
    if response.get("customer_experience.webcare_simple") == "yes":
        claims["customer_experience.webcare_simple"] = "yes"
    return claims


def find(ws, edition: Edition, response: Response) -> list[Signal]:
    """Every disagreement between ``response`` and the registry or the warehouse."""
    code = response.municipality_code
    active = registry_accounts(ws, code, edition.year)
    found: list[Signal] = []
    for question_id, (platform, label) in ACCOUNT_QUESTIONS.items():
        if response.get(question_id) != "no":
            continue
        handles = sorted(a["handle"] for a in active if a["platform"] == platform)
        if handles:
            found.append(
                Signal(
                    "account_denied",
                    _(
                        "Answered that there is no {platform} account, but the registry holds "
                        "an active account in {year}: {handles}."
                    ).format(platform=label, year=edition.year, handles=", ".join(handles)),
                    {question_id: "no"},
                    {"registry_accounts": handles},
                )
            )
    claims = _webcare_claims(response)
    if claims:
        handles = [(a["platform"], a["handle"]) for a in active]
        posts, replies = measured_replies(ws, handles, edition.year)
        if posts > 0 and replies == 0:
            found.append(
                Signal(
                    "no_replies",
                    _(
                        "The answers claim webcare ({answers}), but the {posts} posts measured "
                        "from the municipality's accounts in {year} hold no reply to anyone."
                    ).format(
                        answers=", ".join(f"{k} {v}" for k, v in claims.items()),
                        posts=number(posts),
                        year=edition.year,
                    ),
                    claims,
                    {"posts": posts, "replies": replies},
                )
            )
    return found
