"""The report per municipality (issue 11 §5): one municipality's accounts, positions,
activity, reaction times, word use and growth-model profile, with the advice.

``gather`` collects once what every municipality's report sets itself beside (the
measurement of this period and of the same days a year earlier, the rankings nationally
and within the peer groups, the national figures and the questionnaire's summary);
``build`` adds one municipality's own figures and writes the sentences. As in the
national report, every number comes from a use case of meetlat.app (the one a CLI
command prints) and is formatted by meetlat.app.figuretext; nothing here computes a
figure of its own. Citizens are never named: the tables list the municipality's own
registry accounts, and word use leaves out @mentions.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from meetlat import reference
from meetlat.app import accounts, figuretext, measuring, questionnaire
from meetlat.app.national import National, national
from meetlat.i18n import _, ngettext, number
from meetlat.indicators.periods import year_earlier
from meetlat.ranking.national import PLATFORM_NAMES
from meetlat.reports import charts, colours
from meetlat.reports.charts import Table
from meetlat.reports.national import (
    MIN_REPLIES,
    Report,
    Section,
    _weekday_names,
    change_sentence,
    measuring_role,
    word_section,
)
from meetlat.workspace import Workspace

WORDS = 15
_NO_WORDS = {c: pd.DataFrame({c: pd.Series([], dtype=object), "count": pd.Series([], dtype="int64")})
             for c in ("word", "hashtag")}  # fmt: skip
ROLE = "corporate"  # the rankings rank the corporate accounts, pooled per municipality


class NoAccounts(LookupError):
    """The municipality has no account in the registry: there is nothing to report."""

    def __init__(self, code: str, name: str):
        super().__init__(
            _(
                "{code} ({name}) has no accounts in the registry: there is nothing to report. "
                "Add its accounts with `meetlat accounts import`."
            ).format(code=code, name=name)
        )


@dataclass(frozen=True)
class Gathered:
    """What every municipality's report of one period and edition is set beside."""

    start: date
    end: date
    previous_start: date
    previous_end: date
    edition: object  # questionnaire Edition
    accounts: pd.DataFrame  # measure by account, this period (all roles)
    accounts_before: pd.DataFrame  # the same, a year earlier
    municipalities: pd.DataFrame  # measure by municipality, corporate accounts
    rankings: dict  # "national" / "size" / "province": ranking frames
    national: National
    summary: dict  # questionnaire.national_summary
    registry: list[dict]
    peer_medians: object  # questionnaire.peer_medians: .of(code, by) → PeerMedians
    activity: dict  # code → measuring.activity frame (every municipality, one pass)
    words: dict  # code → top words frame
    hashtags: dict  # code → top hashtags frame
    assessments: dict  # code → Assessment (without signals: the report shows none)


def gather(ws: Workspace, start: date, end: date, edition_name: str,
           facts_starting=None) -> Gathered:  # fmt: skip
    """The figures every municipality's report of ``start`` … ``end`` shares."""
    first, last = year_earlier(start, end)
    now = measuring.measure(ws, start, end, None, "account", facts_starting=facts_starting)
    before = measuring.measure(ws, first, last, None, "account")
    pooled = measuring.measure(ws, start, end, [ROLE], "municipality")
    rankings = {
        "national": measuring.ranking(ws, start, end, ROLE, MIN_REPLIES, by="municipality").frame
    }
    for group in measuring.PEER_GROUPS:
        rankings[group] = measuring.ranking(
            ws, start, end, ROLE, MIN_REPLIES, peer_group=group, by="municipality"
        ).frame
    chosen = questionnaire.edition(edition_name, ws)
    found_words, tags = measuring.top_words_by_municipality(ws, start, end, top=WORDS)
    assessments = questionnaire.assess_all(ws, chosen, with_signals=False)
    return Gathered(
        start, end, first, last, chosen, now.frame, before.frame, pooled.frame, rankings,
        national(ws, start, end), questionnaire.national_summary(ws, chosen),
        accounts.load(ws).to_pylist(), questionnaire.peer_medians(ws, chosen),
        measuring.activity_by_municipality(ws, start, end), found_words, tags,
        {a.municipality_code: a for a in assessments},
    )  # fmt: skip


