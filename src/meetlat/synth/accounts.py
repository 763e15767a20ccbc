"""The synthetic accounts: municipal accounts of real municipalities, citizens, organisations.

Municipalities are drawn (seeded) from the reference data valid on the start date. Each
gets a corporate account ``gemeente<name>`` and some get a council account
``raad<name>``; followers grow with the population, with noise. Citizens ask the
questions; organisations (police, local news) write the posts the municipalities repost
and quote. Every display name ends in "(synthetisch)".

Accounts are numbered: municipal accounts first (corporate, then council), then
organisations, then citizens. Every property is an array indexed by that number.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from meetlat.i18n import _
from meetlat.synth import texts

CORPORATE, COUNCIL, ORGANISATION, CITIZEN = 0, 1, 2, 3
COUNCIL_SHARE = 0.35  # share of municipalities that also have a council account
ORGANISATIONS_PER_PLACE = 2  # politie<name>, <name>nieuws
SYNTHETIC_MARK = "(synthetisch)"
DAY_MS = 86_400_000

# What a municipal account posts, per unit of activity:
# original, thread, repost, quote, citizen's question to it.
UNIT_MIX = {
    CORPORATE: np.array([0.40, 0.05, 0.14, 0.04, 0.37]),
    COUNCIL: np.array([0.58, 0.07, 0.22, 0.05, 0.08]),
}
RAAD_TOPIC = "raad"


class TooManyMunicipalities(ValueError):
    """More municipalities asked for than existed on the start date."""


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    province: str
    inhabitants: int
    slug: str  # ASCII lower case letters and digits of the name


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_name.lower())


def choose_places(count: int, on: date, rng: np.random.Generator) -> list[Place]:
    """``count`` municipalities existing on ``on``, drawn with ``rng``, in code order."""
    from meetlat import reference

    existing = sorted(reference.municipalities_on(on), key=lambda m: m.code)
    if count > len(existing):
        raise TooManyMunicipalities(
            _("Asked for {count} municipalities, but only {available} existed on {day}.").format(
                count=count, available=len(existing), day=on.isoformat()
            )
        )
    if count < 1:
        raise TooManyMunicipalities(_("Ask for at least one municipality."))
    picked = sorted(rng.choice(len(existing), size=count, replace=False).tolist())
    places = []
    for index in picked:
        municipality = existing[index]
        try:
            inhabitants = reference.population(municipality.code, on.year).inhabitants
        except reference.NoPopulation:
            inhabitants = 25_000  # the size of a typical Dutch municipality
        places.append(
            Place(
                code=municipality.code,
                name=municipality.name,
                province=municipality.province or "",
                inhabitants=inhabitants,
                slug=slug(municipality.name) or municipality.code.lower(),
            )
        )
    return places


def _unique(handles: list[str], codes: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for handle, code in zip(handles, codes, strict=True):
        if handle in seen:
            handle = f"{handle}{code[2:]}"
        seen.add(handle)
        result.append(handle)
    return result


def _base36(value: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        value, rest = divmod(value, 36)
        out = digits[rest] + out
        if value == 0:
            return out


@dataclass
class Accounts:
    places: list[Place]
    kind: np.ndarray  # int8: CORPORATE, COUNCIL, ORGANISATION, CITIZEN
    place: np.ndarray  # int32: index into places (a citizen's home municipality)
    user_id: np.ndarray  # int64: the platform's id of the account
    handle: list[str]
    display_name: list[str]
    created_ms: np.ndarray  # int64
    followers: np.ndarray  # int64, at the start of the period
    growth: np.ndarray  # float: relative follower growth over the period
    following: np.ndarray  # int64
    posts_before: np.ndarray  # int64: posts before the period
    n_municipal: int  # accounts 0 .. n_municipal-1 are municipal
    organisation_start: int
    citizen_start: int
    citizen_block_start: np.ndarray  # per place: first citizen living there
    citizen_block_count: np.ndarray  # per place: how many citizens live there

    def __len__(self) -> int:
        return len(self.kind)


def build(places: list[Place], citizens: int, start_ms: int, rng: np.random.Generator) -> Accounts:
    """The accounts of ``places`` plus ``citizens`` citizens, drawn with ``rng``."""
    n_places = len(places)
    # Citizens live in blocks per municipality (at least one each), by population.
    inhabitants = np.array([p.inhabitants for p in places], dtype=float)
    share = inhabitants / inhabitants.sum()
    block_count = 1 + np.floor(share * max(0, citizens - n_places)).astype(np.int64)
    citizens = int(block_count.sum())
    block_start = np.concatenate([[0], np.cumsum(block_count)[:-1]]).astype(np.int64)

    has_council = rng.random(n_places) < COUNCIL_SHARE
    council_places = np.flatnonzero(has_council)
    n_municipal = n_places + len(council_places)
    n_org = n_places * ORGANISATIONS_PER_PLACE
    total = n_municipal + n_org + citizens

    kind = np.full(total, CITIZEN, dtype=np.int8)
    kind[:n_places] = CORPORATE
    kind[n_places:n_municipal] = COUNCIL
    kind[n_municipal : n_municipal + n_org] = ORGANISATION
    place = np.empty(total, dtype=np.int32)
    place[:n_places] = np.arange(n_places)
    place[n_places:n_municipal] = council_places
    place[n_municipal : n_municipal + n_org] = np.repeat(
        np.arange(n_places), ORGANISATIONS_PER_PLACE
    )
    citizen_start = n_municipal + n_org
    place[citizen_start:] = np.repeat(np.arange(n_places), block_count)

    # Ids: one slot per account, in shuffled order, so ids are unique and look random.
    slots = rng.permutation(total).astype(np.int64)
    stride = 2_000_000_000 // total
    user_id = 20_000_000 + slots * stride + rng.integers(0, stride, total)
    age_days = np.where(
        kind <= COUNCIL, rng.integers(700, 2200, total), rng.integers(30, 2500, total)
    )
    created_ms = start_ms - age_days * DAY_MS - slots  # distinct milliseconds
    pop = inhabitants[place]

    followers = np.empty(total, dtype=np.int64)
    noise = rng.lognormal(0.0, 0.5, total)
    followers[:n_places] = np.maximum(150, pop[:n_places] * 0.06 * noise[:n_places])
    followers[n_places:n_municipal] = np.maximum(
        40, pop[n_places:n_municipal] * 0.008 * noise[n_places:n_municipal]
    )
    org = slice(n_municipal, citizen_start)
    followers[org] = np.maximum(300, pop[org] * 0.03 * noise[org])
    followers[citizen_start:] = rng.lognormal(np.log(150), 1.2, citizens).astype(np.int64)
    growth = np.where(kind <= COUNCIL, rng.uniform(0.01, 0.08, total), rng.uniform(0, 0.02, total))
    following = rng.lognormal(np.log(400), 0.9, total).astype(np.int64) + 5
    posts_before = np.where(
        kind <= COUNCIL,
        rng.lognormal(np.log(3500), 0.8, total),
        rng.lognormal(np.log(1500), 1.3, total),
    ).astype(np.int64)

    handles = _unique(
        [f"gemeente{p.slug}" for p in places] + [f"raad{places[i].slug}" for i in council_places],
        [p.code for p in places] + [places[i].code for i in council_places],
    )
    names = [f"Gemeente {p.name} {SYNTHETIC_MARK}" for p in places] + [
        f"Gemeenteraad {places[i].name} {SYNTHETIC_MARK}" for i in council_places
    ]
    for p in places:
        handles += [f"politie_{p.slug}", f"{p.slug}nieuws"]
        names += [f"Politie {p.name} {SYNTHETIC_MARK}", f"Nieuws uit {p.name} {SYNTHETIC_MARK}"]
    first = rng.integers(0, len(texts.FIRST_NAMES), citizens)
    last = rng.integers(0, len(texts.SURNAMES), citizens)
    for i in range(citizens):
        given = texts.FIRST_NAMES[first[i]]
        family = texts.SURNAMES[last[i]]
        handles.append(f"{slug(given)}_{slug(family)}_{_base36(i)}")
        names.append(f"{given} {family} {SYNTHETIC_MARK}")

    return Accounts(
        places=places,
        kind=kind,
        place=place,
        user_id=user_id,
        handle=handles,
        display_name=names,
        created_ms=created_ms,
        followers=followers,
        growth=growth,
        following=following,
        posts_before=posts_before,
        n_municipal=n_municipal,
        organisation_start=n_municipal,
        citizen_start=citizen_start,
        citizen_block_start=block_start + citizen_start,
        citizen_block_count=block_count,
    )


@dataclass
class Behaviour:
    """How each municipal account behaves (arrays over accounts 0 .. n_municipal-1)."""

    activity: np.ndarray  # relative share of the posting units
    unit_cum_work: np.ndarray  # (n, 5) cumulative unit mix on working days
    unit_cum_free: np.ndarray  # (n, 5) on weekends and holidays (more questions, fewer posts)
    topic_cum: np.ndarray  # (n, topics) cumulative topic weights
    answer_p: np.ndarray  # chance a question gets an answer
    delay_median_min: np.ndarray  # median reaction time in minutes
    strict: np.ndarray  # chance an out-of-hours answer waits for the next office morning


def behaviour(accounts: Accounts, topic_names: tuple[str, ...], rng) -> Behaviour:
    n = accounts.n_municipal
    kinds = accounts.kind[:n]
    pop = np.array([p.inhabitants for p in accounts.places], dtype=float)[accounts.place[:n]]
    council = kinds == COUNCIL
    activity = pop**0.55 * rng.lognormal(0.0, 0.5, n)
    activity[council] *= 0.2

    mix = np.where(council[:, None], UNIT_MIX[COUNCIL], UNIT_MIX[CORPORATE])
    mix = np.array([rng.dirichlet(row * 40) for row in mix])
    free = mix.copy()
    free[:, 4] *= 2.5  # citizens ask at weekends too; the municipality posts less
    free /= free.sum(axis=1, keepdims=True)

    n_topics = len(topic_names)
    raad = topic_names.index(RAAD_TOPIC)
    topics = rng.dirichlet(np.full(n_topics, 3.0), n)
    topics[:, raad] *= 0.3
    topics[council] = 0.15 / n_topics
    topics[council, raad] = 0.85
    topics /= topics.sum(axis=1, keepdims=True)

    return Behaviour(
        activity=activity / activity.sum(),
        unit_cum_work=np.cumsum(mix, axis=1),
        unit_cum_free=np.cumsum(free, axis=1),
        topic_cum=np.cumsum(topics, axis=1),
        answer_p=np.where(council, rng.beta(2, 3, n), rng.beta(5, 1.8, n)),
        delay_median_min=np.where(
            council,
            np.clip(rng.lognormal(np.log(240), 0.7, n), 20, 2880),
            np.clip(rng.lognormal(np.log(45), 0.9, n), 4, 1440),
        ),
        strict=rng.uniform(0.3, 0.95, n),
    )


REGISTRY_COLUMNS = (
    "municipality_code",
    "platform",
    "handle",
    "role",
    "active_from",
    "active_to",
    "status",
)


def write_registry(path: Path, accounts: Accounts, platform: str) -> int:
    """Write the municipal accounts as an accounts registry CSV; returns the row count."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(REGISTRY_COLUMNS)
        for i in range(accounts.n_municipal):
            role = "corporate" if accounts.kind[i] == CORPORATE else "council"
            code = accounts.places[accounts.place[i]].code
            writer.writerow([code, platform, accounts.handle[i], role, "", "", "active"])
    return accounts.n_municipal


def topic_names() -> tuple[str, ...]:
    return tuple(t.name for t in texts.TOPICS)
