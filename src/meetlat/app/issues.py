"""Issue analysis (the book's ``luisteren, duiden, doen``, seed 11316–11647): the posts on
one issue between two milestones, and the figures of the book's checklist.

An issue is defined by the analyst in a TOML file (docs/issues.md): its name, the
municipality, the search terms and hashtags, the milestones and the period between them,
and, written by the analyst, the argument types with their Dutch keywords, the
risks, the opportunities and the advice. Meetlat computes only what can be counted:

* the matching posts: the warehouse posts of the period whose text holds a search term
  as a whole word (any case; the rule of ``app.webcare.term_pattern``) or that carry one
  of the hashtags, on the issue's platforms (all when none are given);
* the volume per local day (or per local hour: ``granularity``), zeros included;
* the spikes (``spikes``: the documented rule of docs/indicators.md) and, per spike, the
  minutes from its start to the municipality's first own post on the issue;
* the teneur from the labels of human coders (never computed: the book, 13967–13976),
  the majority per post, a tie ``onbeslist``;
* who is for (posts coded ``steun``) and who against (``kritiek``), public bodies by their
  handle and citizens by pseudonym (``app.privacy.namer``);
* the argument types, counted by their keywords (``indicators.themes`` matching);
* the top posts by interaction (likes + reposts + replies + quotes, newest observation).
"""

from __future__ import annotations

import csv
import io
import re
import statistics
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from meetlat.app import privacy
from meetlat.app.webcare import Terms, term_pattern
from meetlat.i18n import _
from meetlat.indicators import themes
from meetlat.indicators.periods import AMSTERDAM, period_bounds
from meetlat.privacy import pseudonym
from meetlat.warehouse.connection import connect
from meetlat.workspace import Workspace

FOLDER = Path("issues")  # <workspace>/issues/<slug>.toml, by convention
TENEUR = ("steun", "kritiek", "neutraal", "gemengd")
UNDECIDED = "onbeslist"  # the coders' majority is a tie
UNCODED = "ongecodeerd"  # no coder labelled the post
GRANULARITIES = ("day", "hour")
AUTO_HOURS_DAYS = 3  # granularity "auto": per hour when the period is at most 3 days
DEFAULT_FACTOR = 3.0
DEFAULT_MINIMUM = 5
DEFAULT_WINDOW = 7
TOP_POSTS = 5
LABEL_COLUMNS = ("platform", "post_id", "coder", "teneur")  # of coderingen.csv
KEYS = {
    "name", "municipality", "terms", "hashtags", "platforms", "start", "end",
    "granularity", "milestones", "spikes", "arguments", "context", "risks",
    "opportunities", "advice",
}  # fmt: skip


class IssueError(ValueError):
    """An issue file or labels file that cannot be used: the file, where, and what."""


@dataclass(frozen=True)
class Milestone:
    day: date
    label: str
    at: datetime | None = None  # when the file gives a time (Amsterdam time)


@dataclass(frozen=True)
class SpikeRule:
    factor: float = DEFAULT_FACTOR  # at least factor × the median of the window before
    minimum: int = DEFAULT_MINIMUM  # and at least this many posts
    window: int = DEFAULT_WINDOW  # the buckets before it whose median is the baseline


@dataclass(frozen=True)
class ArgumentType:
    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Issue:
    source: str  # the file
    name: str
    municipality_code: str
    terms: tuple[str, ...]
    hashtags: tuple[str, ...]
    platforms: tuple[str, ...]
    start: date
    end: date
    granularity: str  # day | hour
    milestones: tuple[Milestone, ...]
    rule: SpikeRule = field(default_factory=SpikeRule)
    arguments: tuple[ArgumentType, ...] = ()
    context: tuple[str, ...] = ()  # the analyst's aanleiding, paragraphs
    risks: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return Path(self.source).stem


# ---- the issue file --------------------------------------------------------------------


