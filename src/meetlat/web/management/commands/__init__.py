"""Meetlat's management commands; a refusal ends in one Dutch sentence (no class name)."""

import sys

from django.core.management.base import BaseCommand, CommandError


class MeetlatCommand(BaseCommand):
    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as refused:
            sys.stderr.write(f"✗ {refused}\n")
            sys.exit(1)
