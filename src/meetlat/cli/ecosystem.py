"""`meetlat ecosystem groups|network|connectors|correct`: the local ecosystem of a
municipality (the book's seven groups) and who talks with whom (app.ecosystem)."""

from __future__ import annotations

import csv
from pathlib import Path

import typer

from meetlat.app import ecosystem
from meetlat.app.privacy import CannotReveal
from meetlat.cli.commands import App
from meetlat.cli.common import current_workspace, fail, print_json, say, warn
from meetlat.cli.measure import _period
from meetlat.i18n import _, ngettext, number
from meetlat.indicators.ecogroups import WordListError


def _municipality():
    return typer.Option(..., "--municipality", help=_("The municipality (GM code)."))


def _from():
    return typer.Option(..., "--from", help=_("First day (YYYY-MM-DD), Amsterdam time."))


def _to():
    return typer.Option(..., "--to", help=_("Last day (YYYY-MM-DD), inclusive."))


def _json():
    return typer.Option(False, "--json", help=_("Print the result as JSON."))


def _csv():
    return typer.Option(None, "--csv", help=_("Also write the rows to this CSV file."))


def _reveal():
    return typer.Option(
        None,
        "--toon-burgers",
        metavar=_("PURPOSE"),
        help=_("Show citizens' handles instead of pseudonyms, for this purpose (logged)."),
    )


def _network(municipality, start, end, reveal) -> ecosystem.Network:
    first, last = _period(start, end)
    ws = current_workspace()
    try:
        found = ecosystem.network(ws, municipality.upper(), first, last, reveal_for=reveal)
    except CannotReveal as error:
        fail(str(error))
    except WordListError as error:
        for file, line, expected in error.problems:
            warn(_("{file}:{line}: expected {expected}").format(
                file=file, line=line, expected=expected))  # fmt: skip
        fail(_("The word list of the groups has errors; nothing was classified."))
    for problem in found.problems:
        warn(problem + " " + _("(line skipped)"))
    if not found.edges:
        say(
            _("No replies or mentions around the accounts of {code} from {start} to {end}.").format(
                code=found.municipality, start=first, end=last
            ),  # fmt: skip
            error=True,
        )
    return found


def _write_csv(path: Path | None, header: list[str], rows: list[list]) -> None:
    if path is None:
        return
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    say(_("Written: {file}").format(file=path), error=True)


def groups_command(
    municipality: str = _municipality(),
    start: str = _from(),
    end: str = _to(),
    as_json: bool = _json(),
    csv_file: Path = _csv(),
    reveal: str = _reveal(),
) -> None:
    found = _network(municipality, start, end, reveal)
    totals = found.group_totals()
    accounts = sorted(found.accounts.values(), key=lambda a: (a.group, a.platform, a.name))
    rows = [[a.platform, a.name, a.group, a.how, " ".join(a.matched)] for a in accounts]
    _write_csv(csv_file, ["platform", "account", "group", "how", "matched"], rows)
    if as_json:
        print_json({
            "municipality": found.municipality, "from": found.start, "to": found.end,
            "groups": totals,
            "accounts": [dict(zip(["platform", "account", "group", "how", "matched"],
                                  [a.platform, a.name, a.group, a.how, list(a.matched)],
                                  strict=True)) for a in accounts],
        })  # fmt: skip
        return
    say(
        _("Local ecosystem of {code}, {start} to {end}:").format(
            code=found.municipality, start=found.start, end=found.end
        )
    )
    for group, total in totals.items():
        say(
            ngettext(
                "  {group}: {count} account; interactions with the municipality: {interactions}",
                "  {group}: {count} accounts; interactions with the municipality: {interactions}",
                total["accounts"],
            ).format(
                group=ecosystem.group_label(group),
                count=number(total["accounts"]),
                interactions=number(total["interactions"]),
            )
        )
    for a in accounts:
        how = {"register": _("registry"), "rules": _("rules"), "correction": _("correction")}
        say(
            _("{platform} {account}: {group} ({how})").format(
                platform=a.platform,
                account=a.name,
                group=ecosystem.group_label(a.group),
                how=how[a.how],
            )  # fmt: skip
        )


