"""The national report: the book's research chapter (seed lines 841–1414) rebuilt from data.

``build`` gathers every figure from the use cases of meetlat.app (the national figures,
the rankings, activity, word use, the questionnaire's summary) and writes the sentences
around them; ``meetlat.reports.render`` turns the result into HTML and PDF. Nothing here
computes a figure of its own: each number is one a CLI command also prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from meetlat import reference
from meetlat.app import accounts, figuretext, measuring, questionnaire, verifying
from meetlat.app.national import National, national
from meetlat.i18n import _, language, ngettext, number
from meetlat.ranking.national import PLATFORM_NAMES
from meetlat.reports import charts
from meetlat.reports.charts import Table
from meetlat.workspace import Workspace

MIN_REPLIES = 10
TOP = 10
WORDS = 20
PEOPLE_USE = ("communication", "council", "kcc", "clerk", "management")  # Tabel 12's rows


@dataclass(frozen=True)
class Section:
    key: str  # the HTML id
    title: str
    blocks: list = field(default_factory=list)  # str (a paragraph), Table or Chart


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    generated_at: str
    sections: list[Section]
    facts: dict  # the figures the sections show, for tests and other front ends


def _weekday_names() -> list[str]:
    return [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
            _("Saturday"), _("Sunday")]  # fmt: skip


def _pct(value) -> str:
    return figuretext.figure_value(value, "pct")


def _grade(value) -> str:
    return "–" if value is None else number(value, 1)


def _shown(value, unit: str) -> str:
    if unit == "grade":
        return _grade(value)
    return figuretext.figure_value(value, unit)


def change_sentence(what: str, now, before, unit: str) -> str:
    """ "{what} rose from … to …" in words, or the value alone when there is no earlier one;
    ``unit`` as a national figure's (pct, minutes, accounts) or "grade"."""
    shown_now = _shown(now, unit)
    if now is None:
        return _("{what}: there is nothing to compute it from.").format(what=what)
    if before is None:
        return _("{what} is {now}; there is no figure of a year earlier.").format(
            what=what, now=shown_now
        )  # a duration's "min." before a semicolon stays
    shown_before = _shown(before, unit)
    if shown_now == shown_before:
        return _("{what} stayed at {now}.").format(what=what, now=shown_now)
    if now > before:
        text = _("{what} rose from {before} to {now}.")
    else:
        text = _("{what} fell from {before} to {now}.")
    return _sentence(text.format(what=what, before=shown_before, now=shown_now))


def _sentence(text: str) -> str:
    """One full stop at the end, also after an abbreviation ("52 min.")."""
    return text.replace("..", ".")


def _question(summary: dict, question_id: str) -> dict | None:
    return next((q for q in summary["questions"] if q["question_id"] == question_id), None)


def _question_text(edition, question_id: str) -> str:
    text = edition.question(question_id).text
    return text.get(language()) or text["en"]


# --- the sections -----------------------------------------------------------------


def _response(summary: dict, edition) -> Section:
    respondents, invited = summary["respondents"], summary["invited"]
    share = 100.0 * respondents / invited if invited else None
    blocks = [
        ngettext(
            "Of the {invited} municipalities invited to edition {edition}, {n} municipality "
            "answered the questionnaire ({share}).",
            "Of the {invited} municipalities invited to edition {edition}, {n} municipalities "
            "answered the questionnaire ({share}).",
            respondents,
        ).format(
            invited=number(invited), edition=edition.name, n=number(respondents), share=_pct(share)
        )
    ]
    if summary["synthetic"]:
        blocks.append(
            ngettext(
                "{n} of these answers is synthetic (made for a demonstration), not a "
                "municipality's own.",
                "{n} of these answers are synthetic (made for a demonstration), not "
                "municipalities' own.",
                summary["synthetic"],
            ).format(n=number(summary["synthetic"]))
        )
    grade = _question(summary, "function_result.overall_grade")
    if grade and grade["mean"] is not None:
        before = None
        if grade.get("change") and "mean" in grade["change"]:
            before = grade["mean"] - grade["change"]["mean"]
        blocks.append(
            change_sentence(
                _("The mean grade municipalities give their own use of social media"),
                round(grade["mean"], 1),
                None if before is None else round(before, 1),
                "grade",
            )
        )
    return Section("respons", _("Response"), blocks)


