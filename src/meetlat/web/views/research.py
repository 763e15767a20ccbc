"""The researcher's pages: editions, the response overview and reminder list, inviting
municipalities, reopening a questionnaire, importing answer files, the placements and
the national figures."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from meetlat import reference, settings
from meetlat.app import figuretext, publishing
from meetlat.app import questionnaire as use_case
from meetlat.i18n import _, language, ngettext
from meetlat.indicators.periods import BadPeriod, named_period
from meetlat.web import answering, invitations, responses, states
from meetlat.web.access import researcher_page
from meetlat.web.views.common import (
    csv_download,
    current_workspace,
    edition_or_404,
    problem,
    uploaded,
)


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
        with uploaded(request.FILES["file"], (".csv", ".json")) as path:
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
    found = [
        {"assessment": assessment, "rows": use_case.aspect_rows(assessment)}
        for assessment in use_case.assess_all(ws, chosen)
    ]
    aspects = [row.name for row in found[0]["rows"]] if found else []
    return render(
        request, "meetlat/placements.html", {"edition": chosen, "found": found, "aspects": aspects}
    )


SURVEY_GROUPS = ("size", "province")


def _question_rows(chosen, rows: list[dict]) -> list[dict]:
    lang = language()
    return [
        {
            "id": row["question_id"],
            "text": chosen.question(row["question_id"]).text.get(lang)
            or chosen.question(row["question_id"]).text["en"],
            "n": row["n"],
            "result": figuretext.result_text(row, chosen),
            "change": figuretext.change_text(row, chosen),
        }
        for row in rows
        if row["type"] != "text"
    ]


def _average_rows(chosen, average: dict | None) -> list[dict]:
    if not average:
        return []
    return [
        {
            "name": use_case.aspect_label(chosen, row["aspect"]),
            "phase": figuretext.value_text(row["phase"]),
            "grade": figuretext.value_text(row["grade_mean"]),
            "chosen": figuretext.value_text(row["chosen"]),
        }
        for row in average["aspects"]
    ]


@researcher_page
def figures(request, edition: str, person):
    chosen = edition_or_404(edition)
    by = request.GET.get("groep") or None
    if by is not None and by not in SURVEY_GROUPS:
        return problem(
            request,
            _("Unknown peer group."),
            _("Choose the figures by size class or by province."),
            400,
        )
    summary = use_case.national_summary(current_workspace(), chosen, by)
    lang = language()
    shown = [
        {
            "text": item["text"].get(lang) or item["text"]["en"],
            "ours": figuretext.value_text(item["ours"]),
            "book": ", ".join(
                f"{year}: {figuretext.value_text(value)}"
                for year, value in sorted(item["book"].items())
            ),
            "n": item["n"],
        }
        for item in summary["reference"]
    ]
    groups = []
    if summary["peer_groups"]:
        for group in summary["peer_groups"]["groups"]:
            groups.append(
                {
                    "label": figuretext.group_label(group["key"]),
                    "respondents": group["respondents"],
                    "questions": _question_rows(chosen, group["questions"]),
                }
            )
    return render(
        request,
        "meetlat/figures.html",
        {
            "edition": chosen,
            "summary": summary,
            "figures": shown,
            "questions": _question_rows(chosen, summary["questions"]),
            "groups": groups,
            "average": _average_rows(chosen, summary["average"]),
            "overall": (summary["average"] or {}).get("overall_phase"),
            "by": by or "",
            "group_choices": [("size", _("size class")), ("province", _("province"))],
        },
    )


@require_POST
@researcher_page
def publish(request, edition: str, person):
    """Publish the edition's figures of the period given as the next version (a frozen
    snapshot, public at once), then show it."""
    chosen = edition_or_404(edition)
    text = request.POST.get("period", "").strip()
    try:
        start, end = named_period(text)
    except BadPeriod:
        return problem(
            request,
            _("Not published"),
            _("Period {text}: expected 2014Q2, 2014-05, 2014 or FROM..TO.").format(text=text),
            400,
        )
    try:
        published = publishing.publish(
            current_workspace(), chosen.name, start, end, by=request.user.get_username()
        )
    except publishing.CannotPublish as refused:
        return problem(request, _("Not published"), str(refused), 400)
    messages.success(
        request,
        _("Edition {edition} is published as version {version}.").format(
            edition=published.edition, version=published.version
        ),
    )
    return redirect(
        "meetlat:opendata-version", edition=published.edition, version=published.version
    )