def network_command(
    municipality: str = _municipality(),
    start: str = _from(),
    end: str = _to(),
    as_json: bool = _json(),
    csv_file: Path = _csv(),
    reveal: str = _reveal(),
) -> None:
    found = _network(municipality, start, end, reveal)
    rows = []
    for e in found.edges:
        src, dst = found.account(e, "source"), found.account(e, "target")
        rows.append([e.platform, src.name, src.group, dst.name, dst.group, e.replies, e.mentions])
    header = ["platform", "from", "from_group", "to", "to_group", "replies", "mentions"]
    _write_csv(csv_file, header, rows)
    if as_json:
        print_json({"municipality": found.municipality, "from": found.start, "to": found.end,
                    "edges": [dict(zip(header, row, strict=True)) for row in rows]})  # fmt: skip
        return
    say(
        ngettext(
            "Who talks with whom around {code}, {start} to {end}: {count} connection.",
            "Who talks with whom around {code}, {start} to {end}: {count} connections.",
            len(rows),
        ).format(code=found.municipality, start=found.start, end=found.end, count=len(rows))
    )
    for platform, src, _sg, dst, _dg, replies, mentions in rows:
        say(
            _("{platform} {source} → {target}: replies {replies}, mentions {mentions}").format(
                platform=platform,
                source=src,
                target=dst,
                replies=number(replies),
                mentions=number(mentions),
            )  # fmt: skip
        )


def connectors_command(
    municipality: str = _municipality(),
    start: str = _from(),
    end: str = _to(),
    top: int = typer.Option(10, "--top", min=1, help=_("How many accounts to show.")),
    as_json: bool = _json(),
    csv_file: Path = _csv(),
    reveal: str = _reveal(),
) -> None:
    found = _network(municipality, start, end, reveal)
    ranked = found.connectors(top)
    header = ["rank", "platform", "account", "group", "partners", "interactions"]
    rows = [[i, a.platform, a.name, a.group, partners, total]
            for i, (a, partners, total) in enumerate(ranked, 1)]  # fmt: skip
    _write_csv(csv_file, header, rows)
    if as_json:
        print_json({"municipality": found.municipality, "from": found.start, "to": found.end,
                    "connectors": [dict(zip(header, r, strict=True)) for r in rows]})  # fmt: skip
        return
    say(
        _("Top connectors around {code}, {start} to {end}:").format(
            code=found.municipality, start=found.start, end=found.end
        )
    )
    for rank, platform, name, group, partners, total in rows:
        say(
            ngettext(
                "{rank}. {platform} {account} ({group}): {partners} partner; interactions: {total}",
                "{rank}. {platform} {account} ({group}): {partners} partners; interactions: {total}",
                partners,
            ).format(
                rank=rank,
                platform=platform,
                account=name,
                group=ecosystem.group_label(group),
                partners=number(partners),
                total=number(total),
            )  # fmt: skip
        )


def correct_command(
    platform: str = typer.Option(..., "--platform", help=_("The account's platform.")),
    handle: str = typer.Option(..., "--handle", help=_("The account's handle.")),
    group: str = typer.Option(..., "--group", help=_("The group it belongs to.")),
) -> None:
    ws = current_workspace()
    try:
        file = ecosystem.correct(ws, platform, handle, group)
    except ecosystem.CorrectionError as error:
        fail(str(error))
    say(
        _("Correction saved in {file}: the account is now {group}.").format(
            file=file, group=ecosystem.group_label(group.strip().lower())
        )
    )


def register(app: typer.Typer) -> None:
    eco = App(
        help=_("The local ecosystem: the accounts around a municipality and who talks with whom."),
        no_args_is_help=True,
    )
    eco.command("groups", help=_("The accounts around a municipality in the book's seven groups."))(
        groups_command
    )
    eco.command("network", help=_("The reply and mention network around a municipality."))(
        network_command
    )
    eco.command("connectors", help=_("The accounts with the most distinct partners."))(
        connectors_command
    )
    eco.command("correct", help=_("Put one account in a group by hand (over the rules)."))(
        correct_command
    )
    app.add_typer(eco, name="ecosystem")
