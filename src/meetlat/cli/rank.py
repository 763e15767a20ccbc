"""`meetlat rank` and `meetlat compare`: the book's rankings and year-over-year changes."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from meetlat.cli.common import console, print_json
from meetlat.i18n import _, number


class Role(StrEnum):
    corporate = "corporate"
    council = "council"


class PeerGroup(StrEnum):
    size = "size"
    province = "province"


def _period(text: str) -> tuple[date, date]:
    """``2014-04-01..2014-06-30`` → the two dates."""
    try:
        first, last = text.split("..")
        return date.fromisoformat(first), date.fromisoformat(last)
    except ValueError as exc:
        raise typer.BadParameter(
            _("expected a period as FROM..TO, e.g. 2014-04-01..2014-06-30")
        ) from exc


def ranking_frame(ws, start, end, role, min_replies, peer_group, engine="duckdb"):
    """The measurement of ``role`` accounts with component ranks, total and position."""
    from meetlat.indicators.service import measure
    from meetlat.ranking.peers import add_peer_group
    from meetlat.ranking.rank import composite
    from meetlat.ranking.rules import RANKINGS

    rows = measure(ws, start, end, roles=[role], by="account", engine=engine)
    group_by = None
    if peer_group:
        rows = add_peer_group(rows, peer_group)
        group_by = "peer_group"
    return composite(rows, RANKINGS[role], min_replies=min_replies, group_by=group_by)


def _json_rows(frame, columns):
    records = frame[columns].astype(object).where(frame[columns].notna(), None)
    return records.to_dict(orient="records")


def _print_ranking(frame, components, limit):
    from rich.table import Table

    from meetlat.ranking.rank import rank_column

    table = Table(title=_("Ranking by sum of ranks"))
    table.add_column(_("Position"), justify="right")
    if "peer_group" in frame.columns:
        table.add_column(_("Peer group"))
    table.add_column(_("Municipality"))
    table.add_column(_("Account"))
    for component in components:
        table.add_column(_("Rank {indicator}").format(indicator=component.column), justify="right")
    table.add_column(_("Total"), justify="right")
    shown = frame[frame["position"].notna()]
    if limit:
        shown = (
            shown.groupby("peer_group").head(limit) if "peer_group" in shown else shown.head(limit)
        )
    for _index, row in shown.iterrows():
        cells = [str(row["position"])]
        if "peer_group" in frame.columns:
            cells.append(str(row["peer_group"]))
        cells += [str(row["municipality_name"]), str(row["handle"])]
        cells += [number(int(row[rank_column(c)])) for c in components]
        cells.append(number(int(row["total"])))
        table.add_row(*cells)
    console.print(table)


def register(app: typer.Typer) -> None:
    @app.command("rank", help=_("Rank accounts by the book's method: sum of component ranks."))
    def rank(
        start: str = typer.Option(..., "--from", help=_("First day (YYYY-MM-DD).")),
        end: str = typer.Option(..., "--to", help=_("Last day (YYYY-MM-DD), inclusive.")),
        role: Role = typer.Option(Role.corporate, "--role", help=_("Accounts to rank.")),
        min_replies: int = typer.Option(
            10, "--min-replies", help=_("Timed replies an account needs for reaction time.")
        ),
        peer_group: PeerGroup = typer.Option(
            None, "--peer-group", help=_("Rank within peer groups (size class or province).")
        ),
        limit: int = typer.Option(10, "--top", help=_("Rows to show (0: all).")),
        engine: str = typer.Option("duckdb", "--engine", help=_("duckdb or spark.")),
        as_json: bool = typer.Option(False, "--json", help=_("Print one JSON array.")),
    ) -> None:
        from meetlat import workspace
        from meetlat.ranking.rank import rank_column
        from meetlat.ranking.rules import RANKINGS

        components = RANKINGS[role.value]
        frame = ranking_frame(
            workspace.current(),
            date.fromisoformat(start),
            date.fromisoformat(end),
            role.value,
            min_replies,
            peer_group.value if peer_group else None,
            engine,
        )
        if as_json:
            columns = ["municipality_code", "municipality_name", "platform", "handle", "role"]
            columns += ["peer_group"] if "peer_group" in frame else []
            columns += [c.column for c in components] + [rank_column(c) for c in components]
            columns += ["total", "position"]
            print_json(_json_rows(frame, columns))
            return
        _print_ranking(frame, components, limit)

    @app.command("compare", help=_("Year-over-year changes per municipality, through mergers."))
    def compare_periods(
        period_a: str = typer.Option(..., "--period-a", help=_("Earlier period FROM..TO.")),
        period_b: str = typer.Option(..., "--period-b", help=_("Later period FROM..TO.")),
        role: Role = typer.Option(Role.corporate, "--role", help=_("Accounts to compare.")),
        out: Path = typer.Option(None, "--out", help=_("Write CSV to this file.")),
        as_json: bool = typer.Option(False, "--json", help=_("Print one JSON array.")),
    ) -> None:
        from meetlat import workspace
        from meetlat.indicators.service import measure
        from meetlat.ranking.compare import compare

        ws = workspace.current()
        a_start, a_end = _period(period_a)
        b_start, b_end = _period(period_b)
        a = measure(ws, a_start, a_end, roles=[role.value], by="municipality")
        b = measure(ws, b_start, b_end, roles=[role.value], by="municipality")
        frame = compare(a, b, b_end)
        if out:
            frame.to_csv(out, index=False)
        if as_json:
            print_json(_json_rows(frame, list(frame.columns)))
            return
        _print_compare(frame)


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
