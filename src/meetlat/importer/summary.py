"""What an import did, in numbers, plus the problems a person should look at.

For the records of the files themselves: ``records_read = posts_imported + duplicates +
quarantined``. Posts that only came inside another record (the original of a repost,
a quoted post, ...) are stored too and counted in ``embedded_posts``. ``accounts``,
``snapshots`` and ``metrics`` count the rows added to those tables.
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
)


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

    def merge(self, other: ImportSummary) -> None:
        self.add(other.as_dict())
        for problem in other.problems:
            self.problem(**problem)
        self.problems_left_out += other.problems_left_out

    def as_dict(self) -> dict:
        return asdict(self)


class ImportProgress:
    """What the import reports while it runs; the CLI draws a progress bar from it."""

    def start(self, total_files: int) -> None: ...

    def file_started(self, name: str, number: int) -> None: ...

    def records_read(self, count: int) -> None: ...  # running count within the current file

    def file_done(self, name: str, counts: dict) -> None: ...
