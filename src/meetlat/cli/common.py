"""Helpers shared by the command modules: the console, errors a person can act on, output."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from meetlat import workspace
from meetlat.app.facts import FactsUpdate
from meetlat.i18n import _, number

try:  # typer 0.2x carries its own copy of click
    from typer._click.globals import get_current_context
except ImportError:  # pragma: no cover - older typer on the click package
    from click import get_current_context

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def say(text: str, mark: str = "", error: bool = False) -> None:
    """Print ``text`` (already translated) on one line, after an optional rich ``mark``.

    The text is escaped (file names and reasons may hold ``[``, which rich would read as
    markup) and not wrapped, so paths and problem lines stay whole and can be copied.
    """
    target = err_console if error else console
    target.print(f"{mark} {escape(text)}" if mark else escape(text))


def warn(text: str) -> None:
    """One problem line on stderr."""
    say(text, "[red]![/red]", error=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` (already translated) on stderr and stop with ``code``. A command
    asked for ``--json`` also prints one JSON error object on stdout, so that a script
    reading stdout learns why there is no result."""
    say(message, "[red]✗[/red]", error=True)
    if wants_json():
        print_json({"error": message, "exit_code": code})
    raise typer.Exit(code)


def fail_problems(problems, message: str) -> NoReturn:
    """List every problem of a file (one line each) and stop with ``message``."""
    for problem in problems:
        warn(str(problem))
    fail(message)


def wants_json() -> bool:
    """Whether the running command was given ``--json``."""
    context = get_current_context(silent=True)
    return bool(context is not None and context.params.get("as_json"))


def print_json(value: Any) -> None:
    """Print one JSON document on stdout, in plain machine notation."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str, indent=None))
    sys.stdout.write("\n")


def current_workspace():
    """The workspace of MEETLAT_HOME (or ./meetlat-data), or stop with the reason."""
    try:
        return workspace.current()
    except workspace.WorkspaceMissing as error:
        fail(str(error))


def announce_facts() -> None:
    """Said (on stderr) before a measurement waits for the facts to be updated."""
    say(
        _("The data changed since the last measurement: updating the measurement facts first."),
        error=True,
    )


def report_measured(measured) -> None:
    """What a measurement's caller must know besides the figures (on stderr): the facts
    update, and an import that was running meanwhile."""
    report_facts(measured.facts)
    if measured.import_running:
        warn(
            _(
                "An import is running in this workspace: these figures do not include what "
                "it adds yet. Measure again when it is done."
            )
        )


def report_facts(update: FactsUpdate | None) -> None:
    """What updating the measurement facts did, on stderr (so that --json output stays
    one document)."""
    if update is None:
        return
    if update.error is not None:
        warn(
            _(
                "The measurement facts could not be updated ({error}); a measurement tries "
                "again, or else computes from the warehouse itself (slower)."
            ).format(error=update.error)
        )
    elif update.seconds is not None:
        say(
            _("Measurement facts updated in {seconds} s.").format(
                seconds=number(update.seconds, 1)
            ),
            error=True,
        )
