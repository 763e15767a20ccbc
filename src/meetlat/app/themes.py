"""Themes and elections: theme profiles per group of accounts, activity before and after
a day (election day), and the interactive share of a group's posts (docs/indicators.md,
"Themes and elections").

The accounts come from a groups file, a CSV with the columns ``platform,handle,group``
(for example council candidates with their party as group). The figures are per group,
never per account: the accounts of a groups file need not be public bodies.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

from meetlat.i18n import _
from meetlat.indicators import themes as lexicons
from meetlat.indicators.periods import local_day, period_bounds
from meetlat.warehouse.connection import connect
from meetlat.warehouse.schema import PLATFORMS
from meetlat.workspace import Workspace

GROUP_COLUMNS = ("platform", "handle", "group")


class BadGroups(ValueError):
    """A groups file that cannot be used at all (unreadable, wrong columns, no account)."""


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}, {_('line')} {self.line}: {self.message}"


@dataclass(frozen=True)
class Groups:
    accounts: dict[tuple[str, str], str]  # (platform, lower-case handle) -> group
    problems: list[Problem]  # lines passed over, each named

    @property
    def names(self) -> list[str]:
        return sorted(set(self.accounts.values()))


def read_groups(path: Path) -> Groups:
    """The groups file: good lines kept, bad ones reported (file, line, what is expected)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BadGroups(
            _("{file}: the groups file cannot be read ({reason}).").format(file=path, reason=error)
        ) from error
    rows = list(csv.reader(text.splitlines()))
    header = [c.strip().lower() for c in rows[0]] if rows else []
    if not set(GROUP_COLUMNS) <= set(header):
        raise BadGroups(
            _("{file}, line 1: expected the columns platform,handle,group.").format(file=path)
        )
    at = {name: header.index(name) for name in GROUP_COLUMNS}
    accounts: dict[tuple[str, str], str] = {}
    problems = []
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            problems.append(Problem(str(path), number, _("expected platform, handle and group.")))
            continue
        platform = row[at["platform"]].strip().lower()
        handle = row[at["handle"]].strip().lstrip("@").lower()
        group = row[at["group"]].strip()
        if platform not in PLATFORMS:
            problems.append(
                Problem(
                    str(path),
                    number,
                    _("unknown platform {platform!r}; expected one of {known}.").format(
                        platform=platform, known=", ".join(PLATFORMS)
                    ),
                )
            )
        elif not handle or not group:
            problems.append(Problem(str(path), number, _("the handle or the group is empty.")))
        elif (platform, handle) in accounts and accounts[(platform, handle)] != group:
            problems.append(
                Problem(
                    str(path),
                    number,
                    _("this account is already in group {group}.").format(
                        group=accounts[(platform, handle)]
                    ),
                )
            )
        else:
            accounts[(platform, handle)] = group
    if not accounts:
        raise BadGroups(_("{file}: no usable account in the groups file.").format(file=path))
    return Groups(accounts, problems)


@dataclass(frozen=True)
class Post:
    group: str
    day: date  # Europe/Amsterdam
    kind: str
    text: str | None
    interactive: bool


def is_interactive(kind: str, mentions, handle: str | None) -> bool:
    """A reply, or an own post (original or quote) that mentions another account."""
    if kind == "reply":
        return True
    if kind == "repost":
        return False
    own = (handle or "").lower()
    return any(m and m.lower() != own for m in (mentions or []))


def group_posts(ws: Workspace, groups: Groups, start: date, end: date) -> list[Post]:
    """The posts of the groups' accounts in the local days ``start`` … ``end``."""
    import ibis

    first, after = period_bounds(start, end)
    con = connect(ws)
    posts = con.table("posts_stored")
    handles = sorted({handle for _platform, handle in groups.accounts})
    chosen = posts.filter(
        posts.handle.lower().isin(handles),
        posts.created_at >= ibis.timestamp(first),
        posts.created_at < ibis.timestamp(after),
    ).select("platform", "handle", "created_at", "kind", "text", "mentions")
    found = []
    for row in chosen.to_pyarrow().to_pylist():
        group = groups.accounts.get((row["platform"], (row["handle"] or "").lower()))
        if group is None:  # the handle of another platform
            continue
        found.append(
            Post(
                group,
                local_day(row["created_at"]),
                row["kind"],
                row["text"],
                is_interactive(row["kind"], row["mentions"], row["handle"]),
            )
        )
    return found


# ---- theme profiles ---------------------------------------------------------------------


