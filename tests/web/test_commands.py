"""meetlat users create, meetlat survey invite and meetlat serve, as a user runs them."""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _meetlat(home, *args, stdin=None, extra=None):
    env = {**os.environ, "MEETLAT_HOME": str(home), "MEETLAT_LANG": "nl", **(extra or {})}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "meetlat.cli.main", *map(str, args)],
        env=env, input=stdin, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_users_and_invitations_from_the_command_line(tmp_path):
    home = tmp_path / "ws"
    assert _meetlat(home, "init").returncode == 0
    made = _meetlat(
        home,
        "users",
        "create",
        "--role",
        "researcher",
        "--username",
        "anna",
        "--password-stdin",
        stdin="een-lang-wachtwoord-42\n",
    )
    assert made.returncode == 0, made.stderr
    assert "Gebruiker anna (researcher) is aangemaakt." in made.stdout
    again = _meetlat(
        home,
        "users",
        "create",
        "--role",
        "researcher",
        "--username",
        "anna",
        "--password-stdin",
        stdin="een-lang-wachtwoord-42\n",
    )
    assert again.returncode == 1 and again.stderr.strip() == "✗ Er is al een gebruiker anna."
    no_town = _meetlat(
        home,
        "users",
        "create",
        "--role",
        "coordinator",
        "--username",
        "bob",
        "--password-stdin",
        stdin="x\n",
    )
    assert (
        no_town.returncode == 1
        and "--municipality" in no_town.stderr
        and "Traceback" not in no_town.stderr
    )
    links = tmp_path / "links.csv"
    invited = _meetlat(
        home,
        "survey",
        "invite",
        "--edition",
        "2014",
        "--province",
        "Utrecht",
        "--size-class",
        "100k_plus",
        "--expires",
        "2099-12-31",
        "--out",
        links,
    )
    assert invited.returncode == 0, invited.stderr
    rows = list(csv.DictReader(links.open()))
    assert {r["name"] for r in rows} == {
        "Utrecht",
        "Amersfoort",
    }  # Utrecht's two of 100,000 or more in 2014
    assert all(
        r["link"].startswith("http://127.0.0.1:8000/uitnodiging/") and r["expires"] == "2099-12-31"
        for r in rows
    )
    assert "2 uitnodigingen geschreven naar" in invited.stderr
    past = _meetlat(home, "survey", "invite", "--expires", "2001-01-01")
    assert past.returncode == 1 and "ligt in het verleden" in past.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_serve_applies_migrations_and_serves_pages_and_static_files(tmp_path):
    home = tmp_path / "ws"
    port = _free_port()
    env = {**os.environ, "MEETLAT_HOME": str(home)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "meetlat.cli.main", "serve", "--port", str(port), "--workers", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
        assert page.status == 200 and "Meetlat" in page.read().decode()
        css = urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/meetlat/vendor/utrecht-components.css"
        )
        assert css.status == 200 and len(css.read()) > 100_000
        assert (home / "web.sqlite3").exists() == (not os.environ.get("MEETLAT_DATABASE_URL"))
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_database_that_cannot_be_reached_is_one_dutch_sentence(tmp_path):
    home = tmp_path / "ws"
    assert _meetlat(home, "init").returncode == 0
    url = f"postgres://meetlat:geheim-wachtwoord@127.0.0.1:{_free_port()}/meetlat"
    served = _meetlat(home, "serve", extra={"MEETLAT_DATABASE_URL": url})
    assert served.returncode == 1
    assert "Traceback" not in served.stderr
    (line,) = served.stderr.strip().splitlines()
    assert line.startswith("✗ De database van de webapplicatie is niet bereikbaar (127.0.0.1:")
    assert "geheim-wachtwoord" not in served.stderr  # the password is never printed


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("MEETLAT_DATABASE_URL", "mysql://x/y", "postgres://… of sqlite:///…"),
        ("MEETLAT_DEBUG", "misschien", "0 of 1"),
        ("MEETLAT_LOGIN_ATTEMPTS", "veel", "een geheel getal van 1 of meer"),
    ],
)
def test_a_setting_that_cannot_be_used_is_named(tmp_path, name, value, expected):
    home = tmp_path / "ws"
    assert _meetlat(home, "init").returncode == 0
    served = _meetlat(home, "serve", extra={name: value})
    assert served.returncode == 2 and "Traceback" not in served.stderr
    assert served.stderr.strip().startswith(f"✗ {name} moet {expected} zijn")
