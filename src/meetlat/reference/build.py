"""Derive the package's reference tables from the public source files.

Run it on the folder that holds the sources (the layout of ``shared/data/reference``)::

    python -m meetlat.reference.build /work/shared/data/reference

It writes ``data/municipalities.csv`` and ``data/population.csv`` next to this module
(both committed; Meetlat never reads the sources at run time) and, with
``--cbs-recording FILE``, a CBS OData response in the real shape made from the 2024
figures, used by the tests of ``meetlat reference update``.

Every step fails loudly when the sources do not line up (a name that matches no code,
a count that is not 403 on 2014-01-01 or 342 on 2025-01-01), so a changed source can
never silently produce a wrong table. This is a developer tool: its messages are
English and not translated.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from meetlat.reference.tables import (
    DATA_DIR,
    MUNICIPALITY_COLUMNS,
    POPULATION_COLUMNS,
    is_municipality_code,
)

FRYSLAN = "Fryslân"
# Province abbreviations of the 2014 almanac.
ALMANAC_PROVINCES = {
    "DR": "Drenthe",
    "FL": "Flevoland",
    "FR": FRYSLAN,
    "GLD": "Gelderland",
    "GR": "Groningen",
    "LB": "Limburg",
    "NB": "Noord-Brabant",
    "NH": "Noord-Holland",
    "OV": "Overijssel",
    "UT": "Utrecht",
    "ZH": "Zuid-Holland",
    "ZLD": "Zeeland",
}
PROVINCES = frozenset(ALMANAC_PROVINCES.values())
# Names used by a source that differ from Tabel 33 by more than spelling.
NAME_ALIASES = {
    "den haag": "'s-gravenhage",
    "den bosch": "'s-hertogenbosch",
    "s-gravenhage": "'s-gravenhage",  # 2023 file: leading apostrophe lost
    "s-hertogenbosch": "'s-hertogenbosch",
    "bergen nh": "bergen (nh)",  # 2014 almanac abbreviations
    "hengelo ov": "hengelo (o)",
    "mill en st hubert": "mill en sint hubert",
    "nuenen ca": "nuenen, gerwen en nederwetten",
    "kollumerland ca": "kollumerland en nieuwkruisland",
    "súdwest fryslân": "súdwest-fryslân",
    "hengelo": "hengelo (o)",  # 2023 file: only one Hengelo left
}
# Checks from the issue: municipalities in force on these dates.
EXPECTED_COUNTS = {date(2014, 1, 1): 403, date(2025, 1, 1): 342}

_BLOCK = re.compile(r"^gem:gm(\d{4}) a brp:Gemeente ;\n(.*?) \.$", re.M | re.S)
_PROPERTY = re.compile(r"^\s+(\S+) (.+?) [;.]?$")


@dataclass
class Record:
    code: str
    name: str
    valid_from: date | None = None
    valid_to: date | None = None
    merged_into: str | None = None
    province: str | None = None
    province_source: str | None = None

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


def gm(digits: str) -> str:
    return f"GM{int(digits):04d}"


def parse_tabel33(path: Path) -> dict[str, Record]:
    """The Turtle file of Tabel 33: one block per code, five known properties."""
    text = path.read_text(encoding="utf-8")
    records: dict[str, Record] = {}
    for match in _BLOCK.finditer(text + "\n"):
        digits, body = match.groups()
        values: dict[str, str] = {}
        for line in (body + " .").splitlines():
            prop = _PROPERTY.match(line)
            if not prop:
                raise ValueError(f"{path}: cannot read line {line!r} of code {digits}")
            values[prop.group(1)] = prop.group(2)
        label = re.fullmatch(r'"(.*)"@nl', values["rdfs:label"])
        if not label or values.get("skos:notation") != f'"{digits}"':
            raise ValueError(f"{path}: code {digits} has no label or a different notation")
        record = Record(code=gm(digits), name=label.group(1))
        if "dct:valid" in values:
            record.valid_from = _ttl_date(values["dct:valid"])
        if "brp:datumEinde" in values:
            record.valid_to = _ttl_date(values["brp:datumEinde"])
        if "brp:nieuwGemeentecode" in values:
            record.merged_into = gm(values["brp:nieuwGemeentecode"].removeprefix("gem:gm"))
        records[record.code] = record
    if len(records) != text.count("a brp:Gemeente"):
        raise ValueError(f"{path}: read {len(records)} codes, expected one per brp:Gemeente")
    return records


def _ttl_date(value: str) -> date:
    return date.fromisoformat(value.removesuffix("^^xsd:date").strip('"'))


def name_key(name: str) -> str:
    """A name reduced to what sources agree on: case, apostrophes, dots, 'Gemeente'."""
    key = unicodedata.normalize("NFC", name).strip().lower()
    key = key.replace("’", "'").replace("`", "'")
    key = key.removeprefix("gemeente ")
    key = re.sub(r"\s*\(\s*([^)]*?)\.?\s*\)", lambda m: f" ({m.group(1).replace('.', '')})", key)
    key = re.sub(r"\s+", " ", key)
    return NAME_ALIASES.get(key.replace(".", ""), key)


def match_name(name: str, candidates: dict[str, str]) -> str | None:
    """The code whose name matches; a garbled character (U+FFFD) matches any one letter."""
    key = name_key(name)
    if key in candidates:
        return candidates[key]
    if "\ufffd" in key:
        pattern = re.compile(".".join(re.escape(part) for part in key.split("\ufffd")))
        hits = [code for cand, code in candidates.items() if pattern.fullmatch(cand)]
        if len(hits) == 1:
            return hits[0]
    return None


def names_in_force(records: dict[str, Record], day: date) -> dict[str, str]:
    names: dict[str, str] = {}
    for record in records.values():
        if is_municipality_code(record.code) and record.in_force(day):
            key = name_key(record.name)
            if key in names:
                raise ValueError(f"two municipalities named {record.name!r} on {day}")
            names[key] = record.code
    return names


def fix_province(name: str) -> str:
    cleaned = name.strip()
    if cleaned in {"Friesland"} or re.fullmatch("Frysl.{1,3}n", cleaned):
        return FRYSLAN
    if cleaned not in PROVINCES:
        raise ValueError(f"unknown province {name!r}")
    return cleaned


def read_sotshouse(path: Path) -> list[dict]:
    """The 2014 list is a JavaScript array assigned to a variable; its body is JSON."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("[") : text.rindex("]") + 1])


