"""Ranks, rank sums and composites over the rows of a measurement (one row per account)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from meetlat.ranking.rules import DEFAULT_MIN_REPLIES, Component


def rank_column(component: Component) -> str:
    return f"rank_{component.column}"


def eligible(rows: pd.DataFrame, component: Component, min_replies: int) -> pd.Series:
    """Which rows take part in ranking this component: a known value, and for reaction
    time at least ``min_replies`` timed replies."""
    mask = rows[component.column].notna()
    if component.needs_min_replies:
        mask &= rows["replies_timed"].fillna(0) >= min_replies
    return mask


def rank_component(
    rows: pd.DataFrame, component: Component, min_replies: int = DEFAULT_MIN_REPLIES
) -> pd.Series:
    """Rank 1 is best; ties share the best rank; ineligible rows get no rank (<NA>)."""
    mask = eligible(rows, component, min_replies)
    values = rows.loc[mask, component.column].astype(float)
    ranks = values.rank(method="min", ascending=not component.higher_is_better)
    return ranks.reindex(rows.index).astype("Int64")


def composite(
    rows: pd.DataFrame,
    components: Sequence[Component],
    min_replies: int = DEFAULT_MIN_REPLIES,
    group_by: str | None = None,
) -> pd.DataFrame:
    """Every row with its component ranks, the sum of ranks (``total``) and its ``position``.

    Ranks are computed within each group of ``group_by`` (a peer group) when given.
    ``total`` and ``position`` are set only for rows ranked on every component; the
    position is the rank of the total, lowest first, ties sharing the best position.
    The result is ordered by position, then by municipality name and handle.
    """
    import pandas as pd

    result = rows.copy()
    groups = [result] if group_by is None else [g for _, g in result.groupby(group_by)]
    ranked = []
    for group in groups:
        group = group.copy()
        for component in components:
            group[rank_column(component)] = rank_component(group, component, min_replies)
        rank_cols = [rank_column(c) for c in components]
        complete = group[rank_cols].notna().all(axis=1)
        group["total"] = group[rank_cols].sum(axis=1, min_count=len(rank_cols)).astype("Int64")
        group.loc[~complete, "total"] = pd.NA
        group["position"] = (
            group["total"].astype("Float64").rank(method="min", ascending=True).astype("Int64")
        )
        ranked.append(group)
    result = pd.concat(ranked) if ranked else result
    order = [c for c in (group_by, "position", "municipality_name", "handle") if c]
    return result.sort_values(order, na_position="last", kind="stable").reset_index(drop=True)


def top(
    rows: pd.DataFrame,
    component: Component,
    n: int = 10,
    min_replies: int = DEFAULT_MIN_REPLIES,
) -> pd.DataFrame:
    """The best ``n`` rows on one component (the book's Tabel 10), ties sharing a rank."""
    result = rows.copy()
    result["rank"] = rank_component(result, component, min_replies)
    result = result[result["rank"].notna()]
    return result.sort_values(["rank", "municipality_name", "handle"], kind="stable").head(n)
