"""Issuing the archive (issue 12 §6): MDTO packages per account and period, and search
for Woo requests (Wet open overheid) with whole conversations.

- ``find_posts`` — posts by text (case-insensitive), account and period (Amsterdam days);
- ``thread`` — a whole conversation: every post up and down the replies of a post;
- ``export_account`` — one MDTO package per registry account and period: a record per
  post of the account and of every conversation it took part in, a record per
  conversation (a dossier whose parts are its posts), one for the series, and one
  ``bestand`` per raw archived file the posts were read from, with its sha256;
- ``export_conversations`` — the whole conversations of found posts, as an MDTO
  package, a CSV or a JSON file.

Every package is written in a temporary folder beside its place and renamed into place
when complete, with ``manifest.json`` listing every file with its sha256; a failure
leaves no package. Authors who are not public bodies are named by their pseudonym
(``meetlat.app.privacy``), also where a post's text mentions them; only with a logged
purpose (``reveal_for``) are their handles shown, and only then are the raw files,
full of citizens' handles, copied into a package.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import re
import secrets
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from meetlat import reference
from meetlat.accounts import store as registry_store
from meetlat.app import privacy
from meetlat.archive import manifest, mdto, selection, store
from meetlat.archive.atomic import fsync_dir
from meetlat.i18n import _, ngettext, number
from meetlat.privacy import pseudonym
from meetlat.warehouse.connection import connect
from meetlat.workspace import Workspace

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FORMATS = ("mdto", "csv", "json")
PLATFORM_LABELS = {"x": "X", "mastodon": "Mastodon", "bluesky": "Bluesky", "facebook": "Facebook"}
ARCHIVE_SOURCE = "Meetlat-archief (sha256)"
MUNICIPALITY_SOURCE = "CBS gemeentecode"
EXCERPT = 60  # characters of a post's text in its MDTO naam
DID = re.compile(r"did:[a-z0-9]+:[A-Za-z0-9._%-]+")
COLUMNS = ("platform", "post_id", "account_id", "handle", "created_at", "text", "language",
           "kind", "in_reply_to_post_id", "repost_of_post_id", "quote_of_post_id",
           "conversation_id", "hashtags", "source_file", "embedded")  # fmt: skip
RELATIONS = {  # column: the MDTO relation's label
    "in_reply_to_post_id": "Antwoord op",
    "quote_of_post_id": "Citaat van",
    "repost_of_post_id": "Herplaatsing van",
}


class ArchiveError(ValueError):
    """Input that cannot be issued (an unknown account, a bad period or folder): the
    message is one sentence for the user; nothing was written."""


@dataclass(frozen=True)
class Post:
    platform: str
    post_id: str
    account_id: str | None
    handle: str | None
    created_at: datetime
    text: str | None
    language: str | None
    kind: str
    in_reply_to_post_id: str | None
    repost_of_post_id: str | None
    quote_of_post_id: str | None
    conversation_id: str | None
    hashtags: tuple[str, ...]
    source_file: str | None
    embedded: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.platform, self.post_id)

    def day(self) -> date:
        return _amsterdam_day(self.created_at)


@dataclass(frozen=True)
class Package:
    path: Path
    platform: str | None
    handle: str | None
    posts: int
    conversations: int
    files: int  # raw archived files described (and copied only when revealed)
    copied: bool


@dataclass
class _Shown:
    """How one workspace shows accounts, posts and texts (pseudonyms for citizens)."""

    namer: privacy.Namer
    roles: dict[tuple[str, str], tuple[str, str]]  # (platform, handle) -> (role, GM code)
    public_ids: set[tuple[str, str]] = field(default_factory=set)  # (platform, account id)

    def is_public(self, post: Post) -> bool:
        return self.namer.is_public(post.platform, post.handle)

    def author(self, post: Post) -> str:
        if not post.handle and not post.account_id:
            return _("unknown author")
        return self.namer.name(post.platform, post.handle, post.account_id)

    def text(self, post: Post) -> str:
        return self.namer.text(post.platform, post.text or "") or ""

    def post_id(self, platform: str, post_id: str) -> str:
        """A Bluesky post id holds DIDs (its author's, a reposter's): a citizen's DID is
        replaced by its pseudonym."""
        if platform != "bluesky" or self.namer.reveal or "did:" not in (post_id or ""):
            return post_id

        def replace(match: re.Match) -> str:
            did = match.group(0)
            if (platform, did) in self.public_ids:
                return did
            return pseudonym.pseudonym(self.namer.secret, platform, None, did)

        return DID.sub(replace, post_id)

    def url(self, post: Post) -> str | None:
        """The post's address, where it can be made without naming a citizen."""
        return post_url(post, public=self.is_public(post) or self.namer.reveal)

    def role(self, post: Post) -> tuple[str, str] | None:
        if not post.handle:
            return None
        return self.roles.get((post.platform, pseudonym.subject(post.handle)))


