"""Checks on the shape of a parsed record, raising RecordError with a message a person can act on.

Every message names the field (as a dotted path, e.g. ``reblog.account.id``) and what was
expected there. Ids are returned as exact strings: a JSON number id (exact in orjson) is
turned into its digits, never into a float.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from meetlat.i18n import _
from meetlat.platforms.base import RecordError
from meetlat.platforms.times import parse_time


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def missing(field: str, expected: str) -> RecordError:
    return RecordError(
        _('field "{field}" is missing (expected {expected})').format(field=field, expected=expected)
    )


def wrong(field: str, expected: str) -> RecordError:
    return RecordError(
        _('field "{field}" has the wrong type (expected {expected})').format(
            field=field, expected=expected
        )
    )


def record_object(value: Any, expected: Callable[[], str]) -> dict:
    """The record itself must be a JSON object; ``expected()`` describes it (translated only
    when needed: this runs for every record)."""
    if not isinstance(value, dict):
        raise RecordError(
            _("the record is not a JSON object (expected {expected})").format(expected=expected())
        )
    return value


def need_id(obj: dict, key: str, where: str = "") -> str:
    value = obj.get(key)
    if value is None or value == "":
        raise missing(_path(where, key), _("an id"))
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise wrong(_path(where, key), _("an id as text or a whole number"))
    return str(value)


def maybe_id(obj: dict, key: str, where: str = "") -> str | None:
    if obj.get(key) in (None, ""):
        return None
    return need_id(obj, key, where)


def need_object(obj: dict, key: str, where: str = "") -> dict:
    value = obj.get(key)
    if value is None:
        raise missing(_path(where, key), _("an object"))
    if not isinstance(value, dict):
        raise wrong(_path(where, key), _("an object"))
    return value


def maybe_object(obj: dict, key: str, where: str = "") -> dict | None:
    if obj.get(key) is None:
        return None
    return need_object(obj, key, where)


def maybe_list(obj: dict, key: str, where: str = "") -> list:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise wrong(_path(where, key), _("a list"))
    return value


def maybe_text(obj: dict, key: str, where: str = "") -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise wrong(_path(where, key), _("a text"))
    return value


def need_text(obj: dict, key: str, where: str = "") -> str:
    value = maybe_text(obj, key, where)
    if not value:
        raise missing(_path(where, key), _("a text"))
    return value


def need_time(obj: dict, key: str, where: str = ""):
    """A required time field as an aware UTC datetime."""
    value = obj.get(key)
    if value is None or value == "":
        raise missing(_path(where, key), _("a time such as 2014-04-01T09:30:00Z"))
    return parse_time(value, _path(where, key))
