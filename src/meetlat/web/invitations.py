"""Personal invitation links: one per municipality, stored hashed, revocable, reissuable.

A link is ``<base>/uitnodiging/<token>/``; only the token's SHA-256 is stored, so a
database copy gives no way in. Opening a valid link logs its visitor in as the link's
own user (made on first use): a coordinator for the links a researcher sends (they may
submit), a respondent for the colleagues a coordinator invites.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from meetlat.web.models import Invitation, Person


@dataclass(frozen=True)
class Issued:
    invitation: Invitation
    token: str  # shown once: in the CSV for the mail merge, never stored


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(edition: str, code: str, expires: date, role: str = "coordinator", by=None) -> Issued:
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        edition=edition,
        municipality_code=code,
        role=role,
        token_hash=digest(token),
        expires=expires,
        created_by=by,
    )
    return Issued(invitation, token)


def revoke(invitation: Invitation) -> None:
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def reissue(invitation: Invitation, expires: date | None = None, by=None) -> Issued:
    """A new link in place of ``invitation`` (which stops working), for the same person."""
    with transaction.atomic():
        revoke(invitation)
        issued = issue(
            invitation.edition,
            invitation.municipality_code,
            expires or invitation.expires,
            invitation.role,
            by,
        )
        if invitation.user_id is not None:  # the same person keeps their account
            user = invitation.user
            invitation.user = None
            invitation.save(update_fields=["user"])
            issued.invitation.user = user
            issued.invitation.save(update_fields=["user"])
    return issued


def find(token: str) -> tuple[Invitation | None, str]:
    """(invitation, "") for a usable token, else (invitation or None, why: unknown,
    revoked or expired)."""
    invitation = Invitation.objects.filter(token_hash=digest(token)).first()
    if invitation is None:
        return None, "unknown"
    if invitation.revoked_at is not None:
        return invitation, "revoked"
    if invitation.expires < timezone.localdate():
        return invitation, "expired"
    return invitation, ""


def user_of(invitation: Invitation):
    """The invitation's own user (made on first use), with the invitation's role."""
    with transaction.atomic():
        if invitation.user_id is None:
            user = get_user_model().objects.create_user(
                username=f"uitnodiging-{invitation.pk}", password=None
            )
            Person.objects.create(
                user=user, role=invitation.role, municipality_code=invitation.municipality_code
            )
            invitation.user = user
        invitation.last_used = timezone.now()
        invitation.save(update_fields=["user", "last_used"])
    return invitation.user


def link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/uitnodiging/{token}/"
