"""The erasure list: the private persons whose data was erased, and taking their rows out
of warehouse tables (AVG art. 17; docs/privacy.md).

``<workspace>/privacy/erasures.jsonl`` has one line per erasure: when, the person's
pseudonym (never the handle), the counts removed, the reason and request id, and the
*marks* of the person: the pseudonyms (``meetlat.privacy.pseudonym``) of their handle
and of each of their account ids on the platform. A mark can be computed from a row
(its handle or account id) but not turned back into a handle, so the list names nobody
and still lets the importer and ``meetlat archive rebuild`` leave the person out of
every file read again (``scrub``).

``scrub`` takes the person's own rows out of one table's Arrow batch (posts they wrote,
their profile rows and snapshots, the metrics of their posts) and, in the posts of
others, turns a mention of them (in ``mentions`` and as ``@handle`` in the text) into
their pseudonym.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from meetlat.privacy import pseudonym

LOG = Path("privacy") / "erasures.jsonl"
ERASURE = "erasure"  # the ``kind`` of an erasure's line in the archive manifest


def log_path(root: Path) -> Path:
    return Path(root) / LOG


def read_log(root: Path) -> list[dict]:
    """Every erasure recorded in the workspace at ``root``, oldest first."""
    file = log_path(root)
    if not file.exists():
        return []
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line]


def log_text(entries: Iterable[dict]) -> str:
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries)


def marks_of(secret: bytes | None, platform: str, handles: Iterable[str],
             account_ids: Iterable[str]) -> list[str]:  # fmt: skip
    """The marks of a person: the pseudonym of each handle and of each account id."""
    found = {pseudonym.pseudonym(secret, platform, h) for h in handles if h}
    found |= {pseudonym.pseudonym(secret, platform, None, i) for i in account_ids if i}
    return sorted(found)


@dataclass
class Erased:
    """The marks of every erased person, per platform, and the key that makes marks."""

    secret: bytes | None
    marks: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, secret: bytes | None) -> Erased:
        erased = cls(secret)
        for entry in read_log(root):
            erased.add(entry["platform"], entry.get("marks", []))
        return erased

    def add(self, platform: str, marks: Iterable[str]) -> None:
        self.marks.setdefault(platform, set()).update(marks)

    def __bool__(self) -> bool:
        return any(self.marks.values())

    def handle_erased(self, platform: str | None, handle: str | None) -> bool:
        if not platform or not handle or not handle.strip().lstrip("@"):
            return False
        return pseudonym.pseudonym(self.secret, platform, handle) in self.marks.get(platform, ())

    def id_erased(self, platform: str | None, account_id: str | None) -> bool:
        if not platform or not account_id:
            return False
        mark = pseudonym.pseudonym(self.secret, platform, None, account_id)
        return mark in self.marks.get(platform, ())


# ---- a raw record (a quarantined one: it could not be read into rows) ---------------------

# values in a raw record that may name its account: handle fields, @mentions, profile
# addresses, and the account ids of id fields
RAW_HANDLES = re.compile(
    r'"(?:screen_name|username|user_name|handle|acct)"\s*:\s*"@?([^"\\]+)"'
    r"|(?<![\w@/])@([A-Za-z0-9_][A-Za-z0-9_.\-]*[A-Za-z0-9_])"
    r"|(?:twitter\.com|x\.com|bsky\.app/profile)/([A-Za-z0-9_.\-]+)"
)
RAW_IDS = re.compile(
    r'"(?:id|id_str|author_id|user_id|account_id|in_reply_to_user_id|did)"\s*:\s*"?'
    r'([A-Za-z0-9:._\-]+)"?'
)


def raw_is_erased(raw: bytes | None, platform: str | None, erased: Erased) -> bool:
    """Whether a raw record names an erased person: one of its handles or account ids
    gives one of their marks."""
    if not raw or not erased or not platform:
        return False
    text = raw.decode("utf-8", errors="replace")
    for match in RAW_HANDLES.finditer(text):
        handle = next(group for group in match.groups() if group)
        if erased.handle_erased(platform, handle):
            return True
    return any(erased.id_erased(platform, m.group(1)) for m in RAW_IDS.finditer(text))


def scrub_quarantine(table: pa.Table, platform: str | None, erased: Erased) -> pa.Table:
    """A quarantine list (its ``raw`` column) without the erased persons' records."""
    keep = [not raw_is_erased(raw, platform, erased) for raw in table.column("raw").to_pylist()]
    return table if all(keep) else table.filter(pa.array(keep, pa.bool_()))


