"""`meetlat accounts`: the registry of municipal social-media accounts."""

from __future__ import annotations

import csv
import sys
from enum import StrEnum
from pathlib import Path

import typer

from meetlat.cli.common import console, fail, print_json, refresh_facts, warn
from meetlat.i18n import _, number

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


def _workspace():
    from meetlat import workspace

    try:
        return workspace.current()
    except workspace.WorkspaceMissing as error:
        fail(str(error))


def _rows(table, municipality: str | None, platform: str | None, role: str | None) -> list[dict]:
    from meetlat import reference

    code = reference.normalise_code(municipality) if municipality else None
    rows = []
    for row in table.to_pylist():
        if code and row["municipality_code"] != code:
            continue
        if platform and row["platform"] != platform.lower():
            continue
        if role and row["role"] != role.lower():
            continue
        name = (
            reference.get(row["municipality_code"]).name
            if reference.exists(row["municipality_code"])
            else None
        )
        rows.append(
            {
                "municipality_code": row["municipality_code"],
                "municipality_name": name,
                "platform": row["platform"],
                "handle": row["handle"],
                "role": row["role"],
                "active_from": row["active_from"].isoformat() if row["active_from"] else None,
                "active_to": row["active_to"].isoformat() if row["active_to"] else None,
                "status": row["status"],
            }
        )
    return rows


def _active(start: str | None, end: str | None) -> str:
    if not start and not end:
        return ""
    return f"{start or '…'} – {end or '…'}"


def _print_table(rows: list[dict]) -> None:
    from rich.table import Table

    from meetlat.accounts.labels import role_label, status_label

    table = Table(title=_("{count} accounts").format(count=number(len(rows))))
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


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help=_("The registry of municipal social-media accounts."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    app.add_typer(group, name="accounts")

    @group.command(
        "import",
        help=_(
            "Import accounts from a CSV file (municipality_code, platform, handle, role; "
            "optional active_from, active_to, status). A file with any bad row imports nothing."
        ),
    )
    def import_(file: Path = typer.Argument(..., help=_("CSV file with accounts."))) -> None:

        from meetlat import accounts

        ws = _workspace()
        try:
            merge = accounts.import_file(ws, file)
        except accounts.InvalidFile as error:
            for problem in error.problems:
                warn(str(problem))
            fail(
                _("{count} problem(s) in {file}: nothing was imported.").format(
                    count=number(len(error.problems)), file=file
                )
            )
        console.print(
            _(
                "Imported {count} accounts from {file}: {added} new, {replaced} replaced; "
                "the registry holds {total} accounts."
            ).format(
                count=number(merge.added + merge.replaced),
                file=file,
                added=number(merge.added),
                replaced=number(merge.replaced),
                total=number(merge.total),
            ),
            soft_wrap=True,
        )
        refresh_facts(ws)

    @group.command("list", help=_("List the registered accounts."))
    def list_(
        municipality: str = typer.Option(
            None, "--municipality", help=_("Only this municipality (GM####).")
        ),
        platform: str = typer.Option(None, "--platform", help=_("Only this platform.")),
        role: str = typer.Option(None, "--role", help=_("Only this role.")),
        output: ListFormat = typer.Option(
            ListFormat.table, "--format", help=_("Output format: table, csv or json.")
        ),
    ) -> None:
        from meetlat import accounts

        rows = _rows(accounts.load(_workspace()), municipality, platform, role)
        if output is ListFormat.json:
            print_json(rows)
        elif output is ListFormat.csv:
            writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        else:
            _print_table(rows)
