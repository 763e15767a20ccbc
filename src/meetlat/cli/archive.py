"""`meetlat archive verify|rebuild|list|quarantine`: the archive of imported files."""

from __future__ import annotations

import typer

from meetlat.app import proving, verifying
from meetlat.cli import archiveexport, archiveproof
from meetlat.cli import privacy as privacy_options
from meetlat.cli.commands import App
from meetlat.cli.common import current_workspace, fail, print_json, report_facts, say, warn
from meetlat.i18n import _, ngettext, number
from meetlat.warehouse.recovery import WarehouseBusy

RAW_EXCERPT = 60  # characters of a quarantined record shown in --list


def verify_command(
    quick: bool = typer.Option(
        False, "--quick", help=_("Skip reading the records of every file again.")
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print the result as JSON.")),
    since: str = typer.Option(
        None,
        "--since",
        help=_("A head printed earlier by `meetlat archive head`: prove it is still a prefix."),
    ),
) -> None:
    root = current_workspace().root
    proof = proving.since(root, since) if since else None
    if proof is not None and not as_json:
        archiveproof.since_report(proof)
    report = verifying.verify(root, reread=not quick)
    problem = None
    if not report.intact:
        problem = ngettext(
            "{count} problem found in the archive.",
            "{count} problems found in the archive.",
            len(report.findings),
        ).format(count=number(len(report.findings)))
    if as_json:
        unproven = _("The published head is not proven.") if proof and not proof.proven else None
        error = problem or unproven
        failed = {"error": error, "exit_code": 1} if error else {}
        print_json(
            {
                **failed,
                "intact": report.intact,
                "items": report.items,
                "manifest_entries": report.entries,
                "objects": report.objects,
                "lists": report.lists,
                "warehouse_parts": report.parts,
                "records_rehashed": report.records,
                "not_reread": report.not_reread,
                "erasures": [_erasure_json(e) for e in report.erasures],
                "findings": [{"item": f.item, "problem": f.problem} for f in report.findings],
                **({"since": archiveproof.since_json(proof)} if proof else {}),
            }
        )
    else:
        for finding in report.findings:
            say(f"{finding.item}: {finding.problem}", "[red]✗[/red]", error=True)
        for name in report.not_reread:
            say("  " + _("{file}: not read again (its reader is not installed)").format(file=name))
        for erasure in report.erasures:
            say(_erasure_text(erasure), "[cyan]i[/cyan]")
        if report.intact:
            say(
                _("{items} ({objects}, {lists}, {entries}, {parts}); {records}.").format(
                    items=ngettext(
                        "The {count} item is intact", "All {count} items intact", report.items
                    ).format(count=number(report.items)),
                    objects=ngettext("{count} file", "{count} files", report.objects).format(
                        count=number(report.objects)
                    ),
                    lists=ngettext("{count} list", "{count} lists", report.lists).format(
                        count=number(report.lists)
                    ),
                    entries=ngettext(
                        "{count} manifest entry", "{count} manifest entries", report.entries
                    ).format(count=number(report.entries)),
                    parts=ngettext(
                        "{count} warehouse part", "{count} warehouse parts", report.parts
                    ).format(count=number(report.parts)),
                    records=ngettext(
                        "{count} record hashed again",
                        "{count} records hashed again",
                        report.records,
                    ).format(count=number(report.records)),
                ),
                "[green]✔[/green]",
            )
    if problem:
        if not as_json:
            say(problem, error=True)
        raise typer.Exit(1)
    if proof is not None and not proof.proven:
        raise typer.Exit(1)


def _erasure_json(entry: dict) -> dict:
    keys = ("erased_at", "platform", "pseudonym", "request_id", "removed", "imports")
    return {key: entry.get(key) for key in keys}


def _erasure_text(entry: dict) -> str:
    """An erasure line of the chain, said as what it is (not as tampering)."""
    return _(
        "Erasure of {pseudonym} ({platform}) on {when}, at the person's request{request}: "
        "{rows} rows taken out of the warehouse and recorded in the chain; the archived "
        "files are kept (Archiefwet). This is not tampering."
    ).format(
        pseudonym=entry.get("pseudonym"),
        platform=entry.get("platform"),
        when=str(entry.get("erased_at", ""))[:16].replace("T", " "),
        request=f" {entry['request_id']}" if entry.get("request_id") else "",
        rows=number(sum((entry.get("removed") or {}).values())),
    )


def rebuild_command(
    as_json: bool = typer.Option(False, "--json", help=_("Print the result as JSON.")),
) -> None:
    ws = current_workspace()
    try:
        done = verifying.rebuild(ws)
    except verifying.RebuildRefused as refused:
        for finding in refused.findings:
            warn(f"{finding.item}: {finding.problem}")
        fail(
            _(
                "The warehouse was not rebuilt, nothing was changed: the archive cannot give "
                "it back as it was. Repair the archive first (meetlat archive verify)."
            )
        )
    except WarehouseBusy as busy:
        fail(str(busy))
    rebuilt = done.rebuilt
    for finding in rebuilt.differences:
        warn(_("{file}: counted otherwise than at its import: {problem}").format(
            file=finding.item, problem=finding.problem))  # fmt: skip
    if as_json:
        print_json(
            {
                "imports": rebuilt.files,
                "posts": rebuilt.posts,
                "warehouse_parts": rebuilt.parts,
                "differences": [
                    {"file": f.item, "problem": f.problem} for f in rebuilt.differences
                ],
            }
        )
    else:
        say(
            ngettext(
                "Warehouse rebuilt from the archive: {files} import done again, {posts} posts "
                "in {parts} parts.",
                "Warehouse rebuilt from the archive: {files} imports done again, {posts} posts "
                "in {parts} parts.",
                rebuilt.files,
            ).format(
                files=number(rebuilt.files),
                posts=number(rebuilt.posts),
                parts=number(rebuilt.parts),
            ),
            "[green]✔[/green]",
        )
    report_facts(done.facts)


def list_command(
    as_json: bool = typer.Option(False, "--json", help=_("Print the list as JSON.")),
) -> None:
    entries = verifying.imports(current_workspace())
    if as_json:
        print_json(entries)
        return
    if not entries:
        say(_("The archive is empty."))
        return
    for entry in entries:
        counts = entry.get("counts", {})
        say(
            _(
                "{when}  {reader}  {records} records: {new} new, {repeats} repeats, "
                "{aside} set aside  {file}"
            ).format(
                when=entry["imported_at"][:16].replace("T", " "),
                reader=entry["reader"],
                records=number(counts.get("records_read", 0)),
                new=number(counts.get("posts_imported", 0)),
                repeats=number(counts.get("duplicates", 0)),
                aside=number(counts.get("quarantined", 0)),
                file=entry["name"],
            )
        )


def quarantine_command(
    show_list: bool = typer.Option(
        False, "--list", help=_("List every record set aside, with its reason.")
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print as JSON.")),
    reveal: str = privacy_options.reveal_option(),
) -> None:
    ws = current_workspace()
    if show_list or as_json:
        rows = verifying.quarantined(ws, privacy_options.namer(ws, reveal, "archive quarantine"))
        if as_json:
            print_json(
                [
                    {
                        "file": r["file"],
                        "line": r["line"],
                        "item": r["item"],
                        "reason": r["reason"],
                        "record_hash": r["record_hash"],
                        "source_file": r["source_file"],
                        "raw": r["shown"],
                    }
                    for r in rows
                ]
            )
            return
        if not rows:
            say(_("The quarantine is empty."))
            return
        for r in rows:
            place = _("{file} line {line}").format(file=r["file"], line=number(r["line"]))
            if r["item"] is not None:
                place += " " + _("item {item}").format(item=number(r["item"]))
            excerpt = r["shown"][:RAW_EXCERPT]
            say(f"{place}: {r['reason']}", "[yellow]![/yellow]")
            say(f"    {excerpt}")
        say(
            ngettext("{count} record set aside.", "{count} records set aside.", len(rows)).format(
                count=number(len(rows))
            )
        )
        return
    per_file = verifying.quarantine_counts(ws)
    if not per_file:
        say(_("The quarantine is empty."))
        return
    for name, count in per_file:
        say(
            ngettext(
                "{file}: {count} record set aside", "{file}: {count} records set aside", count
            ).format(file=name, count=number(count))
        )
    say(_("Show them with: meetlat archive quarantine --list"))


def register(app: typer.Typer) -> None:
    archive_app = App(
        help=_("The archive: every imported file, kept intact and verifiable."),
        no_args_is_help=True,
    )

    archive_app.command(
        "verify",
        help=_(
            "Recompute every hash of the archive; exits non-zero naming each altered or "
            "missing item."
        ),
    )(verify_command)

    archive_app.command(
        "rebuild",
        help=_(
            "Make the warehouse again from the archive (after a warehouse file was lost or "
            "altered): every archived file read again, the new warehouse swapped in at once."
        ),
    )(rebuild_command)

    archive_app.command("list", help=_("List every import of a file recorded in the manifest."))(
        list_command
    )

    archive_app.command(
        "quarantine", help=_("The records set aside by imports: a count per file, or --list.")
    )(quarantine_command)

    archive_app.command(
        "head", help=_("Print the head of the archive's chain, to publish or sign elsewhere.")
    )(archiveproof.head_command)

    archive_app.command(
        "check",
        help=_(
            "A post's watermark: its public hash and control code, and whether a text (or "
            "a control code) is the archived one."
        ),
    )(archiveproof.check_command)

    archiveexport.register(archive_app)
    app.add_typer(archive_app, name="archive")