def load(path: Path, source: str | None = None) -> Issue:
    """The issue of a TOML file; raises IssueError with the file and the line or key
    (``source``: how the messages name the file, by default its path)."""
    path = Path(path)
    name = source or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise IssueError(
            _("{file}: not a UTF-8 text file ({reason}).").format(file=name, reason=error)
        ) from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"at line (\d+)", str(error))
        if line:
            raise IssueError(
                _("{file}, line {line}: not a TOML file ({reason}).").format(
                    file=name, line=line.group(1), reason=error
                )
            ) from error
        raise IssueError(
            _("{file}: not a TOML file ({reason}).").format(file=name, reason=error)
        ) from error
    return parse(data, name)


@dataclass(frozen=True)
class IssueFile:
    """One file of the workspace's issues folder: its issue, or why it cannot be used."""

    slug: str  # the file's name without .toml
    path: Path
    source: str  # how messages name it: issues/<slug>.toml
    issue: Issue | None
    error: str | None
    municipality_code: str | None  # as the file says, also when it cannot be used


def _stated_municipality(path: Path) -> str | None:
    """The municipality a file names, read leniently (None when it cannot be told)."""
    try:
        code = tomllib.loads(path.read_text(encoding="utf-8")).get("municipality")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, OSError):
        return None
    return code.strip().upper() if isinstance(code, str) else None


def issue_file(ws: Workspace, slug: str) -> IssueFile | None:
    """The issue file ``<workspace>/issues/<slug>.toml`` (None when there is none)."""
    path = ws.root / FOLDER / f"{slug}.toml"
    if not re.fullmatch(r"[-a-zA-Z0-9_]+", slug) or not path.is_file():
        return None
    source = (FOLDER / path.name).as_posix()
    try:
        issue = load(path, source)
    except IssueError as error:
        return IssueFile(slug, path, source, None, str(error), _stated_municipality(path))
    return IssueFile(slug, path, source, issue, None, issue.municipality_code)


def issue_files(ws: Workspace) -> list[IssueFile]:
    """Every issue file of the workspace's issues folder, by name (files whose name is
    not a plain word, letters, digits, - and _, are left out)."""
    folder = ws.root / FOLDER
    if not folder.is_dir():
        return []
    found = (issue_file(ws, path.stem) for path in sorted(folder.glob("*.toml")))
    return [f for f in found if f is not None]


def _bad(source: str, key: str, expected: str) -> IssueError:
    return IssueError(
        _("{file}: {key}: expected {expected}.").format(file=source, key=key, expected=expected)
    )


def _texts(data: dict, key: str, source: str, lower: bool = False,
           where: str | None = None) -> tuple[str, ...]:  # fmt: skip
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _bad(source, where or key, _("a list of texts"))
    return tuple(v.strip().lower() if lower else v.strip() for v in value)


def _day(value, key: str, source: str) -> tuple[date, datetime | None]:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=AMSTERDAM)
        return moment.astimezone(AMSTERDAM).date(), moment.astimezone(UTC)
    if isinstance(value, date):
        return value, None
    raise _bad(source, key, _("a date such as 2014-08-12 (without quotes)"))


