"""`meetlat synth`: realistic synthetic data in the platforms' own formats."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from meetlat.cli import choices
from meetlat.cli.common import console, fail, print_json
from meetlat.i18n import _, number
from meetlat.synth.service import FORMATS, SynthError, SynthOptions, generate


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(
            _("{option} {value!r} is not a date (expected YYYY-MM-DD, e.g. 2014-04-01).").format(
                option=option, value=value
            )
        )


def synth_command(
    municipalities: int = typer.Option(
        40, "--municipalities", help=_("Number of real municipalities to invent accounts for.")
    ),
    posts: int = typer.Option(20_000, "--posts", help=_("Number of posts to write.")),
    format: str = choices.option("x-v2", "--format", tuple(FORMATS), _("Format: {values}.")),
    out: Path = typer.Option(..., "--out", help=_("Folder to write into (new or empty).")),
    seed: int = typer.Option(1, "--seed", help=_("Seed: the same seed gives the same data.")),
    start: str = typer.Option("2014-04-01", "--start", help=_("First day (YYYY-MM-DD).")),
    end: str = typer.Option("2014-06-30", "--end", help=_("Last day (YYYY-MM-DD).")),
    as_json: bool = typer.Option(
        False, "--json", help=_("Print what was written as one JSON object.")
    ),
) -> None:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    format = choices.choose(format, tuple(FORMATS), "--format")
    options = SynthOptions(
        municipalities=municipalities,
        posts=posts,
        format=format,
        out=out,
        seed=seed,
        start=_day(start, "--start"),
        end=_day(end, "--end"),
    )
    try:
        if as_json or not console.is_terminal:
            result = generate(options)
        else:
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[done]}"),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            ) as bar:
                task = bar.add_task(_("Writing posts"), total=posts, done="0")

                def progress(done: int, total: int) -> None:
                    bar.update(task, completed=done, done=number(done))

                result = generate(options, progress)
    except SynthError as exc:
        fail(str(exc), code=2)
    if as_json:
        print_json(result.as_dict())
        return
    console.print(
        _(
            "✔ {posts} synthetic posts of {municipalities} municipalities "
            "({accounts} municipal accounts) in {files} files, in {seconds} s"
        ).format(
            posts=number(result.posts),
            municipalities=number(result.municipalities),
            accounts=number(result.accounts),
            files=number(len(result.files)),
            seconds=number(result.seconds, 1),
        ),
        soft_wrap=True,
    )
    console.print(_("Load it with:"), soft_wrap=True)
    console.print(f"  meetlat accounts import {out / 'accounts.csv'}", soft_wrap=True)
    console.print(f"  meetlat import {out / 'posts'}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command(
        "synth",
        help=_(
            "Write realistic synthetic posts of municipal accounts (X v2 or Mastodon), "
            "with an accounts registry and a SYNTHETIC.md, for demos, tests and benchmarks."
        ),
    )(synth_command)
