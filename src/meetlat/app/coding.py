"""Human coding of posts (the book: "dat moet je echt handmatig doen, per bericht"): the
sample a coding job codes, the labels' variables, and agreement between coders.

A job's sample is drawn from the warehouse: the posts that are not reposts (a repost's
text is someone else's) in the local days ``start`` … ``end``, of the given accounts
(any account when none is given), holding at least one of the search terms (any
post when none is given; a term is found in the text in any case) and, when handles are
given as ``addressed``, addressed to one of those registry accounts by the measurement's
own definition (``indicators.questions.addressed``, as the webcare page counts them: a
reply to one of the account's ids or a mention of its exact handle, by another account,
in the period; whatever the text says). The candidates are
sorted by (platform, post id) and ``random.Random(seed).sample`` draws ``size`` of them
(all when fewer), so the same seed over the same warehouse gives the same sample. The
first ``round(size × overlap %)`` of the drawn posts are the overlap: every coder codes
those, for the agreement; the others go to one coder each.

Authors are named through ``meetlat.app.privacy.namer``: a registry account by its
handle, anyone else by pseudonym, and so are @mentions in the text. There is no
automatic sentiment: the teneur of a post is what a person coded.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from meetlat.app.privacy import Namer, namer
from meetlat.i18n import _
from meetlat.indicators import themes
from meetlat.indicators.agreement import Alpha, nominal_alpha
from meetlat.indicators.periods import period_bounds
from meetlat.indicators.questions import addressed
from meetlat.indicators.scope import Scope
from meetlat.warehouse.connection import connect
from meetlat.workspace import Workspace

TENEUR = ("steun", "kritiek", "neutraal", "gemengd")
NO_THEME = "geen"  # none of the lexicon's themes
ACTION = ("ja", "nee")
VARIABLES = ("teneur", "theme", "action")

_MENTION = re.compile(r"@([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")  # not a sentence's full stop


def teneur_label(value: str) -> str:
    return {
        "steun": _("support"),
        "kritiek": _("criticism"),
        "neutraal": _("neutral"),
        "gemengd": _("mixed"),
    }.get(value, value)


def variable_label(variable: str) -> str:
    return {"teneur": _("Tenor"), "theme": _("Theme"), "action": _("Action needed")}[variable]


def value_label(variable: str, value: str) -> str:
    if variable == "teneur":
        return teneur_label(value)
    if variable == "action":
        return _("yes") if value == "ja" else _("no")
    return _("no theme") if value == NO_THEME else value


def theme_choices(ws: Workspace) -> list[str]:
    """The themes a coder chooses from: the workspace's lexicon, then "geen"."""
    return [*themes.load(ws.reference).names, NO_THEME]


class BadSample(ValueError):
    """A sample that cannot be drawn as asked (the message says why)."""