def parse(data: dict, source: str) -> Issue:
    """The issue of the parsed TOML ``data`` of file ``source``."""
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise IssueError(
            _("{file}: unknown key {key} (expected one of: {keys}).").format(
                file=source, key=unknown[0], keys=", ".join(sorted(KEYS))
            )
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _bad(source, "name", _("the issue's name as a text"))
    code = data.get("municipality")
    if not isinstance(code, str) or not re.fullmatch(r"GM\d{4}", code.strip().upper()):
        raise _bad(source, "municipality", _("a municipality code such as GM0363"))
    terms = _texts(data, "terms", source, lower=True)
    hashtags = tuple(t.lstrip("#") for t in _texts(data, "hashtags", source, lower=True))
    if not terms and not hashtags:
        raise _bad(source, "terms", _("at least one search term or hashtag"))
    platforms = _texts(data, "platforms", source, lower=True)
    milestones = []
    raw = data.get("milestones", [])
    if not isinstance(raw, list):
        raise _bad(source, "milestones", _("[[milestones]] tables with a date and a label"))
    for number, entry in enumerate(raw, 1):
        key = f"milestones[{number}]"
        if not isinstance(entry, dict):
            raise _bad(source, key, _("a table with a date and a label"))
        extra = sorted(set(entry) - {"date", "label"})
        if extra:
            raise _bad(source, f"{key}.{extra[0]}", _("only date and label"))
        if "date" not in entry:
            raise _bad(source, f"{key}.date", _("a date such as 2014-08-12 (without quotes)"))
        day, at = _day(entry["date"], f"{key}.date", source)
        label = entry.get("label")
        if not isinstance(label, str) or not label.strip():
            raise _bad(source, f"{key}.label", _("a text saying what happened"))
        milestones.append(Milestone(day, label.strip(), at))
    milestones.sort(key=lambda m: (m.day, m.at or datetime.min.replace(tzinfo=UTC)))
    start = _day(data["start"], "start", source)[0] if "start" in data else None
    end = _day(data["end"], "end", source)[0] if "end" in data else None
    if start is None or end is None:
        if len(milestones) < 2 and not (start and end):
            raise _bad(source, "milestones", _("two milestones, or a start and an end"))
        start = start or milestones[0].day
        end = end or milestones[-1].day
    if end < start:
        raise IssueError(
            _("{file}: end: {end} is before the start {start}.").format(
                file=source, end=end, start=start
            )
        )
    granularity = data.get("granularity", "auto")
    if granularity == "auto":
        granularity = "hour" if (end - start).days + 1 <= AUTO_HOURS_DAYS else "day"
    if granularity not in GRANULARITIES:
        raise _bad(source, "granularity", _("day, hour or auto"))
    return Issue(
        source=source,
        name=name.strip(),
        municipality_code=code.strip().upper(),
        terms=terms,
        hashtags=hashtags,
        platforms=platforms,
        start=start,
        end=end,
        granularity=granularity,
        milestones=tuple(milestones),
        rule=_rule(data.get("spikes", {}), source),
        arguments=_arguments(data.get("arguments", []), source),
        context=_texts(data, "context", source),
        risks=_texts(data, "risks", source),
        opportunities=_texts(data, "opportunities", source),
        advice=_texts(data, "advice", source),
    )


def _rule(entry, source: str) -> SpikeRule:
    if not isinstance(entry, dict):
        raise _bad(source, "spikes", _("a table with factor, minimum and window"))
    unknown = sorted(set(entry) - {"factor", "minimum", "window"})
    if unknown:
        raise _bad(source, f"spikes.{unknown[0]}", _("only factor, minimum and window"))
    factor = entry.get("factor", DEFAULT_FACTOR)
    if isinstance(factor, bool) or not isinstance(factor, int | float) or factor <= 0:
        raise _bad(source, "spikes.factor", _("a number above 0"))
    values = {}
    for key, default in (("minimum", DEFAULT_MINIMUM), ("window", DEFAULT_WINDOW)):
        value = entry.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise _bad(source, f"spikes.{key}", _("a whole number of at least 1"))
        values[key] = value
    return SpikeRule(float(factor), values["minimum"], values["window"])


def _arguments(raw, source: str) -> tuple[ArgumentType, ...]:
    if not isinstance(raw, list):
        raise _bad(source, "arguments", _("[[arguments]] tables with a name and keywords"))
    result = []
    for number, entry in enumerate(raw, 1):
        key = f"arguments[{number}]"
        if not isinstance(entry, dict):
            raise _bad(source, key, _("a table with a name and keywords"))
        extra = sorted(set(entry) - {"name", "keywords"})
        if extra:
            raise _bad(source, f"{key}.{extra[0]}", _("only name and keywords"))
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _bad(source, f"{key}.name", _("the argument type's name as a text"))
        keywords = _texts(entry, "keywords", source, lower=True, where=f"{key}.keywords")
        if not keywords:
            raise _bad(source, f"{key}.keywords", _("at least one keyword"))
        result.append(ArgumentType(name.strip(), keywords))
    return tuple(result)


# ---- the coders' labels ------------------------------------------------------------------


def read_labels(text: str, source: str) -> dict[tuple[str, str], dict[str, str]]:
    """The labels of a coding export (the web application's ``coderingen.csv``: columns
    platform, post_id, coder, teneur among others): per (platform, post id) each coder's
    teneur (a coder's later row replaces an earlier one)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in LABEL_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise IssueError(
            _("{file}: the column {column} is missing (expected {columns}).").format(
                file=source, column=missing[0], columns=", ".join(LABEL_COLUMNS)
            )
        )
    rows = (
        (_("{file}, line {line}").format(file=source, line=reader.line_num),
         row.get("platform"), row.get("post_id"), row.get("coder"), row.get("teneur"))
        for row in reader
    )  # fmt: skip
    return collect_labels(rows)


def collect_labels(rows) -> dict[tuple[str, str], dict[str, str]]:
    """Per (platform, post id) each coder's teneur, from ``rows`` of (where, platform,
    post id, coder, teneur): the lines of a coding export (``read_labels``) or the labels
    of the web application's coding jobs. ``where`` names the row in a message (a coder's
    later row replaces an earlier one)."""
    result: dict[tuple[str, str], dict[str, str]] = {}
    for where, platform, post_id, coder, teneur in rows:
        value = str(teneur or "").strip().lower()
        if value not in TENEUR:
            raise IssueError(
                _("{where}: teneur {value!r} is not one of {values}.").format(
                    where=where, value=value, values=", ".join(TENEUR)
                )
            )
        platform, post_id = str(platform or "").strip(), str(post_id or "").strip()
        if not platform or not post_id:
            raise IssueError(_("{where}: a label without platform or post_id.").format(where=where))
        result.setdefault((platform, post_id), {})[str(coder or "").strip()] = value
    return result


def majority(values) -> str:
    """The teneur most coders gave; a tie between the most frequent values: onbeslist."""
    counts = Counter(values).most_common()
    if not counts:
        return UNCODED
    if len(counts) > 1 and counts[0][1] == counts[1][1]:
        return UNDECIDED
    return counts[0][0]


# ---- the figures -------------------------------------------------------------------------


@dataclass(frozen=True)
class Post:
    platform: str
    post_id: str
    author: str  # a public body's handle, else the citizen's pseudonym
    public: bool  # the author is a registry account (of any municipality)
    own: bool  # the author is one of the issue municipality's registry accounts
    created_at: datetime
    kind: str
    text: str  # @mentions of citizens replaced by pseudonyms
    interaction: int
    teneur: str = UNCODED


@dataclass(frozen=True)
class Bucket:
    start: datetime  # UTC
    label: str  # local day (2014-08-12) or local hour (2014-08-12 14:00)
    posts: int
    own: int
    baseline: float | None  # the median of the window before; None for the first
    spike: bool


@dataclass(frozen=True)
class Spike:
    first: str  # label of its first bucket
    last: str  # label of its last bucket
    posts: int  # in its buckets
    peak: int  # the largest bucket
    start_at: datetime  # the first post by another account in its first bucket
    first_own_at: datetime | None  # the municipality's first own post at or after it
    minutes_to_own: float | None  # None: none yet (within the period)


@dataclass(frozen=True)
class Side:
    author: str
    public: bool
    posts: int


@dataclass(frozen=True)
class ArgumentCount:
    name: str
    posts: int
    steun: int
    kritiek: int


@dataclass(frozen=True)
class Figures:
    issue: Issue
    posts: int
    own_posts: int
    authors: int
    buckets: list[Bucket]
    spikes: list[Spike]
    teneur: dict[str, int]  # TENEUR + onbeslist + ongecodeerd, over the matching posts
    coded: int  # matching posts with at least one label
    labels_elsewhere: int  # labelled posts that are not among the matching posts
    coders: int
    supporters: list[Side]
    critics: list[Side]
    arguments: list[ArgumentCount]
    top: list[Post]


def _own_handles(con, code: str) -> set[tuple[str, str]]:
    registry = con.table("registry")
    rows = (
        registry.filter(registry.municipality_code == code)
        .select("platform", "handle")
        .to_pyarrow()
        .to_pylist()
    )
    return {(r["platform"], pseudonym.subject(r["handle"])) for r in rows if r["handle"]}


METRICS = ("likes", "reposts", "replies", "quotes")  # the interaction, summed
COLUMNS = ("platform", "post_id", "account_id", "handle", "text", "created_at", "kind")


def posts_expression(con, issue: Issue):
    """The Ibis expression of the issue's posts over backend ``con`` (DuckDB or Spark):
    platform, post_id, account_id, handle, text, created_at, kind, interaction, ordered
    by created_at, platform, post_id.

    The matching posts are chosen from ``posts_stored`` first and only their newest
    metrics are looked up (as the ``posts`` view does it: each metric of the newest
    observation, ``argmax`` by observed_at); going through the view would work out the
    newest metrics of every post in the warehouse before filtering (bench/RESULTS.md).
    The whole-word pattern (``term_pattern``) means the same in DuckDB's RE2 and in
    Spark's Java regular expressions."""
    import ibis

    stored = con.table("posts_stored")
    first, after = period_bounds(issue.start, issue.end)
    conditions = []
    pattern = term_pattern(Terms(issue.municipality_code, issue.terms))
    if pattern:
        conditions.append(stored.text.coalesce("").lower().re_search(pattern).coalesce(False))
    if issue.hashtags:
        tags = ibis.literal(list(issue.hashtags), type="array<string>")
        lowered = stored.hashtags.map(lambda h: h.lower())
        conditions.append(lowered.intersect(tags).length().coalesce(0) > 0)
    matched = conditions[0]
    for more in conditions[1:]:
        matched = matched | more
    chosen = stored.filter(stored.created_at >= first, stored.created_at < after, matched)
    if issue.platforms:
        chosen = chosen.filter(chosen.platform.isin(list(issue.platforms)))
    chosen = chosen.select(*COLUMNS)
    metrics = con.table("post_metrics")
    observed = metrics.semi_join(chosen, ["platform", "post_id"])  # chosen once: a CTE
    newest = observed.group_by(["platform", "post_id"]).aggregate(
        **{m: observed[m].argmax(observed.observed_at) for m in METRICS}
    )
    accounts = con.table("accounts")
    known = (
        accounts.filter(accounts.handle.notnull(), accounts.account_id.notnull())
        .group_by(["platform", "account_id"])
        .aggregate(known_handle=accounts.handle.min())
    )
    with_metrics = chosen.left_join(newest, ["platform", "post_id"]).select(
        *[chosen[c] for c in COLUMNS], *[newest[m] for m in METRICS]
    )
    joined = with_metrics.left_join(known, ["platform", "account_id"])
    interaction = sum(
        (joined[m].coalesce(0) for m in METRICS[1:]), joined[METRICS[0]].coalesce(0)
    ).cast("int64")
    return joined.select(
        joined.platform,
        joined.post_id,
        joined.account_id,
        handle=joined.handle.coalesce(joined.known_handle),
        text=joined.text.coalesce(""),
        created_at=joined.created_at,
        kind=joined.kind,
        interaction=interaction,
    ).order_by(["created_at", "platform", "post_id"])


