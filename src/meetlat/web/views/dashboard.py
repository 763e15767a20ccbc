"""The dashboard of a municipality per quarter (its respondents and the researcher) and
the national overview of a published edition (public; the drafts for the researcher,
marked as concept). What they show is gathered in meetlat.web.dashboards."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from meetlat.app import accounts, publishing
from meetlat.i18n import _
from meetlat.indicators.periods import BadPeriod, named_period
from meetlat.reports import municipality
from meetlat.web import dashboards
from meetlat.web.access import municipality_page, person_of, researcher_page
from meetlat.web.views.common import current_workspace, edition_or_404, problem

PERIOD_FIELD = "periode"


@require_GET
def index(request):
    """The researcher's list of dashboards; a respondent goes to their municipality's."""
    person = person_of(request)
    if person is None:
        return redirect_to_login(request.get_full_path())
    if person.role != "researcher":
        if not person.municipality_code:
            raise Http404
        return redirect("meetlat:dashboard-home", code=person.municipality_code)
    codes = sorted(set(accounts.load(current_workspace()).column("municipality_code").to_pylist()))
    listed = [{"code": c, "name": dashboards.municipality_name(c) or c} for c in codes]
    return render(request, "meetlat/dashboards.html", {"municipalities": listed})


def _name_or_404(code: str) -> str:
    name = dashboards.municipality_name(code)
    if name is None:
        raise Http404
    return name


@require_GET
@municipality_page
def home(request, code: str, person):
    """The latest quarter with data; ``?periode=`` (the chooser) the quarter asked."""
    name = _name_or_404(code)
    ws = current_workspace()
    found = dashboards.quarters(ws, code) or dashboards.quarters(ws)  # none: all
    asked = request.GET.get(PERIOD_FIELD, "").strip().upper()
    if asked:
        if asked not in found:
            raise Http404
        if request.headers.get("HX-Request"):  # the chooser through htmx: the page itself
            response = _page(request, ws, code, name, asked, found)
            response["HX-Push-Url"] = reverse("meetlat:dashboard", args=[code, asked])
            return response
        return redirect("meetlat:dashboard", code=code, period=asked)
    if not found:
        return render(request, "meetlat/dashboard.html", {"code": code, "name": name,
                      "quarters": [], "problem": _("There are no measured posts yet.")})  # fmt: skip
    return redirect("meetlat:dashboard", code=code, period=found[0])


@require_GET
@municipality_page
def page(request, code: str, period: str, person):
    name = _name_or_404(code)
    ws = current_workspace()
    found = dashboards.quarters(ws, code) or dashboards.quarters(ws)  # none: all
    if period not in found:
        raise Http404
    return _page(request, ws, code, name, period, found)


def _page(request, ws, code: str, name: str, period: str, found: list[str]):
    context = {"code": code, "name": name, "period": period, "quarters": found,
               "field": PERIOD_FIELD}  # fmt: skip
    try:
        context["content"] = dashboards.dashboard(ws, code, period)
    except municipality.NoAccounts as missing:
        context["problem"] = str(missing)
    return render(request, "meetlat/dashboard.html", context)


# --- the national overview ----------------------------------------------------------------


@require_GET
def overview_index(request):
    """The latest version of the latest published edition (none yet: a page saying so)."""
    ws = current_workspace()
    published = publishing.editions(ws)
    if published:
        edition = max(published, key=lambda name: (name.isdigit(), name))
        latest = publishing.versions(ws, edition)[-1]
        return redirect("meetlat:overview", edition=edition, version=latest)
    return render(request, "meetlat/overview.html", {"editions": _editions(ws)})


def _editions(ws) -> list[dict]:
    return [{"name": e, "versions": list(reversed(publishing.versions(ws, e)))}
            for e in publishing.editions(ws)]  # fmt: skip


@require_GET
def overview(request, edition: str, version: str):
    ws = current_workspace()
    try:
        number = publishing.resolve_version(ws, edition, version)
    except publishing.NotPublished:
        raise Http404 from None
    if str(version) != str(number):  # "laatste": the address of the version itself
        return redirect("meetlat:overview", edition=edition, version=number)
    content = dashboards.published_overview(ws, edition, number)
    return render(
        request,
        "meetlat/overview.html",
        {
            "edition": edition,
            "version": number,
            "manifest": content["manifest"],
            "sections": content["sections"],
            "latest": publishing.versions(ws, edition)[-1],
            "editions": _editions(ws),
        },
    )


@require_GET
@researcher_page
def overview_draft(request, edition: str, person):
    """The live figures as the overview shows them: a concept, never public."""
    chosen = edition_or_404(edition)
    ws = current_workspace()
    text = request.GET.get(PERIOD_FIELD, "").strip() or f"{chosen.year}Q2"
    try:
        start, end = named_period(text)
    except BadPeriod:
        return problem(
            request,
            _("Unknown period"),
            _("{period} is not a period: give a quarter such as 2014Q2.").format(period=text),
            400,
        )
    content = dashboards.draft_overview(ws, chosen.name, start, end)
    return render(
        request,
        "meetlat/overview.html",
        {
            "edition": chosen.name,
            "concept": True,
            "period": text,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "field": PERIOD_FIELD,
            "sections": content["sections"],
            "editions": _editions(ws),
        },
    )
