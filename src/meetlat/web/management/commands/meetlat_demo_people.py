"""The demo's people: a researcher with a fresh password and one coordinator's link for
each municipality given, printed as JSON (``meetlat.app.serving.demo_people``)."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from meetlat import settings
from meetlat.web import invitations
from meetlat.web.management.commands import MeetlatCommand
from meetlat.web.models import Person

USERNAME = "onderzoeker"


class Command(MeetlatCommand):
    help = "Make the demo's researcher and invitation links."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*")
        parser.add_argument("--edition", default="2014")

    def handle(self, *args, codes, edition, **options):
        password = secrets.token_urlsafe(9)
        users = get_user_model()
        base = settings.load_web().base_url
        with transaction.atomic():
            user, _created = users.objects.get_or_create(username=USERNAME)
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            Person.objects.update_or_create(user=user, defaults={"role": "researcher"})
            expires = timezone.localdate() + timedelta(days=30)
            links = [
                {
                    "code": code,
                    "link": invitations.link(
                        base, invitations.issue(edition, code, expires, "coordinator", user).token
                    ),
                }
                for code in codes
            ]
        self.stdout.write(
            json.dumps(
                {"username": USERNAME, "password": password, "base_url": base, "links": links}
            )
        )
