"""Rate limits on logging in and on invitation links: at most N failed tries per
address in ten minutes (MEETLAT_LOGIN_ATTEMPTS), counted in the database so that every
server process sees the same count."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from meetlat import settings
from meetlat.web.models import Attempt

WINDOW = timedelta(minutes=10)


def address(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def blocked(scope: str, key: str) -> bool:
    since = timezone.now() - WINDOW
    tries = Attempt.objects.filter(scope=scope, key=key, at__gte=since).count()
    return tries >= settings.load_web().login_attempts


def failed(scope: str, key: str) -> None:
    Attempt.objects.filter(at__lt=timezone.now() - WINDOW).delete()
    Attempt.objects.create(scope=scope, key=key)
