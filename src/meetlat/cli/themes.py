"""`meetlat themes`: theme profiles per group of accounts, activity before and after a
day (election day) and the interactive share (docs/indicators.md, "Themes and elections")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from meetlat.app import themes as use_case
from meetlat.cli import choices
from meetlat.cli.commands import App
from meetlat.cli.common import console, current_workspace, fail, print_json, warn
from meetlat.i18n import _, number
from meetlat.indicators import themes as lexicons


def _groups_option():
    return typer.Option(
        ...,
        "--groups",
        help=_("CSV file with the columns platform,handle,group (for example a party)."),
    )


def _json_option():
    return typer.Option(False, "--json", help=_("Print one JSON document."))


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{number(value, 1)}%"


def _report(problems) -> None:
    for problem in problems:
        warn(str(problem))


def _run(call):
    try:
        return call()
    except (use_case.BadGroups, lexicons.BadLexicon) as error:
        fail(str(error))


def profile_command(
    groups: Path = _groups_option(),
    period: str = choices.period_option(),
    lexicon: Path | None = typer.Option(
        None,
        "--lexicon",
        help=_("A lexicon file (theme,term) instead of the workspace's or Meetlat's own."),
    ),
    as_json: bool = _json_option(),
) -> None:
    start, end = choices.period(period)
    ws = current_workspace()
    found = _run(lambda: use_case.profiles(ws, groups, start, end, lexicon))
    _report(found.problems)
    if as_json:
        print_json(found.as_dict())
        return

    table = Table(
        title=_("Theme profiles {start} – {end} (share of the posts)").format(start=start, end=end)
    )
    table.add_column(_("Theme"), overflow="fold")
    for group in found.groups:
        table.add_column(group.group, justify="right", no_wrap=True)
    table.add_row(_("Posts"), *[number(g.posts) for g in found.groups])
    for theme in found.themes:
        table.add_row(theme, *[_percent(g.share_of_posts[theme]) for g in found.groups])
    console.print(table)
    console.print(_("Lexicon: {file}").format(file=found.lexicon), highlight=False)


def before_after_command(
    groups: Path = _groups_option(),
    day: str = typer.Option(
        ..., "--date", help=_("The day, for example election day: 2014-03-19.")
    ),
    days: int = typer.Option(
        14, "--days", help=_("How many days before (up to and including the day) and after.")
    ),
    as_json: bool = _json_option(),
) -> None:
    try:
        chosen = date.fromisoformat(day)
    except ValueError:
        fail(_("--date {text}: expected a day such as 2014-03-19.").format(text=day), 2)
    if days < 1:
        fail(_("The number of days must be at least 1."), 2)
    ws = current_workspace()
    found = _run(lambda: use_case.before_after(ws, groups, chosen, days))
    _report(found.problems)
    if as_json:
        print_json(found.as_dict())
        return

    table = Table(
        title=_("Posts before and after {day}: {first} – {day} and the {days} days after").format(
            day=chosen, first=found.before_start, days=days
        )
    )
    for title in (_("Group"), _("Before"), _("After"), _("Per day before"), _("Per day after")):
        table.add_column(title, justify="left" if title == _("Group") else "right")
    table.add_column(_("Change"), justify="right")
    for g in found.groups:
        table.add_row(
            g.group,
            number(g.before),
            number(g.after),
            number(g.before_per_day, 2),
            number(g.after_per_day, 2),
            _percent(g.change),
        )
    console.print(table)


def interactive_command(
    groups: Path = _groups_option(),
    period: str = choices.period_option(),
    as_json: bool = _json_option(),
) -> None:
    start, end = choices.period(period)
    ws = current_workspace()
    found = _run(lambda: use_case.interaction(ws, groups, start, end))
    _report(found.problems)
    if as_json:
        print_json(found.as_dict())
        return

    table = Table(title=_("Interactive posts {start} – {end}").format(start=start, end=end))
    for title in (
        _("Group"), _("Posts"), _("Originals"), _("Replies"), _("Reposts"), _("Quotes"),
        _("Interactive"), _("Share"),
    ):  # fmt: skip
        table.add_column(title, justify="left" if title == _("Group") else "right")
    for g in [*found.groups, found.total]:
        table.add_row(
            g.group,
            *[number(v) for v in (g.posts, g.originals, g.replies, g.reposts, g.quotes)],
            number(g.interactive),
            _percent(g.share),
        )
    console.print(table)


def lexicon_command(
    copy: bool = typer.Option(
        False,
        "--copy",
        help=_(
            "Copy Meetlat's lexicon into the workspace (reference/themes.csv) to edit it there."
        ),
    ),
    as_json: bool = _json_option(),
) -> None:
    ws = current_workspace()
    target = ws.reference / lexicons.OVERRIDE_FILE
    if copy:
        if target.exists():
            fail(_("{file} exists already: edit it, or remove it first.").format(file=target))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(lexicons.PACKAGE_FILE.read_bytes())
        console.print(_("Copied to {file}: edit it there.").format(file=target), highlight=False)
        return
    found = _run(lambda: lexicons.load(ws.reference))
    if as_json:
        print_json(
            {
                "source": found.source,
                "themes": {n: [t.text for t in terms] for n, terms in found.themes.items()},
            }
        )
        return

    table = Table(title=_("Lexicon: {file}").format(file=found.source))
    table.add_column(_("Theme"), no_wrap=True)
    table.add_column(_("Terms"), overflow="fold")
    for name, terms in found.themes.items():
        table.add_row(name, ", ".join(t.text for t in terms))
    console.print(table)


def register(app: typer.Typer) -> None:
    group = App(
        help=_("Themes and elections: theme profiles, before and after a day, interaction."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    app.add_typer(group, name="themes")
    group.command(
        "lexicon", help=_("The theme lexicon in use, or --copy it into the workspace to edit.")
    )(lexicon_command)
    group.command(
        "profile", help=_("The share of each group's posts about each theme of the lexicon.")
    )(profile_command)
    group.command("before-after", help=_("Each group's posts in the days before and after a day."))(
        before_after_command
    )
    group.command(
        "interactive",
        help=_("Each group's share of interactive posts: replies, and posts that mention others."),
    )(interactive_command)
