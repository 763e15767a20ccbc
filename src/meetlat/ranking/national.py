"""The national figures the book reports (seed lines 883, 933–939, 969, 993, 1737–1757):
means over the measured accounts, shares of municipalities and platform adoption.

Each figure says what it is a mean or share of (``basis``): the book compares
municipalities with each other, so a national "gemiddelde" is the mean of the accounts'
own figures (every account weighs the same, however much it posts), and a share is over
municipalities. Definitions: docs/indicators.md, "National figures".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING

from meetlat.i18n import _
from meetlat.warehouse.schema import PLATFORMS

if TYPE_CHECKING:
    import pandas as pd

CORPORATE, COUNCIL = "corporate", "council"
PLATFORM_NAMES = {
    "x": "X (Twitter)",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "facebook": "Facebook",
}
FEW_FOLLOWING = 10  # the book: "21 accounts er minder dan 10 volgen" (line 1742)


@dataclass(frozen=True)
class Figure:
    key: str  # e.g. corporate.followers_mean
    value: float | None  # None: nothing to compute it from
    n: int  # the accounts or municipalities it is computed over
    basis: str  # accounts, municipalities
    unit: str  # accounts, posts, pct, minutes
    previous: float | None = None  # the same figure a year earlier
    previous_n: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _mean(frame: pd.DataFrame, column: str) -> tuple[float | None, int]:
    values = frame[column].dropna()
    return (float(values.mean()) if len(values) else None), int(len(values))


def _of_role(frame: pd.DataFrame, role: str) -> pd.DataFrame:
    return frame[frame["role"] == role]


def interaction_mean(frame: pd.DataFrame) -> tuple[float | None, int]:
    """The mean interaction_pct of the rows (accounts or municipalities) that sent posts:
    the "Gemiddelde" row of Tabel 10."""
    return _mean(frame[frame["posts_sent"] > 0], "interaction_pct")


def reaction_mean(frame: pd.DataFrame) -> tuple[float | None, int]:
    """The mean of the rows' mean reaction times, over the rows with a timed reply."""
    return _mean(frame, "reaction_time_mean_min")


def account_means(frame: pd.DataFrame) -> list[Figure]:
    """Means over the measured accounts of one period (one row per registry account)."""
    corporate, council = _of_role(frame, CORPORATE), _of_role(frame, COUNCIL)
    found = [
        Figure(key, *_mean(corporate, column), "accounts", "accounts")
        for key, column in (
            ("corporate.followers_mean", "followers"),
            ("corporate.following_mean", "following"),
            ("corporate.potential_reach_mean", "potential_reach_mean"),
        )
    ]
    found.append(
        Figure("corporate.interaction_pct_mean", *interaction_mean(corporate), "accounts", "pct")
    )
    found.append(
        Figure("corporate.reaction_time_mean_min", *reaction_mean(corporate), "accounts", "minutes")
    )
    for key, column, unit in (
        ("council.followers_mean", "followers", "accounts"),
        ("council.following_mean", "following", "accounts"),
        ("council.total_posts_mean", "total_posts", "posts"),
    ):
        found.append(Figure(key, *_mean(council, column), "accounts", unit))
    known = council["following"].dropna()
    found.append(
        Figure(
            "council.following_under_10",
            float((known < FEW_FOLLOWING).sum()),
            int(len(known)),
            "accounts",
            "accounts",
        )
    )
    posts = council["total_posts"].dropna()
    found.append(
        Figure("council.never_posted", float((posts == 0).sum()), int(len(posts)), "accounts",
               "accounts")
    )  # fmt: skip
    found.append(Figure("council.accounts", float(len(council)), len(council), "accounts",
                        "accounts"))  # fmt: skip
    return found


def replied_share(frame: pd.DataFrame) -> Figure:
    """The share of the municipalities whose corporate accounts sent posts in the period
    that replied to another account at least once (seed line 969: 82%)."""
    corporate = _of_role(frame, CORPORATE)
    sums = corporate.groupby("municipality_code")[["posts_sent", "replies_sent"]].sum()
    replies = sums.loc[sums["posts_sent"] > 0, "replies_sent"]
    n = int(len(replies))
    value = 100.0 * int((replies > 0).sum()) / n if n else None
    return Figure("corporate.replied_share_pct", value, n, "municipalities", "pct")


def adoption(registry: list[dict], municipalities: list[str], day: date) -> list[Figure]:
    """Per platform, the share of the municipalities in force on ``day`` that have a
    registry account there (any role) active on ``day`` (Tabel 8)."""
    codes = set(municipalities)
    n = len(codes)
    found = []
    for platform in PLATFORMS:
        having = {
            row["municipality_code"]
            for row in registry
            if row["platform"] == platform
            and row["municipality_code"] in codes
            and (row["active_from"] is None or row["active_from"] <= day)
            and (row["active_to"] is None or row["active_to"] >= day)
        }
        value = 100.0 * len(having) / n if n else None
        found.append(Figure(f"adoption.{platform}_pct", value, n, "municipalities", "pct"))
    return found


def with_previous(current: list[Figure], earlier: list[Figure] | None) -> list[Figure]:
    """``current`` with each figure's value of a year earlier beside it."""
    before = {f.key: f for f in earlier or []}
    return [
        Figure(
            f.key,
            f.value,
            f.n,
            f.basis,
            f.unit,
            before[f.key].value if f.key in before else None,
            before[f.key].n if f.key in before else None,
        )  # fmt: skip
        for f in current
    ]


def label(key: str) -> str:
    """A national figure's name as a person reads it."""
    labels = {
        "corporate.followers_mean": _("Corporate accounts: mean followers"),
        "corporate.following_mean": _("Corporate accounts: mean following"),
        "corporate.potential_reach_mean": _("Corporate accounts: mean potential reach"),
        "corporate.interaction_pct_mean": _("Corporate accounts: mean interaction"),
        "corporate.reaction_time_mean_min": _("Corporate accounts: mean reaction time"),
        "corporate.replied_share_pct": _("Municipalities that replied at least once"),
        "council.accounts": _("Council accounts measured"),
        "council.followers_mean": _("Council accounts: mean followers"),
        "council.following_mean": _("Council accounts: mean following"),
        "council.total_posts_mean": _("Council accounts: mean posts since the start"),
        "council.following_under_10": _("Council accounts following fewer than 10"),
        "council.never_posted": _("Council accounts that never posted"),
    }
    if key in labels:
        return labels[key]
    if key.startswith("adoption."):
        platform = key.removeprefix("adoption.").removesuffix("_pct")
        return _("Municipalities with an account on {platform}").format(
            platform=PLATFORM_NAMES.get(platform, platform)
        )
    return key
