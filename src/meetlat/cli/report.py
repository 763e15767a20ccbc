"""`meetlat report national`: the book's research chapter rebuilt from data, as HTML or PDF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from meetlat import reports
from meetlat.app import questionnaire
from meetlat.cli import choices
from meetlat.cli.commands import App
from meetlat.cli.common import announce_facts, current_workspace, fail, say
from meetlat.i18n import _
from meetlat.indicators.periods import BadPeriod, named_period


def national_report(
    period: str = typer.Option(
        ..., "--period", help=_("Period: 2014Q2, 2014-05, 2014 or 2014-04-01..2014-06-30.")
    ),
    edition: str = typer.Option("2014", "--edition", help=_("Questionnaire edition.")),
    format: str = choices.option("html", "--format", reports.FORMATS, _("File format: {values}.")),
    out: Path = typer.Option(..., "--out", help=_("Write the report to this file.")),
    generated_at: str = typer.Option(
        ...,
        "--generated-at",
        help=_(
            "The moment of generation printed in the report (e.g. 2014-09-01 or "
            "2014-09-01T12:00Z); given, not read from the clock, so the same data gives "
            "the same report."
        ),
    ),
) -> None:
    format = choices.choose(format, reports.FORMATS, "--format")
    try:
        datetime.fromisoformat(generated_at)
    except ValueError:
        fail(
            _(
                "--generated-at {text}: expected a date or moment such as 2014-09-01 or "
                "2014-09-01T12:00Z."
            ).format(text=generated_at),  # fmt: skip
            2,
        )
    try:
        start, end = named_period(period)
    except BadPeriod:
        fail(
            _("--period {text}: expected 2014Q2, 2014-05, 2014 or FROM..TO.").format(text=period),
            2,
        )
    ws = current_workspace()
    if edition not in questionnaire.available_editions(ws):
        fail(
            _("--edition {name}: no such edition; there are: {names}.").format(
                name=edition, names=", ".join(questionnaire.available_editions(ws))
            ),
            2,
        )
    content = reports.national_report(
        ws, start, end, edition, generated_at, format, facts_starting=announce_facts
    )
    reports.write(out, content)
    say(_("National report written to {file}.").format(file=out), "[green]✓[/green]")


def register(app: typer.Typer) -> None:
    group = App(
        help=_("Reports as HTML or PDF: the book's research chapter from data."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    app.add_typer(group, name="report")
    group.command("national", help=_("The national report of a period and edition."))(
        national_report
    )