# ---- taking the rows out of an Arrow table -------------------------------------------------

# the column that names the person in each table (besides ``account_id``)
PERSON_TABLES = ("posts", "accounts", "account_snapshots", "post_authors")


@dataclass
class Scrubbed:
    """What ``scrub`` took out: rows per table, the posts removed ((platform, post_id)),
    and the erased handles it saw (their mentions are pseudonymised)."""

    rows: dict[str, int] = field(default_factory=dict)
    posts: set[tuple[str, str]] = field(default_factory=set)
    handles: set[tuple[str, str]] = field(default_factory=set)
    mentions: int = 0

    def count(self, table: str, removed: int) -> None:
        if removed:
            self.rows[table] = self.rows.get(table, 0) + removed


def _keys(platforms: pa.ChunkedArray, values: pa.ChunkedArray) -> pa.Array:
    return pc.binary_join_element_wise(
        pc.fill_null(platforms, ""), pc.fill_null(values, ""), "\x00"
    )


def _match(keys: pa.Array, erased_value) -> pa.Array:
    """A mask of the rows whose (platform, value) ``erased_value`` says is erased; the
    distinct values are judged once each."""
    found = []
    for key in pc.unique(keys).to_pylist():
        if key is None:
            continue
        platform, _sep, value = key.partition("\x00")
        if value and erased_value(platform, value):
            found.append(key)
    return pc.is_in(keys, value_set=pa.array(found, pa.string()))


def person_mask(table: pa.Table, erased: Erased) -> pa.Array:
    """The rows of ``table`` (posts, accounts, account_snapshots or post_authors) whose
    account is an erased person, by account id or by handle."""
    platforms = table.column("platform")
    by_id = _match(_keys(platforms, table.column("account_id")), erased.id_erased)
    by_handle = _match(_keys(platforms, table.column("handle")), erased.handle_erased)
    return pc.fill_null(pc.or_(by_id, by_handle), False)


def erased_handles(tables: dict[str, pa.Table], erased: Erased) -> set[tuple[str, str]]:
    """(platform, handle in lower case) of the erased persons among the handles the
    tables carry: authors, accounts and the handles mentioned in posts."""
    seen: set[tuple[str, str]] = set()
    for name in PERSON_TABLES:
        table = tables.get(name)
        if table is None or not table.num_rows:
            continue
        mask = person_mask(table, erased)
        chosen = table.filter(mask).select(["platform", "handle"]).to_pylist()
        seen |= {(r["platform"], pseudonym.subject(r["handle"])) for r in chosen if r["handle"]}
    posts = tables.get("posts")
    if posts is not None and posts.num_rows:
        flat = pc.list_flatten(posts.column("mentions"))
        counts = pc.list_value_length(posts.column("mentions"))
        platforms = pc.fill_null(posts.column("platform"), "")
        repeated = pa.array(
            [
                p
                for p, n in zip(platforms.to_pylist(), counts.to_pylist(), strict=True)
                for _ in range(n or 0)
            ],  # fmt: skip
            pa.string(),
        )
        if len(flat):
            keys = pc.binary_join_element_wise(repeated, pc.fill_null(flat, ""), "\x00")
            for key in pc.unique(keys).to_pylist():
                platform, _sep, value = key.partition("\x00")
                if value and erased.handle_erased(platform, value):
                    seen.add((platform, pseudonym.subject(value)))
    return seen