def _milliseconds(column) -> list[int]:
    """UTC milliseconds since 1970 of an Arrow timestamp column (as DuckDB's epoch_ms)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    unit = column.type.unit
    whole = pc.cast(column, pa.timestamp(unit)).cast(pa.int64()).to_pylist()
    per_ms = {"s": None, "ms": 1, "us": 1000, "ns": 1_000_000}[unit]
    if per_ms is None:
        return [None if v is None else v * 1000 for v in whole]
    return [None if v is None else v // per_ms for v in whole]


def matching_posts(ws: Workspace, issue: Issue, labels=None, engine: str = "duckdb") -> list[Post]:
    """The issue's posts in its period, oldest first, with their coded teneur
    (``engine``: duckdb or spark, the same posts)."""
    con = connect(ws, engine)
    table = posts_expression(con, issue).to_pyarrow()
    created = _milliseconds(table.column("created_at"))
    rows = table.drop_columns(["created_at"]).to_pylist()
    own = _own_handles(con, issue.municipality_code)
    names = privacy.namer(ws)
    labels = labels or {}
    seen, result = set(), []
    for row, created_ms in zip(rows, created, strict=True):
        platform, post_id, handle = row["platform"], row["post_id"], row["handle"]
        if (platform, post_id) in seen:
            continue
        seen.add((platform, post_id))
        subject = pseudonym.subject(handle.lstrip("@")) if handle else ""
        coded = labels.get((platform, post_id))
        result.append(
            Post(
                platform=platform,
                post_id=post_id,
                author=names.name(
                    platform, handle.lstrip("@") if handle else None, row["account_id"]
                ),
                public=names.is_public(platform, subject),
                own=(platform, subject) in own,
                created_at=datetime.fromtimestamp(created_ms / 1000, tz=UTC),
                kind=row["kind"] or "original",
                text=names.text(platform, row["text"]) or "",
                interaction=int(row["interaction"] or 0),
                teneur=majority(coded.values()) if coded else UNCODED,
            )
        )
    return result


def bucket_starts(issue: Issue) -> list[datetime]:
    """The UTC start of every local day (or hour) of the issue's period."""
    if issue.granularity == "day":
        return [
            datetime.combine(issue.start + timedelta(days=n), time(), AMSTERDAM).astimezone(UTC)
            for n in range((issue.end - issue.start).days + 1)
        ]
    first, after = period_bounds(issue.start, issue.end)
    hours = int((after - first) / timedelta(hours=1))
    return [first + timedelta(hours=n) for n in range(hours)]