def _adoption(result: National, summary: dict) -> Section:
    rows, frame_rows, blocks = [], [], []
    now_label, before_label = _("This period"), _("A year earlier")
    for figure in result.figures:
        if not figure.key.startswith("adoption."):
            continue
        platform = figure.key.removeprefix("adoption.").removesuffix("_pct")
        name = PLATFORM_NAMES.get(platform, platform)
        rows.append([name, _pct(figure.value), _pct(figure.previous)])
        for series, value in ((now_label, figure.value), (before_label, figure.previous)):
            frame_rows.append({"platform": name, "series": series, "pct": value or 0.0})
    n = result.figures[-1].n if result.figures else 0
    blocks.append(
        _(
            "Of the {n} municipalities of {day}, these shares have an account in the "
            "registry on each platform."
        ).format(n=number(n), day=result.end.isoformat())
    )
    for figure in result.figures:
        if figure.key.startswith("adoption."):
            platform = figure.key.removeprefix("adoption.").removesuffix("_pct")
            if figure.value:
                blocks.append(
                    change_sentence(
                        _("The share of municipalities on {platform}").format(
                            platform=PLATFORM_NAMES.get(platform, platform)
                        ),
                        figure.value,
                        figure.previous,
                        "pct",
                    )
                )
    table = Table(
        _("Table 8: municipalities with an account per platform"),
        [_("Platform"), now_label, before_label],
        rows,
        [False, True, True],
    )
    frame = pd.DataFrame(frame_rows)
    chart = charts.render(
        "adoption",
        table.caption,
        _(
            "Bar chart of the share of municipalities with an account per platform, this "
            "period and a year earlier: {values}."
        ).format(  # fmt: skip
            values="; ".join(f"{r[0]} {r[1]} ({before_label.lower()} {r[2]})" for r in rows)
        ),
        charts.paired_bars(
            frame, "platform", "series", "pct", _("% of municipalities"), [now_label, before_label]
        ),  # fmt: skip
        table,
    )
    return Section("adoptie", _("Adoption"), [*blocks, chart])


def _reach(result: National, frame) -> Section:
    followers = result.figure("corporate.followers_mean")
    following = result.figure("corporate.following_mean")
    reach = result.figure("corporate.potential_reach_mean")
    blocks = [
        change_sentence(_("The mean number of followers of the corporate accounts"),
                        followers.value, followers.previous, "accounts"),
        change_sentence(_("The mean number of accounts they follow"),
                        following.value, following.previous, "accounts"),
        change_sentence(_("The mean potential reach per post"),
                        reach.value, reach.previous, "accounts"),
    ]  # fmt: skip
    found = measuring.top_reach(frame, TOP)
    rows = [
        [
            number(int(r.rank)),
            r.municipality_name,
            number(r.potential_reach_mean, 0),
            number(int(r.inhabitants)),
            number(r.relative_reach, 3),
        ]
        for r in found.itertuples()
    ]
    if rows:
        blocks.append(
            _("{name} has the highest reach relative to its inhabitants.").format(name=rows[0][1])
        )
    blocks.append(
        Table(
            _("Table 9: mean reach per post relative to the number of inhabitants"),
            [
                _("Rank"),
                _("Municipality"),
                _("Potential reach per post"),
                _("Inhabitants"),
                _("Relative reach"),
            ],  # fmt: skip
            rows,
            [True, False, True, True, True],
        )
    )
    return Section("bereik", _("Reach per inhabitant"), blocks)