def codes_with_accounts(gathered: Gathered) -> list[str]:
    """The municipalities with at least one registry account, in code order."""
    return sorted({row["municipality_code"] for row in gathered.registry})


def _pct(value) -> str:
    return figuretext.figure_value(_none(value), "pct")


def _none(value):
    """A frame's missing value (NaN, NA) as None."""
    if value is None or pd.isna(value):
        return None
    return float(value)


def _count(value) -> str:
    value = _none(value)
    return "–" if value is None else number(value, 0)


def _minutes(value) -> str:
    value = _none(value)
    return "–" if value is None else figuretext.duration(value)


def _platform(key: str) -> str:
    return PLATFORM_NAMES.get(key, key)


def _account_name(row) -> str:
    return f"{_platform(row['platform'])} @{row['handle']} ({measuring_role(row['role'])})"


def _previous_row(gathered: Gathered, row):
    earlier = gathered.accounts_before
    found = earlier[
        (earlier["municipality_code"] == row["municipality_code"])
        & (earlier["platform"] == row["platform"])
        & (earlier["handle"] == row["handle"])
        & (earlier["role"] == row["role"])
    ]
    return None if found.empty else found.iloc[0]


# (column, label, unit) of the accounts table: unit as figuretext.figure_value's
def _indicators() -> list[tuple[str, str, str]]:
    return [
        ("posts_sent", _("Posts sent"), "accounts"),
        ("replies_sent", _("Replies to others"), "accounts"),
        ("interaction_pct", _("Interaction percentage"), "pct"),
        ("followers", _("Followers"), "accounts"),
        ("following", _("Following"), "accounts"),
        ("potential_reach_mean", _("Potential reach per post"), "accounts"),
        ("inbound_questions", _("Questions from others"), "accounts"),
        ("questions_answered_pct", _("Questions answered"), "pct"),
    ]


def _change(now, before, unit: str) -> str:
    now, before = _none(now), _none(before)
    if now is None or before is None:
        return "–"
    difference = now - before
    sign = "-" if difference < 0 else "+"
    if unit == "pct":
        return _("{sign}{value} points").format(sign=sign, value=number(abs(difference), 1))
    return sign + number(abs(difference), 0)


# --- the sections -----------------------------------------------------------------


def _summary(name, own, before_posts, positions, found, average, gathered) -> Section:
    posts = int(own["posts_sent"].sum())
    blocks = [
        ngettext(
            "{name} has {n} account in the registry that was active in the period.",
            "{name} has {n} accounts in the registry that were active in the period.",
            len(own),
        ).format(name=name, n=number(len(own))),
        change_sentence(
            _("The number of posts its accounts sent"),
            posts,
            before_posts,
            "accounts",
        ),
    ]
    pooled = positions.get("pooled")
    if pooled is not None:
        reaction = gathered.national.figure("corporate.reaction_time_mean_min").value
        interaction = gathered.national.figure("corporate.interaction_pct_mean").value
        blocks.append(
            _(
                "Of the posts of its corporate accounts, {pct} is a reply to others; the mean "
                "of the municipalities is {mean}."
            ).format(pct=_pct(pooled["interaction_pct"]), mean=_pct(interaction))
        )
        if _none(pooled["reaction_time_mean_min"]) is not None:
            blocks.append(
                _(
                    "Its corporate accounts reply in {time} on average; the mean of the "
                    "municipalities is {mean}."
                )
                .format(time=_minutes(pooled["reaction_time_mean_min"]),
                        mean=figuretext.figure_value(reaction, "minutes"))
                .replace("..", ".")
            )  # fmt: skip
    national_row = positions.get("national")
    if national_row is not None and national_row[0] is not None:
        blocks.append(
            _("In the composite ranking it is number {position} of {n} municipalities.").format(
                position=national_row[0], n=number(national_row[1])
            )
        )
    elif pooled is not None:
        blocks.append(_("It has no place in the composite ranking: one of its ranks is missing."))
    if found is not None and found.overall_phase is not None:
        phase = average["overall_phase"] if average else None
        if phase is None:
            text = _("On the growth model it is in phase {phase}.")
        elif found.overall_phase > phase:
            text = _("On the growth model it is in phase {phase}, ahead of the average "
                     "municipality (phase {average}).")  # fmt: skip
        elif found.overall_phase < phase:
            text = _("On the growth model it is in phase {phase}, behind the average "
                     "municipality (phase {average}).")  # fmt: skip
        else:
            text = _("On the growth model it is in phase {phase}, as is the average "
                     "municipality.")  # fmt: skip
        blocks.append(text.format(phase=found.overall_phase, average=phase))
    elif found is None:
        blocks.append(
            _("It did not answer the questionnaire of edition {edition}.").format(
                edition=gathered.edition.name
            )
        )
    return Section("samenvatting", _("Summary"), blocks)


