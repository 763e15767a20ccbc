"""The ranking rules on the book's Tabel 11 and on hand-made rows."""

import pandas as pd
import pytest

from meetlat.ranking.rank import composite, rank_component, top
from meetlat.ranking.rules import CORPORATE, COUNCIL, Component

# Tabel 11 (seed lines 1028-1055): municipality, rank interaction, rank reaction time
# (10+ replies), rank relative reach, total.
TABEL_11 = [
    ("Meppel", 24, 79, 20, 123),
    ("Veere", 116, 2, 25, 143),
    ("Ameland", 140, 6, 2, 148),
    ("Zeewolde", 64, 9, 77, 150),
    ("Leeuwarden", 7, 78, 72, 157),
    ("Lisse", 20, 106, 54, 180),
    ("Middelburg", 47, 33, 101, 181),
    ("Oost Gelre", 82, 39, 61, 182),
    ("Goes", 83, 59, 44, 186),
    ("Vught", 92, 44, 55, 191),
]


def _row(name, **values):
    row = {
        "municipality_code": None,
        "municipality_name": name,
        "platform": "x",
        "handle": name.lower().replace(" ", ""),
        "role": "corporate",
        "interaction_pct": None,
        "reaction_time_mean_min": None,
        "replies_timed": 0,
        "relative_reach": None,
    }
    row.update(values)
    return row


def _tabel_11_population():
    """The ten municipalities of Tabel 11 with values that give exactly the book's ranks,
    plus filler accounts that take the other rank places on one component each (they
    miss the other components, so they never enter the composite)."""
    rows = [_row(name, replies_timed=10) for name, *_ in TABEL_11]
    for index, component in enumerate(CORPORATE):
        taken = {entry[1 + index]: position for position, entry in enumerate(TABEL_11)}
        for place in range(1, max(taken) + 1):
            value = 1000.0 - place if component.higher_is_better else float(place)
            if place in taken:
                rows[taken[place]][component.column] = value
            else:
                filler = _row(f"Vulling {index}-{place}", **{component.column: value})
                if component.needs_min_replies:
                    filler["replies_timed"] = 25
                rows.append(filler)
    # Faster than everyone, but with 9 timed replies: must not take a rank.
    rows.append(_row("Te weinig reacties", reaction_time_mean_min=0.5, replies_timed=9))
    return pd.DataFrame(rows)


def test_tabel_11_totals_and_order_are_reproduced():
    result = composite(_tabel_11_population(), CORPORATE, min_replies=10)
    ranked = result[result["position"].notna()]
    assert list(ranked["municipality_name"]) == [name for name, *_ in TABEL_11]
    assert list(ranked["total"]) == [total for *_, total in TABEL_11]
    assert list(ranked["position"]) == list(range(1, 11))
    meppel = ranked.iloc[0]
    assert (meppel.rank_interaction_pct, meppel.rank_reaction_time_mean_min) == (24, 79)
    assert meppel.rank_relative_reach == 20


def test_too_few_timed_replies_gives_no_reaction_rank():
    result = composite(_tabel_11_population(), CORPORATE, min_replies=10)
    slow = result[result["municipality_name"] == "Te weinig reacties"].iloc[0]
    assert pd.isna(slow["rank_reaction_time_mean_min"]) and pd.isna(slow["position"])
    # With --min-replies 9 the same account is the fastest.
    relaxed = composite(_tabel_11_population(), CORPORATE, min_replies=9)
    fast = relaxed[relaxed["municipality_name"] == "Te weinig reacties"].iloc[0]
    assert fast["rank_reaction_time_mean_min"] == 1


def test_ties_share_the_best_rank():
    rows = pd.DataFrame({"interaction_pct": [50.0, 80.0, 80.0, 10.0, None]})
    ranks = rank_component(rows, Component("interaction_pct", higher_is_better=True))
    assert ranks.tolist() == [3, 1, 1, 4, pd.NA]


