"""MDTO 1.0 XML records (Metagegevens voor Duurzaam Toegankelijke Overheidsinformatie).

One function per kind of record, each giving the bytes of one ``<MDTO>`` document:

- ``informatieobject`` — a post (aggregatieniveau "Archiefstuk"), a conversation
  ("Dossier", whose parts are its posts) or the series of one account's posts in a period
  ("Serie");
- ``bestand`` — a raw archived file the posts were read from, with its sha256.

The words inside the records (``begripLabel`` values such as "Archiefstuk" or
"Tijdelijk te bewaren", the names of the begrippenlijsten) are the standard's own Dutch
terms and are written as they are, whatever the user's language. ``validate`` checks a
record against the MDTO XML schema 1.0.2 shipped in ``data/`` (the Nationaal Archief's,
unchanged; 1.0.2 also forbids empty required values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

NAMESPACE = "https://www.nationaalarchief.nl/mdto"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_FILE = "MDTO-XML1.0.2.xsd"
SCHEMA_PATH = Path(__file__).parent / "data" / SCHEMA_FILE

AGGREGATION_LIST = "Begrippenlijst Aggregatieniveaus MDTO"
EVENT_LIST = "Begrippenlijst EventTypeLijst MDTO"
VALUATION_LIST = "Begrippenlijst Waarderingen MDTO"
CHECKSUM_LIST = "Begrippenlijst ChecksumAlgoritme MDTO"
FORMAT_LIST = "PRONOM-register"
TIME_LIST = "Begrippenlijst DekkingInTijdType MDTO"
RELATION_LIST = "Meetlat relaties tussen berichten"  # our own list (MDTO allows one)

POST, CONVERSATION, SERIES = "Archiefstuk", "Dossier", "Serie"
LANGUAGE = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")  # xsd:language


@dataclass(frozen=True)
class Term:
    """A ``begripGegevens``: a label, an optional code, and the list it comes from."""

    label: str
    source: str
    code: str | None = None


@dataclass(frozen=True)
class Reference:
    """A ``verwijzingGegevens``: a name and, optionally, an identification in a source."""

    name: str
    key: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Span:
    """A ``termijnGegevens``: a period starting at a trigger or a date."""

    trigger: Term | None = None
    start: str | None = None  # YYYY-MM-DD
    duration: str | None = None  # ISO 8601, e.g. P10Y
    end: str | None = None  # YYYY-MM-DD


@dataclass(frozen=True)
class Restriction:
    """A ``beperkingGebruikGegevens``."""

    kind: Term
    description: str | None = None
    term: Span | None = None


@dataclass(frozen=True)
class Relation:
    target: Reference
    kind: Term


@dataclass(frozen=True)
class Event:
    kind: Term
    time: str | None = None  # xsd:dateTime
    actor: Reference | None = None


@dataclass
class InformationObject:
    identifications: list[tuple[str, str]]  # (kenmerk, bron), at least one
    name: str
    level: str  # POST, CONVERSATION or SERIES
    valuation: Term
    producers: list[Reference]  # archiefvormer, at least one
    restrictions: list[Restriction]  # beperkingGebruik, at least one
    descriptions: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    online: str | None = None  # raadpleeglocatieOnline
    period: tuple[str, str | None] | None = None  # dekkingInTijd begin, end (dates)
    languages: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    retention: Span | None = None
    category: Term | None = None  # informatiecategorie (the selectielijst's)
    part_of: list[Reference] = field(default_factory=list)
    parts: list[Reference] = field(default_factory=list)
    representations: list[Reference] = field(default_factory=list)
    related: list[Relation] = field(default_factory=list)


@dataclass
class FileObject:
    key: str  # identificatieKenmerk: the sha256 of the archived file
    source: str  # identificatieBron
    name: str
    size: int
    file_format: Term
    checksum: str  # sha256, hex
    checksum_time: str  # xsd:dateTime
    represents: Reference


def _element(parent, tag: str, text: str | None = None):
    node = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
    if text is not None:
        node.text = _clean(text)
    return node


def _clean(text: str) -> str:
    """XML 1.0 cannot carry most control characters: they are left out."""
    return "".join(c for c in str(text) if c in "\t\n\r" or ord(c) >= 0x20)


def _term(parent, tag: str, term: Term) -> None:
    node = _element(parent, tag)
    _element(node, "begripLabel", term.label)
    if term.code:
        _element(node, "begripCode", term.code)
    _reference(node, "begripBegrippenlijst", Reference(term.source))


def _reference(parent, tag: str, ref: Reference) -> None:
    node = _element(parent, tag)
    _element(node, "verwijzingNaam", ref.name)
    if ref.key and ref.source:
        ident = _element(node, "verwijzingIdentificatie")
        _element(ident, "identificatieKenmerk", ref.key)
        _element(ident, "identificatieBron", ref.source)


def _period_term(parent, tag: str, term: Span) -> None:
    node = _element(parent, tag)
    if term.trigger:
        _term(node, "termijnTriggerStartLooptijd", term.trigger)
    if term.start:
        _element(node, "termijnStartdatumLooptijd", term.start)
    if term.duration:
        _element(node, "termijnLooptijd", term.duration)
    if term.end:
        _element(node, "termijnEinddatum", term.end)


def _document():
    root = etree.Element(f"{{{NAMESPACE}}}MDTO", nsmap={None: NAMESPACE, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NAMESPACE} {SCHEMA_FILE}")
    return root


def _bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def informatieobject(obj: InformationObject) -> bytes:
    """The MDTO XML of an information object, its elements in the schema's order."""
    root = _document()
    node = _element(root, "informatieobject")
    for key, source in obj.identifications:
        ident = _element(node, "identificatie")
        _element(ident, "identificatieKenmerk", key)
        _element(ident, "identificatieBron", source)
    _element(node, "naam", obj.name)
    _term(node, "aggregatieniveau", Term(obj.level, AGGREGATION_LIST))
    for word in obj.keywords:
        _element(node, "trefwoord", word)
    for text in obj.descriptions:
        _element(node, "omschrijving", text)
    if obj.online:
        place = _element(node, "raadpleeglocatie")
        _element(place, "raadpleeglocatieOnline", obj.online)
    if obj.period:
        cover = _element(node, "dekkingInTijd")
        _term(cover, "dekkingInTijdType", Term("Periode", TIME_LIST))
        _element(cover, "dekkingInTijdBegindatum", obj.period[0])
        if obj.period[1]:
            _element(cover, "dekkingInTijdEinddatum", obj.period[1])
    for language in obj.languages:
        if LANGUAGE.match(language or ""):
            _element(node, "taal", language)
    for event in obj.events:
        happening = _element(node, "event")
        _term(happening, "eventType", event.kind)
        if event.time:
            _element(happening, "eventTijd", event.time)
        if event.actor:
            _reference(happening, "eventVerantwoordelijkeActor", event.actor)
    _term(node, "waardering", obj.valuation)
    if obj.retention:
        _period_term(node, "bewaartermijn", obj.retention)
    if obj.category:
        _term(node, "informatiecategorie", obj.category)
    for ref in obj.part_of:
        _reference(node, "isOnderdeelVan", ref)
    for ref in obj.parts:
        _reference(node, "bevatOnderdeel", ref)
    for ref in obj.representations:
        _reference(node, "heeftRepresentatie", ref)
    for relation in obj.related:
        related = _element(node, "gerelateerdInformatieobject")
        _reference(related, "gerelateerdInformatieobjectVerwijzing", relation.target)
        _term(related, "gerelateerdInformatieobjectTypeRelatie", relation.kind)
    for ref in obj.producers:
        _reference(node, "archiefvormer", ref)
    for restriction in obj.restrictions:
        limit = _element(node, "beperkingGebruik")
        _term(limit, "beperkingGebruikType", restriction.kind)
        if restriction.description:
            _element(limit, "beperkingGebruikNadereBeschrijving", restriction.description)
        if restriction.term:
            _period_term(limit, "beperkingGebruikTermijn", restriction.term)
    return _bytes(root)