def _accounts(own, gathered) -> Section:
    blocks = [
        _(
            "Every indicator of its accounts in the period, beside the same days a year "
            "earlier ({start} to {end})."
        ).format(start=gathered.previous_start.isoformat(), end=gathered.previous_end.isoformat())
    ]
    for _index, row in own.iterrows():
        before = _previous_row(gathered, row)
        rows = []
        for column, label, unit in _indicators():
            earlier = None if before is None else before[column]
            shown = _pct if unit == "pct" else _count
            rows.append([label, shown(row[column]), shown(earlier),
                         _change(row[column], earlier, unit)])  # fmt: skip
        blocks.append(
            Table(
                _account_name(row),
                [_("Indicator"), _("This period"), _("A year earlier"), _("Change")],
                rows,
                [False, True, True, True],
            )
        )
    return Section("accounts", _("Its accounts"), blocks)


def _position_of(frame, code):
    """(position, ranked in its group, group) of ``code`` in a ranking frame."""
    found = frame[frame["municipality_code"] == code]
    if found.empty:
        return None
    row = found.iloc[0]
    group = row["peer_group"] if "peer_group" in frame.columns else None
    members = frame if group is None else frame[frame["peer_group"] == group]
    ranked = int(members["position"].notna().sum())
    position = None if pd.isna(row["position"]) else str(row["position"])
    return position, ranked, group, row


def _positions(code, gathered) -> tuple[Section, dict]:
    components = measuring.RANKINGS[ROLE]
    names = {
        "national": _("All municipalities"),
        "size": _("Size class {group}"),
        "province": _("Province {group}"),
    }
    rows, found = [], {}
    for key in ("national", "size", "province"):
        position = _position_of(gathered.rankings[key], code)
        if position is None:
            continue
        place, ranked, group, row = position
        found[key] = (place, ranked)
        found["pooled"] = row
        rows.append(
            [
                names[key].format(group=measuring.peer_group_label(group)),
                place or "–",
                number(ranked),
                *[_count(row[measuring.rank_column(c)]) for c in components],
                _count(row["total"]),
            ]
        )
    if not rows:
        blocks = [_("It has no corporate account, so it has no place in the rankings.")]
        return Section("posities", _("Positions"), blocks), found
    component_names = {
        "interaction": _("Rank interaction"),
        "reaction time": _("Rank reaction time ({n}+ replies)").format(n=MIN_REPLIES),
        "relative reach": _("Rank relative reach"),
    }
    blocks = [
        _(
            "Its place in the composite ranking of the corporate accounts (interaction, "
            "reaction time with at least {n} timed replies, relative reach; the lowest sum "
            "of ranks first): among all municipalities, among those of its size class and "
            "among those of its province."
        ).format(n=MIN_REPLIES),
        Table(
            _("Positions in the composite ranking"),
            [
                _("Compared with"),
                _("Position"),
                _("Ranked"),
                *[component_names[c.label] for c in components],
                _("Total"),
            ],
            rows,
            [False, True, True, True, True, True, True],
        ),  # fmt: skip
    ]
    return Section("posities", _("Positions"), blocks), found


