"""The public open-data pages: the published versions of every edition, each table as an
HTML table, and the frozen files to download (CSV, Parquet, JSON). No login: only what
was published is shown, never the drafts (the live figures)."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from meetlat.app import publishing, questionnaire
from meetlat.i18n import _, number
from meetlat.web import api
from meetlat.web.views.common import current_workspace

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}


def _cell(value, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "number":
        return number(value, 0 if abs(value) >= 100 else 2)
    if kind == "integer":
        return number(value)
    return str(value)


def _with_question_texts(ws, edition: str, rows: list[dict]) -> list[dict]:
    """The survey rows of a version published before the question texts were: their text
    from the edition's questionnaire (the question ids stay beside them)."""
    if all(row.get("question_text") for row in rows):
        return rows
    try:
        chosen = questionnaire.edition(edition, ws)
    except (questionnaire.UnknownEdition, questionnaire.InvalidEdition):
        return rows
    return [
        row if row.get("question_text")
        else {**row, "question_text": publishing.question_text(chosen, row["question_id"])}
        for row in rows
    ]  # fmt: skip


@require_GET
def index(request):
    ws = current_workspace()
    found = []
    for edition in publishing.editions(ws):
        listed = [publishing.manifest(ws, edition, n) for n in publishing.versions(ws, edition)]
        found.append({"name": edition, "versions": list(reversed(listed))})
    return render(request, "meetlat/opendata.html", {"editions": found})


@require_GET
def version(request, edition: str, version: str):
    ws = current_workspace()
    try:
        number_ = publishing.resolve_version(ws, edition, version)
    except publishing.NotPublished:
        raise Http404 from None
    if str(version) != str(number_):  # "laatste" and "latest": the address of the version
        return redirect("meetlat:opendata-version", edition=edition, version=number_)
    manifest = publishing.manifest(ws, edition, number_)
    latest = publishing.versions(ws, edition)[-1]
    shown = []
    for spec in publishing.TABLES:
        document = publishing.table_document(ws, edition, number_, spec.name)
        rows = document["rows"]
        if spec.name == "survey_questions":
            rows = _with_question_texts(ws, edition, rows)
        shown.append(
            {
                "name": spec.name,
                "title": _(spec.title),
                "description": _(spec.description),
                "columns": [
                    {"name": c.name, "description": _(c.description), "numeric": c.type != "string"}
                    for c in spec.columns
                ],
                "rows": [
                    # a version published before a column existed has no value for it
                    [_cell(row.get(c.name), c.type) for c in spec.columns]
                    for row in rows
                ],
                "formats": publishing.FORMATS,
            }
        )
    return render(
        request,
        "meetlat/opendata_version.html",
        {"manifest": manifest, "tables": shown, "latest": latest, "edition": edition},
    )


@require_GET
def download(request, edition: str, version: str, name: str, fmt: str):
    try:
        path = publishing.table_file(current_workspace(), edition, version, name, fmt)
    except publishing.NotPublished:
        raise Http404 from None
    number_ = publishing.resolve_version(current_workspace(), edition, version)
    response = FileResponse(
        path.open("rb"),
        content_type=CONTENT_TYPES[fmt],
        as_attachment=True,
        filename=f"meetlat-{edition}-v{number_}-{name}.{fmt}",
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = api.cache_control(version)
    return response
