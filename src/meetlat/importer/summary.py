"""What an import did, in numbers, plus the problems a person should look at.

For the records of the files themselves: ``records_read = posts_imported + duplicates +
quarantined``. Posts that only came inside another record (the original of a repost,
a quoted post, ...) are stored too and counted in ``embedded_posts``. ``accounts``,
``snapshots`` and ``metrics`` count the rows added to those tables.

Files that could not be imported at all (unreadable, empty, of no format a reader
knows) are not counted in ``files``: each is in ``skipped`` with the reason, and the
other files are imported all the same. ``files_set_aside`` counts the imported files of
which every record was set aside (a CSV file without a column mapping, for one).
``not_data`` counts the files of a folder or zip that hold no export and were passed
over without being archived (media, web pages, notes, an X archive's other files).
``authors_filled`` counts posts stored earlier without their author (an X archive's
tweets.js imported without its account.js) that this import gave their author: they
are duplicates, not new posts.

``outcome()`` sums it up, and it is the exit code of ``meetlat import``: ``COMPLETE``
(0) when every file and record was imported, ``PARTIAL`` (1) when some records or
files were set aside, ``NOTHING`` (2) when no file gave a single good record (or there
were no files at all) while something was set aside. A file that holds no records (an
empty API page) is imported completely.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

MAX_PROBLEMS = 10_000  # problems kept in the summary; all of them are in the quarantine

COUNTERS = (
    "files",
    "records_read",
    "posts_imported",
    "duplicates",
    "quarantined",
    "embedded_posts",
    "accounts",
    "snapshots",
    "metrics",
    "files_set_aside",
    "not_data",
    "authors_filled",
)

COMPLETE, PARTIAL, NOTHING = 0, 1, 2  # outcomes, and the exit codes of ``meetlat import``


@dataclass
class ImportSummary:
    files: int = 0
    records_read: int = 0
    posts_imported: int = 0
    duplicates: int = 0
    quarantined: int = 0
    embedded_posts: int = 0
    accounts: int = 0
    snapshots: int = 0
    metrics: int = 0
    files_set_aside: int = 0
    not_data: int = 0  # files of a folder or zip passed over: media, web pages, notes
    authors_filled: int = 0  # stored posts without an author that this import gave one
    skipped: list[dict] = field(default_factory=list)  # {"file", "reason", "choose_format"}
    quarantine_folder: str | None = None  # where the records set aside are, when there are
    problems: list[dict] = field(default_factory=list)  # {"file", "line", "item", "reason"}
    problems_left_out: int = 0  # problems beyond MAX_PROBLEMS (still in the quarantine)

    def add(self, counts: dict) -> None:
        for name in COUNTERS:
            setattr(self, name, getattr(self, name) + counts.get(name, 0))

    def problem(self, file: str, line: int | None, reason: str, item: int | None = None) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append({"file": file, "line": line, "item": item, "reason": reason})
        else:
            self.problems_left_out += 1

    def skip(self, file: str, reason: str, choose_format: bool = False) -> None:
        """``file`` could not be imported; ``choose_format``: naming its format might help."""
        self.skipped.append({"file": file, "reason": reason, "choose_format": choose_format})

    def merge(self, other: ImportSummary) -> None:
        self.add(other.as_dict())
        for problem in other.problems:
            self.problem(**problem)
        self.problems_left_out += other.problems_left_out
        self.skipped.extend(other.skipped)
        self.quarantine_folder = self.quarantine_folder or other.quarantine_folder

    def outcome(self) -> int:
        """COMPLETE, PARTIAL or NOTHING (see the module's text)."""
        if self.files - self.files_set_aside == 0:
            return NOTHING
        if self.quarantined or self.skipped:
            return PARTIAL
        return COMPLETE

    def as_dict(self) -> dict:
        return asdict(self)


class ImportProgress:
    """What the import reports while it runs; the CLI draws a progress bar from it."""

    def start(self, total_files: int) -> None: ...

    def file_started(self, name: str, number: int) -> None: ...

    def records_read(self, count: int) -> None: ...  # running count within the current file

    def file_done(self, name: str, counts: dict) -> None: ...
