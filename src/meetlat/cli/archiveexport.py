"""`meetlat archive export` and `meetlat archive search`: issuing the archive, as MDTO
packages per account and period and as whole conversations for Woo requests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from meetlat.app import archiving, privacy
from meetlat.cli.common import current_workspace, fail, print_json, say
from meetlat.i18n import _, ngettext, number
from meetlat.warehouse.schema import PLATFORMS

TEXT_SHOWN = 100  # characters of a post's text on a line of `archive search`


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(
            _("{option} {value} is not a date (expected e.g. 2014-04-01).").format(
                option=option, value=value
            )
        )


def _platform(value: str | None) -> str | None:
    if value is None:
        return None
    if value.lower() not in PLATFORMS:
        fail(
            _("Unknown platform {platform}: expected one of {platforms}.").format(
                platform=value, platforms=", ".join(PLATFORMS)
            )
        )
    return value.lower()


def _format(value: str) -> str:
    if value.lower() not in archiving.FORMATS:
        fail(_("Unknown format {format}: expected mdto, csv or json.").format(format=value))
    return value.lower()


def _reveal_option():
    return typer.Option(
        None,
        "--toon-burgers",
        metavar=_("PURPOSE"),
        help=_(
            "Show the handles of citizens (not public bodies) for this purpose; the request "
            "is logged in privacy/reveals.jsonl. Without it citizens are pseudonyms."
        ),
    )


def _mapping_option():
    return typer.Option(
        None,
        "--mapping",
        help=_(
            "The selectielijst mapping (TOML); default: reference/selectielijst.toml of the "
            "workspace, else Meetlat's own."
        ),
    )


def _report_package(package: archiving.Package) -> None:
    say(
        _("{path}: {posts}, {conversations}, {files}.").format(
            path=package.path,
            posts=ngettext("{count} post", "{count} posts", package.posts).format(
                count=number(package.posts)
            ),
            conversations=ngettext(
                "{count} conversation", "{count} conversations", package.conversations
            ).format(count=number(package.conversations)),
            files=ngettext(
                "{count} archived file described", "{count} archived files described", package.files
            ).format(count=number(package.files)),
        ),
        "[green]✔[/green]",
    )


def _package_json(package: archiving.Package) -> dict:
    return {
        "path": str(package.path), "platform": package.platform, "account": package.handle,
        "posts": package.posts, "conversations": package.conversations,
        "raw_files": package.files, "raw_files_copied": package.copied,
    }  # fmt: skip


def export_command(
    fmt: str = typer.Option("mdto", "--format", help=_("mdto (records), csv or json.")),
    account: str = typer.Option(..., "--account", help=_("The account's handle (registry).")),
    platform: str = typer.Option(None, "--platform", help=_("Only this platform.")),
    start: str = typer.Option(..., "--from", help=_("First day (YYYY-MM-DD), Amsterdam time.")),
    end: str = typer.Option(..., "--to", help=_("Last day (YYYY-MM-DD), inclusive.")),
    out: Path = typer.Option(..., "--out", help=_("Folder in which the package is made.")),
    validate: bool = typer.Option(
        True, "--validate/--no-validate", help=_("Check every record against the MDTO XSD.")
    ),
    mapping: Path = _mapping_option(),
    reveal: str = _reveal_option(),
    as_json: bool = typer.Option(False, "--json", help=_("Print the result as JSON.")),
) -> None:
    fmt = _format(fmt)
    first, last = _day(start, "--from"), _day(end, "--to")
    chosen = _platform(platform)
    ws = current_workspace()
    try:
        if fmt == "mdto":
            packages = archiving.export_account(
                ws, account, first, last, out, chosen, reveal, validate, mapping
            )
        else:
            packages = archiving.export_account_conversations(
                ws, account, first, last, out, fmt, chosen, reveal
            )
    except (archiving.ArchiveError, privacy.CannotReveal) as error:
        fail(str(error))
    if as_json:
        print_json([_package_json(p) for p in packages])
        return
    for package in packages:
        _report_package(package)
    if not reveal:
        say(_("Citizens are named by their pseudonym; the raw files stay in the archive."))


def _line(row: dict) -> str:
    text = " ".join((row["text"] or "").split())
    if len(text) > TEXT_SHOWN:
        text = text[: TEXT_SHOWN - 1] + "…"
    return f"{row['created_at'][:16].replace('T', ' ')}  {row['platform']}  {row['post_id']}  {row['author']}  {row['kind']}  {text}"  # fmt: skip


def search_command(
    text: str = typer.Option(None, "--text", help=_("Words in the post's text (any case).")),
    account: str = typer.Option(None, "--account", help=_("Only posts of this handle.")),
    platform: str = typer.Option(None, "--platform", help=_("Only this platform.")),
    start: str = typer.Option(None, "--from", help=_("First day (YYYY-MM-DD), Amsterdam time.")),
    end: str = typer.Option(None, "--to", help=_("Last day (YYYY-MM-DD), inclusive.")),
    conversation: str = typer.Option(
        None, "--conversation", help=_("The whole conversation of this post (its id).")
    ),
    export: Path = typer.Option(
        None, "--export", help=_("Export the whole conversations of the posts found here.")
    ),
    export_format: str = typer.Option(
        "mdto", "--export-format", help=_("mdto (records), csv or json.")
    ),
    mapping: Path = _mapping_option(),
    reveal: str = _reveal_option(),
    as_json: bool = typer.Option(False, "--json", help=_("Print the posts as JSON.")),
) -> None:
    first, last = _day(start, "--from"), _day(end, "--to")
    if first and last and last < first:
        fail(_("--to {end} is before --from {start}.").format(end=last, start=first))
    chosen = _platform(platform)
    fmt = _format(export_format)
    if not any((text, account, first, last, conversation)):
        fail(_("Say what to look for: --text, --account, --from/--to or --conversation."))
    ws = current_workspace()
    try:
        if conversation:
            con = archiving.reader(ws)
            seed = archiving.post_by_id(ws, conversation, chosen, con)
            if seed is None:
                fail(_("No post {post} in the warehouse.").format(post=conversation))
            posts = archiving.thread(ws, seed, con)
        else:
            posts = archiving.find_posts(ws, text, account, chosen, first, last)
        if account and not posts and not archiving.known_account(ws, account, chosen):
            fail(_("No account {account} in the registry or the warehouse.").format(account=account))  # fmt: skip
        rows = archiving.shown_rows(ws, posts, reveal, "archive search")
        package = None
        if export is not None:
            package = archiving.export_conversations(
                ws, posts, export, fmt, reveal, mapping_file=mapping
            )
    except (archiving.ArchiveError, privacy.CannotReveal) as error:
        fail(str(error))
    if as_json:
        print_json({"posts": rows, **({"export": _package_json(package)} if package else {})})
        return
    for row in rows:
        say(_line(row))
    say(ngettext("{count} post found.", "{count} posts found.", len(rows)).format(
        count=number(len(rows))))  # fmt: skip
    if package is not None:
        _report_package(package)


def register(archive_app: typer.Typer) -> None:
    archive_app.command(
        "export",
        help=_(
            "An MDTO package per account and period: a record per post and conversation, "
            "a record with checksum per archived file, all checked against the MDTO XSD."
        ),
    )(export_command)
    archive_app.command(
        "search",
        help=_(
            "Find posts by text, account, period or conversation (Woo requests), and export "
            "whole conversations."
        ),
    )(search_command)
