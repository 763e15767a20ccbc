"""A report as HTML (Jinja2 templates in ``templates/``) and as PDF (WeasyPrint, from the
same HTML): A4, document language nl, tagged headings, bookmarks and page numbers.

The HTML depends only on the report: the generation time is part of the report, never
read from the clock, so the same data gives byte-identical HTML.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from meetlat.i18n import _, language
from meetlat.reports.charts import Chart, Table

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> jinja2.Environment:
    """The templates (autoescaped; a Django Jinja2 backend can use the same folder)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def kind(block) -> str:
    """What a section's block is: "chart", "table" or "text" (a paragraph, or a tuple: a
    list); the web pages that show report sections use it too."""
    if isinstance(block, Chart):
        return "chart"
    if isinstance(block, Table):
        return "table"
    return "text"


def html(report, template: str = "national.html") -> str:
    """The report as one self-contained HTML document (charts inlined as SVG images)."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return (
        environment()
        .get_template(template)
        .render(
            report=report,
            kind=kind,
            css=css,
            lang=language(),
            words={
                "contents": _("Contents"),
                "generated": _("Generated on {moment} by Meetlat.").format(
                    moment=report.generated_at
                ),
                "data": _("Data of the chart"),
                "page": _("page"),
            },
        )
    )


def pdf(document: str) -> bytes:
    """The PDF of an HTML report: tagged (PDF/UA structure), headings as bookmarks."""
    import weasyprint  # heavy: only when a PDF is asked for

    return weasyprint.HTML(string=document, base_url=str(TEMPLATES)).write_pdf(
        pdf_tags=True, uncompressed_pdf=False
    )
