"""Importing export files: sources (files, folders, .gz, .zip), the import run, its summary."""

from meetlat.importer.service import (
    ImportInterrupted,
    ImportProgress,
    UndetectableFormat,
    UnknownFormat,
    import_paths,
)
from meetlat.importer.sources import SourceMissing
from meetlat.importer.summary import ImportSummary

__all__ = [
    "ImportInterrupted",
    "ImportProgress",
    "ImportSummary",
    "SourceMissing",
    "UndetectableFormat",
    "UnknownFormat",
    "import_paths",
]
