"""`meetlat assess`: one municipality's place on the growth model, with reasons and advice."""

from __future__ import annotations

import typer

from meetlat.app import questionnaire
from meetlat.cli.common import console, current_workspace, fail, print_json
from meetlat.i18n import _, ngettext, number
from meetlat.survey import phases


def show_assessment(result) -> None:
    """Print an assessment (meetlat.survey.assessment.Assessment) for a person."""
    from rich.markup import escape
    from rich.table import Table

    marker = _(" (synthetic answers)") if result.synthetic else ""
    console.print(
        _("{name} ({code}), edition {edition}{marker}").format(
            name=result.municipality_name,
            code=result.municipality_code,
            edition=result.edition,
            marker=marker,
        ),
        style="bold",
        soft_wrap=True,
    )
    table = Table(title=_("Profile on the growth model"))
    for title in (_("Aspect"), _("Phase"), _("Chosen"), _("Mean grade")):
        table.add_column(title, overflow="fold")
    for placement in result.profile.aspects.values():
        table.add_row(
            phases.aspect_name(result.model_version, placement.aspect),
            "–" if placement.phase is None else str(placement.phase),
            "–" if placement.chosen is None else str(placement.chosen),
            "–" if placement.grade_mean is None else number(placement.grade_mean, 1),
        )
    console.print(table)
    # the reasons as paragraphs under the table: in a column they wrapped to a few words
    # a line on an ordinary terminal
    console.print(_("Reasons"), style="bold")
    for placement in result.profile.aspects.values():
        name = phases.aspect_name(result.model_version, placement.aspect)
        reasons = " ".join(r.text for r in placement.reasons)
        console.print(f"[bold]{escape(name)}[/bold]: {escape(reasons)}")
    overall = "–" if result.overall_phase is None else str(result.overall_phase)
    console.print(_("Overall phase: {phase}").format(phase=overall), style="bold")
    if result.signals:
        console.print(_("Signals (answers that disagree with the measurement):"), style="bold")
        for signal in result.signals:
            console.print(f"  ! {escape(signal.text)}")
    peers = ngettext(
        "{count} peer of the same size class answered.",
        "{count} peers of the same size class answered.",
        len(result.peers),
    ).format(count=number(len(result.peers)))
    console.print(peers)
    for line in phases.advice_lines(result.advice):
        console.print(escape(line))


def assess_command(
    code: str = typer.Argument(..., metavar=_("CODE"), help=_("Municipality code (GM####).")),
    edition: str = typer.Option("2014", "--edition", help=_("Questionnaire edition (year).")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
) -> None:
    ws = current_workspace()
    try:
        result = questionnaire.assess(ws, code, edition)
    except questionnaire.ASSESS_ERRORS as error:
        fail(str(error))
    if as_json:
        print_json(result.as_dict())
    else:
        show_assessment(result)


def register(app: typer.Typer) -> None:
    app.command(
        "assess",
        help=_(
            "Place one municipality on the growth model from its questionnaire answers: "
            "phase per aspect with reasons, overall phase, signals and advice."
        ),
    )(assess_command)