@dataclass(frozen=True)
class Criteria:
    start: date
    end: date
    accounts: tuple[str, ...] = ()  # handles, lower case without @; empty: any account
    terms: tuple[str, ...] = ()  # empty: any post
    platform: str | None = None
    # handles of registry accounts, lower case without @: only the posts addressed to one
    # of them (indicators.questions.addressed); empty: no such condition
    addressed: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """What a coding job stores (JSON); ``from_dict`` reads it back."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "accounts": list(self.accounts),
            "terms": list(self.terms),
            "platform": self.platform,
            "addressed": list(self.addressed),
        }

    @classmethod
    def from_dict(cls, stored: dict) -> Criteria:
        """The criteria of ``as_dict``, also those stored before a key existed (a missing
        list is empty, a missing platform any)."""
        return cls(
            date.fromisoformat(stored["start"]),
            date.fromisoformat(stored["end"]),
            tuple(stored.get("accounts") or ()),
            tuple(stored.get("terms") or ()),
            stored.get("platform"),
            tuple(stored.get("addressed") or ()),
        )


@dataclass(frozen=True)
class SampledPost:
    position: int  # 1, 2, ... in the drawn order
    platform: str
    post_id: str
    author: str  # handle of a public body, else pseudonym
    created_at: datetime
    text: str
    overlap: bool


def mask_mentions(names: Namer, platform: str, text: str) -> str:
    """``text`` with every @mention of an account that is not a public body replaced by
    its pseudonym."""
    return _MENTION.sub(lambda m: "@" + names.name(platform, m.group(1)), text or "")


def candidates(ws: Workspace, criteria: Criteria) -> list[dict]:
    """The posts the sample is drawn from, sorted by (platform, post id)."""
    import ibis

    first, after = period_bounds(criteria.start, criteria.end)
    con = connect(ws)
    posts = con.table("posts_stored")
    chosen = posts.filter(
        posts.kind != "repost",
        posts.created_at >= ibis.timestamp(first),
        posts.created_at < ibis.timestamp(after),
    )
    if criteria.platform:
        chosen = chosen.filter(chosen.platform == criteria.platform)
    if criteria.accounts:
        chosen = chosen.filter(chosen.handle.lower().isin(list(criteria.accounts)))
    if criteria.terms:
        lowered = chosen.text.lower()
        found = None
        for term in criteria.terms:
            hit = lowered.contains(term.lower())
            found = hit if found is None else found | hit
        chosen = chosen.filter(found)
    if criteria.addressed:
        to = _addressed_posts(con, criteria)
        chosen = chosen.semi_join(
            to,
            [
                chosen.platform == to.a_platform,
                chosen.post_id == to.a_post_id,
                chosen.account_id == to.a_author,
            ],
        )
    table = chosen.select(
        "platform", "post_id", "account_id", "handle", "created_at", "text"
    ).to_pyarrow()
    return sorted(table.to_pylist(), key=lambda r: (r["platform"], r["post_id"]))


def _addressed_posts(con, criteria: Criteria):
    """(a_platform, a_post_id, a_author) of the posts addressed to the registry accounts
    ``criteria.addressed`` in the period, by ``indicators.questions.addressed`` (the
    accounts' registry rows active in the period, on ``criteria.platform`` when given)."""
    found = None
    for handle in sorted(set(criteria.addressed)):
        scope = Scope(con, criteria.start, criteria.end, platform=criteria.platform,
                      handle=handle)  # fmt: skip
        rows = addressed(scope)
        rows = rows.select(
            a_platform=rows.platform, a_post_id=rows.q_post_id, a_author=rows.author_id
        )
        found = rows if found is None else found.union(rows)
    return found.distinct()


def draw(
    ws: Workspace, criteria: Criteria, size: int, seed: int, overlap_pct: int
) -> list[SampledPost]:
    if size < 1:
        raise BadSample(_("The sample must hold at least one post."))
    if not 0 <= overlap_pct <= 100:
        raise BadSample(_("The overlap is a percentage from 0 to 100."))
    found = candidates(ws, criteria)
    if not found:
        raise BadSample(_("No post fits these choices: there is nothing to code."))
    picked = random.Random(seed).sample(found, min(size, len(found)))
    overlap = round(len(picked) * overlap_pct / 100)
    names = namer(ws)
    return [
        SampledPost(
            i,
            row["platform"],
            row["post_id"],
            names.name(row["platform"], row["handle"], row["account_id"]),
            row["created_at"],
            mask_mentions(names, row["platform"], row["text"]),
            i <= overlap,
        )
        for i, row in enumerate(picked, 1)
    ]


def new_seed() -> int:
    return random.SystemRandom().randrange(1, 2**31)


# ---- the results -------------------------------------------------------------------------


@dataclass(frozen=True)
class VariableResult:
    variable: str
    alpha: Alpha  # over the units coded by two coders or more
    distribution: list[tuple[str, int, float]]  # (value, codings, % of the codings)


def results(labels: list[dict], values: dict[str, list[str]]) -> list[VariableResult]:
    """Per variable the agreement and the distribution of ``labels``: dicts with
    ``unit``, ``coder`` and one key per variable. ``values`` gives each variable's values
    in the order to show. Every coding counts in the distribution (a post coded by three
    coders counts three times)."""
    found = []
    for variable in VARIABLES:
        per_unit: dict = {}
        for label in labels:
            per_unit.setdefault(label["unit"], []).append(label[variable])
        counted = Counter(label[variable] for label in labels)
        total = sum(counted.values())
        order = values[variable] + sorted(v for v in counted if v not in values[variable])
        found.append(
            VariableResult(
                variable,
                nominal_alpha(per_unit.values()),
                [
                    (v, counted[v], round(100 * counted[v] / total, 1) if total else 0.0)
                    for v in order
                ],
            )
        )
    return found
