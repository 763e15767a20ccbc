"""`meetlat reference`: municipalities, mergers and population."""

from __future__ import annotations

import csv
import sys
from datetime import date
from enum import StrEnum

import typer

from meetlat import reference
from meetlat.cli import choices
from meetlat.cli.commands import App
from meetlat.cli.common import console, current_workspace, fail, print_json
from meetlat.i18n import _, ngettext, number
from meetlat.reference import cbs


class ListFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


LIST_COLUMNS = ("code", "name", "province", "inhabitants", "population_year", "approximate")


def _parse_day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(_("{value} is not a date: expected YYYY-MM-DD, e.g. 2014-01-01.").format(value=text))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _list_rows(day: date) -> list[dict]:
    rows = []
    for m in reference.municipalities_on(day):
        try:
            figure = reference.population(m.code, day.year)
        except reference.NoPopulation:
            figure = None
        rows.append(
            {
                "code": m.code,
                "name": m.name,
                "province": m.province,
                "inhabitants": figure.inhabitants if figure else None,
                "population_year": figure.year if figure else None,
                "approximate": figure.approximate if figure else None,
            }
        )
    return rows


def _print_list_table(rows: list[dict], day: date) -> None:
    from rich.table import Table

    table = Table(
        title=ngettext(
            "{count} municipality on {date}", "{count} municipalities on {date}", len(rows)
        ).format(count=number(len(rows)), date=day.isoformat())
    )
    table.add_column(_("Code"))
    table.add_column(_("Name"))
    table.add_column(_("Province"))
    table.add_column(_("Inhabitants"), justify="right")
    table.add_column(_("Year"), justify="right")
    for row in rows:
        inhabitants = "" if row["inhabitants"] is None else number(row["inhabitants"])
        if row["approximate"]:
            inhabitants = "± " + inhabitants
        table.add_row(
            row["code"],
            row["name"],
            row["province"] or _("unknown"),
            inhabitants,
            "" if row["population_year"] is None else str(row["population_year"]),
        )
    console.print(table)
    if any(row["approximate"] for row in rows):
        console.print(_("± approximate: the figure is known to be partly out of date."))


def _show_document(code: str) -> dict:
    m = reference.get(code)
    merged = reference.get(m.merged_into) if m.merged_into else None
    now = reference.successor(m.code, date.today())
    return {
        "code": m.code,
        "name": m.name,
        "province": m.province,
        "valid_from": _iso(m.valid_from),
        "valid_to": _iso(m.valid_to),
        "merged_into": (
            {"code": merged.code, "name": merged.name, "on": _iso(m.valid_to)} if merged else None
        ),
        "successor_today": None
        if now == m.code
        else {"code": now, "name": reference.get(now).name},
        "merged_from": [
            {"code": p.code, "name": p.name, "on": _iso(p.valid_to)}
            for p in reference.predecessors(m.code)
        ],
        "population": [
            {
                "year": figure.year,
                "inhabitants": figure.inhabitants,
                "approximate": figure.approximate,
                "source": figure.source,
            }
            for figure in reference.population_by_year(m.code).values()
        ],
    }


def _print_show(doc: dict) -> None:
    from rich.table import Table

    console.print(f"[bold]{doc['code']} {doc['name']}[/bold]")
    console.print(_("Province: {province}").format(province=doc["province"] or _("unknown")))
    console.print(
        _("Valid from {start} to {end}").format(
            start=doc["valid_from"] or _("before the table began"),
            end=doc["valid_to"] or _("today (still exists)"),
        )
    )
    merged = doc["merged_into"]
    if merged:
        console.print(
            _("Merged into {code} {name} on {date}").format(
                code=merged["code"], name=merged["name"], date=merged["on"]
            )
        )
    elif doc["valid_to"]:
        console.print(_("Ended without a successor in Tabel 33."))
    later = doc["successor_today"]
    if later and (not merged or later["code"] != merged["code"]):
        console.print(
            _("Its territory now belongs to {code} {name}").format(
                code=later["code"], name=later["name"]
            )
        )
    if doc["merged_from"]:
        console.print(
            _("Merged into it: {names}").format(
                names=", ".join(f"{p['code']} {p['name']} ({p['on']})" for p in doc["merged_from"])
            )
        )
    if not doc["population"]:
        console.print(_("No population figures known."))
        return
    table = Table(title=_("Inhabitants on 1 January"))
    table.add_column(_("Year"), justify="right")
    table.add_column(_("Inhabitants"), justify="right")
    table.add_column(_("Source"))
    for figure in doc["population"]:
        shown = number(figure["inhabitants"])
        if figure["approximate"]:
            shown = "± " + shown
        table.add_row(str(figure["year"]), shown, figure["source"])
    console.print(table)
    if any(f["approximate"] for f in doc["population"]):
        console.print(_("± approximate: the figure is known to be partly out of date."))


def list_(
    on: str = typer.Option(None, "--on", help=_("Date (YYYY-MM-DD); default today.")),
    output: str = choices.option(
        ListFormat.table, "--format", tuple(ListFormat), _("Output format: {values}.")
    ),
) -> None:
    output = choices.choose(output, tuple(ListFormat), "--format")
    day = _parse_day(on)
    rows = _list_rows(day)
    if output is ListFormat.json:
        print_json(rows)
    elif output is ListFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=LIST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    **row,
                    "approximate": ""
                    if row["approximate"] is None
                    else str(row["approximate"]).lower(),
                }
            )
    else:
        _print_list_table(rows, day)


def show(
    code: str = typer.Argument(
        ..., metavar=_("CODE"), help=_("CBS municipality code, e.g. GM0457.")
    ),
    output: str = choices.option(
        ShowFormat.table, "--format", tuple(ShowFormat), _("Output format: {values}.")
    ),
) -> None:
    output = choices.choose(output, tuple(ShowFormat), "--format")
    try:
        doc = _show_document(code)
    except reference.UnknownMunicipality as error:
        fail(str(error))
    if output is ShowFormat.json:
        print_json(doc)
    else:
        _print_show(doc)


def update(
    year: int = typer.Option(..., "--year", help=_("Year (population on 1 January).")),
    url: str = typer.Option(None, "--url", help=_("Full OData URL to fetch instead.")),
    table: str = typer.Option(None, "--table", help=_("CBS table id, e.g. 85984NED.")),
) -> None:
    ws = current_workspace()
    console.print(_("Fetching population {year} from CBS…").format(year=year))
    try:
        result = cbs.update(year, ws.reference, url=url, table=table)
    except cbs.CbsError as error:
        fail(str(error))
    console.print(
        ngettext(
            "Population {year} updated for {count} municipality in {path}",
            "Population {year} updated for {count} municipalities in {path}",
            len(result.figures),
        ).format(year=year, count=number(len(result.figures)), path=result.path)
    )
    if result.skipped:
        console.print(
            _("Skipped codes that are not municipalities of Tabel 33: {codes}").format(
                codes=", ".join(result.skipped)
            )
        )


def register(app: typer.Typer) -> None:
    group = App(
        help=_("Dutch municipalities, their mergers and population."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    app.add_typer(group, name="reference")

    group.command("list", help=_("List the municipalities in force on a date."))(list_)

    group.command("show", help=_("Show one municipality: validity, mergers, population."))(show)

    group.command(
        "update", help=_("Refresh population of a year from CBS open data into the workspace.")
    )(update)
