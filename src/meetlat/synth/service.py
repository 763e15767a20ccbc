"""``generate(options)``: write a synthetic data set to a folder.

The folder gets:

- ``posts/``: the posts in the platform's own format (X v2 twarc2 pages or Mastodon
  statuses as JSON lines), split over several files: import it with ``meetlat import``;
- ``accounts.csv``: the registry of the synthetic municipal accounts, for
  ``meetlat accounts import``;
- ``SYNTHETIC.md``: what this is, how it was made and how to load it.

The same options (and seed) give the same bytes. Memory stays flat: the posts are made
and written one day at a time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

from meetlat.i18n import _
from meetlat.synth import accounts as accounts_module
from meetlat.synth.clock import calendar, epoch_ms
from meetlat.synth.compose import Composer
from meetlat.synth.plan import Plan, batch_len

FORMATS = {"x-v2": "x", "mastodon": "mastodon"}
DEFAULT_START = date(2014, 4, 1)
DEFAULT_END = date(2014, 6, 30)
POSTS_PER_CITIZEN = 16  # citizens in the data set: one per this many posts (bounded below)
MIN_CITIZENS = 200
MAX_CITIZENS = 150_000


class SynthError(ValueError):
    """Options that cannot give a data set; the message says which and why."""


@dataclass(frozen=True)
class SynthOptions:
    municipalities: int
    posts: int
    format: str
    out: Path
    seed: int = 1
    start: date = DEFAULT_START
    end: date = DEFAULT_END


@dataclass
class SynthResult:
    out: Path
    format: str
    posts: int
    municipalities: int
    accounts: int  # municipal accounts in accounts.csv
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "out": str(self.out),
            "format": self.format,
            "posts": self.posts,
            "municipalities": self.municipalities,
            "registry_accounts": self.accounts,
            "files": [str(f) for f in self.files],
            "seconds": round(self.seconds, 3),
        }


def check(options: SynthOptions) -> None:
    if options.format not in FORMATS:
        raise SynthError(
            _("Unknown format {format}: expected one of {formats}.").format(
                format=options.format, formats=", ".join(FORMATS)
            )
        )
    if options.posts < 1:
        raise SynthError(_("Ask for at least one post."))
    if options.end < options.start:
        raise SynthError(
            _("The end date {end} is before the start date {start}.").format(
                end=options.end.isoformat(), start=options.start.isoformat()
            )
        )
    posts_folder = options.out / "posts"
    if posts_folder.exists() and any(posts_folder.iterdir()):
        raise SynthError(
            _("{folder} already holds files: choose an empty or new folder.").format(
                folder=posts_folder
            )
        )


def generate(
    options: SynthOptions, progress: Callable[[int, int], None] | None = None
) -> SynthResult:
    """Write the data set; ``progress(posts_written, posts_total)`` is called per day."""
    check(options)
    began = time.perf_counter()
    platform = FORMATS[options.format]
    seeds = np.random.SeedSequence(options.seed).spawn(3)
    rng_places, rng_accounts, rng_plan = (np.random.default_rng(s) for s in seeds)
    try:
        places = accounts_module.choose_places(options.municipalities, options.start, rng_places)
    except accounts_module.TooManyMunicipalities as exc:
        raise SynthError(str(exc)) from exc

    start_ms = epoch_ms(
        datetime(options.start.year, options.start.month, options.start.day, tzinfo=UTC)
    )
    end_day = options.end + timedelta(days=1)
    end_ms = epoch_ms(datetime(end_day.year, end_day.month, end_day.day, tzinfo=UTC))
    citizens = min(MAX_CITIZENS, max(MIN_CITIZENS, options.posts // POSTS_PER_CITIZEN))
    accounts = accounts_module.build(places, citizens, start_ms, rng_accounts)
    behaviour = accounts_module.behaviour(accounts, accounts_module.topic_names(), rng_accounts)
    cal = calendar(options.start, options.end)
    plan = Plan(accounts, behaviour, cal, options.posts, platform, rng_plan)

    out = options.out
    folder = out / "posts"
    folder.mkdir(parents=True, exist_ok=True)
    composer = Composer(accounts, options.seed)
    writer = _writer(options.format, folder, accounts, composer, start_ms, end_ms)
    written = 0
    for day, batch in plan.days():
        writer.write(batch, cal.day(day).strftime("%Y-%m"))
        written += batch_len(batch)
        if progress is not None:
            progress(written, options.posts)
    files = writer.close()
    registry = accounts_module.write_registry(out / "accounts.csv", accounts, platform)
    result = SynthResult(
        out=out,
        format=options.format,
        posts=written,
        municipalities=len(places),
        accounts=registry,
        files=files,
        seconds=time.perf_counter() - began,
    )
    _write_note(out / "SYNTHETIC.md", options, result)
    return result


def _writer(format_name: str, folder: Path, accounts, composer, start_ms: int, end_ms: int):
    if format_name == "x-v2":
        from meetlat.synth.xv2 import XPages

        return XPages(folder, accounts, composer, start_ms, end_ms)
    from meetlat.synth.mastodon import MastodonStatuses

    return MastodonStatuses(folder, accounts, composer, start_ms, end_ms)


def _write_note(path: Path, options: SynthOptions, result: SynthResult) -> None:
    lines = [
        "# " + _("Synthetic data: not real posts, accounts or people"),
        "",
        _(
            "Everything in this folder was made by `meetlat synth`. The municipality codes "
            "and names are real; the accounts, posts, followers and people are invented."
        ),
        _(
            "Every display name ends in (synthetisch); every X v2 page carries "
            '"synthetic": true in its meta, every Mastodon status a "synthetic": true key.'
        ),
        "",
        "## " + _("How it was made"),
        "",
        f"- format: {options.format}",
        f"- municipalities: {result.municipalities}",
        f"- posts: {result.posts}",
        f"- period: {options.start.isoformat()} .. {options.end.isoformat()}",
        f"- seed: {options.seed}",
        f"- files: {len(result.files)}",
        "",
        "## " + _("How to load it"),
        "",
        "```",
        f"meetlat accounts import {path.parent / 'accounts.csv'}",
        f"meetlat import {path.parent / 'posts'}",
        "```",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
