"""The issue report (issue 13 §5, the book's TamTam and issue analysis, seed 11316–11647):
one issue on one or two A4 pages in the book's frame of three fixed elements: the
*aanleiding* (the milestones, the volume over time, the spikes and the time to the
municipality's first own post), the *analyse* (the teneur as coded by people, who is for
and who against, the argument types, the posts with the most interaction) and the
*advies* (the risks, the opportunities and the advice, as the analyst wrote them in the
issue file: Meetlat does not invent them).

Every number comes from ``meetlat.app.issues.figures``; nothing here computes a figure of
its own. Citizens are never named: the figures name them by pseudonym already. The HTML
depends only on the data and ``generated_at``, so the same data gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import altair as alt
import pandas as pd
from babel.dates import format_date

from meetlat import reference
from meetlat.app import coding, issues
from meetlat.i18n import _, language, ngettext, number
from meetlat.indicators.periods import AMSTERDAM
from meetlat.reports import charts, colours, render
from meetlat.reports.charts import Table
from meetlat.reports.national import Report, Section
from meetlat.workspace import Workspace

TEMPLATE = "issue.html"
SIDES = 5  # supporters and critics shown
TOP = 3  # posts with the most interaction shown
TEXT_CHARS = 140  # a post's text in the table, cut at a word


@dataclass(frozen=True)
class Subheading:
    """A heading inside a section (h3)."""

    subheading: str


def _day(value: date) -> str:
    return format_date(value, "d MMMM y", locale="en" if language() == "en" else "nl")


def _moment(value: datetime | None) -> str:
    if value is None:
        return "–"
    local = value.astimezone(AMSTERDAM)
    return f"{_day(local.date())} {local:%H:%M}"


def _municipality(code: str) -> str:
    try:
        return reference.get(code).name
    except (KeyError, LookupError, ValueError):
        return code


def teneur_label(value: str) -> str:
    if value == issues.UNDECIDED:
        return _("undecided (a tie)")
    if value == issues.UNCODED:
        return _("not coded")
    return coding.teneur_label(value)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= TEXT_CHARS:
        return text
    return text[:TEXT_CHARS].rsplit(" ", 1)[0] + " …"


def build(ws: Workspace, issue: issues.Issue, labels, generated_at: str,
          engine: str = "duckdb") -> Report:  # fmt: skip
    """The report of ``issue`` (``labels``: ``issues.read_labels``'s mapping, or None;
    ``engine``: duckdb or spark, the same figures)."""
    found = issues.figures(ws, issue, labels, engine)
    name = _municipality(issue.municipality_code)
    subtitle = _("Issue analysis for {municipality}, {start} to {end}").format(
        municipality=name, start=_day(issue.start), end=_day(issue.end)
    )
    sections = [_occasion(found), _analysis(found), _advice(issue)]
    facts = {
        "posts": found.posts,
        "own_posts": found.own_posts,
        "volume": {b.label: b.posts for b in found.buckets},
        "spikes": [(s.first, s.minutes_to_own) for s in found.spikes],
        "teneur": found.teneur,
    }
    return Report(issue.name, subtitle, generated_at, sections, facts)


def _occasion(found: issues.Figures) -> Section:
    issue = found.issue
    blocks: list = list(issue.context)
    if issue.milestones:
        blocks.append(Subheading(_("Milestones")))
        blocks.append(tuple(f"{_day(m.day)}: {m.label}" for m in issue.milestones))
    blocks.append(
        ngettext(
            "{posts} post on the issue by {authors} accounts, {own} of them the "
            "municipality's own.",
            "{posts} posts on the issue by {authors} accounts, {own} of them the "
            "municipality's own.",
            found.posts,
        ).format(  # fmt: skip
            posts=number(found.posts), authors=number(found.authors), own=number(found.own_posts)
        )
    )
    blocks.append(_volume_chart(found))
    blocks.append(_spikes(found))
    return Section("aanleiding", _("Occasion"), blocks)


def _volume_chart(found: issues.Figures) -> charts.Chart:
    issue = found.issue
    per_day = issue.granularity == "day"
    unit = _("day") if per_day else _("hour")
    frame = pd.DataFrame(
        {
            "bucket": [b.label for b in found.buckets],
            "posts": [b.posts for b in found.buckets],
            "kind": [_("spike") if b.spike else _("no spike") for b in found.buckets],
        }
    )
    kinds = [_("no spike"), _("spike")]
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            alt.X(
                "bucket:O",
                title=None,
                sort=list(frame["bucket"]),
                axis=alt.Axis(labelAngle=-45, labelOverlap=True),
            ),
            alt.Y("posts:Q", title=_("Posts"), axis=alt.Axis(format=",.0f", tickMinStep=1)),
            alt.Color(
                "kind:N",
                title=None,
                sort=kinds,
                scale=alt.Scale(domain=kinds, range=[colours.PRIMARY, colours.ACCENT]),
            ),
        )
        .properties(height=130)
    )
    marked = _milestone_buckets(found)
    if marked:
        rules = (
            alt.Chart(pd.DataFrame({"bucket": marked}))
            .mark_rule(color=colours.MUTED, strokeDash=[4, 3])
            .encode(alt.X("bucket:O", sort=list(frame["bucket"])))
        )
        bars = alt.layer(bars, rules)
    table = Table(
        _("Posts per {unit}").format(unit=unit),
        [_("Period"), _("Posts"), _("Of which own"), _("Spike")],
        [
            [b.label, number(b.posts), number(b.own), _("yes") if b.spike else ""]
            for b in found.buckets
            if b.posts or per_day
        ],
        [False, True, True, False],
    )
    peak = max(found.buckets, key=lambda b: b.posts)
    alt_text = _(
        "Bar chart of the posts on the issue per {unit} from {start} to {end}: {posts} in "
        "all, the most ({peak}) in {label}; the spikes are coloured orange, the milestones "
        "are dashed lines."
    ).format(  # fmt: skip
        unit=unit, start=_day(issue.start), end=_day(issue.end), posts=number(found.posts),
        peak=number(peak.posts), label=peak.label,
    )  # fmt: skip
    title = _("Volume per {unit}").format(unit=unit)
    return charts.render("volume", title, alt_text, bars, table)


def _milestone_buckets(found: issues.Figures) -> list[str]:
    """The labels of the buckets the milestones fall in (a milestone without a time: the
    first bucket of its day)."""
    result = []
    for milestone in found.issue.milestones:
        inside = [b for b in found.buckets if b.label.startswith(milestone.day.isoformat())]
        if milestone.at is not None:
            inside = [b for b in inside if b.start <= milestone.at] or inside
            inside = inside[-1:]
        if inside and inside[0].label not in result:
            result.append(inside[0].label)
    return result


def _spikes(found: issues.Figures):
    rule = found.issue.rule
    if found.issue.granularity == "day":
        explained = _(
            "A spike is a day with at least {minimum} posts and at least {factor} times the "
            "median of the {window} days before it."
        )
    else:
        explained = _(
            "A spike is an hour with at least {minimum} posts and at least {factor} times the "
            "median of the {window} hours before it."
        )
    explained = explained.format(
        minimum=number(rule.minimum), factor=number(rule.factor, 1), window=number(rule.window)
    )
    if not found.spikes:
        return explained + " " + _("There was no spike in the period.")
    rows = []
    for spike in found.spikes:
        when = spike.first if spike.first == spike.last else f"{spike.first} – {spike.last}"
        if spike.minutes_to_own is None:
            reply = _("none yet")
        else:
            reply = number(spike.minutes_to_own, 0)
        rows.append(
            [when, number(spike.posts), _moment(spike.start_at), _moment(spike.first_own_at),
             reply]
        )  # fmt: skip
    return Table(
        explained,
        [_("Spike"), _("Posts"), _("First post"), _("First own post"), _("Minutes")],
        rows,
        [False, True, False, False, True],
    )


def _analysis(found: issues.Figures) -> Section:
    blocks: list = [Subheading(_("Tenor"))]
    if found.coded:
        blocks.append(
            _(
                "As coded by {coders} coders: {coded} of the {posts} posts; with several "
                "coders per post the majority counts, a tie is undecided. The tenor is never "
                "computed."
            ).format(  # fmt: skip
                coders=number(found.coders), coded=number(found.coded), posts=number(found.posts)
            )
        )
        blocks.append(
            Table(
                _("Tenor of the posts"),
                [_("Tenor"), _("Posts")],
                [[teneur_label(k), number(v)] for k, v in found.teneur.items()],
                [False, True],
            )
        )
    else:
        blocks.append(
            _(
                "No post on the issue has been coded yet. The tenor comes only from people "
                "coding the posts (meetlat web, coding), never from automatic sentiment."
            )
        )
    blocks.append(Subheading(_("Who is for and who is against")))
    if found.supporters or found.critics:
        size = min(SIDES, max(len(found.supporters), len(found.critics)))
        rows = []
        for i in range(size):
            row = []
            for side in (found.supporters, found.critics):
                if i < len(side):
                    row += [side[i].author, number(side[i].posts)]
                else:
                    row += ["", ""]
            rows.append(row)
        blocks.append(
            Table(
                _(
                    "Senders of posts coded support (for) and criticism (against); public "
                    "bodies by name, citizens by pseudonym"
                ),
                [_("For (support)"), _("Posts"), _("Against (criticism)"), _("Posts")],
                rows,
                [False, True, False, True],
            )  # fmt: skip
        )
    else:
        blocks.append(_("No post coded support or criticism."))
    if found.arguments:
        blocks.append(Subheading(_("Argument types")))
        blocks.append(
            Table(
                _("Posts per argument type (by the analyst's keywords; reposts not counted)"),
                [_("Argument type"), _("Posts"), _("Support"), _("Criticism")],
                [
                    [a.name, number(a.posts), number(a.steun), number(a.kritiek)]
                    for a in found.arguments
                ],
                [False, True, True, True],
            )  # fmt: skip
        )
    if found.top:
        blocks.append(Subheading(_("Posts with the most interaction")))
        blocks.append(
            Table(
                _("Likes, reposts, replies and quotes together"),
                [_("Sender"), _("Post"), _("Interaction")],
                [[p.author, _cut(p.text), number(p.interaction)] for p in found.top[:TOP]],
                [False, False, True],
            )
        )
    return Section("analyse", _("Analysis"), blocks)


def _advice(issue: issues.Issue) -> Section:
    blocks: list = []
    for heading, items in (
        (_("Risks"), issue.risks),
        (_("Opportunities"), issue.opportunities),
        (_("Points of advice"), issue.advice),
    ):
        blocks.append(Subheading(heading))
        blocks.append(tuple(items) if items else _("Not filled in by the analyst."))
    return Section("advies", _("Advice"), blocks)


def html(report: Report) -> str:
    return render.html(report, TEMPLATE)


def issue_report(ws: Workspace, issue: issues.Issue, labels, generated_at: str,
                 format: str = "html") -> bytes:  # fmt: skip
    """The report as the bytes of an HTML or PDF file."""
    document = html(build(ws, issue, labels, generated_at))
    if format == "pdf":
        return render.pdf(document)
    return document.encode("utf-8")
