"""The files an import reads: paths and folders expanded, ``.gz`` and ``.zip`` opened.

``expand(paths)`` gives one ``Unit`` per file to import, in a stable order: the paths in
the order given, the files of a folder recursively in sorted order, the members of a
``.zip`` in sorted order (named ``archive.zip!member``). Hidden files and folders (a
name starting with ``.``) and the ``__MACOSX`` folders of zip files are not data and
are left out; a symbolic link that leads nowhere is a unit (which the import reports
as unreadable). A ``.gz`` file (also a ``.gz`` member of a zip) is read decompressed.

A unit opens its bytes from any copy of its file: the importer reads the copy it has
just stored in the archive, so the record hashes belong to the archived bytes.
"""

from __future__ import annotations

import gzip
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from meetlat.i18n import _
from meetlat.platforms.base import Source

HEAD_SIZE = 65536  # bytes given to readers.detect


class SourceMissing(FileNotFoundError):
    """A path given to the import does not exist."""


class _OwningGzip(gzip.GzipFile):
    """A GzipFile over another stream that closes that stream too."""

    def __init__(self, inner: BinaryIO):
        super().__init__(fileobj=inner, mode="rb")
        self._inner = inner

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._inner.close()


@dataclass(frozen=True)
class Unit:
    path: Path  # the file as received (a .zip for its members)
    name: str  # for people: the path as given, with "!member" inside a zip
    member: str | None = None  # the member inside a zip

    @property
    def compression(self) -> str | None:
        if self.member is not None:
            return "zip+gzip" if self.member.endswith(".gz") else "zip"
        return "gzip" if self.path.name.endswith(".gz") else None

    def open_copy(self, copy: Path) -> BinaryIO:
        """The decompressed bytes of this unit, read from ``copy`` (the file or its archive)."""
        if self.member is not None:
            with zipfile.ZipFile(copy) as archive:
                stream = archive.open(self.member)  # stays open after the ZipFile closes
            return _OwningGzip(stream) if self.member.endswith(".gz") else stream
        if self.path.name.endswith(".gz"):
            return gzip.open(copy, "rb")
        return open(copy, "rb")

    def source(self, copy: Path | None = None) -> Source:
        target = self.path if copy is None else copy
        return Source(self.name, lambda: self.open_copy(target))

    def head(self) -> bytes:
        return self.source().read_head(HEAD_SIZE)


def _hidden(parts) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


# Files that travel with exports but hold no records: read notes, the CSV column
# mappings (read by the csv reader itself) and the other files of an X account archive
# (account.js is read by the x-archive reader beside tweets.js) and of a Mastodon account
# archive (actor.json is read by the mastodon-archive reader beside outbox.json; likes.json
# and bookmarks.json list addresses of other people's statuses). They are skipped when
# a folder or zip is walked; named on the command line, they are imported (or refused).
COMPANION_SUFFIXES = (".md", ".txt", ".pdf", ".html", ".htm", ".toml", ".png", ".jpg", ".jpeg")
COMPANION_FILES = ("actor.json", "likes.json", "bookmarks.json")
ARCHIVE_TWEET_FILES = ("tweets.js", "tweet.js")


def companion(name: str) -> bool:
    """True for a file inside a folder or zip that is not an export to import."""
    base = name.rsplit("/", 1)[-1].lower()
    if base.endswith(COMPANION_SUFFIXES) or base in COMPANION_FILES:
        return True
    if base.endswith(".js"):
        return not (base in ARCHIVE_TWEET_FILES or base.startswith(("tweets-part", "tweet-part")))
    return False


def _zip_units(path: Path, name: str) -> list[Unit]:
    with zipfile.ZipFile(path) as archive:
        members = sorted(
            info.filename
            for info in archive.infolist()
            if not info.is_dir()
            and not _hidden(info.filename.split("/"))
            and not companion(info.filename)
        )
    return [Unit(path, f"{name}!{member}", member) for member in members]


def _file_units(path: Path, name: str) -> list[Unit]:
    if path.name.lower().endswith(".zip") and zipfile.is_zipfile(path):
        return _zip_units(path, name)
    return [Unit(path, name)]


def _dangling(path: Path) -> bool:
    """A symbolic link that leads nowhere (or in a loop): kept as a unit, so that the
    import names it as a file it could not read instead of passing it over in silence."""
    return path.is_symlink() and not path.exists()


def expand(paths) -> list[Unit]:
    """Every file to import under ``paths``; raises SourceMissing for a path that is not there."""
    units: list[Unit] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if (p.is_file() or _dangling(p))
                and not _hidden(p.relative_to(path).parts)
                and not companion(p.name)
            )
            for file in files:
                units.extend(_file_units(file, str(file)))
        elif path.is_file() or _dangling(path):
            units.extend(_file_units(path, str(given)))
        else:
            raise SourceMissing(_("{path} does not exist").format(path=given))
    return units
