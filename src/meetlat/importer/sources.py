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
import posixpath
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
        return Source(
            self.name, lambda: self.open_copy(target), lambda name: self.beside(name, target)
        )

    def beside(self, name: str, copy: Path | None = None) -> bytes | None:
        """The bytes of the file ``name`` (a path relative to this unit's folder, ``..``
        allowed) or None when there is none (or it cannot be read). A zip member's
        neighbours are read from the zip itself (``copy``: the archived copy), so a rebuild
        from the archive finds them too; a plain file's from the folder it was imported from."""
        if self.member is not None:
            wanted = posixpath.normpath(posixpath.join(posixpath.dirname(self.member), name))
            if wanted.startswith("../"):
                return None
            try:
                with zipfile.ZipFile(self.path if copy is None else copy) as archive:
                    return archive.read(wanted)
            except (KeyError, OSError, zipfile.BadZipFile):
                return None
        try:
            return (self.path.parent / name).read_bytes()
        except OSError:
            return None

    def head(self) -> bytes:
        return self.source().read_head(HEAD_SIZE)


def _hidden(parts) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


# Files that travel with exports but hold no records: read notes, the CSV column
# mappings (read by the csv reader itself), media and the web pages that show an export
# (an X archive's "Your archive.html" and assets/, its data/tweets_media/ and other
# *_media folders), the other files of an X account archive (account.js is read by the
# x-archive reader beside tweets.js) and of a Mastodon account archive (actor.json is
# read by the mastodon-archive reader beside outbox.json; likes.json and bookmarks.json
# list addresses of other people's statuses) and of a Facebook export (its
# profile_information.json is read by the facebook-dyi reader). They are passed over
# when a folder or zip is walked, neither archived nor reported as problems, and counted
# (the summary's ``not_data``); named on the command line, they are imported (or refused).
COMPANION_SUFFIXES = (
    ".md", ".txt", ".pdf", ".toml", ".html", ".htm", ".css", ".map", ".ico", ".svg",
    ".woff", ".woff2", ".ttf", ".otf", ".eot",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", ".bmp", ".tif", ".tiff",
    ".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv", ".mp3", ".m4a", ".aac", ".ogg", ".wav",
)  # fmt: skip
COMPANION_FILES = ("actor.json", "likes.json", "bookmarks.json", "profile_information.json")
ASSET_FOLDERS = ("fonts", "images", "js", "css")  # assets/<these>/: an archive's web pages
ARCHIVE_TWEET_FILES = ("tweets.js", "tweet.js")


def companion(name: str) -> bool:
    """True for a file inside a folder or zip that is not an export to import (``name``:
    its path relative to the folder or zip, or its file name)."""
    parts = name.lower().split("/")
    base = parts[-1]
    for above, part in zip(parts[:-2], parts[1:-1], strict=True):
        if (above == "data" and part.endswith("_media")) or (
            above == "assets" and part in ASSET_FOLDERS
        ):
            return True  # data/tweets_media/, data/profile_media/, assets/fonts/, ...
    if base.endswith(COMPANION_SUFFIXES) or base in COMPANION_FILES:
        return True
    if base.endswith(".js"):
        return not (base in ARCHIVE_TWEET_FILES or base.startswith(("tweets-part", "tweet-part")))
    return False


def _zip_units(path: Path, name: str, passed_over: list[str]) -> list[Unit]:
    with zipfile.ZipFile(path) as archive:
        files = [
            info.filename
            for info in archive.infolist()
            if not info.is_dir() and not _hidden(info.filename.split("/"))
        ]
    members = []
    for member in sorted(files):
        if companion(member):
            passed_over.append(f"{name}!{member}")
        else:
            members.append(member)
    return [Unit(path, f"{name}!{member}", member) for member in members]


def _file_units(path: Path, name: str, passed_over: list[str]) -> list[Unit]:
    if path.name.lower().endswith(".zip") and zipfile.is_zipfile(path):
        return _zip_units(path, name, passed_over)
    return [Unit(path, name)]


def _dangling(path: Path) -> bool:
    """A symbolic link that leads nowhere (or in a loop): kept as a unit, so that the
    import names it as a file it could not read instead of passing it over in silence."""
    return path.is_symlink() and not path.exists()


def expand(paths, passed_over: list[str] | None = None) -> list[Unit]:
    """Every file to import under ``paths``; raises SourceMissing for a path that is not there.

    The files of a folder or zip that hold no export (``companion``) are left out and, when
    ``passed_over`` is given, their names are appended to it."""
    units: list[Unit] = []
    passed_over = [] if passed_over is None else passed_over
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if (p.is_file() or _dangling(p)) and not _hidden(p.relative_to(path).parts)
            )
            for file in files:
                if companion(file.relative_to(path).as_posix()):
                    passed_over.append(str(file))
                else:
                    units.extend(_file_units(file, str(file), passed_over))
        elif path.is_file() or _dangling(path):
            units.extend(_file_units(path, str(given), passed_over))
        else:
            raise SourceMissing(_("{path} does not exist").format(path=given))
    return units
