"""The researcher's pages: editions, the response overview and reminder list, inviting
municipalities, reopening a questionnaire, importing answer files, the placements and
the national figures."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from meetlat import reference, settings
from meetlat.app import questionnaire as use_case
from meetlat.i18n import _, language, ngettext
from meetlat.web import answering, invitations, responses, states
from meetlat.web.access import researcher_page
from meetlat.web.views.common import csv_download, current_workspace, edition_or_404, problem


@researcher_page
def home(request, person):
    ws = current_workspace()
    names = use_case.available_editions(ws)
    return render(
        request, "meetlat/research.html", {"editions": [use_case.edition(n, ws) for n in names]}
    )


def _filters(request):
    provinces = [p for p in request.GET.getlist("province") if p]
    sizes = [s for s in request.GET.getlist("size_class") if s]
    return provinces, sizes


@researcher_page
def response(request, edition: str, person):
    chosen = edition_or_404(edition)
    provinces, sizes = _filters(request)
    ws = current_workspace()
    found = responses.rows(ws, chosen, provinces, sizes)
    total = len(chosen.questions)
    if request.GET.get("format") == "csv":  # the reminder list: invited, not submitted
        return csv_download(
            f"herinneringen-{chosen.name}.csv",
            ["municipality_code", "name", "status", "answered", "last_change"],
            [
                [
                    r.code,
                    r.name,
                    r.status,
                    r.answered,
                    r.last_change.isoformat() if r.last_change else "",
                ]
                for r in found
                if r.invited and r.status not in (states.SUBMITTED, responses.IMPORTED)
            ],
        )
    shown = [
        {"row": r, "label": responses.status_label(r.status, r.answered, total)} for r in found
    ]
    return render(
        request,
        "meetlat/response.html",
        {
            "edition": chosen,
            "rows": shown,
            "rate": responses.rate(found),
            "provinces": use_case.provinces(chosen),
            "size_classes": use_case.size_classes(),
            "chosen_provinces": provinces,
            "chosen_sizes": sizes,
        },
    )


@researcher_page
def invite(request, edition: str, person):
    chosen = edition_or_404(edition)
    errors = {}
    if request.method == "POST":
        try:
            expires = date.fromisoformat(request.POST.get("expires", ""))
        except ValueError:
            errors["expires"] = _(
                "Give the last day the links work, as a date (for example 2026-12-31)."
            )
        else:
            if expires < date.today():
                errors["expires"] = _("The last day the links work cannot be in the past.")
        codes = [
            c.strip()
            for c in request.POST.get("municipalities", "").replace(",", " ").split()
            if c.strip()
        ]
        provinces = [p for p in request.POST.getlist("province") if p]
        sizes = [s for s in request.POST.getlist("size_class") if s]
        try:
            chosen_ones = use_case.invitees(chosen, provinces, sizes, codes or None)
        except reference.UnknownMunicipality as unknown:
            errors["municipalities"] = str(unknown)
            chosen_ones = []
        if not errors and not chosen_ones:
            errors["municipalities"] = _("No municipality fits these choices.")
        if not errors:
            base = settings.load_web().base_url
            lines = []
            for item in chosen_ones:
                issued = invitations.issue(
                    chosen.name, item.code, expires, "coordinator", request.user
                )
                lines.append(
                    [
                        item.code,
                        item.name,
                        invitations.link(base, issued.token),
                        expires.isoformat(),
                    ]
                )
            return csv_download(
                f"uitnodigingen-{chosen.name}.csv", ["code", "name", "link", "expires"], lines
            )
    return render(
        request,
        "meetlat/invite.html",
        {
            "edition": chosen,
            "errors": errors,
            "values": request.POST,
            "provinces": use_case.provinces(chosen),
            "size_classes": use_case.size_classes(),
        },
        status=400 if errors else 200,
    )


@require_POST
@researcher_page
def reopen(request, edition: str, code: str, person):
    chosen = edition_or_404(edition)
    questionnaire = answering.questionnaire_for(chosen.name, code)
    try:
        states.change(current_workspace(), questionnaire, "reopen", request.user, person.role)
    except states.NotAllowed as refused:
        return problem(request, _("Not possible"), str(refused), 403)
    messages.success(request, _("The questionnaire of {code} is open again.").format(code=code))
    return redirect("meetlat:response", edition=chosen.name)


@researcher_page
def import_answers(request, edition: str, person):
    chosen = edition_or_404(edition)
    problems = []
    if request.method == "POST" and request.FILES.get("file"):
        upload = request.FILES["file"]
        suffix = ".json" if upload.name.lower().endswith(".json") else ".csv"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / (Path(upload.name).stem + suffix)
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                result = use_case.import_answers(
                    current_workspace(), path, chosen, request.POST.get("replace") == "1"
                )
            except use_case.InvalidAnswers as invalid:
                problems = [str(p) for p in invalid.problems]
            else:
                messages.success(
                    request,
                    ngettext(
                        "The answers of {count} municipality were imported.",
                        "The answers of {count} municipalities were imported.",
                        len(result.codes),
                    ).format(count=len(result.codes)),
                )
                return redirect("meetlat:import", edition=chosen.name)
    return render(
        request,
        "meetlat/import.html",
        {"edition": chosen, "problems": problems},
        status=400 if problems else 200,
    )


@researcher_page
def placements(request, edition: str, person):
    chosen = edition_or_404(edition)
    ws = current_workspace()
    found = []
    for code in sorted(use_case.stored_codes(ws, chosen)):
        assessment = use_case.assess(ws, code, chosen.name)
        found.append({"assessment": assessment, "rows": use_case.aspect_rows(assessment)})
    aspects = [row.name for row in found[0]["rows"]] if found else []
    return render(
        request, "meetlat/placements.html", {"edition": chosen, "found": found, "aspects": aspects}
    )


@researcher_page
def figures(request, edition: str, person):
    chosen = edition_or_404(edition)
    summary = use_case.national_summary(current_workspace(), chosen)
    lang = language()
    shown = [
        {
            "text": item["text"].get(lang) or item["text"]["en"],
            "ours": item["ours"],
            "book": ", ".join(f"{year}: {value}" for year, value in sorted(item["book"].items())),
            "n": item["n"],
        }
        for item in summary["reference"]
    ]
    return render(
        request, "meetlat/figures.html", {"edition": chosen, "summary": summary, "figures": shown}
    )
