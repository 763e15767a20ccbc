"""Starting the web application: apply its migrations, run its management commands and
serve it with gunicorn (static files through WhiteNoise). The web application runs in
processes of its own (``python -m meetlat.web.manage``, gunicorn on meetlat.web.wsgi), so
that nothing below the front ends imports Django."""

from __future__ import annotations

import os
import subprocess
import sys

from meetlat import workspace

SETTINGS = "meetlat.web.config"


def environment() -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}


def manage(*args: str, stdin=None, check: bool = False) -> subprocess.CompletedProcess:
    """Run one of Django's management commands (``python -m meetlat.web.manage``)."""
    return subprocess.run(
        [sys.executable, "-m", "meetlat.web.manage", *args],
        env=environment(),
        input=stdin,
        text=True,
        check=check,
    )


def migrate() -> int:
    """Make the workspace if there is none (the SQLite database lives there) and bring the
    web application's database up to date; the exit code."""
    workspace.current(create=True)
    return manage("migrate", "--noinput", "--verbosity", "0").returncode


def server_command(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "meetlat.web.wsgi:application",
        "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", "4",
        "--access-logfile", "-", "--graceful-timeout", "5", "--timeout", "60",
    ]  # fmt: skip


def serve(host: str, port: int, workers: int = 2) -> int:
    """Migrate, then serve until the server is stopped (Ctrl-C); the server's exit code."""
    code = migrate()
    if code:
        return code
    server = subprocess.Popen(server_command(host, port, workers), env=environment())
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()
