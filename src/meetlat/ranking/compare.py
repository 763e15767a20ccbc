"""Year-over-year: the same municipalities in two periods, through mergers.

A municipality of period A that merged before the end of period B is compared through
its successor: its rows are combined with those of the other municipalities that merged
into the same successor, using the rules below, and set beside the successor's row of
period B.

Combining rows of one successor: counts add up (posts_sent, replies_sent, replies_timed,
followers, following, inhabitants); interaction_pct is recomputed from the summed
counts; the mean reaction time is the mean of the parts weighted by their timed replies;
the potential reach is the mean of the parts weighted by their own non-repost posts
(posts_sent − reposts_sent), and the relative reach that reach over the summed
inhabitants.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from meetlat import reference

if TYPE_CHECKING:
    import pandas as pd

SUMMED = (
    "posts_sent", "replies_sent", "reposts_sent", "replies_timed", "followers", "following",
    "inhabitants",
)  # fmt: skip
COMPARED = (
    "posts_sent",
    "replies_sent",
    "interaction_pct",
    "replies_timed",
    "reaction_time_mean_min",
    "followers",
    "following",
    "potential_reach_mean",
    "relative_reach",
)


def combine(rows: pd.DataFrame, key: str = "successor_code") -> pd.DataFrame:
    """One row per ``key`` from municipality rows, by the rules of this module."""
    frame = rows.copy()
    frame["_weighted_time"] = frame["reaction_time_mean_min"] * frame["replies_timed"]
    own = (frame["posts_sent"] - frame["reposts_sent"]).where(frame["potential_reach_mean"].notna())
    frame["_reach_posts"] = own
    frame["_weighted_reach"] = frame["potential_reach_mean"] * own
    grouped = frame.groupby(key, dropna=False)
    helpers = ["_weighted_time", "_reach_posts", "_weighted_reach"]
    combined = grouped[list(SUMMED) + helpers].sum(min_count=1)
    combined["interaction_pct"] = 100 * combined["replies_sent"] / combined["posts_sent"]
    timed = combined["replies_timed"].where(combined["replies_timed"] > 0)
    combined["reaction_time_mean_min"] = combined["_weighted_time"] / timed
    reach_posts = combined["_reach_posts"].where(combined["_reach_posts"] > 0)
    combined["potential_reach_mean"] = combined["_weighted_reach"] / reach_posts
    combined["relative_reach"] = combined["potential_reach_mean"] / combined["inhabitants"]
    combined["merged_from"] = grouped["municipality_code"].agg(lambda c: ",".join(sorted(c)))
    return combined.drop(columns=helpers).reset_index()


def compare(period_a: pd.DataFrame, period_b: pd.DataFrame, end_b: date) -> pd.DataFrame:
    """Per municipality of period B: each compared figure in A and B and the change B − A."""
    import pandas as pd

    a = period_a.copy()
    a["successor_code"] = [reference.successor(code, end_b) for code in a["municipality_code"]]
    a = combine(a)
    b = period_b.copy()
    b["successor_code"] = b["municipality_code"]
    b = combine(b)
    joined = b.merge(a, on="successor_code", how="outer", suffixes=("_b", "_a"))
    out = pd.DataFrame({"municipality_code": joined["successor_code"]})
    out["municipality_name"] = [reference.get(code).name for code in out["municipality_code"]]
    out["merged_from"] = joined["merged_from_a"]
    for column in COMPARED:
        out[f"{column}_a"] = joined[f"{column}_a"]
        out[f"{column}_b"] = joined[f"{column}_b"]
        out[f"{column}_change"] = joined[f"{column}_b"] - joined[f"{column}_a"]
    return out.sort_values("municipality_name", kind="stable").reset_index(drop=True)
