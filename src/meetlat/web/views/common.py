"""What several views share: the workspace, the edition, a Dutch error page."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from meetlat import workspace
from meetlat.app import questionnaire as use_case


def current_workspace():
    return workspace.current(create=True)


def edition_or_404(name: str):
    try:
        return use_case.edition(name, current_workspace())
    except (use_case.UnknownEdition, use_case.InvalidEdition):
        raise Http404 from None


def problem(request, title: str, message: str, status: int):
    return render(
        request, "meetlat/problem.html", {"title": title, "message": message}, status=status
    )
