"""`meetlat import PATH...`: export files into the archive and the warehouse.

Its exit code is the import's outcome (``ImportSummary.outcome``): 0 when everything was
imported, 1 when some records or files were set aside (the summary lists them, and
where the records are), 2 when nothing could be imported (and for a missing path or
an unknown --format), 130 after Ctrl-C.
"""

from __future__ import annotations

from pathlib import Path

import typer

from meetlat.app import importing
from meetlat.cli import choices
from meetlat.cli.common import (
    console,
    current_workspace,
    err_console,
    fail,
    print_json,
    report_facts,
    say,
)
from meetlat.i18n import _, ngettext, number

SHOWN_PROBLEMS = 20  # problems listed on screen; --json lists them all


class _Bar:
    """A rich progress bar fed by the import's progress reports."""

    def __init__(self, progress):
        self.progress = progress
        self.task = None
        self.done_before = 0

    def start(self, total_files: int) -> None:
        self.task = self.progress.add_task(_("Importing"), total=total_files, records="0")

    def file_started(self, name: str, number: int) -> None:
        self.progress.update(self.task, description=Path(name.split("!")[-1]).name)

    def records_read(self, count: int) -> None:
        self.progress.update(self.task, records=number(self.done_before + count))

    def file_done(self, name: str, counts: dict) -> None:
        self.done_before += counts["records_read"]
        self.progress.update(self.task, advance=1, records=number(self.done_before))


def _place(problem: dict) -> str:
    if problem["line"] is None:
        return problem["file"]
    if problem.get("item") is not None:
        return _("{file} line {line} item {item}").format(
            file=problem["file"], line=number(problem["line"]), item=number(problem["item"])
        )
    return _("{file} line {line}").format(file=problem["file"], line=number(problem["line"]))


def print_summary(summary) -> None:
    s = summary
    if s.files:
        _print_counts(s)
    for skipped in s.skipped:
        say(
            _("{file}: not imported, {reason}").format(
                file=skipped["file"], reason=skipped["reason"]
            ),
            "  [yellow]![/yellow]",
        )
    if s.skipped and s.files:
        say(
            ngettext(
                "{count} file was not imported.", "{count} files were not imported.", len(s.skipped)
            ).format(count=number(len(s.skipped)))
        )
    if s.not_data:
        say(
            ngettext(
                "{count} file passed over as no export data (media, web pages, notes, "
                "files read with another file); not archived.",
                "{count} files passed over as no export data (media, web pages, notes, "
                "files read with another file); not archived.",
                s.not_data,
            ).format(count=number(s.not_data))
        )
    if s.quarantined:
        say(
            ngettext(
                "The record set aside is in the quarantine ({folder}): "
                "meetlat archive quarantine --list",
                "The {count} records set aside are in the quarantine ({folder}): "
                "meetlat archive quarantine --list",
                s.quarantined,
            ).format(count=number(s.quarantined), folder=s.quarantine_folder)
        )


def _print_counts(s) -> None:
    files = ngettext("{count} file", "{count} files", s.files)
    records = ngettext("{count} record", "{count} records", s.records_read)
    new = ngettext("{count} new post", "{count} new posts", s.posts_imported)
    repeats = ngettext("{count} repeat", "{count} repeats", s.duplicates)
    aside = _("{count} set aside")
    say(
        _("{files}, {records}: {new}, {repeats}, {aside}").format(
            files=files.format(count=number(s.files)),
            records=records.format(count=number(s.records_read)),
            new=new.format(count=number(s.posts_imported)),
            repeats=repeats.format(count=number(s.duplicates)),
            aside=aside.format(count=number(s.quarantined)),
        ),
        "[green]✔[/green]",
    )
    say(
        "  "
        + _("Also stored: {embedded}, {accounts}, {snapshots}, {metrics}").format(
            embedded=ngettext(
                "{count} embedded post", "{count} embedded posts", s.embedded_posts
            ).format(count=number(s.embedded_posts)),
            accounts=ngettext("{count} new account", "{count} new accounts", s.accounts).format(
                count=number(s.accounts)
            ),
            snapshots=ngettext(
                "{count} account snapshot", "{count} account snapshots", s.snapshots
            ).format(count=number(s.snapshots)),
            metrics=ngettext(
                "{count} metric observation", "{count} metric observations", s.metrics
            ).format(count=number(s.metrics)),
        )
    )
    if s.authors_filled:
        say(
            "  "
            + ngettext(
                "{count} post stored earlier without its account now has its account "
                "(counted as a repeat, not as a new post)",
                "{count} posts stored earlier without their account now have their account "
                "(counted as repeats, not as new posts)",
                s.authors_filled,
            ).format(count=number(s.authors_filled))
        )
    for problem in s.problems[:SHOWN_PROBLEMS]:
        say(f"{_place(problem)}: {problem['reason']}", "  [yellow]![/yellow]")
    hidden = len(s.problems) - SHOWN_PROBLEMS + s.problems_left_out
    if hidden > 0:
        say(
            "  "
            + ngettext("… and {count} more problem", "… and {count} more problems", hidden).format(
                count=number(hidden)
            )
        )


