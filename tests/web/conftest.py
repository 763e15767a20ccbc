"""Fixtures of the web application's tests: people, invitations and logged-in clients."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from meetlat import workspace
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
