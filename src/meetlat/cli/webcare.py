"""`meetlat webcare`: the queue of questions, reply figures, the daily overview, listening
and the book's webcare test (docs/webcare.md)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from meetlat.app import webcare, webcaretest
from meetlat.cli.commands import App
from meetlat.cli.common import console, current_workspace, fail, print_json, warn
from meetlat.i18n import _, ngettext, number
from meetlat.indicators.periods import AMSTERDAM


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(
            _("{option} {value} is not a date (expected e.g. 2014-04-01).").format(
                option=option, value=value
            )
        )


def _period(start: str, end: str) -> tuple[date, date]:
    first, last = _day(start, "--from"), _day(end, "--to")
    if last < first:
        fail(_("--to {end} is before --from {start}.").format(end=last, start=first))
    return first, last


def _local(moment) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M") if moment else "–"


def _minutes(value: float | None) -> str:
    return "–" if value is None else number(value, 1)


ACCOUNT = typer.Option(..., "--account", help=_("Handle of the municipal account."))
FROM = typer.Option(..., "--from", help=_("First day (YYYY-MM-DD), Amsterdam time."))
TO = typer.Option(..., "--to", help=_("Last day (YYYY-MM-DD), inclusive."))
PLATFORM = typer.Option(None, "--platform", help=_("Only this platform (x, mastodon, ...)."))
JSON = typer.Option(False, "--json", help=_("Print JSON instead of a table."))


def _messages(account, start, end, platform):
    first, last = _period(start, end)
    ws = current_workspace()
    try:
        return webcare.messages(ws, account, first, last, platform=platform), first, last
    except webcare.WebcareError as error:
        fail(str(error))


def _message_json(message) -> dict:
    row = asdict(message)
    row["answered"] = message.answered
    return row


def queue_command(
    account: str = ACCOUNT,
    start: str = FROM,
    end: str = TO,
    platform: str | None = PLATFORM,
    answered: bool = typer.Option(
        False, "--answered", help=_("Also list the answered questions, with their reply.")
    ),
    as_json: bool = JSON,
) -> None:
    """The questions the account has not answered, oldest first, with their age."""

    found, _first, _last = _messages(account, start, end, platform)
    shown = webcare.queue(found, answered=answered)
    if as_json:
        print_json([_message_json(m) for m in shown])
        return
    open_count = sum(not m.answered for m in shown)
    table = Table(
        title=ngettext(
            "{count} unanswered question", "{count} unanswered questions", open_count
        ).format(count=number(open_count))
    )
    for heading in (_("Asked"), _("Sender"), _("Question"), _("Age (hours)"), _("Reply")):
        table.add_column(heading)
    for m in shown:
        age = "–" if m.age_minutes is None else number(m.age_minutes / 60, 1)
        reply = (
            _("{post} after {minutes} min").format(post=m.reply_id, minutes=_minutes(m.minutes))
            if m.answered
            else "–"
        )
        table.add_row(_local(m.asked_at), escape(m.author), escape(m.text), age, escape(reply))
    console.print(table)


def figures_command(
    account: str = ACCOUNT,
    start: str = FROM,
    end: str = TO,
    platform: str | None = PLATFORM,
    as_json: bool = JSON,
) -> None:
    """Reply rate and the book's reply-time buckets, on the 24/7 and office-hours clock."""

    found, _first, _last = _messages(account, start, end, platform)
    rows = webcare.figures(found)
    if as_json:
        print_json([asdict(r) for r in rows])
        return
    if not rows:
        console.print(
            escape(_("No posts addressed to {account} in the period.").format(account=account))
        )
        return
    for row in rows:
        rate = "–" if row.reply_rate_pct is None else number(row.reply_rate_pct, 1) + "%"
        console.print(
            escape(
                _(
                    "{account}: {questions} of {messages} messages ask something; "
                    "{answered} answered (reply rate {rate})."
                ).format(  # fmt: skip
                    account=row.account,
                    questions=number(row.questions),
                    messages=number(row.messages),
                    answered=number(row.answered),
                    rate=rate,
                )  # fmt: skip
            )
        )
        table = Table(title=_("Reply time of the questions"))
        table.add_column(_("Bucket"))
        table.add_column(_("24/7 clock"), justify="right")
        table.add_column(_("Office hours"), justify="right")
        for name, count in row.buckets.items():
            table.add_row(
                webcare.bucket_label(name), number(count), number(row.office_buckets[name])
            )
        console.print(table)


def daily_command(
    account: str = ACCOUNT,
    start: str = FROM,
    end: str = TO,
    platform: str | None = PLATFORM,
    as_json: bool = JSON,
) -> None:
    """Per day: the messages addressed to the account and how many need action."""

    found, first, last = _messages(account, start, end, platform)
    days = webcare.daily(found, first, last)
    if as_json:
        print_json([asdict(d) for d in days])
        return
    table = Table(title=_("Messages per day"))
    for heading in (_("Day"), _("Messages"), _("Need action"), _("Answered"), _("No action")):
        table.add_column(heading, justify="right")
    for d in days:
        table.add_row(
            d.day.isoformat(), number(d.messages), number(d.questions), number(d.answered),
            number(d.no_action),
        )  # fmt: skip
    console.print(table)


