"""`meetlat privacy erase|erasures|reveals`: citizens' rights in a workspace (docs/privacy.md)."""

from __future__ import annotations

import typer

from meetlat.app import erasing, privacy
from meetlat.cli import choices, privacyspecial
from meetlat.cli.commands import App
from meetlat.cli.common import current_workspace, fail, print_json, report_facts, say
from meetlat.i18n import _, ngettext, number
from meetlat.warehouse.recovery import WarehouseBusy
from meetlat.warehouse.schema import PLATFORMS


def _table_name(table: str) -> str:
    names = {
        "posts": _("posts"),
        "post_metrics": _("post metrics"),
        "accounts": _("profiles"),
        "account_snapshots": _("profile snapshots"),
        "post_authors": _("post authors"),
        "quarantine": _("records set aside"),
    }
    return names.get(table, table)


def reveal_option():
    """``--toon-burgers DOEL``: show citizens' handles, for this purpose (logged)."""
    return typer.Option(
        None,
        "--toon-burgers",
        metavar="DOEL",
        help=_(
            "Show citizens' handles instead of pseudonyms, for this purpose (written to "
            "privacy/reveals.jsonl)."
        ),
    )


def namer(ws, reveal: str | None, what: str) -> privacy.Namer:
    """The namer of a command: pseudonyms, or handles when ``reveal`` gives a purpose."""
    try:
        return privacy.namer(ws, reveal_for=reveal, what=what)
    except privacy.CannotReveal as refused:
        fail(str(refused), 2)


def erase_command(
    account: str = typer.Option(..., "--account", help=_("The private person's handle.")),
    platform: str = choices.option(..., "--platform", PLATFORMS, _("The platform: {values}.")),
    reason: str = typer.Option(None, "--reason", help=_("Why (kept in the erasure record).")),
    request_id: str = typer.Option(
        None, "--request-id", help=_("The number of the person's request (kept in the record).")
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print the result as JSON.")),
) -> None:
    platform = choices.choose(platform, PLATFORMS, "--platform")
    ws = current_workspace()
    try:
        done = erasing.erase(ws, platform, account, reason, request_id)
    except erasing.ErasureRefused as refused:
        fail(str(refused), 2)
    except WarehouseBusy as busy:
        fail(str(busy))
    if as_json:
        print_json(
            {
                "pseudonym": done.pseudonym,
                "erased": done.done,
                "removed": done.removed,
                "mentions_pseudonymised": done.mentions,
                "warehouse_parts": done.parts,
                "reports_removed": done.reports,
                "published_naming": done.published,
            }
        )
        return
    if not done.done:
        say(
            _("Nothing left to erase of {pseudonym}: erased before.").format(
                pseudonym=done.pseudonym
            ),
            "[green]✓[/green]",
        )
        return
    removed = ", ".join(
        f"{number(count)} {_table_name(table)}" for table, count in done.removed.items()
    )
    say(
        _("Erased {pseudonym}: {removed} taken out of the warehouse.").format(
            pseudonym=done.pseudonym, removed=removed or _("no rows")
        ),
        "[green]✓[/green]",
    )
    if done.mentions:
        say(
            ngettext(
                "{count} post of others mentions the person: the pseudonym stands there now.",
                "{count} posts of others mention the person: the pseudonym stands there now.",
                done.mentions,
            ).format(count=number(done.mentions))
        )
    for report in done.reports:
        say("  " + _("removed: {file}").format(file=report))
    for file in done.published:
        say("  " + _("a published file names the person: {file}").format(file=file), "[red]![/red]")
    say(_("The archived files are kept (Archiefwet); a rebuild or import leaves the person out."))
    report_facts(done.facts)


def erasures_command(
    as_json: bool = typer.Option(False, "--json", help=_("Print the list as JSON.")),
) -> None:
    found = erasing.erasures(current_workspace())
    if as_json:
        print_json(found)
        return
    if not found:
        say(_("No erasures recorded."))
        return
    for entry in found:
        say(
            _("{when}  {pseudonym} ({platform})  {rows} rows  {request}  {reason}").format(
                when=entry["at"][:16].replace("T", " "),
                pseudonym=entry["pseudonym"],
                platform=entry["platform"],
                rows=number(sum((entry.get("removed") or {}).values())),
                request=entry.get("request_id") or "-",
                reason=entry.get("reason") or "",
            )
        )


def reveals_command(
    as_json: bool = typer.Option(False, "--json", help=_("Print the list as JSON.")),
) -> None:
    found = privacy.reveals(current_workspace())
    if as_json:
        print_json(found)
        return
    if not found:
        say(_("Citizens' handles were never shown."))
        return
    for entry in found:
        say(
            f"{entry['at'][:16].replace('T', ' ')}  {entry['user']}  {entry['what']}: {entry['purpose']}"
        )


def register(app: typer.Typer) -> None:
    group = App(
        help=_(
            "Citizens' privacy: erasure at a person's request, who saw handles, special "
            "categories and the processing register."
        ),
        no_args_is_help=True,
    )
    group.command(
        "erase",
        help=_(
            "Erase a private person's posts and profile from the warehouse, the facts and "
            "the reports (AVG art. 17); the archived files stay (Archiefwet)."
        ),
    )(erase_command)
    group.command("erasures", help=_("List the erasures recorded (pseudonyms, not handles)."))(
        erasures_command
    )
    group.command("reveals", help=_("List every time citizens' handles were shown, and why."))(
        reveals_command
    )
    privacyspecial.register_commands(group)
    app.add_typer(group, name="privacy")
