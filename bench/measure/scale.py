"""The size of the benchmark: 5 million posts of 400 municipalities over 2014, times BENCH_SCALE.

Posts scale linearly; municipalities with the square root of the scale (at least 5, at most
400), so a small run still has a realistic number of posts per account.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

FULL_POSTS = 5_000_000
FULL_MUNICIPALITIES = 400
START = date(2014, 1, 1)
END = date(2014, 12, 31)


@dataclass(frozen=True)
class Scale:
    factor: float
    posts: int
    municipalities: int
    start: date = START
    end: date = END

    @property
    def key(self) -> str:
        """A folder name for the prepared workspace of this size."""
        return f"p{self.posts}-m{self.municipalities}-{self.start}-{self.end}"


def scale(factor: float) -> Scale:
    if not factor > 0:
        raise ValueError(f"BENCH_SCALE must be a positive number, got {factor!r}")
    posts = max(1, round(FULL_POSTS * factor))
    municipalities = min(
        FULL_MUNICIPALITIES, max(5, round(FULL_MUNICIPALITIES * math.sqrt(factor)))
    )
    return Scale(factor, posts, municipalities)


def from_environment() -> Scale:
    """BENCH_SCALE (default 1), read as every benchmark reads it."""
    from bench.harness import scale_factor

    return scale(scale_factor())
