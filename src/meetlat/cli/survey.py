"""`meetlat survey`: questionnaire editions, answer files and national figures."""

from __future__ import annotations

import csv
import sys
from enum import StrEnum
from pathlib import Path

import typer

from meetlat import workspace
from meetlat.app import figuretext, questionnaire
from meetlat.cli import choices, web
from meetlat.cli.commands import App
from meetlat.cli.common import (
    console,
    current_workspace,
    fail,
    fail_problems,
    print_json,
    say,
)
from meetlat.i18n import _, language, ngettext, number

DEFAULT_EDITION = "2014"


class QuestionFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _edition(name: str, ws=None):
    try:
        return questionnaire.edition(name, ws)
    except (questionnaire.UnknownEdition, questionnaire.InvalidEdition) as error:
        fail(str(error))


def _lines(question) -> str:
    return " ".join(f"{a}-{b}" if a != b else str(a) for a, b in question.lines)


def question_dict(question) -> dict:
    return {
        "id": question.id,
        "aspect": question.aspect,
        "type": question.type,
        "allowed": list(question.allowed()),
        "text": question.text,
        "options": [{"value": o.value, "text": o.text} for o in question.options],
        "lines": [list(r) for r in question.lines],
        "note": question.note,
    }


def show_summary(data: dict, edition) -> None:
    """Print a summary (from meetlat.survey.summary.build) as tables."""
    from rich.table import Table

    lang = language()
    console.print(
        _(
            "Edition {edition}: {respondents} of {invited} municipalities answered "
            "({synthetic} synthetic)."
        ).format(
            edition=data["edition"],
            respondents=number(data["respondents"]),
            invited=number(data["invited"]),
            synthetic=number(data["synthetic"]),
        ),
        soft_wrap=True,
    )
    book = Table(title=_("Our figures beside the book's (SocialMedia-Meetlat 2014)"))
    for title in (_("Figure"), "n", _("Ours"), _("Book 2014"), _("Book 2013"), _("Lines")):
        book.add_column(title, overflow="fold")
    for row in data["reference"]:
        book.add_row(
            row["text"].get(lang) or row["text"]["en"],
            number(row["n"]),
            figuretext.value_text(row["ours"]),
            figuretext.value_text(row["book"].get("2014")),
            figuretext.value_text(row["book"].get("2013")),
            " ".join(f"{a}-{b}" for a, b in row["lines"]),
        )
    console.print(book)
    if data.get("average"):
        _show_average(data["average"], edition)
    if data["peer_groups"]:
        _show_groups(data["peer_groups"], edition)
        return
    table = Table(title=_("All questions, edition {edition}").format(edition=data["edition"]))
    table.add_column(_("Question"), no_wrap=True)
    for title in ("n", _("Result"), _("Change")):
        table.add_column(title, overflow="fold")
    for row in data["questions"]:
        if row["type"] == "text":
            continue
        table.add_row(
            row["question_id"],
            number(row["n"]),
            figuretext.result_text(row, edition),
            figuretext.change_text(row, edition),
        )
    console.print(table)


def _show_average(average: dict, edition) -> None:
    """The average municipality: the mean profile placed on the growth model."""
    from rich.table import Table

    table = Table(title=_("The average municipality on the growth model"))
    table.add_column(_("Aspect"), no_wrap=True)
    for title in (_("Phase"), _("Mean grade"), _("Description (median)")):
        table.add_column(title, overflow="fold")
    for row in average["aspects"]:
        table.add_row(
            questionnaire.aspect_label(edition, row["aspect"]),
            figuretext.value_text(row["phase"]),
            figuretext.value_text(row["grade_mean"]),
            figuretext.value_text(row["chosen"]),
        )
    console.print(table)
    console.print(
        _("Overall phase of the average municipality: {phase}.").format(
            phase=figuretext.value_text(average["overall_phase"])
        )
    )


def _show_groups(groups: dict, edition) -> None:
    from rich.table import Table

    by = {"size": _("size class"), "province": _("province")}.get(groups["by"], groups["by"])
    table = Table(title=_("Peer groups by {by}").format(by=by))
    table.add_column(_("Question"), no_wrap=True)
    for group in groups["groups"]:
        label = figuretext.group_label(group["key"])
        table.add_column(f"{label} (n={group['respondents']})", overflow="fold")
    ids = [q.id for q in edition.questions if q.type != "text"]
    by_group = [{row["question_id"]: row for row in g["questions"]} for g in groups["groups"]]
    for qid in ids:
        table.add_row(
            qid,
            *[
                figuretext.result_text(rows[qid], edition) if qid in rows else ""
                for rows in by_group
            ],
        )
    console.print(table)


edition_option = typer.Option(DEFAULT_EDITION, "--edition", help=_("Questionnaire edition (year)."))