def _pseudonymise_posts(posts: pa.Table, handles: set[tuple[str, str]], erased: Erased,
                        scrubbed: Scrubbed) -> pa.Table:  # fmt: skip
    """The posts with every mention of an erased handle (``mentions``, ``@handle`` in the
    text) replaced by the pseudonym."""
    if not handles or not posts.num_rows:
        return posts
    per_platform: dict[str, dict[str, str]] = {}
    for platform, handle in handles:
        per_platform.setdefault(platform, {})[handle] = pseudonym.pseudonym(
            erased.secret, platform, handle
        )
    patterns = {
        platform: re.compile(
            r"(?<![\w@])@("
            + "|".join(re.escape(h) for h in sorted(names, key=len, reverse=True))
            + r")(?![\w])",
            re.IGNORECASE,
        )  # fmt: skip
        for platform, names in per_platform.items()
    }
    texts, mentions = [], []
    changed = 0
    for platform, text, listed in zip(
        posts.column("platform").to_pylist(),
        posts.column("text").to_pylist(),
        posts.column("mentions").to_pylist(),
        strict=True,
    ):
        names = per_platform.get(platform)
        if names:
            new_text = text
            if text:
                new_text = patterns[platform].sub(
                    lambda m, n=names: "@" + n[m.group(1).lower()], text
                )
            new_listed = listed
            if listed:
                new_listed = [names.get(pseudonym.subject(m), m) if m else m for m in listed]
            if new_text != text or new_listed != listed:
                changed += 1
            text, listed = new_text, new_listed
        texts.append(text)
        mentions.append(listed)
    scrubbed.mentions += changed
    schema = posts.schema
    posts = posts.set_column(
        schema.get_field_index("text"), schema.field("text"), pa.array(texts, pa.string())
    )
    return posts.set_column(
        schema.get_field_index("mentions"),
        schema.field("mentions"),
        pa.array(mentions, schema.field("mentions").type),
    )


def scrub(tables: dict[str, pa.Table], erased: Erased,
          removed_posts: set[tuple[str, str]] | None = None,
          known_handles: set[tuple[str, str]] | None = None,
          ) -> tuple[dict[str, pa.Table], Scrubbed]:  # fmt: skip
    """``tables`` (by warehouse table name) without the erased persons: their rows out,
    the metrics of their posts out, mentions of them pseudonymised. ``removed_posts``:
    posts already known to be theirs (e.g. from other files), whose metrics go too;
    ``known_handles``: their (platform, handle) seen elsewhere, pseudonymised here too."""
    scrubbed = Scrubbed(posts=set(removed_posts or ()))
    if not erased:
        return tables, scrubbed
    scrubbed.handles = erased_handles(tables, erased) | set(known_handles or ())
    result = dict(tables)
    for name in PERSON_TABLES:
        table = result.get(name)
        if table is None or not table.num_rows:
            continue
        mask = person_mask(table, erased)
        if name in ("posts", "post_authors"):
            gone = table.filter(mask).select(["platform", "post_id"]).to_pylist()
            scrubbed.posts |= {(r["platform"], r["post_id"]) for r in gone}
        kept = table.filter(pc.invert(mask))
        scrubbed.count(name, table.num_rows - kept.num_rows)
        result[name] = kept
    for name in ("posts", "post_metrics", "post_authors"):
        table = result.get(name)
        if table is None or not table.num_rows or not scrubbed.posts:
            continue
        keys = _keys(table.column("platform"), table.column("post_id"))
        wanted = pa.array([f"{p}\x00{i}" for p, i in sorted(scrubbed.posts)], pa.string())
        kept = table.filter(pc.invert(pc.is_in(keys, value_set=wanted)))
        scrubbed.count(name, table.num_rows - kept.num_rows)
        result[name] = kept
    if result.get("posts") is not None:
        result["posts"] = _pseudonymise_posts(result["posts"], scrubbed.handles, erased, scrubbed)
    return result, scrubbed