def _numbered_ids(chart: charts.Chart) -> charts.Chart:
    """The chart with its colour gradient's id named by the chart: Vega numbers gradients
    by a counter that lives as long as the process, so the second heat map one process
    renders (``--all``, the web application) would differ from the first."""
    svg = re.sub(r"gradient_\d+", f"gradient-{chart.key}", chart.svg)
    return dataclasses.replace(chart, svg=svg)


def _heatmap(frame, name) -> Section:
    days = _weekday_names()
    total = int(frame["posts"].sum())
    if not total:
        blocks = [_("Its accounts sent no posts in the period.")]
        return Section("activiteit", _("Activity per weekday and hour"), blocks)
    cells = frame.assign(day=[days[d - 1] for d in frame["weekday"]])
    per_day = [int(cells[cells["weekday"] == d]["posts"].sum()) for d in range(1, 8)]
    # an hour per row, a day per column: 24 hour columns would not fit the A4 page
    table_rows = []
    for hour in range(24):
        counts = cells[cells["hour"] == hour].sort_values("weekday")["posts"]
        table_rows.append([f"{hour}–{hour + 1}", *[number(int(c)) for c in counts]])
    table_rows.append([_("Total"), *[number(n) for n in per_day]])
    busiest = cells.sort_values(["posts", "weekday", "hour"], ascending=[False, True, True])
    peak = busiest.iloc[0]
    office = cells[(cells["weekday"] <= 5) & (cells["hour"] >= 9) & (cells["hour"] < 17)]
    share = 100.0 * int(office["posts"].sum()) / total
    table = Table(
        _("Posts of its accounts per weekday and hour"),
        [_("Hour"), *days],
        table_rows,
        [False, *[True] * 7],
    )
    chart = (
        alt.Chart(cells)
        .mark_rect()
        .encode(
            alt.X("hour:O", title=_("Hour"), axis=alt.Axis(labelAngle=0)),
            alt.Y("day:N", sort=days, title=None),
            alt.Color(
                "posts:Q",
                title=_("Posts"),
                scale=alt.Scale(range=[colours.GRID, colours.PRIMARY]),
            ),
        )
        .properties(height=7 * 22)
    )
    blocks = [
        _(
            "Of the {total} posts of its accounts, {share} were sent on a weekday between 9 "
            "and 17 hours. Most were sent on {day} between {hour} and {next} hours ({n})."
        ).format(
            total=number(total),
            share=_pct(share),
            day=days[int(peak["weekday"]) - 1].lower(),
            hour=int(peak["hour"]),
            next=int(peak["hour"]) + 1,
            n=number(int(peak["posts"])),
        ),  # fmt: skip
        _numbered_ids(
            charts.render(
                "heatmap",
                table.caption,
                _(
                    "Heat map of the posts of {name} per weekday (rows) and hour (columns); "
                    "posts per weekday: {values}. The table below gives every hour."
                ).format(
                    name=name,
                    values="; ".join(
                        f"{d} {number(n)}" for d, n in zip(days, per_day, strict=True)
                    ),
                ),
                chart,
                table,
            )
        ),
    ]
    return Section("activiteit", _("Activity per weekday and hour"), blocks)


