"""What the dashboard and overview pages show, gathered once and kept.

A municipality's dashboard is its municipality report (meetlat.reports.municipality:
``gather`` for what every municipality's report shares, ``build`` for its own), kept
under the workspace's data key (meetlat.app.facts.data_key: the facts' key and the
stored questionnaire answers), so that an import or a submitted questionnaire makes the
next request gather again and every other request is served from memory. The national
overview of a published version is built from its frozen files and kept under the
version's manifest; the drafts (the live figures) are computed for the researcher alone.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date

from meetlat import reference
from meetlat.app import facts, publishing, questionnaire
from meetlat.i18n import language
from meetlat.indicators.periods import named_period
from meetlat.reports import municipality, overview, render
from meetlat.reports.charts import Table
from meetlat.reports.issue import Subheading

OVERVIEW_TABLES = ("national", "top_interaction", "top_reaction_time", "ranking",
                   "average_municipality")  # fmt: skip


class Kept:
    """A small store of computed values, the least recently used dropped first; one
    value is computed at a time (a second request for it waits and gets the first's)."""

    def __init__(self, size: int):
        self.size = size
        self.values: OrderedDict = OrderedDict()
        self.lock = threading.Lock()
        self.computing = threading.Lock()

    def get(self, key, make: Callable[[], object]):
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
        with self.computing:
            with self.lock:
                if key in self.values:
                    return self.values[key]
            value = make()
            with self.lock:
                self.values[key] = value
                while len(self.values) > self.size:
                    self.values.popitem(last=False)
            return value

    def clear(self) -> None:
        with self.lock:
            self.values.clear()


GATHERED = Kept(4)  # per (data key, period, edition): what every dashboard shares
DASHBOARDS = Kept(256)  # per (data key, code, period, edition, language): the sections
OVERVIEWS = Kept(32)  # per (workspace, manifest, language) of a published version
QUARTERS = Kept(512)  # per (data key, municipality): the quarters with posts


def clear() -> None:
    for kept in (GATHERED, DASHBOARDS, OVERVIEWS, QUARTERS):
        kept.clear()


# --- periods ---------------------------------------------------------------------------


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarters(ws, code: str | None = None) -> list[str]:
    """The quarters in which the registry accounts of ``code`` (None: of any
    municipality) sent posts, latest first (none: an empty list); kept per data key."""
    key = (str(ws.root), facts.data_key(ws), code)
    found = QUARTERS.get(key, lambda: facts.quarters_with_posts(ws, code))
    return [f"{year}Q{quarter}" for year, quarter in found]


def edition_for(ws, year: int) -> str:
    """The questionnaire edition of a year: its own, else the latest one before it, else
    the first there is."""
    names = questionnaire.available_editions(ws)
    earlier = [n for n in names if n.isdigit() and int(n) <= year]
    if str(year) in names:
        return str(year)
    if earlier:
        return max(earlier, key=int)
    return sorted(names)[0]


# --- what the pages show -----------------------------------------------------------------


def _table(table: Table) -> dict:
    aligned = table.aligned()
    return {
        "caption": table.caption,
        "head": list(zip(table.columns, aligned, strict=True)),
        "rows": [list(zip(row, aligned, strict=False)) for row in table.rows],
    }


def shown(sections) -> list[dict]:
    """Report sections as the page templates show them: each block a dict with its
    ``kind`` (text, list, table, chart, subheading)."""
    found = []
    for section in sections:
        blocks = []
        for block in section.blocks:
            kind = render.kind(block)
            if kind == "chart":
                blocks.append({"kind": "chart", "chart": block, "uri": block.data_uri(),
                               "table": _table(block.table)})  # fmt: skip
            elif kind == "table":
                blocks.append({"kind": "table", "table": _table(block)})
            elif isinstance(block, Subheading):
                blocks.append({"kind": "subheading", "text": block.subheading})
            elif isinstance(block, str):
                blocks.append({"kind": "text", "text": block})
            else:
                blocks.append({"kind": "list", "items": list(block)})
        found.append({"key": section.key, "title": section.title, "blocks": blocks})
    return found


def dashboard(ws, code: str, period: str) -> dict:
    """The dashboard of municipality ``code`` for a quarter: ``title``, ``subtitle``,
    ``sections`` (as ``shown``), ``edition`` and ``facts`` (the report's). Raises
    municipality.NoAccounts when it has no registry account."""
    start, end = named_period(period)
    edition = edition_for(ws, start.year)
    key = facts.data_key(ws)
    gathered = GATHERED.get(
        (str(ws.root), key, period, edition),
        lambda: municipality.gather(ws, start, end, edition),
    )

    def make() -> dict:
        report = municipality.build(ws, gathered, code, "")
        return {"title": report.title, "subtitle": report.subtitle, "edition": edition,
                "sections": shown(report.sections), "facts": report.facts}  # fmt: skip

    return DASHBOARDS.get((str(ws.root), key, code, period, edition, language()), make)


def municipality_name(code: str) -> str | None:
    try:
        return reference.get(code).name
    except reference.UnknownMunicipality:
        return None


def _manifest_key(manifest: dict) -> str:
    return hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()


def published_overview(ws, edition: str, version: int) -> dict:
    """The overview of a published version, from its frozen files."""
    manifest = publishing.manifest(ws, edition, version)

    def make() -> dict:
        tables = {
            name: publishing.table_document(ws, edition, version, name)["rows"]
            for name in OVERVIEW_TABLES
        }
        chosen = questionnaire.edition(edition, ws)
        return {"manifest": manifest, "sections": shown(overview.build(tables, chosen))}

    return OVERVIEWS.get((str(ws.root), _manifest_key(manifest), language()), make)


def draft_overview(ws, edition: str, start: date, end: date) -> dict:
    """The overview of the live figures (not published: for the researcher alone)."""

    def make() -> dict:
        tables = publishing.compute_tables(ws, edition, start, end)
        chosen = questionnaire.edition(edition, ws)
        return {"sections": shown(overview.build(tables, chosen))}

    key = (str(ws.root), facts.data_key(ws), edition, start, end, language(), "concept")
    return OVERVIEWS.get(key, make)
