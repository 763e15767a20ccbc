"""The registry's roles and statuses as a person reads them on screen.

Files, options and JSON keep the plain values (corporate, council, …; active, parked,
closed): they are the registry's vocabulary. Tables show these labels instead.
"""

from __future__ import annotations

from meetlat.i18n import _


def role_label(role: str) -> str:
    labels = {
        "corporate": _("corporate"),
        "council": _("council"),
        "theme": _("theme"),
        "executive": _("executive"),
        "other": _("other"),
    }
    return labels.get(role, role)


def status_label(status: str) -> str:
    labels = {"active": _("active"), "parked": _("parked"), "closed": _("closed")}
    return labels.get(status, status)
