"""Entry point of the ``meetlat`` command.

Every module in this package that defines ``register(app)`` adds its commands; the
order of the modules is the alphabetical order of their names. Heavy libraries are
imported inside the commands, so ``meetlat --help`` stays quick.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

import meetlat.cli as cli_package
from meetlat.i18n import _

SKIP = {"main", "common"}


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="meetlat",
        help=_("Meetlat: measure how Dutch municipalities use social media."),
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
    )
    for module_info in sorted(pkgutil.iter_modules(cli_package.__path__), key=lambda m: m.name):
        if module_info.name in SKIP:
            continue
        module = importlib.import_module(f"meetlat.cli.{module_info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)
    return app


def main() -> None:
    build_app()()


if __name__ == "__main__":
    main()
