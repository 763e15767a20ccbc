"""Starting the web application: apply its migrations, run its management commands and
serve it with gunicorn (static files through WhiteNoise). The web application runs in
processes of its own (``python -m meetlat.web.manage``, gunicorn on meetlat.web.wsgi), so
that nothing below the front ends imports Django."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from meetlat import workspace

SETTINGS = "meetlat.web.config"
ROLES = ("researcher", "coordinator", "respondent")  # the web application's users


def environment(home: Path | None = None) -> dict[str, str]:
    """The web processes' environment: ours, with ``home`` as MEETLAT_HOME when given."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
    if home is not None:
        env["MEETLAT_HOME"] = str(home)
    return env


def manage(
    *args: str, stdin=None, home: Path | None = None, capture: bool = False
) -> subprocess.CompletedProcess:
    """Run one of Django's management commands (``python -m meetlat.web.manage``)."""
    return subprocess.run(
        [sys.executable, "-m", "meetlat.web.manage", *args],
        env=environment(home),
        input=stdin,
        text=True,
        capture_output=capture,
    )


def migrate(home: Path | None = None) -> int:
    """Make the workspace if there is none (the SQLite database lives there) and bring the
    web application's database up to date; the exit code."""
    if home is None:
        workspace.current(create=True)
    return manage("migrate", "--noinput", "--verbosity", "0", home=home).returncode


def demo_people(home: Path, codes: list[str]) -> dict:
    """A researcher with a fresh password and a coordinator's invitation link for each of
    ``codes``, in the web application of the workspace ``home`` (for ``make demo``)."""
    code = migrate(home)
    if code:
        raise RuntimeError(f"migrate ended with exit code {code}")
    done = manage("meetlat_demo_people", *codes, home=home, capture=True)
    if done.returncode:
        raise RuntimeError(done.stderr.strip())
    return json.loads(done.stdout)


def server_command(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "meetlat.web.wsgi:application",
        "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", "4",
        "--access-logfile", "-", "--graceful-timeout", "5", "--timeout", "60",
    ]  # fmt: skip


def serve(host: str, port: int, workers: int = 2, home: Path | None = None) -> int:
    """Migrate, then serve until the server is stopped (Ctrl-C); the server's exit code."""
    code = migrate(home)
    if code:
        return code
    server = subprocess.Popen(server_command(host, port, workers), env=environment(home))
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()
