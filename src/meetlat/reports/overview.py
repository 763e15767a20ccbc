"""The national overview (issue 11 §6): the national figures and tables of one published
version of an edition, as sections with charts, their data tables and text alternatives.

``build`` reads nothing but the tables it is given: the rows of a published snapshot
(meetlat.app.publishing, read from its frozen files, so a later import never changes the
overview of a published version) or the drafts a researcher sees (``compute_tables``,
the live figures). Nothing here computes a figure: each value is a published cell,
formatted by meetlat.app.figuretext. Only registry accounts are in the tables.
"""

from __future__ import annotations

import pandas as pd

from meetlat import reference
from meetlat.app import figuretext, questionnaire
from meetlat.i18n import _, ngettext, number
from meetlat.ranking.national import PLATFORM_NAMES, label
from meetlat.reports import charts
from meetlat.reports.charts import Table
from meetlat.reports.national import Section

TOP = 10  # rows of the top lists and their charts
RANKED = 25  # rows of the composite ranking shown (the open data has every row)


def _basis(row: dict) -> str:
    n = row.get("n") or 0
    if row.get("basis") == "municipalities":
        return ngettext("{n} municipality", "{n} municipalities", n).format(n=number(n))
    return ngettext("{n} account", "{n} accounts", n).format(n=number(n))


def _name(row: dict) -> str:
    return row.get("municipality_name") or reference.get(row["municipality_code"]).name


def _account(row: dict) -> str:
    platform = PLATFORM_NAMES.get(row["platform"], row["platform"])
    return f"{_name(row)} ({platform} {row['handle']})"


def _figures(rows: list[dict]) -> Section:
    title = _("National figures")
    if not rows:
        return Section("cijfers", title, [_("This version holds no national figures.")])
    table = Table(
        _("National figures of the period, beside the same days a year earlier"),
        [_("Figure"), _("Value"), _("A year earlier"), _("Over")],
        [
            [
                label(r["key"]),
                figuretext.figure_value(r["value"], r["unit"]),
                figuretext.figure_value(r["previous"], r["unit"]),
                _basis(r),
            ]
            for r in rows
        ],
        [False, True, True, False],
    )
    blocks: list = [
        _(
            "The national figures as they were published: means over the corporate and the "
            "council accounts, and the share of the municipalities with an account per "
            "platform."
        ),  # fmt: skip
        table,
    ]
    adoption = [r for r in rows if r["key"].startswith("adoption.") and r["value"] is not None]
    if adoption:
        names = [
            PLATFORM_NAMES.get(k, k)
            for k in (r["key"].removeprefix("adoption.").removesuffix("_pct") for r in adoption)
        ]
        frame = pd.DataFrame({"platform": names, "pct": [r["value"] for r in adoption]})
        shown = [figuretext.figure_value(r["value"], "pct") for r in adoption]
        blocks.append(
            charts.render(
                "platforms",
                _("Municipalities with an account per platform"),
                _("Bar chart of the share of the municipalities with an account per "
                  "platform: {values}.").format(
                    values="; ".join(f"{n} {v}" for n, v in zip(names, shown, strict=True))),
                charts.bars(frame, "platform", "pct", _("Percentage of the municipalities"),
                            horizontal=True, percent=True),
                Table(_("Municipalities with an account per platform"),
                      [_("Platform"), _("Share of the municipalities")],
                      [[n, v] for n, v in zip(names, shown, strict=True)], [False, True]),
            )
        )  # fmt: skip
    return Section("cijfers", title, blocks)


def _top(rows: list[dict], key: str, value: str, unit: str, title: str, axis: str,
         chart_title: str, empty: str) -> Section:  # fmt: skip
    average = next((r for r in rows if r["kind"] == "average"), None)
    ranked = [r for r in rows if r["kind"] == "municipality"][:TOP]
    if not ranked:
        return Section(key, title, [empty])
    shown = [figuretext.figure_value(r[value], unit) for r in ranked]
    table_rows = [[str(r["rank"]), _account(r), v] for r, v in zip(ranked, shown, strict=True)]
    mean = None if average is None else average[value]
    if average is not None:
        table_rows.append(["", _("National average"), figuretext.figure_value(mean, unit)])
    table = Table(chart_title, [_("Rank"), _("Municipality"), axis], table_rows,
                  [True, False, True])  # fmt: skip
    names = [_name(r) for r in ranked]
    frame = pd.DataFrame({"name": names, "value": [float(r[value]) for r in ranked]})
    blocks = [
        _("The {n} municipalities with the best figure, under the national average of "
          "{mean}.").format(n=number(len(ranked)),
                            mean=figuretext.figure_value(mean, unit)).replace("..", "."),
        charts.render(
            key,
            chart_title,
            _("Bar chart of {what}: {values}; the national average is {mean}.").format(
                what=chart_title.lower(),
                values="; ".join(f"{n} {v}" for n, v in zip(names, shown, strict=True)),
                mean=figuretext.figure_value(mean, unit)).replace("..", "."),
            charts.bars(frame, "name", "value", axis, horizontal=True, percent=unit == "pct"),
            table,
        ),
    ]  # fmt: skip
    return Section(key, title, blocks)


