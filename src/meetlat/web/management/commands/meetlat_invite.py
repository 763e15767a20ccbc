"""``meetlat survey invite``: one personal link per municipality, as CSV for a mail merge."""

from __future__ import annotations

import csv
import os
import sys
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction

from meetlat import reference, settings, workspace
from meetlat.app import questionnaire as use_case
from meetlat.i18n import _, ngettext
from meetlat.web import invitations
from meetlat.web.management.commands import MeetlatCommand


class Command(MeetlatCommand):
    help = "Invite municipalities to a questionnaire edition."

    def add_arguments(self, parser):
        parser.add_argument("--edition", default="2014")
        parser.add_argument("--province", action="append", default=[])
        parser.add_argument("--size-class", action="append", default=[])
        parser.add_argument("--municipalities", default="")
        parser.add_argument("--expires", required=True)
        parser.add_argument("--out", default="-")

    def handle(self, *args, edition, province, size_class, municipalities, expires, out, **options):
        try:
            last_day = date.fromisoformat(expires)
        except ValueError:
            raise CommandError(
                _("--expires must be a date such as 2026-12-31, not {value}.").format(value=expires)
            ) from None
        if last_day < date.today():
            raise CommandError(_("--expires {day} is in the past.").format(day=expires))
        try:
            chosen = use_case.edition(edition, workspace.current(create=True))
            codes = [c for c in municipalities.replace(",", " ").split() if c]
            found = use_case.invitees(chosen, province, size_class, codes or None)
        except (
            use_case.UnknownEdition,
            use_case.InvalidEdition,
            reference.UnknownMunicipality,
        ) as error:
            raise CommandError(str(error)) from None
        if not found:
            raise CommandError(_("No municipality fits these choices."))
        base = settings.load_web().base_url
        rows = []
        with transaction.atomic():
            for item in found:
                issued = invitations.issue(chosen.name, item.code, last_day, "coordinator")
                rows.append(
                    [
                        item.code,
                        item.name,
                        invitations.link(base, issued.token),
                        last_day.isoformat(),
                    ]
                )
        if out == "-":
            self._write(sys.stdout, rows)
        else:
            path = Path(out)
            temporary = path.with_name(f".{path.name}.tmp")
            with temporary.open("w", newline="", encoding="utf-8") as handle:
                self._write(handle, rows)
            os.replace(temporary, path)
            self.stderr.write(
                ngettext(
                    "{count} invitation written to {file}.",
                    "{count} invitations written to {file}.",
                    len(rows),
                ).format(count=len(rows), file=out)
            )

    @staticmethod
    def _write(handle, rows) -> None:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "link", "expires"])
        writer.writerows(rows)