def post_url(post: Post, public: bool) -> str | None:
    if post.platform == "x":
        if public and post.handle:
            return f"https://x.com/{post.handle.lstrip('@')}/status/{post.post_id}"
        return f"https://x.com/i/web/status/{post.post_id}"
    if not public or not post.handle:
        return None
    if post.platform == "bluesky":
        match = re.match(r"^at://([^/]+)/app\.bsky\.feed\.post/([^/#]+)$", post.post_id)
        if not match or (post.account_id and match.group(1) != post.account_id):
            return None  # a repost's id is another's post: no address of its own
        return f"https://bsky.app/profile/{match.group(1)}/post/{match.group(2)}"
    if post.platform == "mastodon" and "@" in post.handle.lstrip("@"):
        user, server = post.handle.lstrip("@").split("@", 1)
        return f"https://{server}/@{user}/{post.post_id}"
    return None


def _amsterdam_day(moment: datetime) -> date:
    return moment.astimezone(AMSTERDAM).date()


# -- reading the warehouse ---------------------------------------------------------------


def reader(ws: Workspace):
    """A DuckDB connection over the warehouse of ``ws``, for several queries in a row."""
    return connect(ws).con


def _query(ws: Workspace, where: str, params: list, con=None) -> list[Post]:
    con = con if con is not None else reader(ws)
    # the first stored row of a post (one that is not only embedded, where there is one)
    sql = (
        f"SELECT * FROM (SELECT DISTINCT ON (platform, post_id) {', '.join(COLUMNS)} "
        f"FROM posts_stored WHERE {where} ORDER BY platform, post_id, embedded) "
        "ORDER BY created_at, platform, post_id"
    )
    rows = con.execute(sql, params).to_arrow_table().to_pylist()
    return [
        Post(**{**row, "hashtags": tuple(row["hashtags"] or ()), "embedded": bool(row["embedded"])})
        for row in rows
    ]


DAY_SQL = "CAST(timezone('Europe/Amsterdam', created_at) AS DATE)"


def find_posts(ws: Workspace, text: str | None = None, account: str | None = None,
               platform: str | None = None, start: date | None = None,
               end: date | None = None, con=None) -> list[Post]:  # fmt: skip
    """The posts whose text holds ``text`` (any case), by ``account`` (a handle), on
    ``platform``, posted from ``start`` to ``end`` (Amsterdam days, inclusive)."""
    where, params = ["TRUE"], []
    if text:
        where.append("contains(lower(coalesce(text, '')), lower(?))")
        params.append(text)
    if account:
        where.append("lower(handle) = ?")
        params.append(pseudonym.subject(account))
    if platform:
        where.append("platform = ?")
        params.append(platform)
    if start:
        where.append(f"{DAY_SQL} >= ?")
        params.append(start)
    if end:
        where.append(f"{DAY_SQL} <= ?")
        params.append(end)
    return _query(ws, " AND ".join(where), params, con)


def post_by_id(ws: Workspace, post_id: str, platform: str | None = None,
               con=None) -> Post | None:  # fmt: skip
    where, params = "post_id = ?", [post_id.strip()]
    if platform:
        where += " AND platform = ?"
        params.append(platform)
    found = _query(ws, where, params, con)
    return found[0] if found else None


