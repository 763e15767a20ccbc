"""CSV exports of monitoring tools into canonical rows, through a column mapping.

Each data row of the file is a record; the header row names the columns. Which column
holds what comes from the mapping (see ``mapping.py``: a file beside the CSV, else a
built-in mapping recognised by the header row).

How a row maps:

- post_id from its column, else read from the post's address (the last all-digit part
  of an X or Mastodon address). ``in_reply_to``/``repost_of``/``quote_of`` may hold an id
  or an address, read the same way.
- The handle without ``@``. Exports carry no platform account ids: without an
  ``account_id`` column the account id is the handle in lower case, so accounts of a CSV
  import do not join with the same accounts imported from the platform's API.
- created_at: parsed with ``[time] format`` (or ISO 8601), a time without an offset is
  taken in ``[time] zone`` (e.g. Europe/Amsterdam local time; in the autumn hour that
  occurs twice the first, summer-time one is meant) and turned into UTC.
- kind: the kind column mapped through ``[values.kind]``; without one, ``reply`` when the
  row names the post it answers, else ``original``.
- mentions, hashtags and links are found in the text.
- followers → ``author_followers`` and an account snapshot; likes, reposts, replies,
  quotes and views → metrics. Both are observed at the ``observed_at`` column when the
  mapping has one (the collection time), else at the post's created_at.
- Counts may use thousands separators (``1.234``, ``1,234``, ``1 234``).

A row of the wrong shape (too few or too many cells, no id, a time that does not
parse, an unknown kind or platform, a count that is not a number) is a record whose
``canonical`` raises RecordError naming the column and what was expected.

A file for which no mapping is found, or whose mapping is invalid, gives one record at
line 1 with that reason: the importer sets it aside, and nothing of the file is read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from meetlat.i18n import _
from meetlat.platforms import textparts
from meetlat.platforms.base import Canonical, RawRecord, Reader, RecordError, Source, readers
from meetlat.platforms.csvmap import csvlines
from meetlat.platforms.csvmap.mapping import (
    FOLDER_MAPPING,
    Mapping,
    MappingError,
    beside,
    built_ins,
    load,
)
from meetlat.platforms.jsonsource import LEADING
from meetlat.platforms.rows import add_account, metrics_row, post_row
from meetlat.warehouse.schema import PLATFORMS, POST_KINDS

_DELIMITERS = (",", ";", "\t")
_NOT_IN_HEADER = set("{}[]<>=")
_GROUPED = re.compile(r"^\d{1,3}(?:[., \u00a0\u202f]\d{3})+$")
_LAST_DIGITS = re.compile(r"/(\d+)/?(?:[?#].*)?$")
METRICS = ("likes", "reposts", "replies", "quotes", "views")


@dataclass(frozen=True)
class RowContext:
    """What every record of one file shares: the mapping and where its columns are."""

    mapping: Mapping
    header: list[str]
    index: dict[str, int]  # field → position of its column


@readers.register("csv")
class MappedCsv(Reader):
    """CSV exports of monitoring tools (Coosto, OBI4wan/Spotler Engage) via a column mapping."""

    platform = ""  # given per file by the mapping
    platform_per_file = True
    title = "CSV export of a monitoring tool, through a column mapping (TOML)"

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        body = head.lstrip(LEADING)
        if not body or body[:1] in (b"{", b"[") or b"\x00" in body:
            return False
        first = body.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")
        if any(ch in _NOT_IN_HEADER for ch in first):
            return False
        for delimiter in _DELIMITERS:
            cells = first.split(delimiter)
            if len(cells) >= 3 and sum(1 for cell in cells if cell.strip()) >= 3:
                return True
        return False

    def records(self, source: Source) -> Iterator[RawRecord]:
        try:
            mapping = _find_mapping(source)
        except MappingError as exc:
            yield _file_error(source, str(exc))
            return
        if mapping is None:
            yield _file_error(
                source,
                _(
                    "no column mapping for this CSV file: put {name}.mapping.toml or "
                    "meetlat-mapping.toml beside it (the built-in mappings do not fit its "
                    "header: {missing})"
                ).format(
                    name=source.name.rsplit("/", 1)[-1],
                    missing="; ".join(_missing_columns(source.read_head(), built_ins())),
                ),
            )
            return
        with source.open() as handle:
            context = None
            for row in csvlines.rows(handle, mapping.delimiter, mapping.encoding):
                if context is None and row.error is not None:  # the header row is unreadable
                    yield RawRecord(line=row.line, raw=row.raw, error=row.error)
                    return
                if context is None:
                    context = _context(mapping, row.cells)
                    if isinstance(context, str):  # the mapping names a column not in the header
                        yield RawRecord(line=row.line, raw=row.raw, error=context)
                        return
                    continue
                yield RawRecord(
                    line=row.line,
                    raw=row.raw,
                    value=None if row.error else row.cells,
                    error=row.error,
                    context=context,
                )

    def canonical(self, record: RawRecord) -> Canonical:
        context = record.context
        if not isinstance(context, RowContext) or not isinstance(record.value, list):
            raise RecordError(_("not a row of a mapped CSV file"))
        return _canonical(record.value, context)


def _file_error(source: Source, reason: str) -> RawRecord:
    with source.open() as handle:
        first = handle.readline().rstrip(b"\r\n")
    return RawRecord(line=1, raw=first, error=reason)


def _find_mapping(source: Source) -> Mapping | None:
    """The file's own mapping; else the folder's or a built-in one that fits the header;
    else the folder's (whose missing column is then the reason the file is set aside)."""
    path = beside(source.name)
    folder_mapping = None
    if path is not None:
        if path.name != FOLDER_MAPPING:
            return load(path)
        folder_mapping = load(path)
    head = source.read_head()
    for mapping in [m for m in (folder_mapping,) if m] + built_ins():
        header = _header_of(head, mapping)
        if header and mapping.fits(header):
            return mapping
    return folder_mapping


