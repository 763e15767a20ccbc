"""`meetlat measure`, `meetlat activity`, `meetlat words`: the quantitative measurement."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from meetlat.accounts.labels import role_label
from meetlat.app import measuring
from meetlat.cli import choices
from meetlat.cli.common import (
    announce_facts,
    console,
    current_workspace,
    fail,
    print_json,
    report_measured,
)
from meetlat.i18n import _, ngettext, number

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
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


def _roles(value: str | None) -> list[str] | None:
    if not value:
        return None
    named = [r.strip() for r in value.split(",") if r.strip()]
    known = {word: role for role in measuring.ROLES for word in choices.words(role)}
    roles = [known.get(r.lower(), r) for r in named]
    unknown = [r for r in roles if r not in measuring.ROLES]
    if unknown:
        fail(
            _("Unknown role {role}: expected one of {roles}.").format(
                role=", ".join(unknown), roles=choices.listed(measuring.ROLES)
            )
        )
    return roles


def _engine(value: str) -> str:
    return choices.choose(value, choices.ENGINES, "--engine")


def records(frame) -> list[dict]:
    """Rows as plain JSON values: NaN and NA become null, numpy numbers plain numbers."""
    import pandas as pd

    out = []
    for row in frame.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                clean[key] = None
            elif hasattr(value, "item"):
                clean[key] = value.item()
            else:
                clean[key] = value
        out.append(clean)
    return out


def write_out(frame, path: Path) -> None:
    """Write ``frame`` as CSV, Parquet or a JSON array, chosen by the file's suffix."""
    import json

    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif suffix == ".json":
        path.write_text(json.dumps(records(frame), ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        fail(
            _("Cannot write {path}: expected a file ending in .csv, .parquet or .json.").format(
                path=path
            )
        )


def _cell(value, decimals: int = 0) -> str:
    import pandas as pd

    if value is None or pd.isna(value):
        return "–"
    return number(value, decimals)


# (column, heading, decimals) shown on screen; every column is in --json and --out
SCREEN_COLUMNS = (
    ("posts_sent", "Sent", 0),
    ("interaction_pct", "Interaction %", 1),
    ("replies_timed", "Timed", 0),
    ("reaction_time_mean_min", "Reaction mean (min)", 0),
    ("reaction_time_office_mean_min", "Office hours mean (min)", 0),
    ("followers", "Followers", 0),
    ("relative_reach", "Relative reach", 3),
    ("inbound_questions", "Questions", 0),
    ("questions_answered_pct", "Answered %", 0),
)


NAME_WIDTH, ACCOUNT_WIDTH = 14, 20  # the text columns fold their values at these widths
CELL_PADDING = 3  # rich's padding and border per column


def _measure_table(frame, by: str, width: int):
    """A compact table that fits ``width`` characters: number columns never shrink below
    their widest value, headings wrap, and the columns that do not fit are left out (the
    caption says so; --json and --out have them all)."""
    from rich.table import Table

    rows = []
    for row in frame.itertuples(index=False):
        cells = [row.municipality_name or row.municipality_code]
        if by == "account":
            cells.append(f"{row.platform}:{row.handle} ({role_label(row.role)})")
        cells += [_cell(getattr(row, c), d) for c, _heading, d in SCREEN_COLUMNS]
        rows.append(cells)
    offset = 2 if by == "account" else 1
    used = 1 + NAME_WIDTH + CELL_PADDING  # the left border, then each column's share
    used += ACCOUNT_WIDTH + CELL_PADDING if by == "account" else 0
    shown = []
    for index, (_column, heading, _decimals) in enumerate(SCREEN_COLUMNS):
        widest = max((len(cells[offset + index]) for cells in rows), default=1)
        longest_word = max(len(word) for word in _(heading).split())
        need = max(widest, longest_word) + CELL_PADDING
        if used + need > width:
            break
        used += need
        shown.append((index, heading, max(widest, longest_word)))
    narrow = len(shown) < len(SCREEN_COLUMNS)  # then the text columns take no more room
    caption = _("All columns: --json or --out.")
    if narrow:
        caption = _("More columns in a wider window; all columns: --json or --out.")
    table = Table(caption=caption)
    table.add_column(
        _("Municipality"), overflow="fold", min_width=NAME_WIDTH,
        max_width=NAME_WIDTH if narrow else None,
    )  # fmt: skip
    if by == "account":
        table.add_column(
            _("Account"), overflow="fold", min_width=ACCOUNT_WIDTH,
            max_width=ACCOUNT_WIDTH if narrow else None,
        )  # fmt: skip
    for _index, heading, widest in shown:
        table.add_column(_(heading), justify="right", width=widest)  # the heading wraps
    for cells in rows:
        table.add_row(*cells[:offset], *[cells[offset + index] for index, _h, _w in shown])
    return table


def _from_option():
    return typer.Option(..., "--from", help=_("First day (YYYY-MM-DD), Amsterdam time."))


def _to_option():
    return typer.Option(..., "--to", help=_("Last day (YYYY-MM-DD), inclusive."))


def _role_option():
    return typer.Option(None, "--role", help=_("Only these roles, e.g. corporate,council."))


def _engine_option():
    return typer.Option(
        "duckdb",
        "--engine",
        help=_("Query engine: {values}.").format(values=choices.listed(choices.ENGINES)),
    )


def _json_option():
    return typer.Option(False, "--json", help=_("Print one JSON array of rows."))


def _municipality_option():
    return typer.Option(None, "--municipality", help=_("Only this municipality (GM code)."))


def _platform_option():
    return typer.Option(None, "--platform", help=_("Only accounts on this platform."))


def _handle_option():
    return typer.Option(None, "--handle", help=_("Only this account (handle)."))


def measure_command(
    start: str = _from_option(),
    end: str = _to_option(),
    role: str = _role_option(),
    by: str = typer.Option(
        "account",
        "--by",
        help=_("One row per account or per municipality: {values}.").format(
            values=choices.listed(choices.BY)
        ),
    ),
    engine: str = _engine_option(),
    out: Path = typer.Option(
        None, "--out", help=_("Write all columns to a .csv, .parquet or .json file.")
    ),
    as_json: bool = _json_option(),
) -> None:
    first, last = _period(start, end)
    by = choices.choose(by, choices.BY, "--by")
    ws = current_workspace()
    measured = measuring.measure(
        ws, first, last, _roles(role), by, _engine(engine), facts_starting=announce_facts
    )
    report_measured(measured)
    frame = measured.frame
    if out is not None:
        write_out(frame, out)
    if as_json:
        print_json(records(frame))
        return
    if out is not None:
        written = ngettext(
            "Written: {path} ({count} row).", "Written: {path} ({count} rows).", len(frame)
        )
        console.print(written.format(path=out, count=number(len(frame))))
        return
    if frame.empty:
        console.print(_("No registry accounts for this period and role."))
        return
    console.print(_measure_table(frame, by, console.width))


def activity_command(
    start: str = _from_option(),
    end: str = _to_option(),
    role: str = _role_option(),
    municipality: str = _municipality_option(),
    platform: str = _platform_option(),
    handle: str = _handle_option(),
    engine: str = _engine_option(),
    as_json: bool = _json_option(),
) -> None:
    first, last = _period(start, end)
    frame = measuring.activity(
        current_workspace(), first, last, _roles(role), _municipality(municipality), platform,
        handle, _engine(engine),
    )  # fmt: skip
    if as_json:
        print_json(records(frame))
        return
    console.print(_activity_table(frame))


def words_command(
    start: str = _from_option(),
    end: str = _to_option(),
    role: str = _role_option(),
    municipality: str = _municipality_option(),
    platform: str = _platform_option(),
    handle: str = _handle_option(),
    top: int = typer.Option(25, "--top", min=1, help=_("How many words and hashtags.")),
    engine: str = _engine_option(),
    as_json: bool = _json_option(),
) -> None:
    first, last = _period(start, end)
    ws = current_workspace()
    args = (first, last, _roles(role), _municipality(municipality), platform, handle)
    top_words, top_tags = measuring.top_words(ws, *args, top=top, engine=_engine(engine))
    if as_json:
        print_json({"words": records(top_words), "hashtags": records(top_tags)})
        return
    console.print(_ranked_table(top_words, "word", _("Word")))
    console.print(_ranked_table(top_tags, "hashtag", _("Hashtag"), prefix="#"))


def register(app: typer.Typer) -> None:
    app.command(
        "measure",
        help=_(
            "Measure every registry account (or municipality) over a period: posts, "
            "interaction, reaction time, reach and questions."
        ),
    )(measure_command)

    app.command(
        "activity",
        help=_("Posts per weekday and hour (Amsterdam time): per account, municipality or all."),
    )(activity_command)

    app.command(
        "words",
        help=_(
            "Top words (Dutch stop words, links, mentions and hashtags left out) and top hashtags."
        ),
    )(words_command)


def _municipality(value: str | None) -> str | None:
    if not value:
        return None
    code = measuring.municipality_code(value)
    if code is None:
        fail(
            _("Unknown municipality code {code}: expected a CBS code such as GM0363.").format(
                code=value
            )
        )
    return code


def _activity_table(frame):
    """One row per local hour, one column per weekday (fits a narrow terminal)."""
    from rich.table import Table

    table = Table(title=_("Posts per weekday and hour (Amsterdam time)"))
    table.add_column(_("Hour"), justify="right")
    for name in WEEKDAYS:
        table.add_column(_(name), justify="right", no_wrap=True)
    table.add_column(_("Total"), justify="right", no_wrap=True)
    counts = {(r.weekday, r.hour): r.posts for r in frame.itertuples(index=False)}
    for hour in range(24):
        cells = [counts.get((weekday, hour), 0) for weekday in range(1, 8)]
        table.add_row(f"{hour:02d}:00", *[number(c) for c in cells], number(sum(cells)))
    totals = [sum(counts.get((weekday, hour), 0) for hour in range(24)) for weekday in range(1, 8)]
    table.add_row(_("Total"), *[number(c) for c in totals], number(sum(totals)), style="bold")
    return table


def _ranked_table(frame, column: str, heading: str, prefix: str = ""):
    from rich.table import Table

    table = Table()
    table.add_column("#", justify="right")
    table.add_column(heading)
    table.add_column(_("Count"), justify="right")
    for position, row in enumerate(frame.itertuples(index=False), start=1):
        table.add_row(str(position), prefix + getattr(row, column), number(row.count))
    return table
