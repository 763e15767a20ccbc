"""The local ecosystem of a municipality: who talks with its accounts, in which group.

``network(ws, municipality, start, end)`` reads the warehouse posts of the period (local
days, ``indicators.periods``) with DuckDB and gives the reply and mention network around
the municipality's registry accounts:

* a *reply* edge goes from a reply's author to the account replied to (the account of
  ``in_reply_to_account_id``, else the author of ``in_reply_to_post_id``);
* a *mention* edge goes from a post's author to each account it mentions, once per post;
  in a reply the mention of the account replied to is part of the reply and not counted
  again, and nobody mentions or replies to themself;
* the network holds every edge that touches a registry account of the municipality,
  and the edges between two accounts that each have such an edge (its partners);
* an account is its platform and lower-case handle (a Mastodon handle is the full
  ``name@server``), or ``id:`` and its id when no handle is known.

Each account gets a group (``indicators.ecogroups``): a registry account is ``politiek``
(politiek en overheid); every other account is classified by the word rules on its
display name and handle (the warehouse holds no bios); a manual correction
(``<workspace>/ecosystem/correcties.csv``: platform, handle, group) goes over both.
``connectors`` are the accounts with the most distinct partners (degree), then the most
interactions. Accounts are named by ``app.privacy.namer``: public bodies by handle,
everyone else by pseudonym, unless a purpose to reveal them is given (logged).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from meetlat.app.privacy import Namer, namer
from meetlat.archive import atomic
from meetlat.i18n import _
from meetlat.indicators import ecogroups
from meetlat.indicators.periods import period_bounds
from meetlat.privacy import pseudonym
from meetlat.warehouse.connection import connect
from meetlat.workspace import Workspace

FOLDER = Path("ecosystem")
WORDS = FOLDER / "groepen-nl.txt"  # the workspace's own word list (replaces the shipped one)
CORRECTIONS = FOLDER / "correcties.csv"
CORRECTION_FIELDS = ("platform", "handle", "group")

EDGES_SQL = """
WITH known AS (
    SELECT platform, account_id, lower(any_value(handle)) AS handle
    FROM accounts WHERE handle IS NOT NULL AND account_id IS NOT NULL GROUP BY 1, 2
), p AS (
    SELECT p.platform, p.post_id, p.in_reply_to_account_id, p.in_reply_to_post_id, p.mentions,
           coalesce(lower(ltrim(coalesce(p.handle, k.handle), '@')), 'id:' || p.account_id)
               AS source
    FROM posts p LEFT JOIN known k ON k.platform = p.platform AND k.account_id = p.account_id
    WHERE p.created_at >= $start AND p.created_at < $end
), replies AS (
    SELECT p.platform, p.post_id, p.source,
           coalesce(k.handle, lower(ltrim(q.handle, '@')),
                    'id:' || coalesce(p.in_reply_to_account_id, q.account_id)) AS target
    FROM p
    LEFT JOIN known k ON k.platform = p.platform AND k.account_id = p.in_reply_to_account_id
    LEFT JOIN posts q ON q.platform = p.platform AND q.post_id = p.in_reply_to_post_id
    WHERE p.in_reply_to_account_id IS NOT NULL OR p.in_reply_to_post_id IS NOT NULL
), mentioned AS (
    SELECT DISTINCT p.platform, p.post_id, p.source, lower(ltrim(m.m, '@')) AS target
    FROM p, unnest(p.mentions) AS m(m)
    WHERE m.m IS NOT NULL AND ltrim(m.m, '@') <> ''
), mentions AS (
    SELECT m.* FROM mentioned m LEFT JOIN replies r
        ON r.platform = m.platform AND r.post_id = m.post_id AND r.target = m.target
    WHERE r.target IS NULL
)
SELECT platform, source, target, sum(reply)::BIGINT AS replies, sum(mention)::BIGINT AS mentions
FROM (
    SELECT platform, source, target, 1 AS reply, 0 AS mention FROM replies
    UNION ALL
    SELECT platform, source, target, 0, 1 FROM mentions
)
WHERE target IS NOT NULL AND source <> target
GROUP BY 1, 2, 3
"""

NAMES_SQL = """
SELECT platform, lower(ltrim(handle, '@')) AS handle, any_value(account_id) AS account_id,
       any_value(display_name) FILTER (WHERE display_name IS NOT NULL) AS display_name