def _missing_columns(head: bytes, mappings: list[Mapping]) -> list[str]:
    """Per mapping, the columns it expects that the header row of ``head`` lacks."""
    found = []
    for mapping in mappings:
        header = {cell.strip().casefold() for cell in _header_of(head, mapping) or []}
        lacking = [c for c in mapping.columns.values() if c.strip().casefold() not in header]
        found.append(
            _("{mapping} expects the columns {columns}").format(
                mapping=mapping.name, columns=", ".join(lacking)
            )
        )
    return found


def _header_of(head: bytes, mapping: Mapping) -> list[str] | None:
    for row in csvlines.rows(io.BytesIO(head), mapping.delimiter, mapping.encoding):
        return row.cells if row.error is None else None
    return None


def _context(mapping: Mapping, header: list[str]) -> RowContext | str:
    positions = {cell.strip().casefold(): i for i, cell in reversed(list(enumerate(header)))}
    index = {}
    for field_name, column in mapping.columns.items():
        position = positions.get(column.casefold())
        if position is None:
            return _('column "{column}" of {mapping} is not in the header row').format(
                column=column, mapping=mapping.name
            )
        index[field_name] = position
    return RowContext(mapping=mapping, header=header, index=index)


def _canonical(cells: list[str], context: RowContext) -> Canonical:
    mapping = context.mapping
    if len(cells) != len(context.header):
        raise RecordError(
            _(
                "the row has {found} cells, the header row {expected} (a missing or extra "
                "{delimiter!r}, or a line break outside quotes?)"
            ).format(found=len(cells), expected=len(context.header), delimiter=mapping.delimiter)
        )

    def cell(field_name: str) -> str | None:
        position = context.index.get(field_name)
        if position is None:
            return None
        value = cells[position].strip()
        return value or None

    def column(field_name: str) -> str:
        return mapping.columns[field_name]

    platform = _platform(cell, column, mapping)
    post_id = cell("post_id") or _id_from_address(cell("url"), platform)
    if not post_id:
        name = column("post_id") if "post_id" in mapping.columns else column("url")
        raise RecordError(
            _('column "{column}" is empty (expected the id of the post)').format(column=name)
        )
    created_at = _time(cell("created_at"), column("created_at"), mapping)
    handle = cell("handle")
    handle = handle.lstrip("@") if handle else None
    account_id = cell("account_id") or (handle.lower() if handle else None)
    if not account_id:
        name = column("account_id") if "account_id" in mapping.columns else column("handle")
        raise RecordError(
            _('column "{column}" is empty (expected the author of the post)').format(column=name)
        )
    in_reply_to = _id_from_address(cell("in_reply_to"), platform)
    answered = cell("in_reply_to_account")
    text = cell("text")
    kind = _kind(cell, column, mapping, in_reply_to)
    observed_at = (
        _time(cell("observed_at"), column("observed_at"), mapping)
        if cell("observed_at")
        else created_at
    )
    followers = _count(cell("followers"), column("followers")) if cell("followers") else None

    out = Canonical()
    out.posts.append(
        post_row(
            platform=platform,
            post_id=post_id,
            account_id=account_id,
            handle=handle,
            created_at=created_at,
            text=text,
            language=cell("language"),
            kind=kind,
            in_reply_to_post_id=in_reply_to,
            in_reply_to_account_id=answered.lstrip("@").lower() if answered else None,
            repost_of_post_id=_id_from_address(cell("repost_of"), platform),
            quote_of_post_id=_id_from_address(cell("quote_of"), platform),
            conversation_id=cell("conversation_id"),
            mentions=textparts.mentions(text),
            hashtags=textparts.hashtags(text),
            urls=textparts.urls(text),
            author_followers=followers,
        )
    )
    add_account(
        out,
        platform=platform,
        account_id=account_id,
        handle=handle,
        observed_at=observed_at,
        display_name=cell("display_name"),
        followers=followers,
    )
    counts = {name: _count(cell(name), column(name)) if cell(name) else None for name in METRICS}
    if any(value is not None for value in counts.values()):
        out.metrics.append(
            metrics_row(platform=platform, post_id=post_id, observed_at=observed_at, **counts)
        )
    return out