def _top(frame, result: National) -> Section:
    found = measuring.top(frame, MIN_REPLIES, TOP)
    interaction = result.figure("corporate.interaction_pct_mean")
    reaction = result.figure("corporate.reaction_time_mean_min")
    replied = result.figure("corporate.replied_share_pct")
    blocks = [
        change_sentence(_("The mean interaction percentage"), interaction.value,
                        interaction.previous, "pct"),
        change_sentence(_("The mean reaction time"), reaction.value, reaction.previous,
                        "minutes"),
        change_sentence(_("The share of municipalities that replied at least once"),
                        replied.value, replied.previous, "pct"),
    ]  # fmt: skip
    average = _("Average of the municipalities")
    rows = [["", average, _pct(found.interaction_mean), "", average,
             figuretext.figure_value(found.reaction_mean, "minutes")]]  # fmt: skip
    left, right = list(found.interaction.itertuples()), list(found.reaction.itertuples())
    for index in range(max(len(left), len(right))):
        cells = ["", "", ""]
        if index < len(left):
            row = left[index]
            cells = [number(int(row.rank)), row.municipality_name, _pct(row.interaction_pct)]
        more = ["", "", ""]
        if index < len(right):
            row = right[index]
            more = [
                number(int(row.rank)),
                row.municipality_name,
                figuretext.duration(row.reaction_time_mean_min),
            ]
        rows.append(cells + more)
    if left:
        blocks.append(
            _("{name} has the highest interaction percentage: {pct} of its posts is a reply.")
            .format(name=left[0].municipality_name, pct=_pct(left[0].interaction_pct))
        )  # fmt: skip
    if right:
        fastest = _(
            "Of the municipalities with at least {n} timed replies, {name} replies fastest, "
            "in {time} on average."
        )
        blocks.append(
            _sentence(
                fastest.format(
                    n=MIN_REPLIES,
                    name=right[0].municipality_name,
                    time=figuretext.duration(right[0].reaction_time_mean_min),
                )
            )
        )
    blocks.append(
        Table(
            _("Table 10: top {n} interaction percentage and mean reaction time").format(n=TOP),
            [
                _("Rank"),
                _("Municipality"),
                _("Interaction %"),
                _("Rank"),
                _("Municipality ({n}+ replies)").format(n=MIN_REPLIES),
                _("Mean reaction time"),
            ],
            rows,
            [True, False, True, True, False, True],
        )  # fmt: skip
    )
    return Section("interactie", _("Interaction and reaction time"), blocks)


def _ranking_rows(frame, components, limit):
    shown = frame[frame["position"].notna()].head(limit)
    rows = []
    for _index, row in shown.iterrows():
        rows.append(
            [
                str(row["position"]),
                str(row["municipality_name"]),
                *[number(int(row[measuring.rank_column(c)])) for c in components],
                number(int(row["total"])),
            ]
        )
    return rows


def _component_names(components) -> list[str]:
    names = {
        "interaction": _("Rank interaction"),
        "reaction time": _("Rank reaction time ({n}+ replies)").format(n=MIN_REPLIES),
        "relative reach": _("Rank relative reach"),
        "followers": _("Rank followers per inhabitant"),
        "following": _("Rank following per inhabitant"),
        "posts": _("Rank posts per inhabitant"),
    }
    return [names[c.label] for c in components]


def _composite(frame) -> Section:
    components = measuring.RANKINGS["corporate"]
    rows = _ranking_rows(frame, components, TOP)
    ranked = int(frame["position"].notna().sum())
    blocks = [
        ngettext(
            "{n} municipality has a rank on all three components: interaction, reaction "
            "time (at least {m} timed replies) and relative reach. The sum of the three "
            "ranks orders them, lowest first.",
            "{n} municipalities have a rank on all three components: interaction, reaction "
            "time (at least {m} timed replies) and relative reach. The sum of the three "
            "ranks orders them, lowest first.",
            ranked,
        ).format(n=number(ranked), m=MIN_REPLIES)
    ]
    if rows:
        blocks.append(
            _("{name} comes first with a total of {total}.").format(
                name=rows[0][1], total=rows[0][-1]
            )
        )
    blocks.append(
        Table(
            _(
                "Table 11: top {n} municipalities on interaction, reaction time and relative "
                "reach together"
            ).format(n=TOP),  # fmt: skip
            [_("Position"), _("Municipality"), *_component_names(components), _("Total")],
            rows,
            [True, False, True, True, True, True],
        )
    )
    return Section("ranglijst", _("The composite ranking"), blocks)


