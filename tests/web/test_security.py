"""Security settings, rate limits and the settings' documentation."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

from django.test import Client

from meetlat import settings
from meetlat.web.views.public import server_error

ROOT = Path(__file__).parents[2]
EDITION, AMSTERDAM = "2014", "GM0363"


def test_every_setting_is_documented():
    documented = set(re.findall(r"`(MEETLAT_[A-Z_]+)`", (ROOT / "docs/settings.md").read_text()))
    source = (ROOT / "src/meetlat/settings.py").read_text()
    read = set(re.findall(r'"(MEETLAT_[A-Z_]+)"', source))
    assert read and read <= documented, read - documented
    fields = {f.name for f in dataclasses.fields(settings.WebSettings)} | {
        f.name for f in dataclasses.fields(settings.Settings)
    }
    assert len(read) == len(fields), (sorted(read), sorted(fields))


def test_the_production_settings_pass_djangos_deploy_check(tmp_path):
    env = {
        **os.environ,
        "MEETLAT_HOME": str(tmp_path),
        "MEETLAT_HTTPS": "1",
        "MEETLAT_SECRET_KEY": "x" * 20 + "een-lange-geheime-sleutel-voor-productie-0123456789",
        "MEETLAT_ALLOWED_HOSTS": "meetlat.example.nl",
        "MEETLAT_BASE_URL": "https://meetlat.example.nl",
        "DJANGO_SETTINGS_MODULE": "meetlat.web.config",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    done = subprocess.run(
        [sys.executable, "-m", "meetlat.web.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_cookies_are_httponly_and_samesite(amsterdam):
    cookie = amsterdam.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_forms_need_the_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/inloggen/", {"username": "x", "password": "y"}).status_code == 403


def test_logins_are_rate_limited(researcher, monkeypatch):
    monkeypatch.setenv("MEETLAT_LOGIN_ATTEMPTS", "3")
    client = Client()
    for _ in range(3):
        assert (
            client.post("/inloggen/", {"username": "onderzoeker", "password": "fout"}).status_code
            == 200
        )
    blocked = client.post(
        "/inloggen/", {"username": "onderzoeker", "password": "een-lang-wachtwoord-42"}
    )
    assert (
        blocked.status_code == 429 and "Te veel mislukte inlogpogingen" in blocked.content.decode()
    )
    other = Client(REMOTE_ADDR="10.0.0.7")
    assert (
        other.post(
            "/inloggen/", {"username": "onderzoeker", "password": "een-lang-wachtwoord-42"}
        ).status_code
        == 302
    )


def test_invitation_links_are_rate_limited(db, monkeypatch):
    monkeypatch.setenv("MEETLAT_LOGIN_ATTEMPTS", "2")
    client = Client()
    for guess in ("a", "b"):
        assert client.get(f"/uitnodiging/{guess}/").status_code == 404
    assert client.get("/uitnodiging/c/").status_code == 429


def test_a_wrong_password_says_so_in_dutch_tied_to_the_fields(researcher):
    page = (
        Client()
        .post("/inloggen/", {"username": "onderzoeker", "password": "fout"})
        .content.decode()
    )
    assert "horen niet bij elkaar" in page and 'aria-describedby="login-error"' in page


def test_an_unknown_address_gets_a_dutch_page(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Pagina niet gevonden" in page and 'lang="nl"' in page


def test_a_fault_gets_one_dutch_sentence(rf, db):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Meetlat kon deze pagina niet tonen" in response.content.decode()