FROM accounts WHERE handle IS NOT NULL GROUP BY 1, 2
"""


class CorrectionError(ValueError):
    """A correction that cannot be made: an unknown group or platform."""


@dataclass(frozen=True)
class Account:
    platform: str
    key: str  # lower-case handle, or id:<account id>
    name: str  # as it may be shown (handle of a public body, else pseudonym)
    public: bool
    group: str  # one of ecogroups.ALL
    how: str  # "register", "rules", "correction"
    matched: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edge:
    platform: str
    source: str  # Account.key
    target: str
    replies: int
    mentions: int

    @property
    def total(self) -> int:
        return self.replies + self.mentions


@dataclass
class Network:
    municipality: str
    start: date
    end: date
    accounts: dict[tuple[str, str], Account]
    edges: list[Edge]
    problems: list[str] = field(default_factory=list)  # bad correction lines, skipped

    def account(self, edge: Edge, end: str) -> Account:
        return self.accounts[(edge.platform, getattr(edge, end))]

    def connectors(self, top: int | None = None) -> list[tuple[Account, int, int]]:
        """(account, distinct partners, interactions) by partners, then interactions,
        then name; the interactions are the replies and mentions sent and received."""
        partners, interactions = defaultdict(set), Counter()
        for e in self.edges:
            a, b = (e.platform, e.source), (e.platform, e.target)
            partners[a].add(b)
            partners[b].add(a)
            interactions[a] += e.total
            interactions[b] += e.total
        ranked = sorted(
            ((self.accounts[k], len(v), interactions[k]) for k, v in partners.items()),
            key=lambda row: (-row[1], -row[2], row[0].name),
        )
        return ranked[:top] if top else ranked

    def group_totals(self) -> dict[str, dict[str, int]]:
        """Per group: accounts, and interactions with the municipality's accounts
        (replies and mentions in either direction on an edge that touches one)."""
        totals = {g: {"accounts": 0, "interactions": 0} for g in ecogroups.ALL}
        for account in self.accounts.values():
            totals[account.group]["accounts"] += 1
        for e in self.edges:
            src, dst = self.account(e, "source"), self.account(e, "target")
            if src.how == "register" and dst.how != "register":
                totals[dst.group]["interactions"] += e.total
            elif dst.how == "register" and src.how != "register":
                totals[src.group]["interactions"] += e.total
        return totals


def group_label(group: str) -> str:
    return {
        "politiek": _("politics and government"),
        "bedrijfsleven": _("business"),
        "media": _("media"),
        "sport": _("sport"),
        "cultuur": _("arts and culture"),
        "verenigingen": _("associations"),
        "non-profit": _("non-profit"),
        "burger": _("citizen/unknown"),
    }[group]


def rules(ws: Workspace) -> ecogroups.Rules:
    """The workspace's own word list when it has one, else the shipped list."""
    own = ws.root / WORDS
    return ecogroups.load(own if own.exists() else None)


def corrections(ws: Workspace) -> tuple[dict[tuple[str, str], str], list[str]]:
    """The manual corrections ((platform, handle) -> group) and the bad lines (skipped)."""
    file = ws.root / CORRECTIONS
    if not file.exists():
        return {}, []
    found, problems = {}, []
    with open(file, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != CORRECTION_FIELDS:
            problems.append(
                _("{file}:1: expected the columns {columns}").format(
                    file=file, columns=",".join(CORRECTION_FIELDS)
                )
            )
            return {}, problems
        for line, row in enumerate(reader, 2):
            platform = (row.get("platform") or "").strip().lower()
            who = pseudonym_subject(row.get("handle"))
            group = (row.get("group") or "").strip().lower()
            if not platform or not who or group not in ecogroups.ALL:
                problems.append(
                    _(
                        "{file}:{line}: expected a platform, a handle and a group of {groups}"
                    ).format(file=file, line=line, groups=", ".join(ecogroups.ALL))  # fmt: skip
                )
                continue
            found[(platform, who)] = group
    return found, problems


def correct(ws: Workspace, platform: str, handle: str, group: str) -> Path:
    """Set the group of one account in the corrections file (written whole, atomically)."""
    group = group.strip().lower()
    if group not in ecogroups.ALL:
        raise CorrectionError(
            _("Unknown group {group}: expected one of {groups}.").format(
                group=group, groups=", ".join(ecogroups.ALL)
            )
        )
    who = pseudonym_subject(handle)
    if not who:
        raise CorrectionError(_("A correction needs a handle."))
    current, _problems = corrections(ws)
    current[(platform.strip().lower(), who)] = group
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CORRECTION_FIELDS)
    for (p, h), g in sorted(current.items()):
        writer.writerow((p, h, g))
    file = ws.root / CORRECTIONS
    file.parent.mkdir(exist_ok=True)
    _write_whole(file, out.getvalue())
    return file


def _write_whole(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    atomic.fsync_dir(path.parent)


def pseudonym_subject(handle: str | None) -> str:
    text = (handle or "").strip().lstrip("@").lower()
    return pseudonym.subject(text) if text else ""


def network(
    ws: Workspace, municipality: str, start: date, end: date, reveal_for: str | None = None
) -> Network:
    """The reply and mention network around ``municipality``'s accounts in the period."""
    first, after = period_bounds(start, end)
    con = connect(ws)
    duck = con.con
    registry = {
        (p, pseudonym_subject(h))
        for p, h in duck.execute(
            "SELECT platform, handle FROM registry WHERE municipality_code = $code",
            {"code": municipality},
        ).fetchall()
        if h
    }
    rows = duck.execute(EDGES_SQL, {"start": first, "end": after}).fetchall()
    names = {(p, h): (i, d) for p, h, i, d in duck.execute(NAMES_SQL).fetchall()}
    everything = [Edge(*row) for row in rows]
    around = [e for e in everything if (e.platform, e.source) in registry
              or (e.platform, e.target) in registry]  # fmt: skip
    ring = {(e.platform, k) for e in around for k in (e.source, e.target)}
    kept = [e for e in everything if (e.platform, e.source) in ring
            and (e.platform, e.target) in ring]  # fmt: skip
    kept.sort(key=lambda e: (e.platform, e.source, e.target))
    what = _("handles in the ecosystem network of {code}").format(code=municipality)
    shown = namer(ws, reveal_for=reveal_for, what=what)
    fixes, problems = corrections(ws)
    wordlist = rules(ws)
    accounts = {key: _account(key, registry, names, fixes, wordlist, shown) for key in ring}
    return Network(municipality, start, end, accounts, kept, problems)


def _account(key, registry, names, fixes, wordlist, shown: Namer) -> Account:
    platform, who = key
    handle = None if who.startswith("id:") else who
    account_id, display = names.get(key, (who[3:] if not handle else None, None))
    name = shown.name(platform, handle, account_id)
    public = key in registry or shown.is_public(platform, handle)
    if key in fixes:
        group, how, matched = fixes[key], "correction", ()
    elif key in registry:
        group, how, matched = "politiek", "register", ()
    else:
        group, found = wordlist.classify(display, handle=handle)
        how, matched = "rules", tuple(found)
    return Account(platform, who, name, public, group, how, matched)