@dataclass
class GroupProfile:
    group: str
    posts: int  # posts that are not reposts (their text is the group's own)
    themed: int  # of those, posts with at least one theme
    counts: dict[str, int]  # theme -> posts
    share_of_posts: dict[str, float | None]  # theme -> % of posts
    share_of_themes: dict[str, float | None]  # theme -> % of all theme matches


@dataclass
class Profiles:
    start: date
    end: date
    lexicon: str  # the lexicon file used
    themes: list[str]
    groups: list[GroupProfile]
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict:
        found = asdict(self)
        found["problems"] = [str(p) for p in self.problems]
        return found


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def profiles(
    ws: Workspace, groups_file: Path, start: date, end: date, lexicon_file: Path | None = None
) -> Profiles:
    groups = read_groups(groups_file)
    lexicon = lexicons.load(ws.reference, lexicon_file)
    per_group: dict[str, list[Post]] = {name: [] for name in groups.names}
    for post in group_posts(ws, groups, start, end):
        if post.kind != "repost":
            per_group[post.group].append(post)
    shown = []
    for name, posts in per_group.items():
        matched = [lexicon.match(p.text) for p in posts]
        counts = dict.fromkeys(lexicon.names, 0)
        for themes in matched:
            for theme in themes:
                counts[theme] += 1
        total = sum(counts.values())
        shown.append(
            GroupProfile(
                name,
                len(posts),
                sum(1 for m in matched if m),
                counts,
                {t: _percent(c, len(posts)) for t, c in counts.items()},
                {t: _percent(c, total) for t, c in counts.items()},
            )
        )
    return Profiles(start, end, lexicon.source, lexicon.names, shown, groups.problems)


# ---- before and after a day -------------------------------------------------------------


@dataclass
class GroupChange:
    group: str
    before: int  # posts in the days up to and including the day
    after: int  # posts in the days after it
    before_per_day: float
    after_per_day: float
    change: float | None  # % change of the posts per day (None when none before)


@dataclass
class BeforeAfter:
    day: date
    days: int
    before_start: date
    after_end: date
    groups: list[GroupChange]
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict:
        found = asdict(self)
        found["problems"] = [str(p) for p in self.problems]
        return found


def before_after(ws: Workspace, groups_file: Path, day: date, days: int) -> BeforeAfter:
    """Posts (all kinds) of each group in the ``days`` days ending with ``day`` and in the
    ``days`` days after it."""
    if days < 1:
        raise ValueError(_("The number of days must be at least 1."))
    groups = read_groups(groups_file)
    first, last = day - timedelta(days=days - 1), day + timedelta(days=days)
    before: Counter = Counter()
    after: Counter = Counter()
    for post in group_posts(ws, groups, first, last):
        (before if post.day <= day else after)[post.group] += 1
    shown = []
    for name in groups.names:
        b, a = before[name], after[name]
        shown.append(
            GroupChange(
                name,
                b,
                a,
                round(b / days, 2),
                round(a / days, 2),
                round(100 * (a - b) / b, 1) if b else None,
            )
        )
    return BeforeAfter(day, days, first, last, shown, groups.problems)


# ---- the interactive share --------------------------------------------------------------


@dataclass
class GroupInteraction:
    group: str
    posts: int  # all posts, reposts included
    originals: int
    replies: int
    reposts: int
    quotes: int
    interactive: int  # replies, and originals and quotes that mention another account
    share: float | None  # interactive / posts, in %


@dataclass
class Interaction:
    start: date
    end: date
    groups: list[GroupInteraction]
    total: GroupInteraction
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict:
        found = asdict(self)
        found["problems"] = [str(p) for p in self.problems]
        return found


def _interaction(name: str, posts: list[Post]) -> GroupInteraction:
    kinds = Counter(p.kind for p in posts)
    interactive = sum(1 for p in posts if p.interactive)
    return GroupInteraction(
        name,
        len(posts),
        kinds["original"],
        kinds["reply"],
        kinds["repost"],
        kinds["quote"],
        interactive,
        _percent(interactive, len(posts)),
    )


def interaction(ws: Workspace, groups_file: Path, start: date, end: date) -> Interaction:
    groups = read_groups(groups_file)
    posts = group_posts(ws, groups, start, end)
    per_group = [_interaction(n, [p for p in posts if p.group == n]) for n in groups.names]
    return Interaction(start, end, per_group, _interaction(_("all"), posts), groups.problems)
