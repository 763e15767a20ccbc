"""The national figures of a period beside those of a year earlier (``meetlat national``,
the national report): means over the corporate and council accounts, the share of
municipalities that replied, platform adoption (ranking/national.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from meetlat import accounts, reference
from meetlat.app.facts import FactsUpdate
from meetlat.app.measuring import Starting, measure
from meetlat.indicators import service
from meetlat.indicators.periods import year_earlier
from meetlat.ranking import national as figures
from meetlat.ranking.national import Figure
from meetlat.workspace import Workspace

ROLES = [figures.CORPORATE, figures.COUNCIL]


@dataclass(frozen=True)
class National:
    start: date
    end: date
    previous_start: date
    previous_end: date
    figures: list[Figure]
    facts: FactsUpdate
    import_running: bool = False
    # the measurement the figures are computed from: the corporate and council accounts
    # of the period, by account (as `measuring.measure(ws, start, end, ROLES, "account")`)
    accounts: object = None

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def as_dict(self) -> dict:
        return {
            "period": [self.start.isoformat(), self.end.isoformat()],
            "previous_period": [self.previous_start.isoformat(), self.previous_end.isoformat()],
            "figures": [f.as_dict() for f in self.figures],
        }


def _figures(frame, registry: list[dict], day: date) -> list[Figure]:
    codes = [m.code for m in reference.municipalities_on(day)]
    return [
        *figures.account_means(frame),
        figures.replied_share(frame),
        *figures.adoption(registry, codes, day),
    ]


def national(ws: Workspace, start: date, end: date, facts_starting: Starting = None) -> National:
    """The national figures of ``start`` … ``end`` and of the same days a year earlier."""
    measured = measure(ws, start, end, ROLES, "account", facts_starting=facts_starting)
    first, last = year_earlier(start, end)
    earlier = service.measure(ws, first, last, roles=ROLES, by="account")
    registry = accounts.load(ws).to_pylist()
    found = figures.with_previous(
        _figures(measured.frame, registry, end), _figures(earlier, registry, last)
    )
    return National(start, end, first, last, found, measured.facts, measured.import_running,
                    measured.frame)  # fmt: skip