def _departments(summary: dict, previous: dict | None, edition) -> Section:
    blocks = []
    question = _question(summary, "processes.responsible_department")
    if question and question["n"]:
        items = list(question["percentages"].items())
        labels = [figuretext.value_label(k, edition, question["question_id"]) for k, _v in items]
        frame = pd.DataFrame({"answer": labels, "pct": [v for _k, v in items]})
        table = Table(
            _("Figure 10: responsibility for social media in the municipality"),
            [_("Answer"), _("Share of respondents")],
            [[label, _pct(v)] for label, (_k, v) in zip(labels, items, strict=True)],
            [False, True],
        )
        best = max(items, key=lambda kv: kv[1])
        blocks.append(
            _("{pct} of the respondents answer: {answer}.").format(
                pct=_pct(best[1]),
                answer=figuretext.value_label(best[0], edition, question["question_id"]),
            )
        )
        blocks.append(
            charts.render(
                "afdelingen",
                table.caption,
                _("Bar chart of where responsibility for social media lies: {values}.").format(
                    values="; ".join(f"{r[0]} {r[1]}" for r in table.rows)
                ),
                charts.bars(frame, "answer", "pct", _("% of respondents"), horizontal=True),
                table,
            )
        )
    departments = {
        "communication": _("Communication"),
        "council": _("Council members"),
        "kcc": _("Customer contact centre (KCC)"),
        "clerk": _("Council clerk's office"),
        "management": _("Board and management"),
    }
    rows = []
    for key in PEOPLE_USE:
        row = _question(summary, f"people.use.{key}")
        if row is None:
            continue
        before = _question(previous, f"people.use.{key}") if previous else None
        rows.append(
            [
                departments[key],
                _grade(row["mean"]),
                _grade(before["mean"] if before else None),
            ]
        )
    previous_name = previous["edition"] if previous else _("previous edition")
    blocks.append(
        Table(
            _("Table 12: grades for the use of social media within departments"),
            [
                _("Department"),
                _("Grade {edition}").format(edition=edition.name),
                _("Grade {edition}").format(edition=previous_name),
            ],  # fmt: skip
            rows,
            [False, True, True],
        )
    )
    return Section("afdelingen", _("Departments"), blocks)


def _council(result: National, frame) -> Section:
    components = measuring.RANKINGS["council"]
    accounts_n = result.figure("council.accounts")
    followers = result.figure("council.followers_mean")
    under = result.figure("council.following_under_10")
    never = result.figure("council.never_posted")
    blocks = [
        ngettext("{n} council account was measured.", "{n} council accounts were measured.",
                 int(accounts_n.value or 0)).format(n=number(int(accounts_n.value or 0))),
        change_sentence(_("The mean number of followers of the council accounts"),
                        followers.value, followers.previous, "accounts"),
        ngettext("{n} council account follows fewer than 10 accounts.",
                 "{n} council accounts follow fewer than 10 accounts.",
                 int(under.value or 0)).format(n=number(int(under.value or 0))),
        ngettext("{n} council account never posted.", "{n} council accounts never posted.",
                 int(never.value or 0)).format(n=number(int(never.value or 0))),
        Table(
            _("Table 14: council accounts ranked on followers, following and posts per "
              "inhabitant"),
            [_("Position"), _("Municipality"), *_component_names(components), _("Total")],
            _ranking_rows(frame, components, TOP),
            [True, False, True, True, True, True],
        ),
    ]  # fmt: skip
    return Section("raad", _("Council accounts"), blocks)


def _activity(frame) -> Section:
    names = _weekday_names()
    per_day = frame.groupby("weekday")["posts"].sum()
    total = int(per_day.sum())
    days = pd.DataFrame({"day": names, "posts": [int(per_day.get(d, 0)) for d in range(1, 8)]})
    workdays = int(days["posts"][:5].sum())
    share = 100.0 * workdays / total if total else None
    table = Table(
        _("Chart 3: posts of the corporate accounts per weekday"),
        [_("Weekday"), _("Posts")],
        [[d, number(p)] for d, p in zip(days["day"], days["posts"], strict=True)],
        [False, True],
    )
    blocks = [
        _(
            "Of the {total} posts of the corporate accounts, {share} were sent on a weekday "
            "(Monday to Friday)."
        ).format(total=number(total), share=_pct(share)),  # fmt: skip
        charts.render(
            "weekdagen",
            table.caption,
            _("Bar chart of the posts per weekday: {values}.").format(
                values="; ".join(f"{r[0]} {r[1]}" for r in table.rows)
            ),
            charts.bars(days, "day", "posts", _("Posts")),
            table,
        ),
    ]
    return Section("activiteit", _("Activity per weekday"), blocks)


