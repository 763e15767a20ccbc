"""`make demo` (``python -m meetlat.cli.demo``): Meetlat from nothing to figures, on synthetic data.

The demo runs a list of steps (``STEPS``), each a function of one ``Demo`` context:
a fresh workspace, synthetic posts of 40 municipalities, their accounts registry, the
import, and an overview of posts and replies per municipality. Later parts of Meetlat
add their own steps (measurement, rankings, questionnaire) to the list.

The demo works in its own folder, ``demo`` inside the Meetlat home (``$MEETLAT_HOME/demo``,
by default ``./meetlat-data/demo``), or in the folder given with ``--home``, and
never touches another workspace: it only clears a folder it made itself (recognised by
its marker file). It is a terminal front end like the commands: every figure comes from
the use cases in meetlat.app, rendered with the commands' own tables.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console
from rich.table import Table

from meetlat import reference, reports, settings, workspace
from meetlat.app import accounts, importing, measuring, publishing, questionnaire, serving
from meetlat.cli.assess import show_assessment
from meetlat.cli.common import console
from meetlat.cli.importer import print_summary
from meetlat.cli.rank import ranking_table, top_tables
from meetlat.cli.survey import show_summary
from meetlat.i18n import _, ngettext, number
from meetlat.synth.service import SynthOptions, generate

DEMO_FOLDER = "demo"
MARKER = ".meetlat-demo"
DEFAULT_MUNICIPALITIES = 40
DEFAULT_POSTS = 20_000


class DemoError(Exception):
    """The demo cannot go on; the message says why (already translated)."""


@dataclass
class Demo:
    home: Path
    municipalities: int = DEFAULT_MUNICIPALITIES
    posts: int = DEFAULT_POSTS
    seed: int = 1
    console: Console = field(default_factory=lambda: Console(highlight=False))
    workspace: object = None  # meetlat.workspace.Workspace, after step_workspace
    synthetic: Path | None = None  # the synth output folder
    synth_result: object = None
    import_summary: object = None
    facts: dict = field(default_factory=dict)  # figures later steps (and tests) may use
    serve: bool = False  # serve the web application at the end (in a terminal)

    def heading(self, text: str) -> None:
        self.console.print()
        self.console.rule(f"[bold]{text}[/bold]")


def step_workspace(demo: Demo) -> None:
    """A fresh demo folder with a new workspace inside."""
    home = demo.home
    if home.exists() and any(home.iterdir()):
        if not (home / MARKER).exists():
            raise DemoError(
                _(
                    "{folder} exists and was not made by the demo: choose another folder "
                    "with --home."
                ).format(folder=home)
            )
        shutil.rmtree(home)
    home.mkdir(parents=True, exist_ok=True)
    (home / MARKER).write_text("made by python -m meetlat.cli.demo\n", encoding="utf-8")
    demo.workspace = workspace.init(home / "workspace")
    demo.heading(_("Meetlat demo"))
    demo.console.print(
        _("Demo folder: {folder} (workspace in {workspace})").format(
            folder=home.resolve(), workspace=demo.workspace.root
        ),
    )


def step_synth(demo: Demo) -> None:
    """Synthetic X v2 posts of the demo's municipalities."""
    demo.heading(_("Synthetic data"))
    demo.synthetic = demo.home / "synthetic"
    result = generate(
        SynthOptions(
            municipalities=demo.municipalities,
            posts=demo.posts,
            format="x-v2",
            out=demo.synthetic,
            seed=demo.seed,
        )
    )
    demo.synth_result = result
    demo.console.print(
        _(
            "{posts} synthetic posts (X v2) of {municipalities} municipalities, "
            "{accounts} municipal accounts, April to June 2014, in {seconds} s"
        ).format(
            posts=number(result.posts),
            municipalities=number(result.municipalities),
            accounts=number(result.accounts),
            seconds=number(result.seconds, 1),
        ),
    )


def step_registry(demo: Demo) -> None:
    """The synthetic municipal accounts into the accounts registry."""
    merge = accounts.import_accounts(demo.workspace, demo.synthetic / "accounts.csv").merge
    demo.console.print(
        ngettext(
            "Accounts registry: {count} municipal account",
            "Accounts registry: {count} municipal accounts",
            merge.total,
        ).format(count=number(merge.total))
    )


def step_import(demo: Demo) -> None:
    """The synthetic posts into archive and warehouse, with the import summary."""
    demo.heading(_("Import"))
    began = time.perf_counter()
    summary = importing.import_files(demo.workspace, [demo.synthetic / "posts"]).summary
    demo.import_summary = summary
    demo.facts["import_seconds"] = time.perf_counter() - began
    print_summary(summary)


DEMO_START, DEMO_END = date(2014, 4, 1), date(2014, 6, 30)  # the book's second quarter
DEMO_MIN_REPLIES = 10


