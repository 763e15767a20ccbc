"""X API v1.1 statuses: JSON lines, JSON arrays, or search responses (``{"statuses": [...]}``).

Every status is one record; a line or document holding several (an array, a search
response, also one array per line) gives one record per status with ``item`` its
position. The mapping to
canonical rows is ``status.status_rows`` (shared with the account archive).
"""

from __future__ import annotations

from collections.abc import Iterator

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import Canonical, RawRecord, Reader, Source, readers
from meetlat.platforms.jsonsource import json_lines, json_values, parse_json, starts_with_array
from meetlat.platforms.x import sniffing
from meetlat.platforms.x.fields import shown
from meetlat.platforms.x.status import status_rows


@readers.register("x-v1")
class XApiV1(Reader):
    """X (Twitter) API v1.1 statuses with ``user`` and ``entities`` nested."""

    platform = "x"
    title = "X API v1.1 statuses (JSON lines, arrays, search responses)"

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        text = sniffing.body(head)
        if not text.startswith((b"{", b"[")):
            return False
        value = sniffing.first_value(head)
        if sniffing.is_missing(value):
            return (
                sniffing.has_keys(text, "id_str", "user", "screen_name", "created_at")
                and sniffing.has_any_key(text, "text", "full_text")
                and not sniffing.has_any_key(text, "$type", "account", "author_id")
            )
        if isinstance(value, dict) and isinstance(value.get("statuses"), list):
            value = value["statuses"]
        if isinstance(value, list):
            value = value[0] if value else None
        return _looks_like_status(value)

    def records(self, source: Source) -> Iterator[RawRecord]:
        for record in _values(source):
            value = record.value
            if record.error is not None:
                yield record
                continue
            if type(value) is dict and type(value.get("statuses")) is list:
                value = value["statuses"]  # a search response
            if type(value) is list:
                for position, status in enumerate(value, start=1):
                    yield RawRecord(record.line, orjson.dumps(status), status, None, position)
            elif type(value) is dict:
                yield record
            else:
                record.value = None
                record.error = _("expected a JSON object (a status), found {found}").format(
                    found=shown(value)
                )
                yield record

    def canonical(self, record: RawRecord) -> Canonical:
        return status_rows(record.value)


def _values(source: Source) -> Iterator[RawRecord]:
    """``json_values``, and also lines that each hold an array (a timeline per line), which
    ``json_values`` takes for one broken document as the file starts with ``[``."""
    values = json_values(source)
    first = next(values, None)
    if first is None:
        return
    if first.error is not None and first.item is None and starts_with_array(source.read_head()):
        with source.open() as handle:
            _, error = parse_json(handle.readline().strip())
        if error is None:
            yield from json_lines(source)
            return
    yield first
    yield from values


def _looks_like_status(value) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("id_str"), str)
        and isinstance(value.get("user"), dict)
        and ("text" in value or "full_text" in value)
        and "account" not in value
    )
