"""One registry mechanism for every kind of plugin: platform readers, indicators, sources,
collectors.

A plugin module registers its plugins with a decorator of its kind's registry::

    readers = Registry("reader", make=..., validate=...)

    @readers.register("x-v2")
    class XV2Reader(Reader): ...

``register`` refuses a name registered twice and runs the registry's validation hook on
the new item, so a plugin that does not describe itself fails when its module is imported,
not when a user first meets it. Every item describes itself (``describe()``: a dict with at
least ``name`` and ``title``); the contract test loops over ``registries()``.

Plugins are found one way: each kind has a *catalog* module that imports its plugin
modules at the top, in the order that matters (readers: the order of detection). Code that
needs every plugin imports the catalog; the registry itself imports no plugin module, so no
import circle runs through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_REGISTRIES: list[Registry] = []


def _as_is(name: str, obj: Any, details: dict) -> Any:
    if details:
        raise TypeError(f"unexpected details for {name!r}: {sorted(details)}")
    return obj


class Registry(Generic[T]):
    """Named plugins of one kind, in registration order.

    ``make(name, obj, details)`` turns the decorated object and the keyword details given
    to ``register`` into the stored item (default: the object itself); ``validate(item)``
    raises ValueError or TypeError when the item is not a proper plugin of this kind.
    """

    def __init__(
        self,
        kind: str,
        make: Callable[[str, Any, dict], T] = _as_is,
        validate: Callable[[T], None] | None = None,
    ) -> None:
        self.kind = kind
        self._make = make
        self._validate = validate
        self._items: dict[str, T] = {}
        _REGISTRIES.append(self)

    def register(self, name: str, **details: Any) -> Callable:
        """Decorator: register the decorated object under ``name``; returns it unchanged."""
        if not name or not isinstance(name, str):
            raise ValueError(f"a {self.kind} needs a name, got {name!r}")

        def decorate(obj: Any) -> Any:
            if name in self._items:
                raise ValueError(f"{self.kind} {name!r} is registered twice")
            item = self._make(name, obj, details)
            if self._validate is not None:
                self._validate(item)
            self._items[name] = item
            return obj

        return decorate

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            raise KeyError(f"no {self.kind} named {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)

    def all(self) -> list[T]:
        """Every item, in registration order."""
        return list(self._items.values())

    def names(self) -> list[str]:
        return list(self._items)

    def describe(self) -> list[dict]:
        """Each item's own description (``item.describe()``), in registration order."""
        return [item.describe() for item in self._items.values()]


def registries() -> list[Registry]:
    """Every registry created so far (those of the catalogs imported so far)."""
    return list(_REGISTRIES)
