"""A description of Meetlat's processing for a processing register, in the style of the
Algoritmeregister (naam, doel, rechtsgrond, ..., bron en werking), made from the
configuration of one workspace: the settings, the collectors, the registry, what the
warehouse holds (counts only) and the special-category rules.

``describe(ws, collectors)`` returns the fields in order as ``Field(key, title, text,
items)``; ``collectors`` are the collectors' descriptions (``collectors.describe()``),
passed in by the front end because collection lies above the use cases.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from meetlat import settings
from meetlat.accounts import store
from meetlat.app import special as flags
from meetlat.app.privacy import public_accounts, reveals
from meetlat.i18n import _, number
from meetlat.privacy import personal, pseudonym, special
from meetlat.warehouse.connection import connect
from meetlat.workspace import Workspace

CATEGORY_NAMES = {
    special.HEALTH: "health",
    special.RELIGION: "religion or belief",
    special.POLITICS: "political opinion",
    special.ETHNICITY: "ethnic origin",
    special.SEXUALITY: "sexual orientation",
    special.UNION: "trade-union membership",
    special.CRIMINAL: "criminal data (art. 10)",
}


def category_name(category: str) -> str:
    return _(CATEGORY_NAMES[category])


@dataclass(frozen=True)
class Field:
    key: str  # the register's field: naam, doel, rechtsgrond, ...
    title: str
    text: str
    items: list[str] = field(default_factory=list)


def _accounts_seen(ws: Workspace) -> tuple[int, int]:
    """Distinct authors of posts: (registry accounts, citizens)."""
    public = public_accounts(ws)
    rows = (
        connect(ws).table("posts").select("platform", "account_id", "handle").distinct()
        .to_pyarrow().to_pylist()
    )  # fmt: skip
    ours = citizens = 0
    for row in rows:
        handle = row["handle"]
        if handle and (row["platform"], pseudonym.subject(handle)) in public:
            ours += 1
        else:
            citizens += 1
    return ours, citizens


def describe(ws: Workspace, collectors: list[dict]) -> list[Field]:
    config = settings.load()
    registry = store.load(ws)
    per_platform = Counter(registry.column("platform").to_pylist())
    municipalities = len(set(registry.column("municipality_code").to_pylist()))
    ours, citizens = _accounts_seen(ws)
    made = flags.note(ws) or {}
    rules = [
        _("{category}: {rules}").format(
            category=category_name(c),
            rules=", ".join(r.name for r in special.RULES if r.category == c),
        )
        for c in special.CATEGORIES
    ]
    sources = [
        _("{title} ({platform}): {endpoints}").format(
            title=c["title"], platform=c["platform"], endpoints=", ".join(c["endpoints"])
        )
        for c in collectors
    ]
    server = config.collect_base_url or _("each platform's own servers")
    tokens = [
        name
        for name, value in (("Mastodon", config.mastodon_token), ("X", config.x_bearer_token))
        if value
    ]
    masks = ", ".join(personal.placeholders().values())
    return [
        Field("naam", _("Name"), _("Meetlat: measuring how Dutch municipalities use social media")),
        Field(
            "doel",
            _("Purpose"),
            _(
                "Measuring and comparing the social-media use of municipalities (reach, "
                "interaction, reaction time, rankings), keeping their posts as archive "
                "records, and answering citizens (webcare)."
            ),
        ),
        Field(
            "rechtsgrond",
            _("Legal basis"),
            _(
                "AVG art. 6(1)(e) (a task in the public interest: accountability and "
                "research of public communication) and the Archiefwet for the archive; for "
                "special categories AVG art. 9(2)(j) and art. 89 (scientific research and "
                "archiving in the public interest, with safeguards) and UAVG art. 24 and 32."
            ),
        ),
        Field(
            "categorieen",
            _("Categories of personal data"),
            _(
                "Handles and display names, post texts with their time, replies, mentions "
                "and links, follower counts. Texts of citizens can contain special "
                "categories (flagged for restricted access) and the personal data masked "
                "in outputs: {masks}."
            ).format(masks=masks),
            [category_name(c) for c in special.CATEGORIES],
        ),
        Field(
            "betrokkenen",
            _("Data subjects"),
            _(
                "Public bodies: {accounts} registry accounts of {municipalities} "
                "municipalities; authors in the warehouse: {ours} registry accounts and "
                "{citizens} other accounts (citizens and organisations), shown by pseudonym."
            ).format(
                accounts=number(registry.num_rows),
                municipalities=number(municipalities),
                ours=number(ours),
                citizens=number(citizens),
            ),  # fmt: skip
            [f"{platform}: {number(count)}" for platform, count in sorted(per_platform.items())],
        ),
        Field(
            "bewaartermijn",
            _("Retention"),
            _(
                "The archive keeps every received file as long as archive law requires "
                "(selectielijst); the warehouse is made from it and loses a citizen's posts "
                "and profile on an erasure request; flags and facts are made again from "
                "the warehouse."
            ),
        ),
        Field(
            "ontvangers",
            _("Recipients"),
            _(
                "The researcher's own workspace; published tables and reports only show "
                "public bodies by name and citizens by pseudonym. Requests to show "
                "citizens' handles: {count} logged."
            ).format(count=number(len(reveals(ws)))),
        ),
        Field(
            "beveiliging",
            _("Security"),
            _(
                "Files in a content-addressed archive with a hash-chained manifest; a keyed "
                "control code per post; keyed pseudonyms ({version}) with a secret that is "
                "never archived or printed; tokens only from settings, never stored "
                "(configured: {tokens}); posts with a special category for restricted "
                "access."
            ).format(version=pseudonym.VERSION, tokens=", ".join(tokens) or _("none")),
        ),
        Field(
            "menselijke_tussenkomst",
            _("Human intervention"),
            _(
                "No decision about a person is taken automatically. A flag is a signal "
                "that restricts access until a person has looked; indicators concern "
                "municipalities' accounts only."
            ),
        ),
        Field(
            "bron_en_werking",
            _("Source and working"),
            _(
                "Collection through the platforms' open APIs from {server}; every response "
                "is archived before it is read. Special categories: Dutch word rules "
                "({rules}), whole words, run on posts of accounts outside the registry; "
                "last flagged: {at}."
            ).format(server=server, rules=special.VERSION, at=made.get("at") or _("never")),
            sources + rules,
        ),
    ]


def as_json(fields: list[Field]) -> dict:
    return {f.key: {"titel": f.title, "tekst": f.text, "onderdelen": f.items} for f in fields}


def as_markdown(fields: list[Field]) -> str:
    lines = ["# " + _("Processing register: Meetlat"), ""]
    for f in fields:
        lines += ["## " + f.title, "", f.text, ""]
        lines += [f"- {item}" for item in f.items]
        if f.items:
            lines.append("")
    return "\n".join(lines)