def _label(moment: datetime, granularity: str) -> str:
    local = moment.astimezone(AMSTERDAM)
    return local.strftime("%Y-%m-%d") if granularity == "day" else local.strftime("%Y-%m-%d %H:%M")


def detect(counts: list[int], rule: SpikeRule) -> list[tuple[float | None, bool]]:
    """Per bucket: (baseline, spike). The baseline is the median of the up to ``window``
    buckets before it (None for the first bucket, taken as 0); a bucket is a spike when
    it holds at least ``minimum`` posts and at least ``factor`` × its baseline."""
    result = []
    for i, count in enumerate(counts):
        before = counts[max(0, i - rule.window) : i]
        baseline = float(statistics.median(before)) if before else None
        spike = count >= rule.minimum and count >= rule.factor * (baseline or 0.0)
        result.append((baseline, spike))
    return result


def volume(issue: Issue, posts: list[Post]) -> list[Bucket]:
    """The posts per bucket of the period (zeros included), with the spike rule applied."""
    starts = bucket_starts(issue)
    counts, owns = [0] * len(starts), [0] * len(starts)
    index = 0
    for post in posts:  # oldest first, every post inside the period
        while index + 1 < len(starts) and post.created_at >= starts[index + 1]:
            index += 1
        counts[index] += 1
        owns[index] += post.own
    marks = detect(counts, issue.rule)
    labels, seen = [], set()
    for start in starts:
        label = _label(start, issue.granularity)
        if label in seen:  # the hour that repeats when summer time ends: say its offset
            label += start.astimezone(AMSTERDAM).strftime(" (UTC%z)")
        seen.add(label)
        labels.append(label)
    return [
        Bucket(start, label, count, own, baseline, spike)
        for start, label, count, own, (baseline, spike) in zip(
            starts, labels, counts, owns, marks, strict=True
        )
    ]


