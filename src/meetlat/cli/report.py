"""`meetlat report national` and `meetlat report municipality`: the book's research chapter
and the report per municipality, rebuilt from data, as HTML or PDF."""

from __future__ import annotations

from pathlib import Path

import typer

from meetlat import reports
from meetlat.app import measuring, questionnaire
from meetlat.cli import choices
from meetlat.cli.commands import App
from meetlat.cli.common import announce_facts, current_workspace, fail, say
from meetlat.i18n import _, ngettext


def _generated_at_option():
    return typer.Option(
        ...,
        "--generated-at",
        help=_(
            "The moment of generation printed in the report (e.g. 2014-09-01 or "
            "2014-09-01T12:00Z); given, not read from the clock, so the same data gives "
            "the same report."
        ),
    )


def _checked(generated_at: str, period: str, edition: str):
    """The period's days and the workspace, or stop with the reason (exit 2)."""
    choices.generated_at(generated_at)
    start, end = choices.period(period)
    ws = current_workspace()
    if edition not in questionnaire.available_editions(ws):
        fail(
            _("--edition {name}: no such edition; there are: {names}.").format(
                name=edition, names=", ".join(questionnaire.available_editions(ws))
            ),
            2,
        )
    return start, end, ws


def municipality_report(
    code: str = typer.Argument(
        None, help=_("The municipality's CBS code (GM0363 or 363); not with --all.")
    ),
    every: bool = typer.Option(
        False, "--all", help=_("A report for every municipality with registry accounts.")
    ),
    period: str = choices.period_option(),
    edition: str = typer.Option("2014", "--edition", help=_("Questionnaire edition.")),
    format: str = choices.option("html", "--format", reports.FORMATS, _("File format: {values}.")),
    out: Path = typer.Option(
        ...,
        "--out",
        help=_("Write the report to this file (with --all: into this folder, one file each)."),
    ),
    generated_at: str = _generated_at_option(),
) -> None:
    format = choices.choose(format, reports.FORMATS, "--format")
    if every == (code is not None):
        fail(_("Give either a municipality code or --all."), 2)
    codes = None
    if code is not None:
        found = measuring.municipality_code(code)
        if found is None:
            fail(_("{code}: no such municipality.").format(code=code), 2)
        codes = [found]
    start, end, ws = _checked(generated_at, period, edition)
    if every:
        out.mkdir(parents=True, exist_ok=True)
    written = 0
    try:
        for found, content in reports.municipality_reports(
            ws, start, end, edition, generated_at, codes, format, facts_starting=announce_facts
        ):
            reports.write(out / f"{found}.{format}" if every else out, content)
            written += 1
    except reports.municipality.NoAccounts as error:
        fail(str(error), 2)
    if every:
        say(
            ngettext(
                "{n} municipality report written to {folder}.",
                "{n} municipality reports written to {folder}.",
                written,
            ).format(n=written, folder=out),
            "[green]✓[/green]",
        )
    else:
        say(_("Municipality report written to {file}.").format(file=out), "[green]✓[/green]")


def national_report(
    period: str = choices.period_option(),
    edition: str = typer.Option("2014", "--edition", help=_("Questionnaire edition.")),
    format: str = choices.option("html", "--format", reports.FORMATS, _("File format: {values}.")),
    out: Path = typer.Option(..., "--out", help=_("Write the report to this file.")),
    generated_at: str = _generated_at_option(),
) -> None:
    format = choices.choose(format, reports.FORMATS, "--format")
    start, end, ws = _checked(generated_at, period, edition)
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
    group.command(
        "municipality", help=_("The report of one municipality (or of every one) of a period.")
    )(municipality_report)
