"""Reports: the book's research chapter rebuilt from data, as HTML and PDF (issue 11).

A front end beside cli/ and web/: it calls the use cases of meetlat.app and renders
their figures; ``national.build`` gathers the national report, ``render.html`` and
``render.pdf`` turn it into a document, and ``charts`` makes its Vega-Lite charts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from meetlat import reference
from meetlat.reports import municipality, national, render
from meetlat.workspace import Workspace

FORMATS = ("html", "pdf")


def national_report(ws: Workspace, start: date, end: date, edition: str, generated_at: str,
                    format: str = "html", facts_starting=None) -> bytes:  # fmt: skip
    """The national report as the bytes of an HTML or PDF file (``facts_starting``: as
    for meetlat.app.measuring, called before the measurement facts are updated)."""
    report = national.build(ws, start, end, edition, generated_at, facts_starting)
    document = render.html(report)
    if format == "pdf":
        return render.pdf(document)
    return document.encode("utf-8")


def write_national(ws: Workspace, start: date, end: date, edition: str, generated_at: str,
                   html_path: Path, pdf_path: Path | None = None) -> None:  # fmt: skip
    """Write the national report as HTML and (``pdf_path``) as PDF, gathered once."""
    document = render.html(national.build(ws, start, end, edition, generated_at))
    write(html_path, document.encode("utf-8"))
    if pdf_path is not None:
        write(pdf_path, render.pdf(document))


def write(path: Path, content: bytes) -> None:
    """Write a report whole (a temporary file beside it, then renamed)."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(content)
    partial.replace(path)


def municipality_reports(ws: Workspace, start: date, end: date, edition: str, generated_at: str,
                         codes: list[str] | None = None, format: str = "html",
                         facts_starting=None):  # fmt: skip
    """(code, bytes of its HTML or PDF report) for each municipality of ``codes`` (None:
    every municipality with registry accounts), the shared figures gathered once; raises
    municipality.NoAccounts for a code without registry accounts before writing any."""
    gathered = municipality.gather(ws, start, end, edition, facts_starting)
    chosen = municipality.codes_with_accounts(gathered) if codes is None else codes
    for code in chosen:
        if code not in municipality.codes_with_accounts(gathered):
            raise municipality.NoAccounts(code, reference.get(code).name)
    for code in chosen:
        document = render.html(
            municipality.build(ws, gathered, code, generated_at), "municipality.html"
        )
        yield code, render.pdf(document) if format == "pdf" else document.encode("utf-8")


def write_municipality(ws: Workspace, start: date, end: date, edition: str, generated_at: str,
                       code: str, html_path: Path, pdf_path: Path | None = None) -> None:  # fmt: skip
    """Write one municipality's report as HTML and (``pdf_path``) as PDF, gathered once."""
    gathered = municipality.gather(ws, start, end, edition)
    if code not in municipality.codes_with_accounts(gathered):
        raise municipality.NoAccounts(code, reference.get(code).name)
    document = render.html(
        municipality.build(ws, gathered, code, generated_at), "municipality.html"
    )
    write(html_path, document.encode("utf-8"))
    if pdf_path is not None:
        write(pdf_path, render.pdf(document))
