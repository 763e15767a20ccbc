"""Entry point of the ``meetlat`` command.

Every command module of this package (COMMANDS) adds its commands with ``register(app)``;
the commands themselves are module-level functions that tests and tools can import.
Heavy libraries (pandas, rich's tables) are imported inside the commands.
"""

from __future__ import annotations

import typer

from meetlat.cli import (
    accounts,
    archive,
    assess,
    docs,
    importer,
    measure,
    model,
    rank,
    reference,
    survey,
    synth,
    workspace,
)
from meetlat.i18n import _

# in the order of the help page (alphabetical, as the modules' names)
COMMANDS = (
    accounts, archive, assess, docs, importer, measure, model, rank, reference, survey,
    synth, workspace,
)  # fmt: skip


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="meetlat",
        help=_("Meetlat: measure how Dutch municipalities use social media."),
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
    )
    for module in COMMANDS:
        module.register(app)
    return app


def main() -> None:
    build_app()()


if __name__ == "__main__":
    main()