def thread(ws: Workspace, seed: Post, con=None) -> list[Post]:
    """The whole conversation of ``seed``: the posts it replies to up to the first, and
    every reply to any of them, down to the last (and, where the platform gives one, every
    post of the same conversation id), oldest first."""
    con = con if con is not None else reader(ws)
    found: dict[tuple[str, str], Post] = {seed.key: seed}
    frontier = [seed]
    while frontier:
        ids = sorted({p.post_id for p in frontier})
        parents = sorted({p.in_reply_to_post_id for p in frontier if p.in_reply_to_post_id})
        conversations = sorted({p.conversation_id for p in frontier if p.conversation_id})
        near = _query(
            ws,
            "platform = ? AND (post_id IN (SELECT unnest(?)) OR in_reply_to_post_id IN "
            "(SELECT unnest(?)) OR conversation_id IN (SELECT unnest(?)) OR post_id IN "
            "(SELECT unnest(?)))",
            [seed.platform, parents, ids, conversations, conversations],
            con,
        )
        frontier = [p for p in near if p.key not in found]
        found.update((p.key, p) for p in frontier)
    return sorted(found.values(), key=lambda p: (p.created_at, p.post_id))


MANY = 20  # posts whose conversations are found from all reply links at once


def conversations_of(ws: Workspace, posts: list[Post], con=None) -> list[list[Post]]:
    """The whole conversation of every post of ``posts``, each conversation once, in the
    order of its first post. For a few posts each thread is followed query by query; for
    many, the reply links of their platforms are read once and followed in memory."""
    con = con if con is not None else reader(ws)
    if len(posts) > MANY:
        return _conversations_in_memory(ws, posts, con)
    seen: set[tuple[str, str]] = set()
    result = []
    for post in posts:
        if post.key in seen:
            continue
        whole = thread(ws, post, con)
        seen.update(p.key for p in whole)
        result.append(whole)
    return sorted(result, key=lambda c: (c[0].created_at, c[0].post_id))


def _conversations_in_memory(ws: Workspace, posts: list[Post], con) -> list[list[Post]]:
    platforms = sorted({p.platform for p in posts})
    links = con.execute(
        "SELECT DISTINCT platform, post_id, in_reply_to_post_id, conversation_id "
        "FROM posts_stored WHERE platform IN (SELECT unnest(?))",
        [platforms],
    ).fetchall()
    parent, children, members, conversation_of = {}, {}, {}, {}
    for platform, post_id, reply_to, conversation in links:
        key = (platform, post_id)
        if reply_to:
            parent[key] = (platform, reply_to)
            children.setdefault((platform, reply_to), []).append(key)
        if conversation:
            members.setdefault((platform, conversation), []).append(key)
            conversation_of[key] = (platform, conversation)
    component: dict[tuple[str, str], int] = {}
    groups: list[list[tuple[str, str]]] = []
    for post in posts:
        if post.key in component:
            continue
        number, todo, group = len(groups), [post.key], []
        while todo:
            key = todo.pop()
            if key in component:
                continue
            component[key] = number
            group.append(key)
            near = children.get(key, []) + members.get(key, [])
            if key in parent:
                near.append(parent[key])
            conversation = conversation_of.get(key)
            if conversation:
                near += members.get(conversation, []) + [conversation]
            todo += [k for k in near if k not in component]
        groups.append(group)
    wanted = sorted({key for group in groups for key in group})
    found = _query(ws, "platform IN (SELECT unnest(?)) AND post_id IN (SELECT unnest(?))",
                   [platforms, sorted({k[1] for k in wanted})], con)  # fmt: skip
    keys = set(wanted)
    rows = {p.key: p for p in found if p.key in keys}
    result = [sorted((rows[k] for k in g if k in rows), key=lambda p: (p.created_at, p.post_id))
              for g in groups]  # fmt: skip
    return sorted((c for c in result if c), key=lambda c: (c[0].created_at, c[0].post_id))


def _shown(ws: Workspace, reveal_for: str | None, what: str) -> _Shown:
    namer = privacy.namer(ws, reveal_for=reveal_for, what=what)
    roles = {
        (row["platform"], pseudonym.subject(row["handle"])): (row["role"], row["municipality_code"])
        for row in registry_store.load(ws).to_pylist()
        if row["handle"]
    }
    return _Shown(namer, roles)


def shown_rows(ws: Workspace, posts: list[Post], reveal_for: str | None = None,
               what: str = "archive search", shown: _Shown | None = None) -> list[dict]:  # fmt: skip
    """``posts`` as the user may see them: authors named, mentions masked."""
    shown = shown or _shown(ws, reveal_for, what)
    _learn_public_ids(shown, posts)
    return [_row(shown, post) for post in posts]


