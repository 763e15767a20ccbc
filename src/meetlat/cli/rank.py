"""`meetlat rank` and `meetlat compare`: the book's rankings and year-over-year changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.markup import escape

from meetlat.app import figuretext, measuring
from meetlat.cli import choices
from meetlat.cli.common import (
    announce_facts,
    console,
    current_workspace,
    print_json,
    report_measured,
)
from meetlat.i18n import _, number


def _role_option(help_text: str):
    """--role of rank and compare; ``help_text`` (translated) has {values}."""
    values = choices.listed(choices.RANK_ROLES)
    return typer.Option("corporate", "--role", help=help_text.format(values=values))


def _period(text: str) -> tuple[date, date]:
    """``2014-04-01..2014-06-30`` → the two dates."""
    try:
        first, last = text.split("..")
        return date.fromisoformat(first), date.fromisoformat(last)
    except ValueError as exc:
        raise typer.BadParameter(
            _("expected a period as FROM..TO, e.g. 2014-04-01..2014-06-30")
        ) from exc


def _json_rows(frame, columns):
    records = frame[columns].astype(object).where(frame[columns].notna(), None)
    return records.to_dict(orient="records")


def ranking_table(frame, components, limit, width: int | None = None):
    """A rich table of the composite: position, component ranks and their sum. It fits
    ``width`` (default: the terminal) and never breaks a word: when the full headings do
    not fit, the rank columns are headed by their indicator alone, then the account
    column is left out, then the peer group becomes a heading row above its members."""
    from rich.table import Table

    shown = frame[frame["position"].notna()]
    grouped = "peer_group" in frame.columns
    if limit:
        shown = (shown.groupby("peer_group") if grouped else shown).head(limit)
    peers = [measuring.peer_group_label(p) for p in shown["peer_group"]] if grouped else []
    texts = {  # the text columns that can be shown, in their order
        "peer": (_("Peer group"), peers),
        "municipality": (_("Municipality"), [str(v) for v in shown["municipality_name"]]),
        "account": (_("Account"), [str(v) for v in shown["handle"]]),
    }
    ranks = [[number(int(v)) for v in shown[measuring.rank_column(c)]] for c in components]
    position = (_("Position"), [str(v) for v in shown["position"]])
    total = (_("Total"), [number(int(v)) for v in shown["total"]])
    full = [_("Rank {indicator}").format(indicator=component_label(c)) for c in components]
    short = [component_label(c).capitalize() for c in components]
    keys = [key for key in texts if key != "peer" or grouped]
    layouts = [(full, keys, False), (short, keys, True)]
    layouts.append((short, [key for key in keys if key != "account"], True))
    if grouped:
        layouts.append((short, ["municipality"], True))
    for headings, shown_keys, wraps in layouts:
        numbers = [position, *zip(headings, ranks, strict=True), total]
        columns = [numbers[0], *[texts[key] for key in shown_keys], *numbers[1:]]
        if _fits(columns, wraps, width or console.width):
            break
    table = Table(title=_("Ranking by sum of ranks"))
    if headings is short:
        table.caption = _("Per indicator the place; the total is their sum.")
    for index, (heading, cells) in enumerate(columns):
        if index == 0 or index > len(shown_keys):  # a number
            fixed = _longest_word([heading, *cells]) if wraps else None
            table.add_column(heading, justify="right", width=fixed, no_wrap=not wraps)
        else:
            table.add_column(
                heading,
                overflow="fold",
                min_width=_longest_word([heading, *cells]) if wraps else None,
                ratio=1 if wraps else None,
                no_wrap=not wraps,
            )
    peer_rows = grouped and "peer" not in shown_keys
    group = None
    for line in range(len(shown)):
        if peer_rows and peers[line] != group:
            if group is not None:
                table.rows[-1].end_section = True
            group = peers[line]
            table.add_row("", f"[bold]{escape(group)}[/bold]", *[""] * (len(columns) - 2))
        table.add_row(*[escape(cells[line]) for _heading, cells in columns])
    return table


def _longest_word(texts) -> int:
    return max((len(word) for text in texts for word in str(text).split()), default=1)


def _fits(columns, wraps: bool, width: int) -> bool:
    """Whether ``columns`` (heading and cells) fit ``width``: each text whole on one line,
    or (``wraps``) wrapped at its words only."""
    if wraps:
        widths = [_longest_word([heading, *cells]) for heading, cells in columns]
    else:
        widths = [max(len(text) for text in [heading, *cells]) for heading, cells in columns]
    return sum(widths) + 3 * len(widths) + 1 <= width


def component_label(component) -> str:
    """The component's name in the user's language."""
    labels = {
        "interaction": _("interaction"),
        "reaction time": _("reaction time"),
        "relative reach": _("relative reach"),
        "followers": _("followers"),
        "following": _("following"),
        "posts": _("posts"),
    }
    return labels.get(component.label, component.column)


def top_tables(rows, min_replies, limit=10, by: str = "account"):
    """The book's Tabel 10: the best interaction percentages and mean reaction times, under
    the national average row."""
    from rich.table import Table

    found = measuring.top(rows, min_replies, limit)
    table = Table(title=_("Top {n}: interaction percentage and mean reaction time").format(n=limit))
    table.add_column(_("Rank"), justify="right")
    table.add_column(_("Municipality"))
    table.add_column(_("Interaction %"), justify="right")
    table.add_column(_("Rank"), justify="right")
    table.add_column(_("Municipality ({n}+ replies)").format(n=min_replies))
    table.add_column(_("Mean reaction time"), justify="right")
    average = _("Average of the municipalities") if by == "municipality" else _("Average")
    table.add_row(
        "",
        average,
        figuretext.figure_value(found.interaction_mean, "pct"),
        "",
        average,
        figuretext.figure_value(found.reaction_mean, "minutes"),
        end_section=True,
    )
    left = list(found.interaction.itertuples())
    right = list(found.reaction.itertuples())
    for index in range(max(len(left), len(right))):
        cells = []
        if index < len(left):
            row = left[index]
            cells += [str(row.rank), row.municipality_name, f"{number(row.interaction_pct)}%"]
        else:
            cells += ["", "", ""]
        if index < len(right):
            row = right[index]
            cells += [
                str(row.rank),
                row.municipality_name,
                figuretext.duration(row.reaction_time_mean_min),
            ]
        else:
            cells += ["", "", ""]
        table.add_row(*cells)
    return table


def _top_json(rows, min_replies, limit) -> dict:
    found = measuring.top(rows, min_replies, limit)
    keep = ["rank", "municipality_code", "municipality_name", "platform", "handle"]
    return {
        "average": {
            "interaction_pct": found.interaction_mean,
            "reaction_time_mean_min": found.reaction_mean,
        },
        "interaction": _json_rows(found.interaction, [*keep, "interaction_pct"]),
        "reaction_time": _json_rows(found.reaction, [*keep, "reaction_time_mean_min"]),
    }


def rank(
    start: str = typer.Option(..., "--from", help=_("First day (YYYY-MM-DD).")),
    end: str = typer.Option(..., "--to", help=_("Last day (YYYY-MM-DD), inclusive.")),
    role: str = _role_option(_("Accounts to rank: {values}.")),
    min_replies: int = typer.Option(
        10, "--min-replies", help=_("Timed replies an account needs for reaction time.")
    ),
    peer_group: str = typer.Option(
        None,
        "--peer-group",
        help=_("Rank within peer groups (size class or province): {values}.").format(
            values=choices.listed(choices.PEER_GROUPS)
        ),
    ),
    limit: int = typer.Option(10, "--top", help=_("Rows to show (0: all).")),
    by: str = choices.option(
        "account", "--by", choices.BY, _("Rank accounts or municipalities: {values}.")
    ),
    table: str = choices.option(
        None,
        "--table",
        choices.TABLES,
        _("The book's table: {values} (10: top lists, 11: composite, 14: council accounts)."),
    ),
    engine: str = typer.Option(
        "duckdb",
        "--engine",
        help=_("Query engine: {values}.").format(values=choices.listed(choices.ENGINES)),
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print one JSON array.")),
) -> None:
    role = choices.choose(role, choices.RANK_ROLES, "--role")
    peer_group = choices.choose(peer_group, choices.PEER_GROUPS, "--peer-group")
    engine = choices.choose(engine, choices.ENGINES, "--engine")
    by = choices.choose(by, choices.BY, "--by")
    table = choices.choose(table, choices.TABLES, "--table")
    if table is not None:
        role = "council" if table == "14" else "corporate"
    components = measuring.RANKINGS[role]
    ranked = measuring.ranking(
        current_workspace(),
        date.fromisoformat(start),
        date.fromisoformat(end),
        role,
        min_replies,
        peer_group,
        engine,
        facts_starting=announce_facts,
        by=by,
    )
    report_measured(ranked)
    frame = ranked.frame
    if table == "10":
        if as_json:
            print_json(_top_json(frame, min_replies, limit or len(frame)))
        else:
            console.print(top_tables(frame, min_replies, limit or len(frame), by))
        return
    if as_json:
        columns = ["municipality_code", "municipality_name", "platform", "handle", "role"]
        columns += ["peer_group"] if "peer_group" in frame else []
        columns += [c.column for c in components]
        columns += [measuring.rank_column(c) for c in components]
        columns += ["total", "position"]
        print_json(_json_rows(frame, columns))
        return
    console.print(ranking_table(frame, components, limit))


def compare_periods(
    period_a: str = typer.Option(..., "--period-a", help=_("Earlier period FROM..TO.")),
    period_b: str = typer.Option(..., "--period-b", help=_("Later period FROM..TO.")),
    role: str = _role_option(_("Accounts to compare: {values}.")),
    out: Path = typer.Option(None, "--out", help=_("Write CSV to this file.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print one JSON array.")),
) -> None:
    role = choices.choose(role, choices.RANK_ROLES, "--role")
    compared = measuring.compare(
        current_workspace(),
        _period(period_a),
        _period(period_b),
        role,
        facts_starting=announce_facts,
    )
    report_measured(compared)
    frame = compared.frame
    if out:
        frame.to_csv(out, index=False)
    if as_json:
        print_json(_json_rows(frame, list(frame.columns)))
        return
    _print_compare(frame)


def register(app: typer.Typer) -> None:
    app.command("rank", help=_("Rank accounts by the book's method: sum of component ranks."))(rank)

    app.command("compare", help=_("Year-over-year changes per municipality, through mergers."))(
        compare_periods
    )


def _print_compare(frame):
    import pandas as pd
    from rich.table import Table

    table = Table(title=_("Change per municipality"))
    for title in (_("Municipality"), _("Interaction % A"), _("Interaction % B"), _("Change")):
        table.add_column(title)
    for _index, row in frame.iterrows():
        values = [row["interaction_pct_a"], row["interaction_pct_b"], row["interaction_pct_change"]]
        cells = ["–" if pd.isna(v) else number(v, 1) for v in values]
        table.add_row(str(row["municipality_name"]), *cells)
    console.print(table)
