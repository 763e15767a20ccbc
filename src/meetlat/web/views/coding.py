"""Human coding: the researcher's coding jobs (define a sample, invite coders, open and
close, the results with Krippendorff's alpha, the labels as CSV) and the coder's page
(one post at a time, saved through htmx or a plain form)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from meetlat import settings
from meetlat.app import coding as use_case
from meetlat.i18n import _, number
from meetlat.web import coding, invitations
from meetlat.web.access import person_of, researcher_page
from meetlat.web.models import Coder, CodingJob, CodingUnit
from meetlat.web.views.common import csv_download, current_workspace, problem


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.replace(",", " ").split() if w.strip())


def _terms(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(",") if t.strip())


def _job_form(post) -> tuple[dict, dict]:
    """(errors, parsed values) of the form that defines a job."""
    errors: dict = {}
    parsed: dict = {}
    parsed["name"] = post.get("name", "").strip()
    if not parsed["name"]:
        errors["name"] = _("Give the coding job a name.")
    for field in ("start", "end"):
        try:
            parsed[field] = date.fromisoformat(post.get(field, ""))
        except ValueError:
            errors[field] = _("Give a date, for example 2014-03-19.")
    if "start" in parsed and "end" in parsed and parsed["end"] < parsed["start"]:
        errors["end"] = _("The last day cannot be before the first.")
    for field, low, high in (("size", 1, 10000), ("overlap", 0, 100)):
        try:
            parsed[field] = int(post.get(field, ""))
            if not low <= parsed[field] <= high:
                raise ValueError
        except ValueError:
            errors[field] = _("Give a whole number from {low} to {high}.").format(
                low=low, high=high
            )
    seed = post.get("seed", "").strip()
    parsed["seed"] = None
    if seed:
        try:
            parsed["seed"] = int(seed)
        except ValueError:
            errors["seed"] = _("The seed is a whole number, or empty for a new one.")
    parsed["accounts"] = tuple(a.lstrip("@").lower() for a in _words(post.get("accounts", "")))
    parsed["terms"] = _terms(post.get("terms", ""))
    return errors, parsed


@researcher_page
def jobs(request, person):
    errors: dict = {}
    if request.method == "POST":
        errors, parsed = _job_form(request.POST)
        if not errors:
            criteria = use_case.Criteria(
                parsed["start"], parsed["end"], parsed["accounts"], parsed["terms"]
            )
            try:
                job = coding.create(
                    current_workspace(),
                    parsed["name"],
                    criteria,
                    parsed["size"],
                    parsed["overlap"],
                    parsed["seed"],
                    request.user,
                )
            except use_case.BadSample as bad:
                errors["sample"] = str(bad)
            else:
                return redirect("meetlat:coding-job", job=job.pk)
    shown = [
        {"job": job, "state": coding.label(job.state), "units": job.units.count()}
        for job in CodingJob.objects.order_by("-created_at")
    ]
    return render(
        request,
        "meetlat/coding_jobs.html",
        {"jobs": shown, "errors": errors, "values": request.POST},
        status=400 if errors else 200,
    )


def _job_or_404(pk: int) -> CodingJob:
    return get_object_or_404(CodingJob, pk=pk)


def _detail(request, job: CodingJob, person, link: str = "", status: int = 200):
    return render(
        request,
        "meetlat/coding_job.html",
        {
            "job": job,
            "state": coding.label(job.state),
            "actions": [
                (a, coding.action_label(a)) for a in coding.actions(job.state, "researcher")
            ],
            "inviting": job.state in coding.INVITING,
            "coders": coding.coder_progress(job),
            "units": job.units.count(),
            "overlap": job.units.filter(overlap=True).count(),
            "criteria": job.criteria,
            "link": link,
            "expires": (date.today() + timedelta(days=60)).isoformat(),
        },
        status=status,
    )


@researcher_page
def job_detail(request, job: int, person):
    return _detail(request, _job_or_404(job), person)


@require_POST
@researcher_page
def job_invite(request, job: int, person):
    found = _job_or_404(job)
    name = request.POST.get("name", "").strip()
    try:
        expires = date.fromisoformat(request.POST.get("expires", ""))
    except ValueError:
        expires = None
    if not name or expires is None or expires < date.today():
        return problem(
            request,
            _("Not possible"),
            _("Give the coder's name and a last day for the link that is not in the past."),
            400,
        )
    try:
        invited = coding.invite(found, name, expires, request.user)
    except coding.NotAllowed as refused:
        return problem(request, _("Not possible"), str(refused), 403)
    link = invitations.link(settings.load_web().base_url, invited.token)
    return _detail(request, found, person, link=link)


@require_POST
@researcher_page
def job_change(request, job: int, person):
    found = _job_or_404(job)
    try:
        coding.change(found, request.POST.get("action", ""), request.user, person.role)
    except coding.NotAllowed as refused:
        messages.error(request, str(refused))
    return redirect("meetlat:coding-job", job=found.pk)


@researcher_page
def job_results(request, job: int, person):
    found = _job_or_404(job)
    shown = []
    for result in coding.results(current_workspace(), found):
        alpha = result.alpha
        shown.append(
            {
                "name": use_case.variable_label(result.variable),
                "alpha": "–" if alpha.value is None else number(alpha.value, 3),
                "units": alpha.units,
                "rows": [
                    (use_case.value_label(result.variable, v), n, number(pct, 1))
                    for v, n, pct in result.distribution
                ],
            }
        )
    return render(
        request,
        "meetlat/coding_results.html",
        {"job": found, "results": shown, "state": coding.label(found.state)},
    )


@researcher_page
def job_labels_csv(request, job: int, person):
    found = _job_or_404(job)
    return csv_download(
        f"codering-{found.pk}.csv",
        [
            "job",
            "position",
            "platform",
            "post_id",
            "author",
            "created_at",
            "overlap",
            "coder",
            "teneur",
            "theme",
            "action_needed",
            "coded_at",
        ],  # fmt: skip
        [
            [
                found.pk,
                label.unit.position,
                label.unit.platform,
                label.unit.post_id,
                label.unit.author,
                label.unit.created_at.isoformat(),
                "ja" if label.unit.overlap else "nee",
                label.coder.number,
                label.teneur,
                label.theme,
                label.action,
                label.coded_at.isoformat(timespec="seconds"),
            ]
            for label in coding.labels_of(found)
        ],
    )


# ---- the coder's page ---------------------------------------------------------------------


def coder_page(view):
    """The view gets the ``coder`` of the logged-in person for this job; anyone else 404."""

    @wraps(view)
    def wrapped(request, *args, job: int, **kwargs):
        person = person_of(request)
        if person is None:
            return redirect_to_login(request.get_full_path())
        coder = (
            Coder.objects.select_related("job")
            .filter(job_id=job, invitation__user=request.user)
            .first()
        )
        if person.role != "coder" or coder is None:
            raise Http404
        return view(request, *args, coder=coder, person=person, **kwargs)

    return wrapped


def _card(
    request, coder: Coder, unit: CodingUnit | None, error: str = "", values=None, saved=False
):
    coded, total = coding.progress(coder)
    return {
        "coder": coder,
        "job": coder.job,
        "state": coding.label(coder.job.state),
        "open": coder.job.state == coding.OPEN,
        "unit": unit,
        "coded": coded,
        "total": total,
        "teneur": [(v, use_case.teneur_label(v)) for v in use_case.TENEUR],
        "themes": [
            (v, use_case.value_label("theme", v))
            for v in use_case.theme_choices(current_workspace())
        ],
        "action": [(v, use_case.value_label("action", v)) for v in use_case.ACTION],
        "error": error,
        "values": values or {},
        "saved": saved,
    }


@coder_page
def code(request, coder: Coder, person):
    unit = coding.next_unit(coder)
    return render(request, "meetlat/coding.html", _card(request, coder, unit))


@require_POST
@coder_page
def code_label(request, coder: Coder, person):
    htmx = request.headers.get("HX-Request") == "true"
    template = "meetlat/coding_card.html" if htmx else "meetlat/coding.html"
    unit = CodingUnit.objects.filter(job=coder.job, pk=request.POST.get("unit") or 0).first()
    if unit is None:
        raise Http404
    try:
        coding.store_label(
            current_workspace(),
            coder,
            unit,
            request.POST.get("teneur", ""),
            request.POST.get("theme", ""),
            request.POST.get("action", ""),
        )
    except coding.BadLabel as bad:
        return render(
            request,
            template,
            _card(request, coder, unit, str(bad), request.POST),
            status=422 if not htmx else 200,
        )
    except coding.NotAllowed as refused:
        return problem(request, _("Not possible"), str(refused), 409)
    if htmx:
        return render(request, template, _card(request, coder, coding.next_unit(coder), saved=True))
    return redirect("meetlat:code", job=coder.job_id)
