"""Entry point of the ``meetlat`` command.

Every command module of this package (COMMANDS) adds its commands with ``register(app)``;
the commands themselves are module-level functions that tests and tools can import.
Heavy libraries (pandas, rich's tables) are imported inside the commands.
"""

from __future__ import annotations

import sys

import typer

from meetlat import __version__
from meetlat.cli import (
    accounts,
    archive,
    assess,
    collect,
    docs,
    ecosystem,
    importer,
    issue,
    measure,
    model,
    national,
    privacy,
    publish,
    rank,
    reference,
    report,
    survey,
    synth,
    themes,
    web,
    webcare,
    workspace,
)
from meetlat.cli.commands import App, install
from meetlat.i18n import _

# in the order of the help page (alphabetical, as the modules' names)
COMMANDS = (
    accounts, archive, assess, collect, docs, ecosystem, importer, measure, model, national,
    privacy, publish, rank, reference, report, survey, synth, themes, web, webcare, workspace,
)  # fmt: skip
COMMANDS += (issue,)  # issue analysis (issue 13 §5); appended to keep merges simple


def build_app() -> typer.Typer:
    install()
    app = App(
        name="meetlat",
        help=_("Meetlat: measure how Dutch municipalities use social media."),
        no_args_is_help=True,
    )
    app.callback()(_options)
    for module in COMMANDS:
        module.register(app)
    return app


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"meetlat {__version__}")
        raise typer.Exit()


def _options(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_show_version,
        is_eager=True,
        help=_("Show Meetlat's version and stop."),
    ),
) -> None:
    """Options of the meetlat command itself."""


def main(argv: list[str] | None = None) -> None:
    """The meetlat command (faults and usage errors end as cli.commands.Group says)."""
    build_app()(args=sys.argv[1:] if argv is None else list(argv), prog_name="meetlat")


if __name__ == "__main__":
    main()