def bestand(obj: FileObject) -> bytes:
    """The MDTO XML of a file with its size, format and sha256 checksum."""
    root = _document()
    node = _element(root, "bestand")
    ident = _element(node, "identificatie")
    _element(ident, "identificatieKenmerk", obj.key)
    _element(ident, "identificatieBron", obj.source)
    _element(node, "naam", obj.name)
    _element(node, "omvang", str(obj.size))
    _term(node, "bestandsformaat", obj.file_format)
    checksum = _element(node, "checksum")
    _term(checksum, "checksumAlgoritme", Term("SHA256", CHECKSUM_LIST))
    _element(checksum, "checksumWaarde", obj.checksum)
    _element(checksum, "checksumDatum", obj.checksum_time)
    _reference(node, "isRepresentatieVan", obj.represents)
    return _bytes(root)


@cache
def schema(path: Path = SCHEMA_PATH) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


def validate(document: bytes, path: Path = SCHEMA_PATH) -> list[str]:
    """The schema's complaints about ``document`` (line and message); empty when valid."""
    checker = schema(path)
    tree = etree.fromstring(document)
    if checker.validate(tree):
        return []
    return [f"{error.line}: {error.message}" for error in checker.error_log]


# The PRONOM format of an archived file, by what Meetlat knows of it (its reader and
# compression); a file of no known PRONOM entry is named by its media type alone.
FORMATS = {
    "gzip": Term("GZIP Format", FORMAT_LIST, "x-fmt/266"),
    "zip": Term("ZIP Format", FORMAT_LIST, "x-fmt/263"),
    "json": Term("JSON Data Interchange Format", FORMAT_LIST, "fmt/817"),
    "csv": Term("Comma Separated Values", FORMAT_LIST, "x-fmt/18"),
    "jsonl": Term("JSON Lines (application/jsonl)", FORMAT_LIST),
    "js": Term("JavaScript (text/javascript)", FORMAT_LIST),
    "car": Term("Content Addressable aRchive (application/vnd.ipld.car)", FORMAT_LIST),
}


def file_format(name: str, compression: str | None, member: str | None) -> Term:
    """The format of an archived file from its name, its compression and zip member."""
    if compression in ("gzip", "gz") or name.endswith(".gz"):
        return FORMATS["gzip"]
    if member or name.endswith(".zip"):
        return FORMATS["zip"]
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return FORMATS.get(suffix, Term("Onbekend formaat (application/octet-stream)", FORMAT_LIST))