def _platform(cell, column, mapping: Mapping) -> str:
    if "platform" not in mapping.columns:
        return mapping.platform
    value = cell("platform")
    table = mapping.values.get("platform", {})
    platform = table.get(value.casefold()) if value else None
    if platform is None and value and value.casefold() in PLATFORMS:
        platform = value.casefold()
    if platform is None:
        platform = mapping.platform
    if platform is None:
        raise RecordError(
            _('column "{column}" holds "{value}" (expected one of {allowed})').format(
                column=column("platform"),
                value=value or "",
                allowed=", ".join(sorted(set(table) | set(PLATFORMS))),
            )
        )
    return platform


def _kind(cell, column, mapping: Mapping, in_reply_to: str | None) -> str:
    value = cell("kind")
    if value is None:
        return "reply" if in_reply_to else "original"
    table = mapping.values.get("kind", {})
    kind = table.get(value.casefold())
    if kind is None and value.casefold() in POST_KINDS:
        kind = value.casefold()
    if kind is None:
        raise RecordError(
            _('column "{column}" holds "{value}" (expected one of {allowed})').format(
                column=column("kind"),
                value=value,
                allowed=", ".join(sorted(set(table) | set(POST_KINDS))),
            )
        )
    return kind


def _id_from_address(value: str | None, platform: str) -> str | None:
    """An id as written, or the id read from a post's address (X, Mastodon)."""
    if not value:
        return None
    if not value.lower().startswith(("http://", "https://")):
        return value
    if platform in ("x", "mastodon"):
        found = _LAST_DIGITS.search(value)
        if found:
            return found.group(1)
    return value


def _example(mapping: Mapping) -> str:
    """2014-04-01 09:30 written in the mapping's time format, for messages."""
    if mapping.time_format:
        return datetime(2014, 4, 1, 9, 30).strftime(mapping.time_format)
    return "2014-04-01T09:30:00"


def _time(value: str | None, column: str, mapping: Mapping) -> datetime:
    if not value:
        raise RecordError(
            _('column "{column}" is empty (expected a time such as {example})').format(
                column=column, example=_example(mapping)
            )
        )
    try:
        if mapping.time_format:
            parsed = datetime.strptime(value, mapping.time_format)
        else:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RecordError(
            _('time "{value}" in column "{column}" is not a date (expected e.g. {example})').format(
                value=value, column=column, example=_example(mapping)
            )
        ) from None
    if parsed.tzinfo is None:
        if mapping.zone is None:
            raise RecordError(
                _(
                    'time "{value}" in column "{column}" has no time zone and the mapping '
                    "names none (expected [time] zone, e.g. Europe/Amsterdam)"
                ).format(value=value, column=column)
            )
        parsed = parsed.replace(tzinfo=mapping.zone)
    return parsed.astimezone(UTC)


def _count(value: str, column: str) -> int:
    text = value.strip()
    if text.isdigit():
        return int(text)
    if _GROUPED.match(text):
        return int(re.sub(r"\D", "", text))
    raise RecordError(
        _('"{value}" in column "{column}" is not a whole number').format(value=value, column=column)
    )