def overview_rows(ws) -> list[dict]:
    """Posts sent and replies to others per municipality of the registry, in the demo's
    period: the measurement per municipality (the same figures as `meetlat measure
    --by municipality`), busiest first."""
    frame = measuring.measure(ws, DEMO_START, DEMO_END, by="municipality").frame
    rows = [
        {
            "code": row.municipality_code,
            "accounts": len(row.handle.split(",")) if row.handle else 0,
            "posts": int(row.posts_sent),
            "replies": int(row.replies_sent),
            "interaction_pct": row.interaction_pct,
        }
        for row in frame.itertuples()
    ]
    return sorted(rows, key=lambda r: (-r["posts"], r["code"]))


def step_overview(demo: Demo) -> None:
    """A table of posts and replies per municipality."""
    demo.heading(_("Posts and replies per municipality"))
    rows = overview_rows(demo.workspace)
    table = Table(show_footer=True)
    total_posts = sum(r["posts"] for r in rows)
    total_replies = sum(r["replies"] for r in rows)
    table.add_column(_("Municipality"), footer=_("Total"))
    table.add_column(_("Code"))
    table.add_column(_("Accounts"), justify="right")
    table.add_column(_("Posts"), justify="right", footer=number(total_posts))
    table.add_column(_("Replies"), justify="right", footer=number(total_replies))
    table.add_column(_("Replies %"), justify="right")
    for row in rows:
        share = row["interaction_pct"] if row["posts"] else 0
        table.add_row(
            reference.get(row["code"]).name,
            row["code"],
            number(row["accounts"]),
            number(row["posts"]),
            number(row["replies"]),
            number(share, 1),
        )
    demo.console.print(table)
    demo.facts["overview"] = rows


def step_rankings(demo: Demo) -> None:
    """The measurement of the corporate accounts: Tabel 10 and the composite top 10."""
    demo.heading(_("Measurement and rankings, April to June 2014"))
    ranked = measuring.ranking(
        demo.workspace, DEMO_START, DEMO_END, "corporate", DEMO_MIN_REPLIES, None
    )
    frame = ranked.frame
    demo.console.print(top_tables(frame, DEMO_MIN_REPLIES))
    demo.console.print(ranking_table(frame, measuring.CORPORATE, 10, demo.console.width))
    demo.facts["ranking"] = frame


def step_questionnaire(demo: Demo) -> None:
    """Synthetic questionnaire answers, one municipality's profile and advice, the
    national summary beside the book's 2014 figures."""
    demo.heading(_("Questionnaire and growth model"))
    codes = sorted({row["code"] for row in demo.facts.get("overview", [])})
    questionnaire_section(demo.workspace, codes)


def questionnaire_section(ws, codes: list[str], edition_name: str = "2014") -> None:
    """Fill the questionnaire for ``codes``, import it, print one assessment and the summary."""
    result = questionnaire.synthetic_survey(ws, codes, edition_name)
    edition = result.edition
    if result.not_existing:
        console.print(
            ngettext(
                "{count} municipality did not exist on {day} and gets no answers to "
                "edition {edition}.",
                "{count} municipalities did not exist on {day} and get no answers to "
                "edition {edition}.",
                result.not_existing,
            ).format(
                count=number(result.not_existing),
                day=edition.fieldwork,
                edition=edition.name,
            ),
        )
    if result.file is None:
        return
    console.print(
        ngettext(
            "Questionnaire {edition}: synthetic answers of {count} municipality imported "
            "from {file}.",
            "Questionnaire {edition}: synthetic answers of {count} municipalities imported "
            "from {file}.",
            result.imported,
        ).format(edition=edition.name, count=number(result.imported), file=result.file),
    )
    show_assessment(result.example)
    show_summary(result.summary, edition)


def step_report(demo: Demo) -> None:
    """The national report of the demo's quarter and questionnaire, and the report of the
    first municipality, as HTML and PDF in the demo folder (generated now: the demo passes
    the moment in, as `meetlat report` does)."""
    demo.heading(_("National report"))
    began = time.perf_counter()
    html, pdf = demo.home / "landelijk-rapport.html", demo.home / "landelijk-rapport.pdf"
    moment = datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ")
    reports.write_national(demo.workspace, DEMO_START, DEMO_END, "2014", moment, html, pdf)
    code = sorted(row["code"] for row in overview_rows(demo.workspace))[0]
    local = demo.home / f"rapport-{code}.html", demo.home / f"rapport-{code}.pdf"
    reports.write_municipality(demo.workspace, DEMO_START, DEMO_END, "2014", moment, code, *local)
    demo.facts["municipality_report"] = {"code": code, "html": local[0], "pdf": local[1]}
    demo.facts["report"] = {"html": html, "pdf": pdf, "seconds": time.perf_counter() - began}
    demo.console.print(
        _("National report: {html} and {pdf}, in {seconds} s").format(
            html=html, pdf=pdf, seconds=number(demo.facts["report"]["seconds"], 1)
        )
    )
    demo.console.print(
        _("Report of {name}: {html} and {pdf}").format(
            name=reference.get(code).name, html=local[0], pdf=local[1]
        )
    )