def _ranking(rows: list[dict]) -> Section:
    title = _("The composite ranking")
    ranked = [r for r in rows if r.get("position") is not None]
    if not ranked:
        return Section("ranglijst", title, [_("No municipality could be ranked.")])
    shown = ranked[:RANKED]
    table = Table(
        _("The composite ranking of the corporate accounts (first {n})").format(
            n=number(len(shown))
        ),
        [_("Position"), _("Municipality"), _("Total of the ranks")],
        [[str(r["position"]), _account(r), number(r["total"])] for r in shown],
        [True, False, True],
    )
    return Section(
        "ranglijst",
        title,
        [
            _("Each municipality's corporate accounts pooled, a rank per indicator "
              "(interaction, reaction time, relative reach) and the lowest sum of ranks "
              "first; {n} municipalities were ranked. The open data holds every row.").format(
                n=number(len(ranked))),
            table,
        ],
    )  # fmt: skip


def _growth_model(rows: list[dict], edition) -> Section:
    title = _("The average municipality on the growth model")
    aspects = [r for r in rows if r["aspect"] != "overall"]
    overall = next((r for r in rows if r["aspect"] == "overall"), None)
    if not aspects:
        return Section("groeimodel", title, [_("No municipality answered the questionnaire.")])
    names = [questionnaire.aspect_label(edition, r["aspect"]) for r in aspects]
    phases = ["–" if r["phase"] is None else str(r["phase"]) for r in aspects]
    grades = ["–" if r["grade_mean"] is None else number(r["grade_mean"], 1) for r in aspects]
    table = Table(
        _("Phase and mean grade per aspect of the average municipality"),
        [_("Aspect"), _("Phase"), _("Mean grade")],
        [list(cells) for cells in zip(names, phases, grades, strict=True)],
        [False, True, True],
    )
    frame = pd.DataFrame({"aspect": names, "phase": [r["phase"] or 0 for r in aspects]})
    phase = None if overall is None else overall["phase"]
    return Section(
        "groeimodel",
        title,
        [
            _("The mean profile of the municipalities that answered, placed on the growth "
              "model: overall phase {phase}.").format(phase="–" if phase is None else phase),
            charts.render(
                "groeimodel",
                table.caption,
                _("Bar chart of the phase (1 to 4) per aspect of the average municipality: "
                  "{values}.").format(
                    values="; ".join(f"{n} {p}" for n, p in zip(names, phases, strict=True))),
                charts.bars(frame, "aspect", "phase", _("Phase"), horizontal=True),
                table,
            ),
        ],
    )  # fmt: skip


def build(tables: dict[str, list[dict]], edition) -> list[Section]:
    """The overview's sections from the rows of the published tables (publishing.TABLES:
    ``national``, ``top_interaction``, ``top_reaction_time``, ``ranking``,
    ``average_municipality``); ``edition`` the questionnaire edition, for the aspects'
    names."""
    return [
        _figures(tables["national"]),
        _top(tables["top_interaction"], "interactie", "interaction_pct", "pct",
             _("Top interaction"), _("Interaction percentage"),
             _("The highest interaction percentages"),
             _("No municipality has an interaction percentage.")),
        _top(tables["top_reaction_time"], "reactietijd", "reaction_time_mean_min", "minutes",
             _("Top reaction time"), _("Mean reaction time in minutes"),
             _("The shortest mean reaction times"),
             _("No municipality has enough timed replies for a reaction time.")),
        _ranking(tables["ranking"]),
        _growth_model(tables["average_municipality"], edition),
    ]  # fmt: skip
