"""Fixtures of the web application's tests: people, invitations and logged-in clients."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from meetlat import accounts as registry
from meetlat import workspace
from meetlat.app import accounts, importing, publishing, questionnaire
from meetlat.synth.service import SynthOptions, generate
from meetlat.web import invitations
from meetlat.web.models import Person

EDITION = "2014"
AMSTERDAM, UTRECHT = "GM0363", "GM0344"


@pytest.fixture
def ws():
    return workspace.current(create=True)


@pytest.fixture
def researcher(db):
    user = get_user_model().objects.create_user(
        "onderzoeker", password="een-lang-wachtwoord-42", is_staff=True, is_superuser=True
    )
    Person.objects.create(user=user, role="researcher")
    return user


@pytest.fixture
def researcher_client(researcher):
    client = Client()
    client.force_login(researcher)
    return client


def invited_client(code: str, role: str = "coordinator") -> tuple[Client, str]:
    issued = invitations.issue(EDITION, code, date.today() + timedelta(days=30), role)
    client = Client()
    response = client.get(f"/uitnodiging/{issued.token}/")
    assert response.status_code == 302, response.content
    return client, issued.token


@pytest.fixture
def amsterdam(db):
    return invited_client(AMSTERDAM)[0]


@pytest.fixture
def utrecht(db):
    return invited_client(UTRECHT)[0]


# --- a workspace with published versions (the open-data tests) ---------------------------

PERIOD = (date(2014, 4, 1), date(2014, 6, 30))


@dataclass
class PublishedWorkspace:
    """Synthetic posts of April imported, then version 1 published; May imported, then
    version 2; June imported last, so the drafts (the live figures) differ from both.
    ``files`` holds the bytes of every published file as it was right after publishing."""

    root: Path
    registry_handles: set[str]
    files: dict[str, bytes]
    drafts: dict[str, list[dict]]


def _version_files(root: Path) -> dict[str, bytes]:
    published = root / "published"
    return {str(p.relative_to(published)): p.read_bytes() for p in published.rglob("*.*")}


@pytest.fixture(scope="session")
def published_workspace(tmp_path_factory) -> PublishedWorkspace:
    folder = tmp_path_factory.mktemp("published")
    ws = workspace.init(folder / "workspace")
    made = generate(
        SynthOptions(municipalities=5, posts=1500, format="x-v2", out=folder / "synth", seed=7)
    )
    accounts.import_accounts(ws, folder / "synth" / "accounts.csv")
    april, may, june = sorted(made.files)
    importing.import_files(ws, [april])
    codes = sorted(registry.load(ws).column("municipality_code").unique().to_pylist())
    questionnaire.synthetic_survey(ws, codes, EDITION)
    publishing.publish(ws, EDITION, *PERIOD, by="test")
    files = _version_files(ws.root)
    importing.import_files(ws, [may])
    publishing.publish(ws, EDITION, *PERIOD, by="test")
    files.update({k: v for k, v in _version_files(ws.root).items() if k not in files})
    importing.import_files(ws, [june])
    drafts = publishing.compute_tables(ws, EDITION, *PERIOD)
    handles = set(registry.load(ws).column("handle").to_pylist())
    return PublishedWorkspace(ws.root, handles, files, drafts)


@pytest.fixture
def published(published_workspace, monkeypatch, tmp_path) -> PublishedWorkspace:
    """A copy of the published workspace as this test's MEETLAT_HOME (tests may publish)."""
    home = tmp_path / "published-home"
    shutil.copytree(published_workspace.root, home, symlinks=True)
    for path in home.rglob("*"):  # copytree keeps the read-only modes; make the copy ours
        if path.is_dir():
            path.chmod(0o755)
    monkeypatch.setenv("MEETLAT_HOME", str(home))
    return PublishedWorkspace(
        home,
        published_workspace.registry_handles,
        published_workspace.files,
        published_workspace.drafts,
    )


@pytest.fixture
def invite():
    """``invite(code, role)``: a client logged in through a new invitation, and its token."""
    return invited_client