def _then_and_now(result: National) -> Section:
    now_label, before_label = _("This period"), _("A year earlier")
    keys = ("corporate.interaction_pct_mean", "corporate.replied_share_pct")
    names = {
        "corporate.interaction_pct_mean": _("Mean interaction percentage"),
        "corporate.replied_share_pct": _("Municipalities that replied at least once"),
    }
    rows, frame_rows = [], []
    for key in keys:
        figure = result.figure(key)
        rows.append([names[key], _pct(figure.value), _pct(figure.previous)])
        for series, value in ((now_label, figure.value), (before_label, figure.previous)):
            frame_rows.append({"figure": names[key], "series": series, "pct": value or 0.0})
    table = Table(
        _("Figure 8: interaction this period and a year earlier"),
        [_("Figure"), now_label, before_label],
        rows,
        [False, True, True],
    )
    interaction = result.figure("corporate.interaction_pct_mean")
    blocks = [
        change_sentence(
            _("The mean interaction percentage"), interaction.value, interaction.previous, "pct"
        ),  # fmt: skip
        charts.render(
            "interactie-toen-nu",
            table.caption,
            _("Bar chart of interaction this period and a year earlier: {values}.").format(
                values="; ".join(f"{r[0]} {r[1]} ({before_label.lower()} {r[2]})" for r in rows)
            ),
            charts.paired_bars(
                pd.DataFrame(frame_rows), "figure", "series", "pct", "%", [now_label, before_label]
            ),  # fmt: skip
            table,
        ),
    ]
    return Section("toen-en-nu", _("Interaction then and now"), blocks)


def word_section(found, tags, caption: str, lead: str, nothing: str, limit: int) -> Section:
    """The word use section (Afbeelding 9): the ``limit`` most used words as a bar chart
    with its table, ``lead`` (with ``{words}``) naming the first five, and the most used
    hashtags; ``nothing`` when no post had words."""
    frame = found.head(limit)
    blocks: list = []
    if len(frame):
        table = Table(
            caption,
            [_("Word"), _("Times used")],
            [[w, number(int(c))] for w, c in zip(frame["word"], frame["count"], strict=True)],
            [False, True],
        )
        blocks.append(lead.format(words=", ".join(f"“{w}”" for w in frame["word"][:5])))
        blocks.append(
            charts.render(
                "woorden",
                table.caption,
                _("Bar chart of the most used words: {values}.").format(
                    values="; ".join(f"{r[0]} {r[1]}" for r in table.rows)
                ),
                charts.bars(frame, "word", "count", _("Times used"), horizontal=True),
                table,
            )
        )
    else:
        blocks.append(nothing)
    tags = tags.head(limit)
    if len(tags):
        blocks.append(
            Table(
                _("The most used hashtags"),
                [_("Hashtag"), _("Times used")],
                [
                    [f"#{t}", number(int(c))]
                    for t, c in zip(tags["hashtag"], tags["count"], strict=True)
                ],
                [False, True],
            )
        )
    return Section("woorden", _("Word use"), blocks)


def _words(found, tags) -> Section:
    return word_section(
        found,
        tags,
        _("Figure 9: words the corporate accounts use most"),
        _("The most used words are {words}."),
        _("The corporate accounts sent no posts with words in this period."),
        WORDS,
    )


