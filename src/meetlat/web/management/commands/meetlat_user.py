"""``meetlat users create``: a researcher, coordinator or respondent with a password."""

from __future__ import annotations

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from meetlat import reference
from meetlat.i18n import _
from meetlat.web.management.commands import MeetlatCommand
from meetlat.web.models import ROLES, Person


class Command(MeetlatCommand):
    help = "Create a user of the web application."

    def add_arguments(self, parser):
        parser.add_argument("--role", choices=ROLES, required=True)
        parser.add_argument("--username", required=True)
        parser.add_argument("--municipality", default="")
        parser.add_argument("--password-stdin", action="store_true")

    def handle(self, *args, role, username, municipality, password_stdin, **options):
        code = ""
        if role != "researcher":
            if not municipality:
                raise CommandError(
                    _("A {role} belongs to one municipality: give --municipality GM####.").format(
                        role=role
                    )
                )
            try:
                code = reference.get(municipality).code
            except reference.UnknownMunicipality as unknown:
                raise CommandError(str(unknown)) from None
        users = get_user_model()
        if users.objects.filter(username=username).exists():
            raise CommandError(_("There is already a user {name}.").format(name=username))
        password = self._password(password_stdin)
        try:
            validate_password(password)
        except ValidationError as weak:
            raise CommandError(" ".join(weak.messages)) from None
        with transaction.atomic():
            researcher = role == "researcher"
            user = users.objects.create_user(
                username=username, password=password, is_staff=researcher, is_superuser=researcher
            )
            Person.objects.create(user=user, role=role, municipality_code=code)
        self.stdout.write(_("User {name} ({role}) created.").format(name=username, role=role))

    def _password(self, from_stdin: bool) -> str:
        if os.environ.get("MEETLAT_PASSWORD"):
            return os.environ["MEETLAT_PASSWORD"]
        if from_stdin or not sys.stdin.isatty():
            return sys.stdin.readline().rstrip("\n")
        first = getpass.getpass(_("Password: "))
        if first != getpass.getpass(_("Password again: ")):
            raise CommandError(_("The two passwords differ."))
        return first