def nothing_imported(summary, paths, format: str) -> str:
    """Why an import ended with nothing imported (exit code 2), in one sentence."""
    if not summary.files and not summary.skipped:
        return _("Nothing was imported: there are no files to import in {paths}.").format(
            paths=", ".join(str(path) for path in paths)
        )
    if format == "auto" and any(skipped["choose_format"] for skipped in summary.skipped):
        return _("Nothing was imported. Choose the format with --format.")
    return _("Nothing was imported.")


def import_command(
    paths: list[Path] = typer.Argument(
        ..., metavar=_("PATH"), help=_("Files or folders to import.")
    ),
    format: str = choices.option(
        "auto",
        "--format",
        importing.formats(),
        _("Format of the files: {values}; auto recognises each file."),
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print the summary as one JSON object.")),
    engine: str = choices.option(
        "duckdb",
        "--engine",
        importing.ENGINES,
        _(
            "Who reads the files: {values}. duckdb: this process (the default); spark: a "
            "Spark job (local mode, or the cluster of --master), for uncompressed X API v2 "
            "JSON lines only."
        ),
    ),
    master: str | None = typer.Option(
        None,
        "--master",
        help=_("With --engine spark: the master URL of the Spark cluster (default: local mode)."),
    ),
    update_facts: bool = typer.Option(
        True,
        "--facts/--no-facts",
        help=_(
            "Update the measurement facts after the import (default). --no-facts: leave "
            "that to the next measurement, e.g. when a script imports many files one by one."
        ),
    ),
) -> None:
    format = choices.resolve(format, importing.formats())
    engine = choices.choose(engine, importing.ENGINES, "--engine")
    if master is not None and engine != "spark":
        fail(_("--master is only for --engine spark."), code=2)
    ws = current_workspace()
    how = {"engine": engine, "master": master}
    show_bar = not as_json and console.is_terminal
    try:
        if show_bar:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            columns = (
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(_("{task.fields[records]} records")),
                TimeElapsedColumn(),
            )
            with Progress(*columns, console=err_console, transient=True) as bar:
                result = importing.import_files(ws, paths, format, _Bar(bar), update_facts, **how)
        else:
            result = importing.import_files(ws, paths, format, update=update_facts, **how)
    except (importing.SourceMissing, importing.UnknownFormat, importing.SparkUnsupported) as exc:
        fail(str(exc), code=2)
    except importing.WarehouseBusy as exc:
        fail(str(exc))
    except importing.WorkerFailed as exc:
        fail(_("Reading a file failed, nothing of it was imported: {error}").format(error=exc))
    except importing.ImportInterrupted as exc:
        fail(
            ngettext(
                "Interrupted while importing {file}: that file was not imported, "
                "the {count} file before it was.",
                "Interrupted while importing {file}: that file was not imported, "
                "the {count} files before it were.",
                exc.summary.files,
            ).format(file=exc.file, count=number(exc.summary.files)),
            code=130,
        )
    summary = result.summary
    outcome = summary.outcome()
    problem = nothing_imported(summary, paths, format) if outcome == importing.NOTHING else None
    if as_json:
        extra = {"error": problem} if problem else {}
        print_json({**summary.as_dict(), "exit_code": outcome, **extra})
    else:
        print_summary(summary)
    report_facts(result.facts)
    if problem:
        say(problem, "[red]✗[/red]", error=True)
    if outcome != importing.COMPLETE:
        raise typer.Exit(outcome)


def register(app: typer.Typer) -> None:
    app.command(
        "import",
        help=_(
            "Import export files (files and folders, also .gz and .zip) into the archive "
            "and the warehouse."
        )
        + " "
        + _(
            "Exit code 0: everything was imported; 1: some records or files were set aside "
            "(the summary lists them); 2: nothing could be imported (or a path is missing or "
            "the format unknown); 130: interrupted."
        ),
    )(import_command)
