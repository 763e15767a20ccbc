"""`meetlat national`: the book's national figures of a period, beside a year earlier."""

from __future__ import annotations

import typer
from rich.table import Table

from meetlat.app import figuretext
from meetlat.app.national import national
from meetlat.cli import choices
from meetlat.cli.common import (
    announce_facts,
    console,
    current_workspace,
    print_json,
    report_measured,
)
from meetlat.i18n import _, ngettext, number
from meetlat.ranking.national import label


def _basis(basis: str, n: int) -> str:
    if basis == "municipalities":
        text = ngettext("{n} municipality", "{n} municipalities", n)
    else:
        text = ngettext("{n} account", "{n} accounts", n)
    return text.format(n=number(n))


def national_command(
    period: str = choices.period_option(),
    as_json: bool = typer.Option(False, "--json", help=_("Print one JSON document.")),
) -> None:
    start, end = choices.period(period)
    result = national(current_workspace(), start, end, facts_starting=announce_facts)
    report_measured(result)
    if as_json:
        print_json(result.as_dict())
        return

    table = Table(
        title=_(
            "National figures {start} – {end}, beside {previous_start} – {previous_end}"
        ).format(
            start=start,
            end=end,
            previous_start=result.previous_start,
            previous_end=result.previous_end,
        )  # fmt: skip
    )
    table.add_column(_("Figure"), overflow="fold")
    table.add_column(_("Value"), justify="right", no_wrap=True)
    table.add_column(_("A year earlier"), justify="right", no_wrap=True)
    table.add_column(_("Over"), overflow="fold")
    for figure in result.figures:
        table.add_row(
            label(figure.key),
            figuretext.figure_value(figure.value, figure.unit),
            figuretext.figure_value(figure.previous, figure.unit),
            _basis(figure.basis, figure.n),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("national", help=_("The book's national figures of a period."))(national_command)