def read_jorisheijkant(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def read_almanac(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Only the municipalities themselves: not boroughs, islands or joint services.
    return [row for row in rows if row["gemeente.naam"].startswith("Gemeente ")]


def add_provinces(records: dict[str, Record], sources: Path) -> None:
    for item in read_sotshouse(sources / "gemeenten-2014-sotshouse/sots_gemeentes_woningmarkt.js"):
        record = records[item["GM_CODE"]]
        record.province = fix_province(item["Provincie"])
        record.province_source = "sotshouse-2014"
    names_2023 = names_in_force(records, date(2023, 1, 1))
    for row in read_jorisheijkant(sources / "gemeenten-2023-jorisheijkant/gemeenten.csv"):
        code = match_name(row["Gemeente"], names_2023)
        if code is None:
            raise ValueError(f"2023 name {row['Gemeente']!r} matches no municipality")
        record = records[code]
        province = fix_province(row["Provincie"])
        if record.province and record.province != province:
            raise ValueError(f"{code}: province {record.province} in 2014, {province} in 2023")
        if record.province is None:
            record.province, record.province_source = province, "jorisheijkant-2023"
    # Municipalities that ended before 2014 lie in their successor's province.
    for record in records.values():
        if record.province is None and is_municipality_code(record.code):
            successor = _final_successor(records, record)
            if successor is not record and successor.province:
                record.province, record.province_source = successor.province, "successor"


def _final_successor(records: dict[str, Record], record: Record) -> Record:
    seen = {record.code}
    while record.merged_into and record.merged_into in records:
        record = records[record.merged_into]
        if record.code in seen:
            raise ValueError(f"merger cycle through {record.code}")
        seen.add(record.code)
    return record


@dataclass(frozen=True)
class Figure:
    code: str
    year: int
    inhabitants: int
    approximate: bool
    source: str


def population_figures(records: dict[str, Record], sources: Path) -> list[Figure]:
    """One figure per (code, year), the best source first: CBS 2024, 2023, openspending, almanac."""
    figures: dict[tuple[str, int], Figure] = {}

    def put(figure: Figure) -> None:
        figures.setdefault((figure.code, figure.year), figure)

    kwb = json.loads((sources / "cbs-kwb-2024/stripped_filtered_data_2024.json").read_text())
    for region, values in kwb.items():
        if region.startswith("GM"):
            put(Figure(region, 2024, int(values["AantalInwoners_5"]), False, "cbs-kwb-2024"))

    names_2023 = names_in_force(records, date(2023, 1, 1))
    for row in read_jorisheijkant(sources / "gemeenten-2023-jorisheijkant/gemeenten.csv"):
        code = match_name(row["Gemeente"], names_2023)
        put(Figure(code, 2023, int(row["Inwoners"]), False, "jorisheijkant-2023"))

    spending = json.loads((sources / "openspending-nl/governments.json").read_text())
    for government in spending["objects"]:
        code = government["code"]
        if code not in records or government["kind"] != "county":
            raise ValueError(f"openspending: {code} is not a municipality of Tabel 33")
        for metric in government["metrics"]:
            if metric["metric"] == "population":
                year = int(metric["year"])
                put(Figure(code, year, int(metric["factor"]), False, "openspending"))

    names_2014 = names_in_force(records, date(2014, 3, 1))
    names_2013 = names_in_force(records, date(2013, 12, 31))
    for row in read_almanac(sources / "almanak-2014/gemeenten.csv"):
        code = match_name(row["gemeente.afkorting"], names_2014)
        if code is None:
            # Still listed in March 2014 but merged on 1 January 2014: a stale figure.
            if match_name(row["gemeente.afkorting"], names_2013) is None:
                raise ValueError(f"almanac name {row['gemeente.afkorting']!r} matches no code")
            continue
        put(Figure(code, 2014, int(row["gemeente.aantalInwoners"]), True, "almanak-2014"))

    unknown = sorted({f.code for f in figures.values()} - set(records))
    if unknown:
        raise ValueError(f"population for codes not in Tabel 33: {unknown}")
    return sorted(figures.values(), key=lambda f: (f.code, f.year))


def check_counts(records: dict[str, Record]) -> None:
    for day, expected in EXPECTED_COUNTS.items():
        found = sum(1 for r in records.values() if is_municipality_code(r.code) and r.in_force(day))
        if found != expected:
            raise ValueError(f"{found} municipalities on {day}, expected {expected}")


def write_municipalities(records: dict[str, Record], path: Path) -> int:
    rows = [r for r in records.values() if is_municipality_code(r.code)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MUNICIPALITY_COLUMNS)
        for r in sorted(rows, key=lambda r: r.code):
            writer.writerow(
                [
                    r.code,
                    r.name,
                    r.province or "",
                    r.province_source or "",
                    r.valid_from.isoformat() if r.valid_from else "",
                    r.valid_to.isoformat() if r.valid_to else "",
                    r.merged_into or "",
                ]
            )
    return len(rows)


def write_population(figures: list[Figure], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(POPULATION_COLUMNS)
        for f in figures:
            writer.writerow(
                [f.code, f.year, f.inhabitants, "true" if f.approximate else "false", f.source]
            )


def write_cbs_recording(records: dict[str, Record], figures: list[Figure], path: Path) -> int:
    """The answer CBS's OData v3 service gives for the 2024 municipality figures.

    Same URL, keys and padding as the service (region keys are padded to 10 characters),
    filled with the real 2024 figures that are already in the package.
    """
    table = "85984NED"
    rows = [
        {"WijkenEnBuurten": f.code.ljust(10), "AantalInwoners_5": f.inhabitants}
        for f in figures
        if f.year == 2024
    ]
    document = {
        "odata.metadata": f"https://opendata.cbs.nl/ODataApi/OData/{table}/$metadata"
        "#Cbs.OData.WebAPI.TypedDataSet&$select=WijkenEnBuurten,AantalInwoners_5",
        "value": rows,
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(rows)


def build(sources: Path, out: Path = DATA_DIR, cbs_recording: Path | None = None) -> str:
    records = parse_tabel33(sources / "rvig-tabel33/tabel33-gemeente.ttl")
    check_counts(records)
    add_provinces(records, sources)
    figures = population_figures(records, sources)
    out.mkdir(parents=True, exist_ok=True)
    count = write_municipalities(records, out / "municipalities.csv")
    write_population(figures, out / "population.csv")
    no_province = sum(
        1 for r in records.values() if is_municipality_code(r.code) and r.province is None
    )
    report = (
        f"{count} municipalities ({no_province} without a known province), "
        f"{len(figures)} population figures"
    )
    if cbs_recording is not None:
        report += (
            f", CBS recording with {write_cbs_recording(records, figures, cbs_recording)} rows"
        )
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path, help="folder with the source files")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="folder for the tables")
    parser.add_argument("--cbs-recording", type=Path, help="also write the CBS OData recording")
    args = parser.parse_args(argv)
    sys.stdout.write(build(args.sources, args.out, args.cbs_recording) + "\n")


if __name__ == "__main__":
    main()
