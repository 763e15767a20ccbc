"""What several views share: the workspace, the edition, a Dutch error page."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.http import Http404, HttpResponse
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


def csv_download(name: str, header: list[str], lines: list[list]) -> HttpResponse:
    """A CSV file to download (answers, invitations, reminders)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(lines)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def problem(request, title: str, message: str, status: int):
    return render(
        request, "meetlat/problem.html", {"title": title, "message": message}, status=status
    )


@contextmanager
def uploaded(upload, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """An uploaded file as a file on disk, for the library code that reads files; its
    name keeps one of ``suffixes`` (the first when it has none of them); removed after."""
    name = Path(upload.name)
    suffix = name.suffix.lower() if name.suffix.lower() in suffixes else suffixes[0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (name.stem + suffix)
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        yield path
