"""The issue pages of a municipality (docs/issues.md): the list of its issues at
/webcare/<code>/kwesties/, each issue's report in the book's frame (aanleiding, analyse,
advies) at /webcare/<code>/kwesties/<slug>/ and as PDF at /webcare/<code>/kwesties/<slug>.pdf.
An issue file that cannot be used is a Dutch sentence on the page, never an error 500."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from meetlat.app import issues
from meetlat.reports import issue as issue_report
from meetlat.web import dashboards
from meetlat.web import issues as pages
from meetlat.web.access import municipality_page
from meetlat.web.views.common import current_workspace
from meetlat.web.webcare import today


def _name_or_404(code: str) -> str:
    name = dashboards.municipality_name(code)
    if name is None:
        raise Http404
    return name


def _file_or_404(ws, code: str, slug: str, person) -> issues.IssueFile:
    found = issues.issue_file(ws, slug)
    if not pages.may_show(found, code, person.role == "researcher"):
        raise Http404
    return found


@require_GET
@municipality_page
def index(request, code: str, person):
    name = _name_or_404(code)
    ws = current_workspace()
    shown = []
    for found in pages.visible(issues.issue_files(ws), code, person.role == "researcher"):
        row = {"slug": found.slug, "source": found.source, "error": found.error}
        if found.issue is not None:
            row.update(
                name=found.issue.name,
                start=found.issue.start.isoformat(),
                end=found.issue.end.isoformat(),
                page=reverse("meetlat:issue", kwargs={"code": code, "slug": found.slug}),
                pdf=reverse("meetlat:issue-pdf", kwargs={"code": code, "slug": found.slug}),
            )
        shown.append(row)
    return render(
        request,
        "meetlat/issues.html",
        {"code": code, "name": name, "issues": shown, "folder": issues.FOLDER.as_posix()},
    )


def _report(request, code: str, slug: str, person, pdf: bool):
    name = _name_or_404(code)
    ws = current_workspace()
    found = _file_or_404(ws, code, slug, person)
    context = {"code": code, "name": name, "slug": slug, "source": found.source}
    error = found.error
    if error is None:
        try:
            labels = pages.labels(found.issue)
        except issues.IssueError as bad:
            error = str(bad)
    if error is not None:
        context["error"] = error
        return render(request, "meetlat/issue.html", context, status=400)
    generated = today().isoformat()
    if pdf:
        content = issue_report.issue_report(ws, found.issue, labels, generated, "pdf")
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="kwestie-{slug}.pdf"'
        return response
    report = issue_report.build(ws, found.issue, labels, generated)
    context.update(
        title=report.title,
        subtitle=report.subtitle,
        generated=generated,
        sections=dashboards.shown(report.sections),
        pdf=reverse("meetlat:issue-pdf", kwargs={"code": code, "slug": slug}),
    )
    return render(request, "meetlat/issue.html", context)


@require_GET
@municipality_page
def report(request, code: str, slug: str, person):
    return _report(request, code, slug, person, pdf=False)


@require_GET
@municipality_page
def report_pdf(request, code: str, slug: str, person):
    return _report(request, code, slug, person, pdf=True)