def _reaction(own, pooled, gathered) -> Section:
    columns = [
        ("replies_timed", _count),
        ("reaction_time_mean_min", _minutes),
        ("reaction_time_median_min", _minutes),
        ("reaction_time_office_mean_min", _minutes),
        ("reaction_time_office_median_min", _minutes),
    ]
    rows = [[_account_name(r), *[shown(r[c]) for c, shown in columns]] for _i, r in own.iterrows()]
    if pooled is not None:
        rows.append([_("Corporate accounts together"),
                     *[shown(pooled[c]) for c, shown in columns]])  # fmt: skip
    reaction = gathered.national.figure("corporate.reaction_time_mean_min").value
    blocks = [
        _(
            "The reaction time is the time from a question of someone else to the reply of "
            "the account: around the clock (24/7), and counting office hours only (Monday to "
            "Friday, 9 to 17 hours). The mean reaction time of the municipalities is {mean}."
        )
        .format(mean=figuretext.figure_value(reaction, "minutes"))
        .replace("..", ".")
    ]
    table = Table(
        _("Reaction times of its accounts"),
        [_("Account"), _("Timed replies"), _("Mean 24/7"), _("Median 24/7"),
         _("Mean office hours"), _("Median office hours")],
        rows,
        [False, True, True, True, True, True],
    )  # fmt: skip
    if pooled is not None and _none(pooled["reaction_time_mean_min"]) is not None:
        labels = [_("Mean"), _("Median")]
        series = [_("24/7"), _("Office hours")]
        values = [
            (labels[0], series[0], pooled["reaction_time_mean_min"]),
            (labels[1], series[0], pooled["reaction_time_median_min"]),
            (labels[0], series[1], pooled["reaction_time_office_mean_min"]),
            (labels[1], series[1], pooled["reaction_time_office_median_min"]),
        ]
        frame = pd.DataFrame(
            [{"figure": f, "series": s, "minutes": _none(v) or 0.0} for f, s, v in values]
        )
        blocks.append(
            charts.render(
                "reactietijd",
                _("Reaction time of its corporate accounts, 24/7 and in office hours"),
                _("Bar chart of the reaction time of the corporate accounts: {values}.").format(
                    values="; ".join(f"{f} {s} {_minutes(v)}" for f, s, v in values)
                ),
                charts.paired_bars(frame, "figure", "series", "minutes", _("Minutes"), series),
                table,
            )
        )
    else:
        blocks.append(table)
    return Section("reactietijd", _("Reaction time"), blocks)


def _words(found, tags) -> Section:
    return word_section(
        found,
        tags,
        _("Words its accounts use most"),
        _("Its most used words are {words}."),
        _("Its accounts sent no posts with words in this period."),
        WORDS,
    )


def _peers_of(code, gathered) -> list:
    """The peer medians of the size class and of the province of ``code`` (those known)."""
    found = [gathered.peer_medians.of(code, by) for by in questionnaire.PEER_GROUPS]
    return [medians for medians in found if medians is not None]


def _peer_name(medians) -> str:
    if medians.by == "size":
        return _("size class {group}").format(group=measuring.peer_group_label(medians.group))
    return _("province {group}").format(group=medians.group)


def _grade(value) -> str:
    return "–" if value is None else number(value, 1)