def _growth_model(summary: dict, previous: dict | None, edition) -> Section:
    average = summary["average"]
    if average is None:
        return Section(
            "groeimodel",
            _("The average municipality on the growth model"),
            [_("No municipality answered the questionnaire of this edition.")],
        )
    before = {}
    if previous and previous["average"]:
        before = {a["aspect"]: a for a in previous["average"]["aspects"]}
    rows, frame_rows = [], []
    for item in average["aspects"]:
        name = questionnaire.aspect_label(edition, item["aspect"])
        earlier = before.get(item["aspect"], {})
        rows.append(
            [
                name,
                "–" if item["phase"] is None else str(item["phase"]),
                _grade(item["grade_mean"]),
                _grade(earlier.get("grade_mean")),
            ]
        )
        frame_rows.append({"aspect": name, "phase": item["phase"] or 0})
    phase = average["overall_phase"]
    previous_name = previous["edition"] if previous else _("previous edition")
    table = Table(
        _("Figure 11: the average municipality on the growth model, per aspect"),
        [
            _("Aspect"),
            _("Phase"),
            _("Mean grade {edition}").format(edition=edition.name),
            _("Mean grade {edition}").format(edition=previous_name),
        ],  # fmt: skip
        rows,
        [False, True, True, True],
    )
    ahead = [r[0] for r in rows if r[1] != "–" and phase and int(r[1]) > phase]
    blocks = [
        _(
            "Placed by its mean profile, the average municipality is in phase {phase} of the "
            "growth model."
        ).format(phase="–" if phase is None else phase),  # fmt: skip
    ]
    if ahead:
        blocks.append(_("Ahead of that phase on: {aspects}.").format(aspects=", ".join(ahead)))
    blocks.append(
        charts.render(
            "groeimodel",
            table.caption,
            _(
                "Bar chart of the phase (1 to 4) of the average municipality per aspect: {values}."
            ).format(values="; ".join(f"{r[0]} {r[1]}" for r in rows)),
            charts.bars(
                pd.DataFrame(frame_rows), "aspect", "phase", _("Phase"), horizontal=True
            ),  # fmt: skip
            table,
        )
    )
    return Section("groeimodel", _("The average municipality on the growth model"), blocks)


def _grades(summary: dict, edition) -> Section:
    rows = []
    for row in summary["questions"]:
        if row["type"] != "grade":
            continue
        change = figuretext.change_text(row, edition)
        rows.append(
            [
                questionnaire.aspect_label(edition, row["aspect"]) if row["aspect"] else "",
                _question_text(edition, row["question_id"]),
                number(row["n"]),
                _grade(row["mean"]),
                change or "–",
            ]
        )
    previous = summary["previous_edition"]
    blocks = [
        _("The mean of every grade question, beside the change since edition {previous}.")
        .format(previous=previous) if previous else
        _("The mean of every grade question; there is no earlier edition to compare with."),
        Table(
            _("Mean grades per question, edition {edition}").format(edition=edition.name),
            [_("Aspect"), _("Question"), _("Answers"), _("Mean"), _("Change")],
            rows,
            [False, False, True, True, True],
        ),
    ]  # fmt: skip
    return Section("cijfers", _("Grades per aspect beside the previous edition"), blocks)


