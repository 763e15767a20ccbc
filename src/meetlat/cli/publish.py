"""`meetlat publish`: freeze an edition's figures as the next published version."""

from __future__ import annotations

import getpass

import typer

from meetlat.app import publishing
from meetlat.app.questionnaire import InvalidEdition, UnknownEdition
from meetlat.cli import choices
from meetlat.cli.common import announce_facts, current_workspace, fail, print_json, say
from meetlat.i18n import _, ngettext, number


def publish_command(
    edition: str = typer.Option(..., "--edition", help=_("Survey edition to publish (2014).")),
    period: str = choices.period_option(),
    min_replies: int = typer.Option(
        10, "--min-replies", help=_("Timed replies an account needs for reaction time.")
    ),
    by: str = typer.Option(None, "--by", help=_("Who publishes (default: the user's name).")),
    as_json: bool = typer.Option(False, "--json", help=_("Print the manifest as JSON.")),
) -> None:
    start, end = choices.period(period)
    try:
        published = publishing.publish(
            current_workspace(),
            edition,
            start,
            end,
            by=by or getpass.getuser(),
            min_replies=min_replies,
            facts_starting=announce_facts,
        )
    except (UnknownEdition, InvalidEdition, publishing.CannotPublish, publishing.NotPublished) as e:
        fail(str(e), 2)
    if as_json:
        print_json(published.manifest)
        return
    say(
        _("Edition {edition} published as version {version}: {folder}").format(
            edition=published.edition, version=published.version, folder=published.folder
        ),
        "[green]✓[/green]",
    )
    for item in published.manifest["tables"]:
        rows = ngettext("{count} row", "{count} rows", item["rows"])
        say(f"  {item['name']}: {rows.format(count=number(item['rows']))}")


def register(app: typer.Typer) -> None:
    app.command("publish", help=_("Publish an edition's figures as a frozen version."))(
        publish_command
    )