def _growth_model(found, average, gathered, code) -> Section:
    edition = gathered.edition
    title = _("Growth model")
    if found is None:
        return Section("groeimodel", title, [
            _("It did not answer the questionnaire of edition {edition}, so it has no place "
              "on the growth model.").format(edition=edition.name)])  # fmt: skip
    mean = {a["aspect"]: a for a in (average or {}).get("aspects", [])}
    peers = _peers_of(code, gathered)
    peer_labels = {
        "size": _("Median grade of its size class"),
        "province": _("Median grade of its province"),
    }
    own_label, mean_label = _("This municipality"), _("Average municipality")
    series = [own_label, mean_label, *[peer_labels[p.by] for p in peers]]
    rows, frame_rows, grades = [], [], []
    for item in questionnaire.aspect_rows(found):
        other = mean.get(item.aspect, {})
        medians = [p.grades.get(item.aspect) for p in peers]
        rows.append([
            item.name,
            "–" if item.phase is None else str(item.phase),
            "–" if other.get("phase") is None else str(other["phase"]),
            _grade(item.grade_mean),
            _grade(other.get("grade_mean")),
            *[_grade(m) for m in medians],
        ])  # fmt: skip
        values = [item.grade_mean, other.get("grade_mean"), *medians]
        grades.append((item.name, values))
        for label, value in zip(series, values, strict=True):
            frame_rows.append({"aspect": item.name, "series": label, "grade": value or 0.0})
    table = Table(
        _("Its growth-model profile beside the average municipality's and its peers' "
          "medians"),
        [_("Aspect"), _("Phase"), _("Phase of the average municipality"), _("Mean grade"),
         _("Mean grade of the average municipality"), *[peer_labels[p.by] for p in peers]],
        rows,
        [False, *[True] * (4 + len(peers))],
    )  # fmt: skip
    blocks = [
        _("Placed by its answers to edition {edition}, it is in phase {phase} of the growth "
          "model.").format(edition=edition.name,
                           phase="–" if found.overall_phase is None else found.overall_phase),
    ]  # fmt: skip
    if found.synthetic:
        blocks.append(_("Its answers are synthetic (made for a demonstration), not its own."))
    ahead = [r[0] for r in rows if r[1] != "–" and r[2] != "–" and int(r[1]) > int(r[2])]
    behind = [r[0] for r in rows if r[1] != "–" and r[2] != "–" and int(r[1]) < int(r[2])]
    if ahead:
        blocks.append(_("Ahead of the average municipality on: {aspects}.").format(
            aspects=", ".join(ahead)))  # fmt: skip
    if behind:
        blocks.append(_("Behind the average municipality on: {aspects}.").format(
            aspects=", ".join(behind)))  # fmt: skip
    for index, medians in enumerate(peers, start=2):
        compared = [(name, v[0], v[index]) for name, v in grades
                    if v[0] is not None and v[index] is not None]  # fmt: skip
        higher = [name for name, own, median in compared if own > median]
        lower = [name for name, own, median in compared if own < median]
        if not medians.peers:
            blocks.append(
                _("No other municipality of its {group} answered edition {edition}, so "
                  "there is no peer median of that group.").format(
                    group=_peer_name(medians), edition=edition.name)
            )  # fmt: skip
            continue
        text = ngettext(
            "The peer median of its {group} is the median of the mean grades per aspect of "
            "the {n} other municipality of that group that answered edition {edition}.",
            "The peer median of its {group} is the median of the mean grades per aspect of "
            "the {n} other municipalities of that group that answered edition {edition}.",
            medians.peers,
        ).format(group=_peer_name(medians), n=number(medians.peers), edition=edition.name)
        if higher:
            text += " " + _("It grades itself above that median on: {aspects}.").format(
                aspects=", ".join(higher))  # fmt: skip
        if lower:
            text += " " + _("It grades itself below that median on: {aspects}.").format(
                aspects=", ".join(lower))  # fmt: skip
        if compared and not higher and not lower:
            text += " " + _("It grades itself at that median on every aspect.")
        blocks.append(text)
    blocks.append(
        charts.render(
            "groeimodel",
            _("Mean grade per aspect: this municipality, the average municipality and its "
              "peers' medians"),
            _("Bar chart of the mean grade (1 to 10) per aspect, of this municipality, the "
              "average municipality and the medians of its peers ({series}): "
              "{values}.").format(
                series=" / ".join(series).lower(),
                values="; ".join(f"{name} " + " / ".join(_grade(v) for v in values)
                                 for name, values in grades)),
            charts.paired_bars(pd.DataFrame(frame_rows), "aspect", "series", "grade",
                               _("Mean grade"), series, domain=(0, 10)),
            table,
        )
    )  # fmt: skip
    return Section("groeimodel", title, blocks)


def _advice(found) -> Section:
    if found is None:
        return Section("advies", _("Advice"), [
            _("Without answers to the questionnaire there is no advice: the advice follows "
              "from the place on the growth model.")])  # fmt: skip
    blocks, items = [], []
    lines = questionnaire.advice_lines(found)
    for line in lines[1:] if lines and lines[0] == _("Advice") else lines:
        if line.lstrip().startswith("- "):
            items.append(line.lstrip()[2:])
            continue
        if items:
            blocks.append(tuple(items))
            items = []
        blocks.append(line)
    if items:
        blocks.append(tuple(items))
    return Section("advies", _("Advice"), blocks)


