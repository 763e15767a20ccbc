"""Helpers shared by the command modules: the console, errors a person can act on, output."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` (already translated) on stderr and stop with ``code``."""
    err_console.print(f"[red]✗[/red] {message}")
    raise typer.Exit(code)


def print_json(value: Any) -> None:
    """Print one JSON document on stdout, in plain machine notation."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str, indent=None))
    sys.stdout.write("\n")
