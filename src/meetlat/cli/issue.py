"""`meetlat issue`: the figures of an issue and its report in the book's frame
(aanleiding / analyse / advies) as HTML and PDF (docs/issues.md)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from meetlat import reports
from meetlat.app import issues
from meetlat.cli import choices
from meetlat.cli.commands import App
from meetlat.cli.common import console, current_workspace, fail, print_json, say
from meetlat.i18n import _, number
from meetlat.indicators.periods import AMSTERDAM
from meetlat.reports import issue as issue_report
from meetlat.reports import render

FILE = typer.Argument(..., help=_("The issue file (TOML, e.g. issues/tunnel.toml)."))
ENGINE = typer.Option(
    "duckdb",
    "--engine",
    help=_("Query engine: {values}.").format(values=choices.listed(choices.ENGINES)),
)
LABELS = typer.Option(
    None,
    "--labels",
    help=_("The coders' labels: a coding export (coderingen.csv) of the web application."),
)


def _load(file: Path, labels: Path | None):
    try:
        issue = issues.load(file)
        coded = None
        if labels is not None:
            coded = issues.read_labels(labels.read_text(encoding="utf-8"), str(labels))
    except issues.IssueError as error:
        fail(str(error))
    except UnicodeDecodeError as error:
        fail(_("{file}: not a UTF-8 text file ({reason}).").format(file=labels, reason=error))
    return issue, coded


def _local(moment) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M") if moment else "–"


def figures_command(file: Path = FILE, labels: Path | None = LABELS,
                    as_json: bool = typer.Option(False, "--json", help=_("Print JSON instead of "
                                                 "tables.")),
                    engine: str = ENGINE) -> None:  # fmt: skip
    """Volume, spikes with the time to the first own post, teneur, for and against."""
    engine = choices.choose(engine, choices.ENGINES, "--engine")
    issue, coded = _load(file, labels)
    found = issues.figures(current_workspace(), issue, coded, engine)
    if as_json:
        print_json(asdict(found))
        return
    console.print(
        escape(
            _("{name}: {posts} posts from {start} to {end}, {own} of them the municipality's own.")
            .format(name=issue.name, posts=number(found.posts), start=issue.start,
                    end=issue.end, own=number(found.own_posts))
        )
    )  # fmt: skip
    volume = Table(
        title=_("Volume per day") if issue.granularity == "day" else _("Volume per hour")
    )
    for heading in (_("Period"), _("Posts"), _("Of which own"), _("Spike")):
        volume.add_column(heading)
    for b in found.buckets:
        if b.posts or issue.granularity == "day":
            volume.add_row(b.label, number(b.posts), number(b.own), _("yes") if b.spike else "")
    console.print(volume)
    if not found.spikes:
        console.print(escape(_("There was no spike in the period.")))
    for s in found.spikes:
        minutes = _("none yet") if s.minutes_to_own is None else number(s.minutes_to_own, 0)
        console.print(
            escape(
                _("Spike {first}: {posts} posts from {start}; the municipality's first own post "
                  "{own} (minutes: {minutes}).").format(
                    first=s.first, posts=number(s.posts), start=_local(s.start_at),
                    own=_local(s.first_own_at), minutes=minutes)
            )
        )  # fmt: skip
    tenor = Table(title=_("Tenor of the posts"))
    tenor.add_column(_("Tenor"))
    tenor.add_column(_("Posts"), justify="right")
    for key, count in found.teneur.items():
        tenor.add_row(issue_report.teneur_label(key), number(count))
    console.print(tenor)
    for title, side in ((_("For (support)"), found.supporters),
                        (_("Against (criticism)"), found.critics)):  # fmt: skip
        if side:
            console.print(
                escape(f"{title}: " + ", ".join(f"{s.author} ({number(s.posts)})" for s in side))
            )
    if found.arguments:
        table = Table(title=_("Argument types"))
        for heading in (_("Argument type"), _("Posts"), _("Support"), _("Criticism")):
            table.add_column(heading)
        for a in found.arguments:
            table.add_row(escape(a.name), number(a.posts), number(a.steun), number(a.kritiek))
        console.print(table)


def report_command(
    file: Path = FILE,
    labels: Path | None = LABELS,
    html: Path | None = typer.Option(None, "--html", help=_("Write the report as HTML here.")),
    pdf: Path | None = typer.Option(None, "--pdf", help=_("Write the report as PDF here.")),
    generated_at: str = typer.Option(
        None,
        "--generated-at",
        help=_(
            "The moment of generation printed in the report (e.g. 2014-09-01); default "
            "today. The same data and moment give the same report."
        ),
    ),
    engine: str = ENGINE,
) -> None:
    """The issue report: aanleiding, analyse and advies on one or two A4 pages."""
    if html is None and pdf is None:
        fail(_("Give --html or --pdf (or both): where to write the report."), 2)
    if generated_at is None:
        generated_at = datetime.now(UTC).astimezone(AMSTERDAM).date().isoformat()
    choices.generated_at(generated_at)
    engine = choices.choose(engine, choices.ENGINES, "--engine")
    issue, coded = _load(file, labels)
    document = issue_report.html(
        issue_report.build(current_workspace(), issue, coded, generated_at, engine)
    )
    if html is not None:
        reports.write(html, document.encode("utf-8"))
        say(_("Issue report written to {file}.").format(file=html), "[green]✓[/green]")
    if pdf is not None:
        reports.write(pdf, render.pdf(document))
        say(_("Issue report written to {file}.").format(file=pdf), "[green]✓[/green]")


def register(app: typer.Typer) -> None:
    group = App(
        help=_("Issue analysis: an issue's figures and its report (aanleiding, analyse, advies)."),
        no_args_is_help=True,
    )
    group.command("cijfers", help=_("The figures of an issue."))(figures_command)
    group.command("rapport", help=_("The issue report as HTML and/or PDF."))(report_command)
    app.add_typer(group, name="issue")