def spikes(issue: Issue, buckets: list[Bucket], posts: list[Post]) -> list[Spike]:
    """Consecutive spike buckets as one spike, with the time to the first own post."""
    step = timedelta(days=1) if issue.granularity == "day" else timedelta(hours=1)
    runs, current = [], []
    for bucket in buckets:
        if bucket.spike:
            current.append(bucket)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    result = []
    for run in runs:
        inside = [p for p in posts if run[0].start <= p.created_at < run[0].start + step]
        others = [p for p in inside if not p.own] or inside
        start_at = others[0].created_at
        own = next((p for p in posts if p.own and p.created_at >= start_at), None)
        result.append(
            Spike(
                first=run[0].label,
                last=run[-1].label,
                posts=sum(b.posts for b in run),
                peak=max(b.posts for b in run),
                start_at=start_at,
                first_own_at=own.created_at if own else None,
                minutes_to_own=(own.created_at - start_at) / timedelta(minutes=1) if own else None,
            )
        )
    return result


def _sides(posts: list[Post], teneur: str) -> list[Side]:
    counts = Counter((p.author, p.public) for p in posts if p.teneur == teneur)
    return [
        Side(author, public, n)
        for (author, public), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    ]


def _argument_counts(issue: Issue, posts: list[Post]) -> list[ArgumentCount]:
    if not issue.arguments:
        return []
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["theme", "term"])
    for argument in issue.arguments:
        for keyword in argument.keywords:
            writer.writerow([argument.name, keyword])
    lexicon = themes.parse(out.getvalue(), issue.source)
    counts = {a.name: Counter() for a in issue.arguments}
    for post in posts:
        if post.kind == "repost":
            continue
        for name in lexicon.match(post.text):
            counts[name]["posts"] += 1
            counts[name][post.teneur] += 1
    return [
        ArgumentCount(a.name, counts[a.name]["posts"], counts[a.name]["steun"],
                      counts[a.name]["kritiek"])
        for a in issue.arguments
    ]  # fmt: skip


