"""What every platform reader is: the contract between a source format and the warehouse.

A reader turns one source file into *records* (``records``) and each record into
canonical rows (``canonical``). The importer does the rest: archiving, hashing,
quarantine, duplicates and Parquet. A reader never writes anything itself.

- ``RawRecord``: one record of a file as found there: where it is (line, and item
  within the line), its exact bytes (hashed into the archive manifest), and its
  parsed value, or the reason it could not be parsed.
- ``Canonical``: the rows one record gives. ``posts[0]`` is the record's own post;
  further posts (the original of a repost, a quoted post, comments) are *embedded*
  and get ``embedded=True``. ``accounts``, ``snapshots`` and ``metrics`` follow the
  schemas in ``meetlat.warehouse.schema``.
- ``RecordError``: raised by ``canonical`` for a record of the wrong shape; the
  importer sets that record aside in the quarantine with the message as reason.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO, ClassVar

from meetlat.plugins import Registry


class RecordError(ValueError):
    """One record cannot become canonical rows; the message says why, for a person."""


def _nothing_beside(name: str) -> bytes | None:
    return None


@dataclass(frozen=True)
class Source:
    """One file to read: its name for messages and a way to open its (decompressed) bytes.

    ``beside(name)`` gives the bytes of another file in the same folder or zip folder
    (an X archive's ``account.js`` beside its ``tweets.js``), or None when there is none.
    """

    name: str
    open: Callable[[], BinaryIO]
    beside: Callable[[str], bytes | None] = _nothing_beside

    def read_head(self, size: int = 65536) -> bytes:
        with self.open() as handle:
            return handle.read(size)


@dataclass
class RawRecord:
    line: int  # 1-based line of the file where the record starts
    raw: bytes  # the record's exact bytes (hashed); for items of a page: their JSON
    value: Any = None  # the parsed record, or None when ``error`` is set
    error: str | None = None  # why the record could not be parsed
    item: int | None = None  # position within the line (pages, arrays), 1-based
    context: Any = None  # shared context, e.g. the ``includes`` of an X v2 page


@dataclass
class Canonical:
    posts: list[dict] = field(default_factory=list)
    accounts: list[dict] = field(default_factory=list)
    snapshots: list[dict] = field(default_factory=list)
    metrics: list[dict] = field(default_factory=list)


@dataclass(slots=True)
class Rows:
    """Several records at once, already hashed and turned into rows (a columnar path).

    ``tables`` maps each staged table (``posts``, ``post_metrics``, ``accounts``,
    ``account_snapshots``, ``records``, ``quarantine``) to tuples in the column order of
    ``meetlat.warehouse.writer.RAW_SCHEMAS``, ``seq`` and ``source_file`` included;
    ``problems`` holds (line, reason, item) of the records set aside, in order.
    """

    line: int  # the line of the last record
    count: int  # records
    quarantined: int
    tables: dict[str, list[tuple]]
    problems: list[tuple]


class Reader(ABC):
    """A source format. Subclasses register with ``@readers.register("name")``."""

    name: ClassVar[str] = ""  # set by the registry: the --format value
    platform: ClassVar[str] = ""  # x | mastodon | bluesky | facebook
    platform_per_file: ClassVar[bool] = False  # True: each file names its platform (csv)
    title: ClassVar[str] = ""  # one line for people: what this reads

    @classmethod
    def describe(cls) -> dict:
        """What this reader is, for people and the plugin contract test."""
        return {
            "name": cls.name,
            "title": cls.title,
            "platform": cls.platform or ("per file" if cls.platform_per_file else ""),
            "kind": "reader",
            "module": cls.__module__,
            "columnar": cls.columnar is not None,
        }

    # A reader may also read in columns: ``columnar(source, source_file, first_seq)`` yields
    # RawRecords (the importer handles them one by one, as from ``records``) and ``Rows``
    # (records already hashed and turned into rows, numbered on from ``first_seq``). It
    # must give exactly the records, rows and quarantine reasons of the row path.
    columnar: ClassVar[Callable | None] = None

    @classmethod
    @abstractmethod
    def sniff(cls, head: bytes) -> bool:
        """True when the first bytes of a file (up to 64 KiB, decompressed) look like this format."""

    @abstractmethod
    def records(self, source: Source) -> Iterator[RawRecord]:
        """The records of one file, in file order. Blank lines are not records."""

    @abstractmethod
    def canonical(self, record: RawRecord) -> Canonical:
        """The canonical rows of one parsed record; raises RecordError for a wrong shape."""


class ReaderRegistry(Registry["type[Reader]"]):
    """The readers, in registration order; ``detect`` tries them in that order.

    The order of registration is the order of detection (more specific formats first):
    ``meetlat.platforms.catalog`` imports the platform packages in that order. Code that
    needs every reader imports the catalog, not this module.
    """

    def __init__(self) -> None:
        super().__init__("reader", make=_named, validate=_check_reader)
        self._readers = self._items  # the same dict (tests add a reader for one test)

    def arrange(self, rank) -> None:
        """Put the readers in the order of ``rank(reader)`` (stable: registration order
        within a rank); the catalog calls it once every platform is imported."""
        ordered = sorted(self._items.items(), key=lambda item: rank(item[1]))
        self._items.clear()
        self._items.update(ordered)

    def detect(self, head: bytes) -> type[Reader] | None:
        """The first reader whose ``sniff`` accepts ``head``, or None."""
        for reader in self.all():
            if reader.sniff(head):
                return reader
        return None


def _named(name: str, cls: type, details: dict) -> type:
    if details:
        raise TypeError(f"unexpected details for reader {name!r}: {sorted(details)}")
    cls.name = name
    return cls


def _check_reader(cls: type) -> None:
    """Every reader is a Reader with a platform and a title and implements the contract."""
    if not (isinstance(cls, type) and issubclass(cls, Reader)):
        raise TypeError(f"reader {cls!r} is not a subclass of Reader")
    if not (cls.platform or cls.platform_per_file) or not cls.title:
        raise ValueError(f"reader {cls.name!r} needs a platform and a title")
    missing = sorted(getattr(cls, "__abstractmethods__", ()))
    if missing:
        raise TypeError(f"reader {cls.name!r} does not implement {', '.join(missing)}")


readers = ReaderRegistry()
