"""Messages of the import and archive commands, printed without wrapping long paths.

Rich wraps text at the terminal width; file names and problem lines stay whole here, so
they can be copied (and found by tests) as one line. Text is escaped: file names and
reasons may hold ``[`` characters that rich would otherwise read as markup.
"""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.markup import escape

from meetlat.cli.common import console, err_console


def say(text: str, mark: str = "", error: bool = False) -> None:
    """Print ``text`` (plain, escaped) on one line, after an optional rich ``mark``."""
    target = err_console if error else console
    target.print(f"{mark} {escape(text)}" if mark else escape(text), soft_wrap=True)


def stop(message: str, code: int = 1) -> NoReturn:
    say(message, "[red]✗[/red]", error=True)
    raise typer.Exit(code)