def _row(shown: _Shown, post: Post, conversation: str | None = None) -> dict:
    row = {
        "platform": post.platform,
        "post_id": shown.post_id(post.platform, post.post_id),
        "created_at": post.created_at.astimezone(UTC).isoformat(),
        "author": shown.author(post),
        "public_body": shown.is_public(post),
        "kind": post.kind,
        "in_reply_to": shown.post_id(post.platform, post.in_reply_to_post_id)
        if post.in_reply_to_post_id else None,
        "text": shown.text(post),
        "url": shown.url(post),
    }  # fmt: skip
    if conversation is not None:
        row = {"conversation": conversation, **row}
    return row


def _learn_public_ids(shown: _Shown, posts: list[Post]) -> None:
    shown.public_ids |= {
        (p.platform, p.account_id) for p in posts if p.account_id and shown.is_public(p)
    }


# -- writing packages --------------------------------------------------------------------


def _reason(error: OSError) -> str:
    """Why a folder cannot be written, in the user's language where it is a common case."""
    reasons = {
        errno.ENOENT: _("a folder on its path does not exist"),
        errno.EACCES: _("no permission to write there"),
        errno.EPERM: _("no permission to write there"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOSPC: _("the disk is full"),
        errno.ENOTDIR: _("a part of its path is a file, not a folder"),
    }
    return reasons.get(error.errno) or error.strerror or str(error)


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_")[:120] or "x"


class _Folder:
    """A package being written in ``<out>/.<name>.<random>.tmp`` and renamed to
    ``<out>/<name>`` when complete; taken away again on any failure."""

    def __init__(self, out: Path, name: str):
        self.target = Path(out) / name
        if self.target.exists():
            raise ArchiveError(
                _("{path} already exists: choose another --out or remove it first.").format(
                    path=self.target
                )
            )
        try:
            Path(out).mkdir(parents=True, exist_ok=True)
            self.temporary = Path(out) / f".{name}.{secrets.token_hex(4)}.tmp"
            self.temporary.mkdir()
        except OSError as error:
            raise ArchiveError(
                _("Nothing was exported: the folder {path} cannot be written ({reason}).").format(
                    path=out, reason=_reason(error)
                )
            ) from error
        self.files: list[dict] = []

    def write(self, name: str, data: bytes) -> None:
        path = self.temporary / name
        if path.exists():  # two records of one name: a bug in how names are made
            raise AssertionError(f"{name} is written twice in one package")
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        self.files.append(
            {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        )

    def copy(self, name: str, source: Path) -> None:
        path = self.temporary / name
        shutil.copyfile(source, path)
        sha256, size = store.file_sha256(path)
        self.files.append({"path": name, "sha256": sha256, "size": size})

    def finish(self, about: dict) -> Path:
        listing = {**about, "files": sorted(self.files, key=lambda f: f["path"])}
        self.write("manifest.json", (json.dumps(listing, ensure_ascii=False, indent=1,
                                                sort_keys=True) + "\n").encode("utf-8"))  # fmt: skip
        fsync_dir(self.temporary)
        if self.target.exists():
            raise ArchiveError(_("{path} already exists: choose another --out or remove it first.").format(path=self.target))  # fmt: skip
        os.rename(self.temporary, self.target)
        fsync_dir(self.target.parent)
        return self.target

    def discard(self) -> None:
        shutil.rmtree(self.temporary, ignore_errors=True)


def _written(out: Path, name: str, fill) -> Path:
    """Write a package with ``fill(folder) -> about`` atomically; nothing on failure."""
    folder = _Folder(out, name)
    try:
        about = fill(folder)
        return folder.finish(about)
    except OSError as error:
        folder.discard()
        raise ArchiveError(
            _("Nothing was exported: the folder {path} cannot be written ({reason}).").format(
                path=out, reason=_reason(error)
            )
        ) from error
    except BaseException:
        folder.discard()
        raise


@dataclass(frozen=True)
class _Source:
    sha256: str
    name: str
    size: int
    compression: str | None
    member: str | None
    path: Path


def _sources(ws: Workspace, hashes: set[str]) -> list[_Source]:
    """The archived files of ``hashes``, each checked against its sha256 once more."""
    names: dict[str, dict] = {}
    for entry in manifest.imports(ws.archive):
        if entry.get("sha256") in hashes and entry["sha256"] not in names:
            names[entry["sha256"]] = entry
    found = []
    for sha256 in sorted(hashes):
        path = store.object_path(ws.archive, sha256)
        entry = names.get(sha256, {})
        if not path.exists() or sha256 not in names:
            raise ArchiveError(
                _(
                    "The archived file {sha} of these posts is missing: run `meetlat archive verify`."
                ).format(sha=sha256[:12])  # fmt: skip
            )
        actual, size = store.file_sha256(path)
        if actual != sha256:
            raise ArchiveError(
                _("The archived file {sha} was altered: run `meetlat archive verify`.").format(
                    sha=sha256[:12]
                )  # fmt: skip
            )
        name = Path(str(entry.get("name") or sha256)).name
        found.append(
            _Source(sha256, name, size, entry.get("compression"), entry.get("member"), path)
        )
    return found


@dataclass
class _Context:
    shown: _Shown
    mapping: selection.Mapping
    producers: list[mdto.Reference]
    series: mdto.Reference
    validate: bool
    now: str


def _producers(codes) -> list[mdto.Reference]:
    refs = []
    for code in sorted(set(codes)):
        name = reference.get(code).name if reference.exists(code) else code
        refs.append(mdto.Reference(_("Municipality of {name}").format(name=name), code, MUNICIPALITY_SOURCE))  # fmt: skip
    return refs


def _rule_terms(ctx: _Context, rule: selection.Rule, start: date | None):
    valuation = mdto.Term(selection.VALUATIONS[rule.valuation], mdto.VALUATION_LIST, rule.valuation)
    retention = None
    if rule.retention:
        retention = mdto.Span(
            trigger=mdto.Term("Creatie", mdto.EVENT_LIST),
            start=start.isoformat() if start else None,
            duration=rule.retention,
            end=selection.end_date(start, rule.retention).isoformat() if start else None,
        )
    category = mdto.Term(rule.category, ctx.mapping.selectielijst, rule.category_code)
    restriction = mdto.Restriction(mdto.Term(rule.restriction, ctx.mapping.restriction_list), rule.restriction_note)  # fmt: skip
    return valuation, retention, category, restriction


def _post_ref(
    ctx: _Context, platform: str, post_id: str, name: str | None = None
) -> mdto.Reference:
    shown_id = ctx.shown.post_id(platform, post_id)
    label = PLATFORM_LABELS.get(platform, platform)
    return mdto.Reference(
        name or _("Post {id} on {platform}").format(id=shown_id, platform=label),
        shown_id,
        _id_source(platform),
    )


def _id_source(platform: str) -> str:
    return f"{PLATFORM_LABELS.get(platform, platform)} (bericht-id)"


def _post_record(ctx: _Context, post: Post, parent: mdto.Reference,
                 sources: dict[str, _Source]) -> mdto.InformationObject:  # fmt: skip
    public = ctx.shown.is_public(post)
    role = ctx.shown.role(post)
    rule = ctx.mapping.rule(
        "post", "public" if public else "citizen", role[0] if role else None, post.kind
    )
    valuation, retention, category, restriction = _rule_terms(ctx, rule, post.day())
    author = ctx.shown.author(post)
    text = ctx.shown.text(post)
    excerpt = " ".join(text.split())
    if len(excerpt) > EXCERPT:
        excerpt = excerpt[: EXCERPT - 1] + "…"
    shown_id = ctx.shown.post_id(post.platform, post.post_id)
    url = ctx.shown.url(post)
    identifications = [(shown_id, _id_source(post.platform))] + ([(url, "URL")] if url else [])
    actor_id = (post.handle.lstrip("@"), PLATFORM_LABELS.get(post.platform, post.platform)) if public and post.handle else (None, None)  # fmt: skip
    related = [
        mdto.Relation(_post_ref(ctx, post.platform, getattr(post, column)), mdto.Term(label, mdto.RELATION_LIST))
        for column, label in RELATIONS.items()
        if getattr(post, column)
    ]  # fmt: skip
    source = sources.get(post.source_file or "")
    return mdto.InformationObject(
        identifications=identifications,
        name=_("Post by {author} of {day}: {excerpt}").format(
            author=author, day=post.day().isoformat(), excerpt=excerpt or "—"
        ),
        level=mdto.POST,
        valuation=valuation,
        producers=ctx.producers,
        restrictions=[restriction],
        descriptions=[text] if text.strip() else [],
        keywords=[h for h in post.hashtags if h and h.strip()],
        online=url,
        period=(post.day().isoformat(), None),
        languages=[post.language] if post.language else [],
        events=[
            mdto.Event(
                mdto.Term("Creatie", mdto.EVENT_LIST),
                post.created_at.astimezone(UTC).isoformat(),
                mdto.Reference(author, *actor_id),
            )
        ],
        retention=retention,
        category=category,
        part_of=[parent],
        representations=[mdto.Reference(source.name, source.sha256, ARCHIVE_SOURCE)] if source else [],
        related=related,
    )  # fmt: skip


def _conversation_key(posts: list[Post]) -> str:
    return posts[0].post_id


def _conversation_ref(ctx: _Context, posts: list[Post]) -> mdto.Reference:
    first = posts[0]
    key = ctx.shown.post_id(first.platform, _conversation_key(posts))
    return mdto.Reference(
        ngettext_conversation(len(posts), ctx.shown.author(first), first.day().isoformat()),
        f"gesprek-{key}",
        "Meetlat gesprek",
    )


def ngettext_conversation(count: int, author: str, day: str) -> str:
    return ngettext(
        "Conversation of {count} post begun by {author} on {day}",
        "Conversation of {count} posts begun by {author} on {day}",
        count,
    ).format(count=number(count), author=author, day=day)


def _conversation_record(ctx: _Context, posts: list[Post]) -> mdto.InformationObject:
    ref = _conversation_ref(ctx, posts)
    rule = ctx.mapping.rule("conversation", "public" if any(ctx.shown.is_public(p) for p in posts) else "citizen")  # fmt: skip
    last_day = max(p.day() for p in posts)
    valuation, retention, category, restriction = _rule_terms(ctx, rule, last_day)
    return mdto.InformationObject(
        identifications=[(ref.key, ref.source)],
        name=ref.name,
        level=mdto.CONVERSATION,
        valuation=valuation,
        producers=ctx.producers,
        restrictions=[restriction],
        period=(posts[0].day().isoformat(), last_day.isoformat()),
        retention=retention,
        category=category,
        part_of=[ctx.series],
        parts=[_post_ref(ctx, p.platform, p.post_id) for p in posts],
    )


def _fill_mdto(ctx: _Context, ws: Workspace, conversations: list[list[Post]],
               series_name: str, series_key: str, period: tuple[date, date] | None,
               about: dict):  # fmt: skip
    """The filler of an MDTO package: a record per post, per conversation (more than one
    post), for the series and per raw file."""
    posts = [p for c in conversations for p in c]
    hashes = {p.source_file for p in posts if p.source_file}
    sources = {s.sha256: s for s in _sources(ws, hashes)}
    copy_files = ctx.shown.namer.reveal

    def check(name: str, document: bytes) -> bytes:
        if ctx.validate:
            problems = mdto.validate(document)
            if problems:  # a bug in this module: fail loudly, write nothing
                raise AssertionError(f"{name} does not validate against MDTO: {problems[:3]}")
        return document

    def fill(folder: _Folder) -> dict:
        shutil.copyfile(mdto.SCHEMA_PATH, folder.temporary / mdto.SCHEMA_FILE)
        folder.files.append({"path": mdto.SCHEMA_FILE, "sha256": store.file_sha256(mdto.SCHEMA_PATH)[0],
                             "size": mdto.SCHEMA_PATH.stat().st_size})  # fmt: skip
        parts = []
        for conversation in conversations:
            if len(conversation) > 1:
                ref = _conversation_ref(ctx, conversation)
                parts.append(ref)
                name = f"gesprek-{_safe(ref.key[len('gesprek-') :])}.mdto.xml"
                folder.write(name, check(name, mdto.informatieobject(_conversation_record(ctx, conversation))))  # fmt: skip
                parent = ref
            else:
                parent = ctx.series
                parts.append(_post_ref(ctx, conversation[0].platform, conversation[0].post_id))
            for post in conversation:
                record = _post_record(ctx, post, parent, sources)
                name = f"bericht-{post.platform}-{_safe(ctx.shown.post_id(post.platform, post.post_id))}.mdto.xml"
                folder.write(name, check(name, mdto.informatieobject(record)))
        rule = ctx.mapping.rule("series", "public")
        start, end = period or (
            (min(p.day() for p in posts), max(p.day() for p in posts)) if posts else (None, None)
        )
        valuation, retention, category, restriction = _rule_terms(ctx, rule, end)
        series = mdto.InformationObject(
            identifications=[(series_key, "Meetlat export")],
            name=series_name, level=mdto.SERIES, valuation=valuation, producers=ctx.producers,
            restrictions=[restriction],
            period=(start.isoformat(), end.isoformat()) if start else None,
            retention=retention, category=category, parts=parts,
            representations=[mdto.Reference(s.name, s.sha256, ARCHIVE_SOURCE) for s in sources.values()],
        )  # fmt: skip
        folder.write("serie.mdto.xml", check("serie.mdto.xml", mdto.informatieobject(series)))
        for source in sources.values():
            record = mdto.FileObject(
                key=source.sha256, source=ARCHIVE_SOURCE, name=source.name, size=source.size,
                file_format=mdto.file_format(source.name, source.compression, source.member),
                checksum=source.sha256, checksum_time=ctx.now, represents=ctx.series,
            )  # fmt: skip
            name = f"bestand-{source.sha256}.mdto.xml"
            folder.write(name, check(name, mdto.bestand(record)))
            if copy_files:
                folder.copy(f"bestand-{source.sha256}{_suffix(source.name)}", source.path)
        return {
            **about,
            "format": "MDTO 1.0.2",
            "created_at": ctx.now,
            "mapping": ctx.mapping.file.name,
            "posts": len(posts),
            "conversations": sum(1 for c in conversations if len(c) > 1),
            "raw_files": len(sources),
            "raw_files_copied": copy_files,
            "citizens": "handles" if ctx.shown.namer.reveal else "pseudonyms",
        }

    return fill, len(sources)


def _suffix(name: str) -> str:
    suffixes = "".join(Path(name).suffixes[-2:])
    return _safe(suffixes) if suffixes else ""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _mapping(ws: Workspace, file: Path | None) -> selection.Mapping:
    try:
        return selection.load(selection.mapping_file(ws.root, file))
    except selection.MappingError as error:
        raise ArchiveError(str(error)) from error


def _registry_accounts(ws: Workspace, account: str, platform: str | None) -> list[dict]:
    handle = pseudonym.subject(account)
    rows = [
        row for row in registry_store.load(ws).to_pylist()
        if row["handle"] and pseudonym.subject(row["handle"]) == handle
        and (platform is None or row["platform"] == platform)
    ]  # fmt: skip
    if not rows:
        where = f" ({PLATFORM_LABELS.get(platform, platform)})" if platform else ""
        raise ArchiveError(
            _(
                "{account}{where} is not an account of the registry: only a public body's "
                "posts are exported (see `meetlat accounts list`)."
            ).format(account=account, where=where)  # fmt: skip
        )
    return rows


def export_account(ws: Workspace, account: str, start: date, end: date, out: Path,
                   platform: str | None = None, reveal_for: str | None = None,
                   validate: bool = True, mapping_file: Path | None = None,
                   now: str | None = None) -> list[Package]:  # fmt: skip
    """One MDTO package per registry account named ``account`` (on ``platform``) for the
    period ``start``…``end``: its posts and the whole conversations they are part of."""
    if end < start:
        raise ArchiveError(_("--to {end} is before --from {start}.").format(end=end, start=start))
    rows = _registry_accounts(ws, account, platform)
    mapping = _mapping(ws, mapping_file)
    shown = _shown(ws, reveal_for, f"archive export {account} {start}..{end}")
    packages = []
    for row in sorted(rows, key=lambda r: r["platform"]):
        con = reader(ws)
        own = find_posts(ws, account=row["handle"], platform=row["platform"], start=start,
                         end=end, con=con)  # fmt: skip
        conversations = conversations_of(ws, own, con)
        _learn_public_ids(shown, [p for c in conversations for p in c])
        label = PLATFORM_LABELS.get(row["platform"], row["platform"])
        key = f"{row['municipality_code']}-{row['platform']}-{_safe(row['handle'])}-{start}-{end}"
        series = mdto.Reference(
            _("Posts of {account} on {platform}, {start} to {end}").format(
                account=row["handle"], platform=label, start=start, end=end),
            key, "Meetlat export",
        )  # fmt: skip
        ctx = _Context(
            shown, mapping, _producers([row["municipality_code"]]), series, validate, now or _now()
        )
        about = {"account": row["handle"], "platform": row["platform"],
                 "municipality": row["municipality_code"], "from": start.isoformat(), "to": end.isoformat()}  # fmt: skip
        fill, files = _fill_mdto(ctx, ws, conversations, series.name, key, (start, end), about)
        path = _written(out, f"mdto-{key}", fill)
        packages.append(Package(path, row["platform"], row["handle"], sum(map(len, conversations)),
                                sum(1 for c in conversations if len(c) > 1), files, shown.namer.reveal))  # fmt: skip
    return packages


def export_conversations(ws: Workspace, posts: list[Post], out: Path, fmt: str = "mdto",
                         reveal_for: str | None = None, validate: bool = True,
                         mapping_file: Path | None = None, now: str | None = None,
                         name: str | None = None) -> Package:  # fmt: skip
    """The whole conversations of ``posts`` in one package (MDTO records, or one CSV or
    JSON file of their posts with the conversation each belongs to)."""
    if fmt not in FORMATS:
        raise ArchiveError(
            _("Unknown format {format}: expected mdto, csv or json.").format(format=fmt)
        )
    mapping = _mapping(ws, mapping_file) if fmt == "mdto" else None
    shown = _shown(ws, reveal_for, "archive search --export")
    conversations = conversations_of(ws, posts)
    everything = [p for c in conversations for p in c]
    _learn_public_ids(shown, everything)
    stamp = now or _now()
    name = name or f"woo-{stamp[:19].replace(':', '').replace('-', '')}"
    about = {"selection": "archive search", "conversations_of": len(posts)}
    if fmt == "mdto":
        codes = {shown.role(p)[1] for p in everything if shown.role(p)}
        if not codes:
            codes = {code for _role, code in shown.roles.values()}
        if not codes:
            raise ArchiveError(_("The registry is empty: an MDTO package needs the municipality (meetlat accounts import)."))  # fmt: skip
        series = mdto.Reference(
            _("Conversations found for a Woo request, exported {day}").format(day=stamp[:10]),
            name, "Meetlat export",
        )  # fmt: skip
        ctx = _Context(shown, mapping, _producers(codes), series, validate, stamp)
        fill, files = _fill_mdto(ctx, ws, conversations, series.name, name, None, about)
    else:
        rows = [
            _row(shown, p, shown.post_id(c[0].platform, c[0].post_id))
            for c in conversations
            for p in c
        ]
        files = 0

        def fill(folder: _Folder) -> dict:
            if fmt == "json":
                data = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
            else:
                buffer = io.StringIO()
                writer = csv.DictWriter(
                    buffer, fieldnames=list(rows[0]) if rows else ["conversation"]
                )
                writer.writeheader()
                writer.writerows(rows)
                data = buffer.getvalue()
            folder.write(f"gesprekken.{fmt}", data.encode("utf-8"))
            return {**about, "format": fmt, "created_at": stamp, "posts": len(rows),
                    "conversations": len(conversations),
                    "citizens": "handles" if shown.namer.reveal else "pseudonyms"}  # fmt: skip

    path = _written(out, name, fill)
    return Package(path, None, None, len(everything), len(conversations), files, shown.namer.reveal)


def export_account_conversations(ws: Workspace, account: str, start: date, end: date,
                                 out: Path, fmt: str, platform: str | None = None,
                                 reveal_for: str | None = None) -> list[Package]:  # fmt: skip
    """The posts of a registry account in a period and their whole conversations as one
    CSV or JSON file per account (the MDTO form is ``export_account``)."""
    if end < start:
        raise ArchiveError(_("--to {end} is before --from {start}.").format(end=end, start=start))
    packages = []
    for row in sorted(_registry_accounts(ws, account, platform), key=lambda r: r["platform"]):
        own = find_posts(ws, account=row["handle"], platform=row["platform"], start=start, end=end)
        key = f"{row['municipality_code']}-{row['platform']}-{_safe(row['handle'])}-{start}-{end}"
        package = export_conversations(ws, own, out, fmt, reveal_for, name=f"{fmt}-{key}")
        packages.append(Package(package.path, row["platform"], row["handle"], package.posts,
                                package.conversations, 0, package.copied))  # fmt: skip
    return packages


def known_account(ws: Workspace, account: str, platform: str | None = None) -> bool:
    """Whether ``account`` is in the registry or wrote any post of the warehouse."""
    handle = pseudonym.subject(account)
    if any(
        row["handle"] and pseudonym.subject(row["handle"]) == handle
        and (platform is None or row["platform"] == platform)
        for row in registry_store.load(ws).to_pylist()
    ):  # fmt: skip
        return True
    return bool(find_posts(ws, account=account, platform=platform))
