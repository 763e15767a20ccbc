"""Figures as a person reads them, for every front end (CLI table, web page, report): the
survey's answer values, results and changes; reaction times; the national figures."""

from __future__ import annotations

from meetlat.i18n import _, language, number
from meetlat.ranking import peers
from meetlat.survey.aggregates import UNKNOWN_GROUP
from meetlat.survey.edition import Edition


def value_text(value) -> str:
    """A figure: a dash when absent, one decimal for a fraction."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return number(value, 1)
    return str(value)


def type_label(kind: str) -> str:
    """A question type as a person reads it."""
    labels = {
        "yes_no": _("yes/no"),
        "grade": _("grade"),
        "choice": _("choice"),
        "phase_choice": _("phase"),
        "text": _("text"),
    }
    return labels.get(kind, kind)


def value_label(value: str, edition: Edition, question_id: str) -> str:
    """An answer value as a person reads it: yes/no translated, a choice by its text."""
    if value in ("yes", "no"):
        return {"yes": _("yes"), "no": _("no")}[value]
    for option in edition.question(question_id).options:
        if str(option.value) == str(value):
            return option.text.get(language()) or option.text["en"]
    return str(value)


def result_text(row: dict, edition: Edition) -> str:
    """A question's result: its mean, or the share of each answer."""
    if row["mean"] is not None:
        return _("mean {mean}").format(mean=number(row["mean"], 1))
    if row["percentages"]:
        return ", ".join(
            f"{value_label(k, edition, row['question_id'])} {number(v, 0)}%"
            for k, v in row["percentages"].items()
        )
    return ""


def _signed(value: float, decimals: int) -> str:
    return ("-" if value < 0 else "+") + number(abs(value), decimals)


def change_text(row: dict, edition: Edition) -> str:
    """The change from the previous edition: the mean's difference, or the percentage
    points of each answer; empty when the previous edition did not ask the question."""
    change = row.get("change")
    if not change:
        return ""
    if "mean" in change:
        return _signed(change["mean"], 1)
    if "percentage_points" in change:
        return ", ".join(
            f"{value_label(k, edition, row['question_id'])} {_signed(v, 0)}"
            for k, v in change["percentage_points"].items()
        )
    return ""


def group_label(key: str) -> str:
    """A peer group of the survey as a person reads it: a size class by its name, a
    province as it is, the municipalities without a known group as "onbekend"."""
    if key == UNKNOWN_GROUP:
        return _("unknown")
    return peers.label(key)


def duration(minutes: float) -> str:
    """A reaction time as people read it: "1 uur 37 min." or "52 min."."""
    whole = round(minutes)
    hours, rest = divmod(whole, 60)
    if hours:
        return _("{hours} h {minutes} min.").format(hours=number(hours), minutes=rest)
    return _("{minutes} min.").format(minutes=rest)


def figure_value(value: float | None, unit: str) -> str:
    """A national figure's value in its unit: 12,5%, 1 uur 37 min., 2.950."""
    if value is None:
        return "–"
    if unit == "pct":
        return f"{number(value, 1)}%"
    if unit == "minutes":
        return duration(value)
    return number(value, 0)
