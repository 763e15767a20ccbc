"""`meetlat serve`, `meetlat users create` and `meetlat survey invite`: the web
application's commands. They run the web application's own processes (Django lives in
meetlat.web only); this module gives them Dutch help and options."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from meetlat.app import serving as launch
from meetlat.cli import choices
from meetlat.cli.commands import App
from meetlat.i18n import _


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help=_("Address to listen on.")),
    port: int = typer.Option(8000, "--port", help=_("Port to listen on.")),
    workers: int = typer.Option(2, "--workers", help=_("Server processes.")),
) -> None:
    code = launch.serve(host, port, workers)
    raise typer.Exit(code)


def create_user(
    role: str = choices.option(..., "--role", launch.ROLES, _("Role of the user: {values}.")),
    username: str = typer.Option(..., "--username", help=_("User name to log in with.")),
    municipality: str = typer.Option(
        "", "--municipality", help=_("Municipality code (GM####) of a coordinator or respondent.")
    ),
    password_stdin: bool = typer.Option(
        False,
        "--password-stdin",
        help=_("Read the password from standard input (else MEETLAT_PASSWORD, else a prompt)."),
    ),
) -> None:
    role = choices.choose(role, launch.ROLES, "--role")
    args = ["meetlat_user", "--role", role, "--username", username]
    if municipality:
        args += ["--municipality", municipality]
    if password_stdin:
        args.append("--password-stdin")
    if launch.migrate():
        raise typer.Exit(1)
    raise typer.Exit(
        launch.manage(*args, stdin=sys.stdin.read() if password_stdin else None).returncode
    )


def invite(
    edition: str = typer.Option("2014", "--edition", help=_("Questionnaire edition (year).")),
    province: list[str] = typer.Option(
        [], "--province", help=_("Only municipalities of this province (may be repeated).")
    ),
    size_class: list[str] = typer.Option(
        [], "--size-class", help=_("Only this size class (may be repeated).")
    ),
    municipalities: str = typer.Option(
        "", "--municipalities", help=_("Only these municipality codes, separated by commas.")
    ),
    expires: str = typer.Option(..., "--expires", help=_("Last day the links work (YYYY-MM-DD).")),
    out: Path = typer.Option(
        Path("-"),
        "--out",
        help=_("CSV file for the mail merge (code, name, link, expires); - for the screen."),
    ),
) -> None:
    args = ["meetlat_invite", "--edition", edition, "--expires", expires, "--out", str(out)]
    for item in province:
        args += ["--province", item]
    for item in size_class:
        args += ["--size-class", item]
    if municipalities:
        args += ["--municipalities", municipalities]
    if launch.migrate():
        raise typer.Exit(1)
    raise typer.Exit(launch.manage(*args).returncode)


def register(app: typer.Typer) -> None:
    app.command(
        "serve", help=_("Serve the web application (questionnaire, results, research pages).")
    )(serve)
    users = App(
        help=_("Users of the web application."), no_args_is_help=True, rich_markup_mode=None
    )
    users.command(
        "create",
        help=_("Create a user: a researcher, or a coordinator or respondent of one municipality."),
    )(create_user)
    app.add_typer(users, name="users")


def register_survey(group: typer.Typer) -> None:
    group.command(
        "invite",
        help=_("Make one personal invitation link per municipality, as CSV for a mail merge."),
    )(invite)
