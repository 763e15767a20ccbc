"""`meetlat init`: make the workspace."""

from __future__ import annotations

from pathlib import Path

import typer

from meetlat import workspace
from meetlat.cli.common import console
from meetlat.i18n import _


def init(
    home: Path = typer.Option(None, "--home", help=_("Folder of the workspace.")),
) -> None:
    ws = workspace.init(home)
    console.print(_("Workspace ready: {path}").format(path=ws.root))


def register(app: typer.Typer) -> None:
    app.command("init", help=_("Make the workspace (MEETLAT_HOME, default ./meetlat-data)."))(init)
