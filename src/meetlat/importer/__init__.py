"""Importing export files: sources (files, folders, .gz, .zip), the import run, its summary."""

from meetlat.importer.service import (
    ImportInterrupted,
    ImportProgress,
    UnknownFormat,
    import_paths,
)
from meetlat.importer.sources import SourceMissing
from meetlat.importer.summary import COMPLETE, NOTHING, PARTIAL, ImportSummary

__all__ = [
    "COMPLETE",
    "NOTHING",
    "PARTIAL",
    "ImportInterrupted",
    "ImportProgress",
    "ImportSummary",
    "SourceMissing",
    "UnknownFormat",
    "import_paths",
]
