"""Population per municipality from CBS's open data service (OData v3, JSON).

The "Kerncijfers wijken en buurten" table of a year holds the inhabitants of every
municipality on 1 January of that year (column ``AantalInwoners_5``, rows keyed by the
region code ``GM####`` padded with spaces). One request with a filter on ``GM`` codes
returns them; a ``odata.nextLink`` in the answer is followed for further pages.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from meetlat.i18n import _
from meetlat.reference import service
from meetlat.reference.tables import POPULATION_COLUMNS, read_rows, write_rows

ODATA_BASE = "https://opendata.cbs.nl/ODataApi/odata"
# "Kerncijfers wijken en buurten" per year (population on 1 January of that year).
KWB_TABLES = {
    2016: "83487NED",
    2017: "83765NED",
    2018: "84286NED",
    2019: "84583NED",
    2020: "84799NED",
    2021: "85039NED",
    2022: "85318NED",
    2023: "85618NED",
    2024: "85984NED",
}
REGION_KEY = "WijkenEnBuurten"
INHABITANTS_PREFIX = "AantalInwoners"
MAX_PAGES = 100  # a municipality query is one page; never follow links forever

Fetch = Callable[[str], bytes]


class CbsError(Exception):
    """The service could not be reached or answered something unexpected."""


@dataclass(frozen=True)
class Update:
    year: int
    url: str
    figures: dict[str, int]  # GM code -> inhabitants
    skipped: list[str]  # codes in the answer that are no municipality of Tabel 33
    path: Path


def table_url(year: int, table: str | None = None) -> str:
    table_id = table or KWB_TABLES.get(year)
    if table_id is None:
        known = ", ".join(str(y) for y in KWB_TABLES)
        raise CbsError(
            _(
                "No CBS table known for {year} (known: {known}); give one with --table or --url."
            ).format(year=year, known=known)
        )
    query = urllib.parse.urlencode(
        {"$filter": f"startswith({REGION_KEY},'GM')", "$format": "json"}, safe="$,'()"
    )
    return f"{ODATA_BASE}/{table_id}/TypedDataSet?{query}"


def table_of(url: str) -> str:
    """The CBS table id in an OData URL (e.g. 85984NED), or the URL itself."""
    found = re.search(r"/(\d{5}[A-Za-z]{3})/", url)
    return found.group(1) if found else url


def http_get(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        raise CbsError(
            _("CBS answered {status} for {url}.").format(status=error.code, url=url)
        ) from error
    except OSError as error:  # URLError, timeouts, refused connections
        reason = getattr(error, "reason", error)
        raise CbsError(_("Cannot reach {url}: {reason}").format(url=url, reason=reason)) from error


def parse_page(body: bytes, url: str) -> tuple[dict[str, int], str | None]:
    """The municipalities' inhabitants in one answer, and the link to the next page."""
    try:
        document = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        message = _("The answer from {url} is not JSON: {error}").format(url=url, error=error)
        raise CbsError(message) from error
    rows = document.get("value") if isinstance(document, dict) else None
    if not isinstance(rows, list):
        raise CbsError(_("The answer from {url} has no list of rows ('value').").format(url=url))
    figures: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        region = str(row.get(REGION_KEY, "")).strip() if isinstance(row, dict) else ""
        if not region.startswith("GM"):
            continue
        columns = [key for key in row if key.startswith(INHABITANTS_PREFIX)]
        value = row[columns[0]] if columns else None
        if not isinstance(value, int) or value < 0:
            raise CbsError(
                _("Row {number} ({region}) of {url} has no number of inhabitants.").format(
                    number=number, region=region, url=url
                )
            )
        figures[region] = value
    return figures, document.get("odata.nextLink")


def fetch(url: str, get: Fetch = http_get) -> dict[str, int]:
    figures: dict[str, int] = {}
    next_url: str | None = url
    for _page in range(MAX_PAGES):
        if next_url is None:
            break
        page, next_url = parse_page(get(next_url), next_url)
        figures.update(page)
    if not figures:
        raise CbsError(_("The answer from {url} holds no municipalities.").format(url=url))
    return figures


def update(
    year: int,
    reference_dir: Path,
    url: str | None = None,
    table: str | None = None,
    get: Fetch = http_get,
) -> Update:
    """Fetch ``year``'s population and write it into the workspace's population file.

    Figures of other years already in the file stay; those of ``year`` are replaced.
    """
    source_url = url or table_url(year, table)
    fetched = fetch(source_url, get)
    known = {code: n for code, n in fetched.items() if service.exists(code)}
    skipped = sorted(set(fetched) - set(known))
    path = reference_dir / service.OVERRIDE_FILE
    rows: list[dict] = []
    if path.exists():
        rows = [r for r in read_rows(path, POPULATION_COLUMNS) if int(r["year"]) != year]
    source = f"cbs-odata:{table or table_of(source_url)}"
    rows += [
        {"code": code, "year": year, "inhabitants": n, "approximate": "false", "source": source}
        for code, n in known.items()
    ]
    rows.sort(key=lambda r: (r["code"], int(r["year"])))
    write_rows(path, POPULATION_COLUMNS, rows)
    return Update(year=year, url=source_url, figures=known, skipped=skipped, path=path)