def questions(
    edition: str = edition_option,
    output: str = choices.option(
        QuestionFormat.table, "--format", tuple(QuestionFormat), _("Output format: {values}.")
    ),
) -> None:
    from rich.markup import escape
    from rich.table import Table

    output = choices.choose(output, tuple(QuestionFormat), "--format")
    chosen = _edition(edition, _optional_workspace())
    lang = language()
    if output is QuestionFormat.json:
        print_json(
            {
                "edition": chosen.name,
                "model_version": chosen.model_version,
                "questions": [question_dict(q) for q in chosen.questions],
            }
        )
        return
    if output is QuestionFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["id", "aspect", "type", "allowed", "text_nl", "text_en", "lines"])
        for q in chosen.questions:
            writer.writerow(
                [
                    q.id,
                    q.aspect or "",
                    q.type,
                    "|".join(str(v) for v in q.allowed()),
                    q.text["nl"],
                    q.text["en"],
                    _lines(q),
                ]
            )
        return
    table = Table(
        title=ngettext(
            "{title}: {count} question", "{title}: {count} questions", len(chosen.questions)
        ).format(title=chosen.title.get(lang) or chosen.title["en"], count=len(chosen.questions))
    )
    # the question's id with its text under it: the text gets the room it needs
    longest_id = max(len(q.id) for q in chosen.questions)
    table.add_column(_("Question"), overflow="fold", min_width=min(longest_id, 40))
    table.add_column(_("Type"), no_wrap=True)
    table.add_column(_("Allowed"), overflow="fold", max_width=14)
    table.add_column(_("Lines"), overflow="fold", max_width=9)  # one range a line
    for q in chosen.questions:
        question = f"[bold]{escape(q.id)}[/bold]\n{escape(q.label(lang))}"
        table.add_row(question, figuretext.type_label(q.type), escape(q.allowed_text()), _lines(q))
    console.print(table)


def template(edition: str = edition_option) -> None:
    chosen = _edition(edition, _optional_workspace())
    csv.writer(sys.stdout, lineterminator="\n").writerow(questionnaire.template_header(chosen))


def import_(
    file: Path = typer.Argument(..., metavar=_("FILE"), help=_("CSV or JSON file with answers.")),
    edition: str = edition_option,
    replace: bool = typer.Option(
        False,
        "--replace",
        help=_(
            "Replace each municipality's stored answers as a whole: questions without a "
            "column in the file are cleared (default: they keep their stored answers)."
        ),
    ),
) -> None:
    ws = current_workspace()
    chosen = _edition(edition, ws)
    try:
        result = questionnaire.import_answers(ws, file, chosen, replace)
    except questionnaire.InvalidAnswers as error:
        fail_problems(
            error.problems,
            ngettext(
                "{count} problem in {file}: nothing was stored.",
                "{count} problems in {file}: nothing was stored.",
                len(error.problems),
            ).format(count=number(len(error.problems)), file=file),
        )
    imported = result.added + result.replaced
    console.print(
        ngettext(
            "Imported the answers of {count} municipality from {file} into edition "
            "{edition}: {added} new, {replaced} replaced.",
            "Imported the answers of {count} municipalities from {file} into edition "
            "{edition}: {added} new, {replaced} replaced.",
            imported,
        ).format(
            count=number(imported),
            file=file,
            edition=chosen.name,
            added=number(result.added),
            replaced=number(result.replaced),
        )
        + " "
        + ngettext(
            "{total} municipality has answered.",
            "{total} municipalities have answered.",
            result.total,
        ).format(total=number(result.total))
    )
    if result.not_in_file and result.replaced:
        count = len(result.not_in_file)
        if result.replace:
            text = ngettext(
                "{count} question was not in the file; its stored answers were cleared: "
                "{questions}",
                "{count} questions were not in the file; their stored answers were cleared: "
                "{questions}",
                count,
            )
        else:
            text = ngettext(
                "{count} question was not in the file; its stored answers were kept: {questions}",
                "{count} questions were not in the file; their stored answers were kept: "
                "{questions}",
                count,
            )
        say(text.format(count=number(count), questions=", ".join(result.not_in_file)))


def summary_(
    edition: str = edition_option,
    peer_group: str = typer.Option(
        None,
        "--peer-group",
        help=_("Also per peer group: {values}.").format(values=choices.listed(choices.PEER_GROUPS)),
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
) -> None:
    peer_group = choices.choose(peer_group, choices.PEER_GROUPS, "--peer-group")
    ws = current_workspace()
    chosen = _edition(edition, ws)
    data = questionnaire.national_summary(ws, chosen, peer_group)
    if as_json:
        print_json(data)
    else:
        show_summary(data, chosen)


def register(app: typer.Typer) -> None:
    group = App(
        help=_("The questionnaire: editions, answer files and national figures."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    app.add_typer(group, name="survey")
    web.register_survey(group)

    group.command("questions", help=_("List the questions of an edition."))(questions)

    group.command(
        "template",
        help=_("Print the CSV header of an answer file: municipality_code, then every question."),
    )(template)

    group.command(
        "import",
        help=_(
            "Import an answer file (CSV or JSON, one municipality per row). A file with any "
            "bad value imports nothing; a municipality imported again is replaced."
        ),
    )(import_)

    group.command(
        "summary",
        help=_("National (or peer-group) figures per question, beside the book's figures."),
    )(summary_)


def _optional_workspace():
    """The current workspace, or None when there is none (the built-in editions do)."""
    try:
        return workspace.current()
    except workspace.WorkspaceMissing:
        return None