def _methods(code, own, gathered) -> Section:
    roles = {}
    for row in gathered.registry:
        if row["municipality_code"] == code:
            roles[row["role"]] = roles.get(row["role"], 0) + 1
    listed = ", ".join(f"{number(n)} {measuring_role(r)}" for r, n in sorted(roles.items()))
    ranked = int(gathered.rankings["national"]["position"].notna().sum())
    blocks = [
        _("Period measured: {start} to {end} (days in Europe/Amsterdam time), beside the same "
          "days a year earlier.").format(start=gathered.start.isoformat(),
                                         end=gathered.end.isoformat()),
        ngettext("The registry holds {n} account of this municipality ({roles}); the report "
                 "shows those active in the period.",
                 "The registry holds {n} accounts of this municipality ({roles}); the report "
                 "shows those active in the period.",
                 sum(roles.values())).format(n=number(sum(roles.values())), roles=listed),
        _("The indicators are those of `meetlat measure` (docs/indicators.md); the positions "
          "those of `meetlat rank --by municipality`, with --peer-group size and province: "
          "its corporate accounts pooled, {n} municipalities ranked.").format(n=number(ranked)),
        _("A reaction time needs at least {n} timed replies to be ranked.").format(n=MIN_REPLIES),
        _("The average municipality on the growth model is the mean profile of the "
          "municipalities that answered edition {edition} ({n} answered).").format(
            edition=gathered.edition.name, n=number(gathered.summary["respondents"])),
        _("Posts by citizens are not measured as posts: they count only as the questions the "
          "municipalities answer, and no citizen is named."),
    ]  # fmt: skip
    return Section("verantwoording", _("Research methods"), blocks)


def build(ws: Workspace, gathered: Gathered, code: str, generated_at: str) -> Report:
    """The report of municipality ``code`` (normalised); raises NoAccounts when it has no
    account in the registry."""
    name = reference.get(code).name
    if code not in codes_with_accounts(gathered):
        raise NoAccounts(code, name)
    start, end = gathered.start, gathered.end
    own = gathered.accounts[gathered.accounts["municipality_code"] == code]
    before = gathered.accounts_before[gathered.accounts_before["municipality_code"] == code]
    # a year earlier without a single post of any account is a period not collected, not
    # a silent one: no earlier figure rather than "rose from 0"
    collected = int(gathered.accounts_before["posts_sent"].sum()) > 0
    before_posts = int(before["posts_sent"].sum()) if len(before) and collected else None
    # gathered for every municipality at once; a municipality without an account active
    # in the period is not among them and has no posts
    activity = gathered.activity.get(code)
    if activity is None:
        activity = measuring.activity(ws, start, end, None, code)
    found_words = gathered.words.get(code, _NO_WORDS["word"])
    tags = gathered.hashtags.get(code, _NO_WORDS["hashtag"])
    found = gathered.assessments.get(code)  # None: it did not answer
    average = gathered.summary["average"]
    positions_section, positions = _positions(code, gathered)
    pooled = positions.get("pooled")
    sections = [
        _summary(name, own, before_posts, positions, found, average, gathered),
        _accounts(own, gathered),
        positions_section,
        _heatmap(activity, name),
        _reaction(own, pooled, gathered),
        _words(found_words, tags),
        _growth_model(found, average, gathered, code),
        _advice(found),
        _methods(code, own, gathered),
    ]
    return Report(
        _("{name} and social media {year}").format(name=name, year=gathered.edition.year),
        _("Municipality report {code}, {start} to {end}").format(
            code=code, start=start.isoformat(), end=end.isoformat()
        ),
        generated_at,
        sections,
        {"municipality_code": code, "positions": {k: v for k, v in positions.items()
                                                  if k != "pooled"}},
    )  # fmt: skip
