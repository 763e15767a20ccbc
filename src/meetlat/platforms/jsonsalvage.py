"""What can be kept of a JSON document that does not parse as a whole (a cut-off download).

``salvage(text, first_line, parse)`` reads a document that starts with ``[`` or ``{``
value by value (the standard library's ``raw_decode`` finds where each ends; ``parse``,
which is ``jsonsource.parse_json``, parses each one, so values are exactly those of a
whole document) and yields what ``jsonsource.json_document`` would have yielded for the
complete part, then one record with ``error`` set for the rest:

- a top-level array: a record per complete element (``item`` its position), then the
  rest from the first element that is not complete;
- a top-level object (an API page such as ``{"data": [...], "paging": ...}``): the
  object with the members that are complete, and of the member that is cut off, when
  it is an array, its complete elements (a page with the posts before the cut), then
  the rest. When no array member has a complete element, the whole object is the one
  record, with the reason.

The record for the rest has the line where that part starts and a reason that says what
was expected; its ``raw`` is that part, as it is in the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import RawRecord

SPACE = " \t\r\n"
_decoder = json.JSONDecoder()


class _Damage(Exception):
    """Reading stopped at ``at`` for ``reason``; ``item``: the element it stopped in."""

    def __init__(self, at: int, reason: str, item: int | None = None, cut: bool = False):
        super().__init__(reason)
        self.at, self.reason, self.item = at, reason, item
        self.cut = cut  # the text ends there (rather than holding something wrong)


class _Reader:
    def __init__(self, text: str, first_line: int, parse: Callable):
        self.text, self.first_line, self.parse = text, first_line, parse
        self.pos = len(text) - len(text.lstrip("\ufeff" + SPACE))
        self.problems: list[RawRecord] = []  # elements that are complete but not valid

    def line(self, at: int) -> int:
        return self.first_line + self.text.count("\n", 0, at)

    def column(self, at: int) -> int:
        return at - (self.text.rfind("\n", 0, at) + 1) + 1

    def skip(self) -> str:
        """Skip white space; the next character, or "" at the end of the text."""
        text, size = self.text, len(self.text)
        while self.pos < size and text[self.pos] in SPACE:
            self.pos += 1
        return text[self.pos] if self.pos < size else ""

    def value(self, item: int):
        """The JSON value at ``pos`` (parsed by ``parse``), or _Damage."""
        start = self.pos
        try:
            _value, end = _decoder.raw_decode(self.text, start)
        except json.JSONDecodeError as exc:
            cut = self._ends(exc)
            raise _Damage(start, self._broken(exc, item, cut), item, cut) from exc
        self.pos = end
        return self.parse(self.text[start:end].encode("utf-8"))

    def _ends(self, exc: json.JSONDecodeError) -> bool:
        return not self.text[exc.pos :].strip(SPACE) or exc.msg.startswith("Unterminated")

    def _broken(self, exc: json.JSONDecodeError, item: int, cut: bool) -> str:
        if cut:
            return _(
                "the file ends in the middle of item {item} of the array (cut off?): "
                "expected the rest of that item and a closing ]"
            ).format(item=item)
        return _(
            "item {item} of the array is not valid JSON at line {line}, column "
            "{column} (expected a JSON value); the rest of the file is set aside"
        ).format(item=item, line=self.line(exc.pos), column=self.column(exc.pos))

    def elements(self, found: list) -> None:
        """The elements of the array at ``pos`` into ``found`` (as (item, value)); raises
        _Damage where the array stops being whole."""
        self.pos += 1  # the "["
        following = self.skip()
        if following == "]":
            self.pos += 1
            return
        if not following:
            raise _Damage(
                self.pos,
                _(
                    "the file ends right after the [ that opens the array (cut off?): "
                    "expected the items and a closing ]"
                ),
                1,
            )
        item = 0
        while True:
            item += 1
            start = self.pos
            value, error = self.value(item)
            if error is None:
                found.append((item, value))
            else:
                raw = self.text[start : self.pos].encode("utf-8")
                self.problems.append(RawRecord(self.first_line, raw, None, error, item))
            following = self.skip()
            if following == ",":
                self.pos += 1
                if not self.skip():
                    raise _Damage(self.pos, _cut_off(item), item + 1)
                continue
            if following == "]":
                self.pos += 1
                return
            if not following:
                raise _Damage(self.pos, _cut_off(item), item + 1)
            raise _Damage(
                self.pos,
                _(
                    "expected , or ] after item {item} of the array at line {line}, column "
                    "{column}; the rest of the file is set aside"
                ).format(item=item, line=self.line(self.pos), column=self.column(self.pos)),
                item + 1,
            )

    def members(self, found: dict) -> None:
        """The members of the object at ``pos`` into ``found``; a member whose array is
        cut off keeps its complete elements. Raises _Damage where the object stops."""
        self.pos += 1  # the "{"
        if self.skip() == "}":
            self.pos += 1
            return
        while True:
            start = self.pos
            try:
                key, end = _decoder.raw_decode(self.text, start)
            except json.JSONDecodeError as exc:
                raise _Damage(start, _object_cut_off(self, start, self._ends(exc))) from exc
            self.pos = end
            if type(key) is not str or self.skip() != ":":
                raise _Damage(start, _object_cut_off(self, start, not self.skip()))
            self.pos += 1
            if self.skip() == "[":
                elements: list = []
                try:
                    self.elements(elements)
                finally:
                    found[key] = [value for _item, value in elements]
            else:
                try:
                    found[key], error = self.value(1)
                except _Damage as exc:
                    raise _Damage(exc.at, _object_cut_off(self, exc.at, exc.cut)) from exc
                if error is not None:
                    raise _Damage(start, _object_cut_off(self, start, False))
            following = self.skip()
            if following == ",":
                self.pos += 1
                self.skip()
                continue
            if following == "}":
                self.pos += 1
                return
            raise _Damage(self.pos, _object_cut_off(self, self.pos, not following))

    def rest(self, damage: _Damage) -> RawRecord:
        raw = self.text[damage.at :].encode("utf-8")
        return RawRecord(self.line(damage.at), raw, error=damage.reason, item=damage.item)

    def trailing(self, array: bool) -> RawRecord | None:
        """A record for text after the end of the document, if there is any."""
        if not self.skip():
            return None
        at = self.pos
        if array:
            reason = _(
                "unexpected text after the end of the array at line {line} "
                "(expected nothing after the closing ])"
            )
        else:
            reason = _(
                "unexpected text after the end of the JSON object at line {line} "
                "(expected nothing after the closing }})"
            )
        return RawRecord(
            self.line(at), self.text[at:].encode("utf-8"), error=reason.format(line=self.line(at))
        )


def _cut_off(items: int) -> str:
    """The reason for an array that stops after a complete element."""
    return _(
        "the file ends after item {item} of the array (cut off?): expected , and the "
        "next item, or a closing ]"
    ).format(item=items)


def _object_cut_off(reader: _Reader, at: int, cut: bool) -> str:
    if cut:
        return _(
            "the file ends inside the JSON object (cut off?): expected the rest of its "
            "members and a closing }"
        )
    return _(
        "the JSON object is not valid at line {line}, column {column} (expected a member "
        "or a closing }}); the rest of the file is set aside"
    ).format(line=reader.line(at), column=reader.column(at))


def salvage(text: str, first_line: int, parse: Callable) -> Iterator[RawRecord]:
    """The records of the whole part of ``text`` (an array or object that does not parse
    as a whole), then one for the rest (see the module's text)."""
    reader = _Reader(text, first_line, parse)
    damage = None
    array = reader.skip() == "["
    if array:
        found: list = []
        try:
            reader.elements(found)
        except _Damage as exc:
            damage = exc
        records = [RawRecord(first_line, orjson.dumps(v), v, None, item) for item, v in found]
        records.extend(reader.problems)
        records.sort(key=lambda record: record.item)
    else:
        members: dict = {}
        try:
            reader.members(members)
        except _Damage as exc:
            damage = exc
        if damage is not None and not any(type(v) is list and v for v in members.values()):
            # no array with a complete element: nothing worth keeping apart, the whole
            # document is the one record set aside
            yield RawRecord(first_line, text.encode("utf-8"), error=damage.reason)
            return
        records = [RawRecord(first_line, orjson.dumps(members), members, None, 1)]
        records.extend(reader.problems)
    yield from records
    if damage is not None:
        yield reader.rest(damage)
    else:
        extra = reader.trailing(array)
        if extra is not None:
            yield extra
