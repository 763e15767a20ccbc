"""`meetlat archive head`, `archive verify --since HEAD` and `archive check`: proving the
archive to others (the chain head to publish, a published head still a prefix of the
chain, a post's watermark against a text that circulates)."""

from __future__ import annotations

import typer

from meetlat.app import proving
from meetlat.cli.common import current_workspace, fail, print_json, say
from meetlat.i18n import _, ngettext, number


def head_command(
    as_json: bool = typer.Option(False, "--json", help=_("Print the result as JSON.")),
) -> None:
    found = proving.head(current_workspace().root)
    if as_json:
        print_json(found)
        return
    if not found["entries"]:
        say(_("The archive is empty: its chain has no head yet."))
        return
    say(
        ngettext(
            "Head of the archive after {count} entry, last entry of {at}:",
            "Head of the archive after {count} entries, last entry of {at}:",
            found["entries"],
        ).format(count=number(found["entries"]), at=found["imported_at"])
    )
    typer.echo(found["entry_hash"])
    say(
        _(
            "Publish or sign this line elsewhere; `meetlat archive verify --since {head}` "
            "later proves that nothing before it changed."
        ).format(head=found["entry_hash"][:12] + "…"),
        error=True,
    )


def since_report(proof: proving.Prefix) -> None:
    """Say whether a published head is still a prefix of the chain."""
    if proof.line is None:
        say(
            _(
                "The published head {head} is not in the chain: entries up to it were "
                "removed or altered."
            ).format(head=proof.head),
            "[red]✗[/red]",
            error=True,
        )
    elif proof.broken is not None:
        say(
            _(
                "The chain is broken at manifest line {line}, before the published head "
                "(line {head_line})."
            ).format(line=number(proof.broken), head_line=number(proof.line)),
            "[red]✗[/red]",
            error=True,
        )
    else:
        say(
            ngettext(
                "The published head is line {line} of the chain, intact up to it; {later} "
                "entry was added after it.",
                "The published head is line {line} of the chain, intact up to it; {later} "
                "entries were added after it.",
                proof.later,
            ).format(line=number(proof.line), later=number(proof.later)),
            "[green]✔[/green]",
        )


def since_json(proof: proving.Prefix) -> dict:
    return {
        "head": proof.head, "line": proof.line, "broken_at_line": proof.broken,
        "entries_after": proof.later, "proven": proof.proven,
    }  # fmt: skip


def check_command(
    post: str = typer.Option(..., "--post", help=_("The post: its id or its address.")),
    text: str = typer.Option(None, "--text", help=_("The text said to be the post's.")),
    code: str = typer.Option(None, "--code", help=_("A control code given with the post.")),
    platform: str = typer.Option(None, "--platform", help=_("Only this platform.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print the result as JSON.")),
) -> None:
    found = proving.check_post(current_workspace(), post, text, code, platform)
    if not found.found:
        fail(_("No post {post} in the warehouse.").format(post=post), 2)
    mark = found.mark
    if as_json:
        print_json(
            {
                "platform": found.platform,
                "post_id": found.post_id,
                "created_at": found.created_at,
                "public_hash": mark.public_hash,
                "control_code": mark.control_code,
                "same_text": found.same_text,
                "code_valid": found.code_valid,
                "restricted": bool(found.restricted),
            }
        )
    else:
        say(
            _("Post {post} of {platform}, posted {at} (UTC).").format(
                post=found.post_id, platform=found.platform, at=found.created_at
            )
        )
        say(_("Public hash: {hash}").format(hash=mark.public_hash))
        if mark.control_code:
            say(_("Control code: {code}").format(code=mark.control_code))
        if found.same_text is True:
            say(_("The text is the archived text."), "[green]✔[/green]")
        elif found.same_text is False:
            say(_("The text is NOT the archived text."), "[red]✗[/red]")
        if found.code_valid is True:
            say(_("The control code is this archive's code for this post."), "[green]✔[/green]")
        elif found.code_valid is False:
            say(_("The control code is NOT this archive's code for this post."), "[red]✗[/red]")
        if found.restricted:
            say(
                _(
                    "A citizen's post that reveals a special category of personal data: "
                    "restricted access, its text is not shown."
                ),
                "[yellow]![/yellow]",
            )
    if found.same_text is False or found.code_valid is False:
        raise typer.Exit(1)
