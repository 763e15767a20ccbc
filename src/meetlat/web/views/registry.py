"""The researcher's page of the account registry: the municipal accounts that are measured,
filtered by municipality, platform and role; a registry file imported with the CLI's code
(all of it or nothing, every problem named); the registry as CSV."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from meetlat.accounts.labels import role_label, status_label
from meetlat.app import accounts as use_case
from meetlat.i18n import _, ngettext
from meetlat.warehouse.schema import PLATFORMS, ROLES
from meetlat.web.access import researcher_page
from meetlat.web.views.common import csv_download, current_workspace, uploaded

COLUMNS = [
    "municipality_code", "platform", "handle", "role", "active_from", "active_to", "status",
]  # fmt: skip


def _imported(request) -> list[str]:
    """Import the uploaded registry file; the problems when it was refused."""
    with uploaded(request.FILES["file"], (".csv",)) as path:
        try:
            result = use_case.import_accounts(current_workspace(), path)
        except use_case.InvalidFile as invalid:
            return [str(p) for p in invalid.problems]
    merge = result.merge
    messages.success(
        request,
        ngettext(
            "{count} account imported ({added} new, {replaced} replaced); the registry "
            "holds {total}.",
            "{count} accounts imported ({added} new, {replaced} replaced); the registry "
            "holds {total}.",
            merge.added + merge.replaced,
        ).format(
            count=merge.added + merge.replaced,
            added=merge.added,
            replaced=merge.replaced,
            total=merge.total,
        ),
    )
    if result.facts is not None and result.facts.error is not None:
        messages.warning(
            request,
            _("The measurement facts could not be updated ({error}).").format(
                error=result.facts.error
            ),
        )
    return []


@researcher_page
def registry(request, person):
    problems = []
    if request.method == "POST" and request.FILES.get("file"):
        problems = _imported(request)
        if not problems:
            return redirect("meetlat:registry")
    chosen = {key: request.GET.get(key) or None for key in ("municipality", "platform", "role")}
    rows = use_case.list_accounts(current_workspace(), **chosen)
    if request.GET.get("format") == "csv":
        return csv_download(
            "accountregister.csv", COLUMNS, [[row[c] or "" for c in COLUMNS] for row in rows]
        )
    for row in rows:
        row["role_label"] = role_label(row["role"])
        row["status_label"] = status_label(row["status"])
    return render(
        request,
        "meetlat/registry.html",
        {
            "rows": rows,
            "problems": problems,
            "chosen": chosen,
            "platforms": PLATFORMS,
            "roles": [(role, role_label(role)) for role in ROLES],
        },
        status=400 if problems else 200,
    )