def figures(ws: Workspace, issue: Issue, labels=None, engine: str = "duckdb") -> Figures:
    """Every figure of the issue (``labels``: ``read_labels``'s mapping, or None;
    ``engine``: duckdb or spark, which query the matching posts, the same figures)."""
    labels = labels or {}
    posts = matching_posts(ws, issue, labels, engine)
    buckets = volume(issue, posts)
    ids = {(p.platform, p.post_id) for p in posts}
    teneur = dict.fromkeys((*TENEUR, UNDECIDED, UNCODED), 0)
    for post in posts:
        teneur[post.teneur] += 1
    coders = {c for key in ids & labels.keys() for c in labels[key]}  # of these posts
    top = sorted(
        (p for p in posts if p.kind != "repost" and p.interaction > 0),
        key=lambda p: (-p.interaction, p.created_at, p.post_id),
    )[:TOP_POSTS]
    return Figures(
        issue=issue,
        posts=len(posts),
        own_posts=sum(p.own for p in posts),
        authors=len({(p.platform, p.author) for p in posts}),
        buckets=buckets,
        spikes=spikes(issue, buckets, posts),
        teneur=teneur,
        coded=sum(p.teneur != UNCODED for p in posts),
        labels_elsewhere=len(set(labels) - ids),
        coders=len(coders),
        supporters=_sides(posts, "steun"),
        critics=_sides(posts, "kritiek"),
        arguments=_argument_counts(issue, posts),
        top=top,
    )
