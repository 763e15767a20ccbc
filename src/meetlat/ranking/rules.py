"""The ranking rules of the book, as data.

A ranking is a list of components. Each component is one indicator column of the
measurement, ranked so that rank 1 is best (``higher_is_better`` says which way), with
ties sharing the best rank (1, 2, 2, 4). The composite orders the accounts that have a
rank on every component by the sum of their ranks, lowest first — the method of the
book's Tabel 11 (corporate accounts) and Tabel 14 (council accounts).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Component:
    column: str
    higher_is_better: bool
    needs_min_replies: bool = False  # only accounts with at least --min-replies timed replies
    label: str = ""  # short English name for table headings (translated when shown)


# Tabel 10 / 11: interaction, reaction time (10+ timed replies), relative reach.
CORPORATE = (
    Component("interaction_pct", higher_is_better=True, label="interaction"),
    Component(
        "reaction_time_mean_min",
        higher_is_better=False,
        needs_min_replies=True,
        label="reaction time",
    ),
    Component("relative_reach", higher_is_better=True, label="relative reach"),
)

# Tabel 14: followers, following and total posts per inhabitant.
COUNCIL = (
    Component("followers_per_inhabitant_pct", higher_is_better=True, label="followers"),
    Component("following_per_inhabitant_pct", higher_is_better=True, label="following"),
    Component("posts_per_inhabitant_pct", higher_is_better=True, label="posts"),
)

RANKINGS = {"corporate": CORPORATE, "council": COUNCIL}

DEFAULT_MIN_REPLIES = 10