def test_low_reaction_time_is_good():
    rows = pd.DataFrame(
        {"reaction_time_mean_min": [30.0, 5.0, 30.0], "replies_timed": [10, 12, 40]}
    )
    assert rank_component(rows, CORPORATE[1], 10).tolist() == [2, 1, 2]


def test_composite_takes_only_accounts_with_every_component_and_ties_share_position():
    rows = pd.DataFrame(
        [
            _row(
                "A",
                interaction_pct=50.0,
                reaction_time_mean_min=10.0,
                replies_timed=10,
                relative_reach=0.5,
            ),
            _row(
                "B",
                interaction_pct=40.0,
                reaction_time_mean_min=5.0,
                replies_timed=11,
                relative_reach=0.5,
            ),
            _row("C", interaction_pct=90.0, reaction_time_mean_min=None, relative_reach=0.9),
            _row(
                "D",
                interaction_pct=10.0,
                reaction_time_mean_min=60.0,
                replies_timed=30,
                relative_reach=0.1,
            ),
        ]
    )
    result = composite(rows, CORPORATE).set_index("municipality_name")
    # A: ranks 2 + 2 + 2 (reach tie with B) = 6; B: 3 + 1 + 2 = 6; D: 4 + 3 + 4 = 11.
    assert result.loc["A", "total"] == 6 and result.loc["B", "total"] == 6
    assert result.loc["A", "position"] == 1 and result.loc["B", "position"] == 1
    assert result.loc["D", "position"] == 3
    assert pd.isna(result.loc["C", "position"])
    assert result.loc["C", "rank_interaction_pct"] == 1  # still ranked on the component


def test_council_ranking_sums_per_inhabitant_ranks():
    # Hand-made after Tabel 14 (seed lines 1785-1796): Buren, Hoorn, Brummen.
    rows = pd.DataFrame(
        [
            {
                "municipality_name": "Buren",
                "handle": "b",
                "followers_per_inhabitant_pct": 1.9,
                "following_per_inhabitant_pct": 0.5,
                "posts_per_inhabitant_pct": 6.9,
            },
            {
                "municipality_name": "Hoorn",
                "handle": "h",
                "followers_per_inhabitant_pct": 2.2,
                "following_per_inhabitant_pct": 0.2,
                "posts_per_inhabitant_pct": 10.5,
            },
            {
                "municipality_name": "Brummen",
                "handle": "br",
                "followers_per_inhabitant_pct": 1.2,
                "following_per_inhabitant_pct": 1.5,
                "posts_per_inhabitant_pct": 1.1,
            },
        ]
    )
    result = composite(rows, COUNCIL).set_index("municipality_name")
    # Buren 2 + 2 + 2 = 6, Hoorn 1 + 3 + 1 = 5, Brummen 3 + 1 + 3 = 7.
    assert result["total"].to_dict() == {"Hoorn": 5, "Buren": 6, "Brummen": 7}
    assert list(result.index) == ["Hoorn", "Buren", "Brummen"]


def test_ranks_within_peer_groups():
    rows = pd.DataFrame(
        [
            _row("A", interaction_pct=50.0, peer_group="small"),
            _row("B", interaction_pct=40.0, peer_group="small"),
            _row("C", interaction_pct=10.0, peer_group="large"),
        ]
    )
    result = composite(rows, CORPORATE[:1], group_by="peer_group").set_index("municipality_name")
    assert result["rank_interaction_pct"].to_dict() == {"C": 1, "A": 1, "B": 2}


@pytest.mark.parametrize("n", [1, 2])
def test_top_lists_the_best_on_one_component(n):
    rows = pd.DataFrame(
        [_row("A", interaction_pct=20.0), _row("B", interaction_pct=85.0), _row("C")]
    )
    best = top(rows, CORPORATE[0], n=n)
    assert list(best["municipality_name"]) == ["B", "A"][:n]