def step_publish(demo: Demo) -> None:
    """Edition 2014 published: its figures of April to June frozen as open data."""
    published = publishing.publish(demo.workspace, "2014", DEMO_START, DEMO_END, by="demo")
    demo.facts["published"] = published
    demo.console.print(
        _("Edition {edition} is published as version {version}.").format(
            edition=published.edition, version=published.version
        )
    )


def step_web(demo: Demo) -> None:
    """The web application of the demo workspace: a researcher login and two respondent
    links, printed; served until Ctrl-C when the demo runs in a terminal (not with SERVE=0)."""
    demo.heading(_("Web application"))
    codes = sorted(row["code"] for row in overview_rows(demo.workspace))[:2]
    people = serving.demo_people(demo.workspace.root, codes)
    demo.facts["web"] = people
    demo.console.print(_("Address: {url}/").format(url=people["base_url"]))
    demo.console.print(_("Open data: {url}/opendata/").format(url=people["base_url"]))
    published = demo.facts.get("published")
    if published is not None:
        demo.facts["overview_url"] = (
            f"{people['base_url']}/overzicht/{published.edition}/{published.version}/"
        )
        demo.console.print(
            _("National overview: {address}").format(address=demo.facts["overview_url"])
        )
    quarter = f"{DEMO_START.year}Q{(DEMO_START.month - 1) // 3 + 1}"
    demo.facts["dashboard_urls"] = {}
    for code in codes:
        address = f"{people['base_url']}/dashboard/{code}/{quarter}/"
        demo.facts["dashboard_urls"][code] = address
        demo.console.print(
            _("Dashboard of {name} (the researcher and its respondents):").format(
                name=reference.get(code).name
            )
        )
        demo.console.print(f"  {address}", soft_wrap=True)
    demo.console.print(
        _("Researcher: user name {name}, password {password}").format(
            name=people["username"], password=people["password"]
        )
    )
    for item in people["links"]:
        demo.console.print(
            _("Invitation for {name}:").format(name=reference.get(item["code"]).name)
        )
        demo.console.print(f"  {item['link']}", soft_wrap=True)  # copied whole: one line
    if not demo.serve:
        demo.console.print(
            _("Not serving (no terminal, or SERVE=0): start it with `meetlat serve`.")
        )
        return
    address = urlsplit(people["base_url"])
    demo.console.print(_("Serving; stop with Ctrl-C."))
    serving.serve(address.hostname or "127.0.0.1", address.port or 8000, home=demo.workspace.root)


STEPS: list[Callable[[Demo], None]] = [
    step_workspace,
    step_synth,
    step_registry,
    step_import,
    step_overview,
    step_rankings,
    step_questionnaire,
    step_report,
    step_publish,
    step_web,
]


def run(demo: Demo, steps: list[Callable[[Demo], None]] | None = None) -> Demo:
    for step in steps if steps is not None else STEPS:
        step(demo)
    return demo


def default_home() -> Path:
    """The demo's folder when no --home is given: ``demo`` inside MEETLAT_HOME, so the
    demo honours the user's home and never clears the workspace that lives there."""
    return settings.load().home / DEMO_FOLDER


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m meetlat.cli.demo", description=_("Meetlat from nothing to figures.")
    )
    parser.add_argument(
        "--home", type=Path, default=None, help=_("Demo folder (default: MEETLAT_HOME/demo).")
    )
    parser.add_argument(
        "--municipalities", type=int, default=DEFAULT_MUNICIPALITIES, help=_("Municipalities.")
    )
    parser.add_argument("--posts", type=int, default=DEFAULT_POSTS, help=_("Posts."))
    parser.add_argument("--seed", type=int, default=1, help=_("Seed of the synthetic data."))
    args = parser.parse_args(argv)
    demo = Demo(
        home=args.home or default_home(), municipalities=args.municipalities, posts=args.posts
    )
    demo.seed = args.seed
    demo.serve = sys.stdout.isatty() and os.environ.get("SERVE", "1") != "0"
    try:
        run(demo)
    except DemoError as exc:
        demo.console.print(f"[red]✗[/red] {exc}")
        return 1
    demo.console.print()
    demo.console.print(
        _("Done. Explore further with MEETLAT_HOME={workspace} meetlat --help").format(
            workspace=demo.workspace.root
        ),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
