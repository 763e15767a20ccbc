"""`meetlat accounts`: the registry of municipal social-media accounts."""

from __future__ import annotations

import csv
import sys
from enum import StrEnum
from pathlib import Path

import typer

from meetlat.accounts.labels import role_label, status_label
from meetlat.app import accounts
from meetlat.cli import choices
from meetlat.cli.commands import App
from meetlat.cli.common import (
    console,
    current_workspace,
    fail_problems,
    print_json,
    report_facts,
)
from meetlat.i18n import _, ngettext, number

COLUMNS = (
    "municipality_code",
    "municipality_name",
    "platform",
    "handle",
    "role",
    "active_from",
    "active_to",
    "status",
)


class ListFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _active(start: str | None, end: str | None) -> str:
    if not start and not end:
        return ""
    return f"{start or '…'} – {end or '…'}"


def _print_table(rows: list[dict]) -> None:
    from rich.table import Table

    table = Table(
        title=ngettext("{count} account", "{count} accounts", len(rows)).format(
            count=number(len(rows))
        )
    )
    # names and handles fold; codes, roles, periods and statuses stay whole
    for title, whole in (
        (_("Code"), True),
        (_("Municipality"), False),
        (_("Account"), False),
        (_("Role"), True),
        (_("Active"), True),
        (_("Status"), True),
    ):
        table.add_column(title, overflow="fold", no_wrap=whole)
    for row in rows:
        table.add_row(
            row["municipality_code"],
            row["municipality_name"] or "",
            f"{row['platform']}:{row['handle']}",
            role_label(row["role"]),
            _active(row["active_from"], row["active_to"]),
            status_label(row["status"]),
        )
    console.print(table)


def import_(
    file: Path = typer.Argument(..., metavar=_("FILE"), help=_("CSV file with accounts.")),
) -> None:
    ws = current_workspace()
    try:
        imported = accounts.import_accounts(ws, file)
    except accounts.InvalidFile as error:
        fail_problems(
            error.problems,
            ngettext(
                "{count} problem in {file}: nothing was imported.",
                "{count} problems in {file}: nothing was imported.",
                len(error.problems),
            ).format(count=number(len(error.problems)), file=file),
        )
    merge = imported.merge
    console.print(
        _("{imported}: {added} new, {replaced} replaced; {registry}").format(
            imported=ngettext(
                "Imported {count} account from {file}",
                "Imported {count} accounts from {file}",
                merge.added + merge.replaced,
            ).format(count=number(merge.added + merge.replaced), file=file),
            added=number(merge.added),
            replaced=number(merge.replaced),
            registry=ngettext(
                "the registry holds {total} account.",
                "the registry holds {total} accounts.",
                merge.total,
            ).format(total=number(merge.total)),
        ),
        soft_wrap=True,
    )
    report_facts(imported.facts)


def list_(
    municipality: str = typer.Option(
        None, "--municipality", help=_("Only this municipality (GM####).")
    ),
    platform: str = typer.Option(None, "--platform", help=_("Only this platform.")),
    role: str = typer.Option(None, "--role", help=_("Only this role.")),
    output: str = choices.option(
        ListFormat.table, "--format", tuple(ListFormat), _("Output format: {values}.")
    ),
) -> None:
    output = choices.choose(output, tuple(ListFormat), "--format")
    rows = accounts.list_accounts(current_workspace(), municipality, platform, role)
    if output is ListFormat.json:
        print_json(rows)
    elif output is ListFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print_table(rows)


def register(app: typer.Typer) -> None:
    group = App(
        help=_("The registry of municipal social-media accounts."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    app.add_typer(group, name="accounts")

    group.command(
        "import",
        help=_(
            "Import accounts from a CSV file (municipality_code, platform, handle, role; "
            "optional active_from, active_to, status). A file with any bad row imports nothing."
        ),
    )(import_)

    group.command("list", help=_("List the registered accounts."))(list_)