def listen_command(
    municipality: str = typer.Option(..., "--municipality", help=_("Municipality code (GM0363).")),
    start: str = FROM,
    end: str = TO,
    as_json: bool = JSON,
) -> None:
    """The posts matching the municipality's search terms (listening/terms.toml)."""

    first, last = _period(start, end)
    try:
        rows = webcare.listening(current_workspace(), municipality.upper(), first, last)
    except webcare.WebcareError as error:
        fail(str(error))
    if as_json:
        print_json(rows)
        return
    table = Table(
        title=ngettext("{count} post matches", "{count} posts match", len(rows)).format(
            count=number(len(rows))
        )
    )
    for heading in (_("Posted"), _("Sender"), _("Text"), _("Question")):
        table.add_column(heading)
    for r in rows:
        table.add_row(
            _local(r["created_at"]), escape(r["author"]), escape(r["text"]),
            _("yes") if r["is_question"] else _("no"),
        )  # fmt: skip
    console.print(table)


def _load_test(file: Path):
    try:
        test = webcaretest.load(file)
        if test.asker:
            test = webcaretest.with_imported_replies(test, current_workspace())
    except webcare.WebcareError as error:
        fail(str(error))
    for problem in test.problems:
        warn(problem)
    if test.problems:
        warn(
            ngettext(
                "{count} reply left out.", "{count} replies left out.", len(test.problems)
            ).format(count=number(len(test.problems)))
        )
    return test, webcaretest.run(test)


def _bio_label(name: str) -> str:
    return {
        "webcare": _("mentions webcare"),
        "news": _("news only"),
        "unclear": _("unclear"),
    }[name]


def test_run_command(
    file: Path = typer.Argument(..., help=_("The test file (TOML).")),
    as_json: bool = JSON,
) -> None:
    """Score every account of a webcare test: first reply, bio and the book's criteria."""

    test, results = _load_test(file)
    if as_json:
        print_json([asdict(r) for r in results])
        return
    table = Table(title=escape(test.question))
    for heading in (_("Account"), _("Bio"), _("First reply (min)"), _("Bucket"),
                    _("Criteria met"), _("Full answer")):  # fmt: skip
        table.add_column(heading)
    for r in results:
        met = ", ".join(_criterion_label(c) for c, v in r.scores.items() if v)
        table.add_row(
            escape(r.account.name), _bio_label(r.bio_class), _minutes(r.first_reply_minutes),
            webcare.bucket_label(r.bucket), met or "–", _("yes") if r.full_answer else _("no"),
        )  # fmt: skip
    console.print(table)


def _criterion_label(name: str) -> str:
    return {
        "direct_answer": _("direct answer"),
        "link": _("link"),
        "why": _("answers why"),
        "acknowledgement": _("acknowledgement first"),
        "initials": _("initials"),
        "numbered": _("numbered replies"),
    }[name]


def test_report_command(
    file: Path = typer.Argument(..., help=_("The test file (TOML).")),
    as_json: bool = JSON,
) -> None:
    """The test's result in the book's shape: reply buckets, bios and full answers."""
    test, results = _load_test(file)
    summary = webcaretest.report(results)
    if as_json:
        print_json(asdict(summary))
        return
    total = summary.accounts
    console.print(
        escape(
            ngettext(
                "Asked {when} to {count} account:", "Asked {when} to {count} accounts:", total
            ).format(when=_local(test.asked_at), count=number(total))
        )
    )
    for name, count in summary.buckets.items():
        console.print(escape(f"  {webcare.bucket_label(name)}: {number(count)}"))
    console.print(escape(_("Bios:")))
    for name, count in summary.bios.items():
        console.print(escape(f"  {_bio_label(name)}: {number(count)}"))
    console.print(escape(_("Criteria met:")))
    for name, count in summary.criteria.items():
        console.print(escape(f"  {_criterion_label(name)}: {number(count)}"))
    console.print(
        escape(
            ngettext(
                "A full answer from {full} of {count} account.",
                "A full answer from {full} of {count} accounts.",
                total,
            ).format(full=number(summary.full_answers), count=number(total))
        )
    )


def register(app: typer.Typer) -> None:
    webcare_app = App(
        help=_("Webcare: the questions citizens ask the accounts and how they are answered."),
        no_args_is_help=True,
    )
    webcare_app.command("queue", help=_("The unanswered questions of an account, with their age."))(
        queue_command
    )
    webcare_app.command("figures", help=_("Reply rate and reply-time buckets on both clocks."))(
        figures_command
    )
    webcare_app.command("daily", help=_("Messages per day and how many need action."))(
        daily_command
    )
    webcare_app.command("listen", help=_("Posts matching the municipality's search terms."))(
        listen_command
    )
    test_app = App(help=_("The book's webcare test, repeatable."), no_args_is_help=True)
    test_app.command("run", help=_("Score every account of a webcare test."))(test_run_command)
    test_app.command("report", help=_("The result in the book's shape."))(test_report_command)
    webcare_app.add_typer(test_app, name="test")
    app.add_typer(webcare_app, name="webcare")
