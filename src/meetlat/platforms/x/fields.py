"""Fields of X objects read strictly: the value, or a RecordError naming the field.

The X formats differ in where things are, not in what they are: ids are strings of
digits, texts are strings, counts are whole numbers (the account archive writes them as
strings of digits), nested things are objects or lists of objects. Each function takes
the value already looked up and the field's name as the message shows it.
"""

from __future__ import annotations

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import RecordError


def shown(value) -> str:
    """A short rendering of a found value for a message."""
    try:
        text = orjson.dumps(value).decode("utf-8")
    except TypeError:
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def problem(field: str, value, expected: str) -> RecordError:
    if value is None:
        return RecordError(
            _("field {field} is missing (expected {expected})").format(
                field=field, expected=expected
            )
        )
    return RecordError(
        _("field {field} is {found} (expected {expected})").format(
            field=field, found=shown(value), expected=expected
        )
    )


def post_id(value, field: str) -> str:
    """A required id: a string of digits (never a number, which may have lost digits)."""
    if type(value) is str and value.isascii() and value.isdigit():
        return value
    raise problem(field, value, _("an id as a string of digits"))


def optional_id(value, field: str) -> str | None:
    if value is None:
        return None
    return post_id(value, field)


def text(value, field: str) -> str:
    if type(value) is str:
        return value
    raise problem(field, value, _("a text"))


def optional_text(value, field: str) -> str | None:
    if value is None or type(value) is str:
        return value
    raise problem(field, value, _("a text"))


def count(value, field: str) -> int | None:
    """An optional whole number; a string of digits counts too (the account archive)."""
    if value is None:
        return None
    kind = type(value)
    if kind is int:
        return value
    if kind is str and value.isascii() and value.isdigit():
        return int(value)
    raise problem(field, value, _("a whole number"))


def counts(value: dict, keys: tuple[str, ...], where: str) -> list[int | None]:
    """The optional whole numbers ``value[key]`` of ``keys`` (named ``where`` + key)."""
    found = [value.get(key) for key in keys]
    for position, number in enumerate(found):
        if number is not None and type(number) is not int:
            found[position] = count(number, where + keys[position])
    return found


def mapping(value, field: str) -> dict:
    """An optional object: {} when absent."""
    if value is None:
        return {}
    if type(value) is dict:
        return value
    raise problem(field, value, _("an object"))


def objects(value, field: str) -> list:
    """An optional list of objects: [] when absent."""
    if value is None:
        return []
    if type(value) is not list:
        raise problem(field, value, _("a list of objects"))
    for item in value:
        if type(item) is not dict:
            raise problem(field, value, _("a list of objects"))
    return value
