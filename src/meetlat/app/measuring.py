"""Measuring, ranking and comparing: the figures every front end shows.

Each function measures from the measurement facts, which it first brings up to date
when the data changed since they were built (``facts_starting`` is called just before
such an update, so that a front end can say why the answer takes longer); the
``FactsUpdate`` tells what that did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from meetlat import reference
from meetlat.app.facts import FactsUpdate, update_facts
from meetlat.indicators import activity as activity_figures
from meetlat.indicators import service, words
from meetlat.ranking import compare as comparing
from meetlat.ranking import national, peers, rank, rules
from meetlat.warehouse.recovery import import_running
from meetlat.warehouse.schema import ROLES
from meetlat.workspace import Workspace

ENGINES = ("duckdb", "spark")
BY = ("account", "municipality")
COLUMNS = service.COLUMNS
RANKINGS = rules.RANKINGS
CORPORATE = rules.CORPORATE
rank_column = rank.rank_column
peer_group_label = peers.label
PEER_GROUPS = peers.PEER_GROUPS

__all__ = [
    "BY",
    "COLUMNS",
    "CORPORATE",
    "ENGINES",
    "PEER_GROUPS",
    "RANKINGS",
    "ROLES",
    "Measured",
    "Top",
    "activity",
    "activity_by_municipality",
    "compare",
    "measure",
    "peer_group_label",
    "rank_column",
    "ranking",
    "top",
    "top_words_by_municipality",
    "top_reach",
    "top_words",
]

Starting = Callable[[], None] | None


@dataclass(frozen=True)
class Measured:
    """A result frame and what updating the facts before it did. ``import_running``: an
    import was running in the workspace, so the figures leave out what it adds."""

    frame: object  # a pandas DataFrame
    facts: FactsUpdate
    import_running: bool = False


def measure(
    ws: Workspace,
    start: date,
    end: date,
    roles: Sequence[str] | None = None,
    by: str = "account",
    engine: str = "duckdb",
    facts_starting: Starting = None,
) -> Measured:
    """Every indicator per registry account (or municipality) for the Europe/Amsterdam
    days ``start`` … ``end``; the columns are COLUMNS (docs/indicators.md)."""
    running = import_running(ws.warehouse)
    update = update_facts(ws, engine, facts_starting)
    frame = service.measure(ws, start, end, roles=roles, by=by, engine=engine)
    return Measured(frame, update, running)


def ranking(
    ws: Workspace,
    start: date,
    end: date,
    role: str = "corporate",
    min_replies: int = 10,
    peer_group: str | None = None,
    engine: str = "duckdb",
    facts_starting: Starting = None,
    by: str = "account",
) -> Measured:
    """The book's composite ranking of the ``role`` accounts (or, ``by="municipality"``,
    of the municipalities, their ``role`` accounts pooled as `measure --by municipality`
    does): the measurement with each component's rank, their sum (``total``) and the
    ``position``; within peer groups (``size`` or ``province``, column ``peer_group``)."""
    measured = measure(ws, start, end, [role], by, engine, facts_starting)
    rows = measured.frame
    group_by = None
    if peer_group:
        rows = peers.add_peer_group(rows, peer_group)
        group_by = "peer_group"
    frame = rank.composite(rows, RANKINGS[role], min_replies=min_replies, group_by=group_by)
    return Measured(frame, measured.facts, measured.import_running)


@dataclass(frozen=True)
class Top:
    """The book's Tabel 10: the best interaction percentages and mean reaction times, and
    the national average row above them (the mean over every ranked row)."""

    interaction: object  # a DataFrame: rank, municipality_name, interaction_pct, ...
    reaction: object  # a DataFrame: rank, municipality_name, reaction_time_mean_min, ...
    interaction_mean: float | None
    reaction_mean: float | None


def top(rows, min_replies: int, limit: int = 10) -> Top:
    """Tabel 10 from a ranking frame: the best interaction, the best mean reaction time of
    the rows with at least ``min_replies`` timed replies, and the national averages."""
    interaction, reaction = CORPORATE[0], CORPORATE[1]
    return Top(
        rank.top(rows, interaction, limit, min_replies),
        rank.top(rows, reaction, limit, min_replies),
        national.interaction_mean(rows)[0],
        national.reaction_mean(rows)[0],
    )


def top_reach(rows, limit: int = 10):
    """The book's Tabel 9 from a ranking frame: the rows with the highest relative reach
    (mean potential reach per post over inhabitants), ties sharing a rank."""
    return rank.top(rows, CORPORATE[2], limit)


def compare(
    ws: Workspace,
    period_a: tuple[date, date],
    period_b: tuple[date, date],
    role: str = "corporate",
    facts_starting: Starting = None,
) -> Measured:
    """Year-over-year changes per municipality, through mergers (ranking/compare.py)."""
    first = measure(ws, *period_a, roles=[role], by="municipality", facts_starting=facts_starting)
    second = service.measure(ws, *period_b, roles=[role], by="municipality")
    frame = comparing.compare(first.frame, second, period_b[1])
    return Measured(frame, first.facts, first.import_running)


def activity(ws, start, end, roles=None, municipality=None, platform=None, handle=None,
             engine="duckdb"):  # fmt: skip
    """Posts per weekday and local hour (168 rows) of the selected accounts."""
    return activity_figures.activity(ws, start, end, roles, municipality, platform, handle, engine)


def top_words(ws, start, end, roles=None, municipality=None, platform=None, handle=None,
              top: int = 25, engine: str = "duckdb"):  # fmt: skip
    """(top words, top hashtags) of the selected accounts' own posts."""
    args = (start, end, roles, municipality, platform, handle)
    return (
        words.words(ws, *args, top=top, engine=engine),
        words.hashtags(ws, *args, top=top, engine=engine),
    )


def activity_by_municipality(ws, start, end, roles=None, engine="duckdb") -> dict:
    """Municipality code → its ``activity`` frame, for every municipality with a measured
    account, in one pass (the reports of ``--all``)."""
    return activity_figures.by_municipality(ws, start, end, roles, engine)


def top_words_by_municipality(ws, start, end, roles=None, top: int = 25,
                              engine: str = "duckdb") -> tuple[dict, dict]:  # fmt: skip
    """(code → top words, code → top hashtags) as ``top_words`` gives them per
    municipality, for every municipality at once (one without any is left out)."""
    return words.by_municipality(ws, start, end, roles, top=top, engine=engine)


def municipality_code(value: str) -> str | None:
    """A CBS municipality code as typed (GM0363, 363) in its normal form, or None when
    no such municipality exists."""
    code = reference.normalise_code(value)
    return code if reference.exists(code) else None