def _methods(ws, start, end, measured, ranked, council, summary, edition) -> Section:
    """``measured``: the frame of the corporate and council accounts, by account."""
    registry = accounts.load(ws).to_pylist()
    per_role = {}
    for row in registry:
        per_role[row["role"]] = per_role.get(row["role"], 0) + 1
    frame = measured
    posts = int(frame["posts_sent"].sum())
    replies = int(frame["replies_sent"].sum())
    silent = int((frame["posts_sent"] == 0).sum())
    unranked = int(ranked["position"].isna().sum())
    few_replies = int((ranked["replies_timed"].fillna(0) < MIN_REPLIES).sum())
    quarantined = sum(n for _file, n in verifying.quarantine_counts(ws))
    municipalities = len(reference.municipalities_on(end))
    roles = ", ".join(f"{number(n)} {measuring_role(role)}" for role, n in sorted(per_role.items()))
    blocks = [
        _("Period measured: {start} to {end} (days in Europe/Amsterdam time), beside the same "
          "days a year earlier.").format(start=start.isoformat(), end=end.isoformat()),
        ngettext("The accounts registry holds {n} account ({roles}).",
                 "The accounts registry holds {n} accounts ({roles}).",
                 len(registry)).format(n=number(len(registry)), roles=roles),
        _("The corporate and council accounts measured sent {posts} posts in the period, "
          "{replies} of them replies to others.").format(posts=number(posts),
                                                          replies=number(replies)),
        ngettext("{n} measured account sent no post in the period.",
                 "{n} measured accounts sent no post in the period.",
                 silent).format(n=number(silent)),
        _("The rankings count the {n} municipalities with corporate accounts; a "
          "municipality with more than one corporate account counts once, its accounts "
          "pooled.").format(n=number(len(ranked))),
        ngettext("{n} municipality is left out of the composite ranking because it lacks a "
                 "rank on one of its components; {m} of them had fewer than {min} timed "
                 "replies, too few for a reaction time.",
                 "{n} municipalities are left out of the composite ranking because they lack "
                 "a rank on one of its components; {m} of them had fewer than {min} timed "
                 "replies, too few for a reaction time.",
                 unranked).format(n=number(unranked), m=number(few_replies), min=MIN_REPLIES),
        _("Posts by citizens are not measured as posts: they count only as the questions the "
          "municipalities answer, and no citizen is named."),
        ngettext("{n} record of the imported files could not be read and is kept in "
                 "quarantine, outside every figure.",
                 "{n} records of the imported files could not be read and are kept in "
                 "quarantine, outside every figure.",
                 quarantined).format(n=number(quarantined)),
        _("Adoption is computed over the {n} municipalities that existed on {day}.").format(
            n=number(municipalities), day=end.isoformat()),
        _("Questionnaire: edition {edition}, fieldwork on {day}; {respondents} of {invited} "
          "municipalities answered.").format(
            edition=edition.name, day=edition.fieldwork.isoformat(),
            respondents=number(summary["respondents"]), invited=number(summary["invited"])),
    ]  # fmt: skip
    other = sum(n for role, n in per_role.items() if role not in ("corporate", "council"))
    if other:
        blocks.append(
            ngettext("{n} other account of the registry (theme accounts and the like) is not "
                     "in these figures: as in the book, the measurement covers the corporate "
                     "accounts, and the council accounts for Table 14.",
                     "{n} other accounts of the registry (theme accounts and the like) are not "
                     "in these figures: as in the book, the measurement covers the corporate "
                     "accounts, and the council accounts for Table 14.",
                     other).format(n=number(other))
        )  # fmt: skip
    if council is not None:
        blocks.append(
            ngettext("{n} council account was ranked in Table 14.",
                     "{n} council accounts were ranked in Table 14.",
                     int(council["position"].notna().sum())).format(
                n=number(int(council["position"].notna().sum())))
        )  # fmt: skip
    return Section("verantwoording", _("Research methods"), blocks)


def measuring_role(role: str) -> str:
    names = {"corporate": _("corporate"), "council": _("council"), "theme": _("theme"),
             "official": _("official")}  # fmt: skip
    return names.get(role, role)


def build(ws: Workspace, start: date, end: date, edition_name: str, generated_at: str,
          facts_starting=None) -> Report:  # fmt: skip
    """The national report of the period ``start`` … ``end`` and questionnaire edition
    ``edition_name``; ``generated_at`` is printed as the moment of generation (passed in,
    so that the same data gives the same report)."""
    result = national(ws, start, end, facts_starting=facts_starting)
    ranked = measuring.ranking(ws, start, end, "corporate", MIN_REPLIES, by="municipality").frame
    council = measuring.ranking(ws, start, end, "council", MIN_REPLIES, by="account").frame
    # the corporate and council accounts by account: the measurement the national
    # figures were computed from, not measured a second time
    measured = result.accounts
    activity = measuring.activity(ws, start, end, ["corporate"])
    found_words, tags = measuring.top_words(ws, start, end, ["corporate"], top=WORDS)
    edition = questionnaire.edition(edition_name, ws)
    summary = questionnaire.national_summary(ws, edition)
    previous = None
    if summary["previous_edition"]:
        previous = questionnaire.national_summary(
            ws, questionnaire.edition(summary["previous_edition"], ws)
        )
    sections = [
        _response(summary, edition),
        _adoption(result, summary),
        _activity(activity),
        _reach(result, ranked),
        _top(ranked, result),
        _then_and_now(result),
        _composite(ranked),
        _words(found_words, tags),
        _departments(summary, previous, edition),
        _council(result, council),
        _growth_model(summary, previous, edition),
        _grades(summary, edition),
        _methods(ws, start, end, measured, ranked, council, summary, edition),
    ]
    return Report(
        _("Municipalities and social media {year}").format(year=edition.year),
        _("National report, {start} to {end}").format(start=start.isoformat(), end=end.isoformat()),
        generated_at,
        sections,
        {"national": result.as_dict(), "summary": summary},
    )
