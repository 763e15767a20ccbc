"""Where the generated posts go: JSON lines files split per month and by size.

Files are named ``<prefix>-<YYYY-MM>-<NNN>.jsonl`` inside ``<out>/posts/``; a new file
starts when the month (Europe/Amsterdam) of the first post of a line changes or when a file holds
``max_lines`` lines. Lines are buffered and written in large blocks.
"""

from __future__ import annotations

from pathlib import Path

FLUSH_BYTES = 4 << 20


class SplitFiles:
    def __init__(self, folder: Path, prefix: str, max_lines: int):
        self.folder = folder
        self.prefix = prefix
        self.max_lines = max_lines
        self.files: list[Path] = []
        self._month: str | None = None
        self._number = 0
        self._lines = 0
        self._handle = None
        self._buffer: list[str] = []
        self._buffered = 0

    def write(self, month: str, line: str) -> None:
        """Write one line (without its newline) for a record of ``month`` (YYYY-MM)."""
        if month != self._month or self._lines >= self.max_lines:
            self._open(month)
        self._buffer.append(line)
        self._buffered += len(line)
        self._lines += 1
        if self._buffered >= FLUSH_BYTES:
            self._flush()

    def _open(self, month: str) -> None:
        self._close_current()
        self._number = self._number + 1 if month == self._month else 1
        self._month = month
        path = self.folder / f"{self.prefix}-{month}-{self._number:03d}.jsonl"
        self._handle = path.open("w", encoding="utf-8", newline="\n")
        self.files.append(path)
        self._lines = 0

    def _flush(self) -> None:
        if self._buffer and self._handle is not None:
            self._handle.write("\n".join(self._buffer))
            self._handle.write("\n")
        self._buffer = []
        self._buffered = 0

    def _close_current(self) -> None:
        self._flush()
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def close(self) -> list[Path]:
        self._close_current()
        return self.files
