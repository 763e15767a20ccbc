"""The overall phase rule (meetlat.growthmodel.overall), on hand-made profiles."""

import pytest

from meetlat.growthmodel.model import ASPECT_KEYS
from meetlat.growthmodel.overall import lower_median, overall_phase


def profile(interaction, organisation):
    return dict(zip(ASPECT_KEYS, list(interaction) + list(organisation), strict=True))


@pytest.mark.parametrize("phase", [1, 2, 3, 4])
def test_the_same_phase_everywhere_is_that_phase(phase):
    assert overall_phase(profile([phase] * 5, [phase] * 5)) == phase


@pytest.mark.parametrize(
    ("interaction", "organisation", "expected", "why"),
    [
        ([3, 3, 2, 2, 2], [2] * 5, 2, "two interaction aspects ahead do not lift the whole"),
        ([3, 3, 3, 2, 2], [3] * 5, 3, "three of five interaction aspects in 3 is a majority"),
        ([4] * 5, [2] * 5, 2, "the organisation holds the municipality back"),
        ([4] * 5, [3, 3, 3, 3, 1], 2, "one organisation aspect two phases behind"),
        ([4] * 5, [4, 4, 4, 4, 3], 4, "one organisation aspect one phase behind is allowed"),
        ([2] * 5, [4] * 5, 2, "an organisation ahead does not lift the interaction"),
        ([1, 1, 1, 4, 4], [4] * 5, 1, "most interaction still in phase 1"),
        ([3, 4, 2, 3, 4], [3, 2, 3, 4, 3], 3, "medians 3 and 3, lowest organisation 2"),
    ],
)
def test_mixed_profiles(interaction, organisation, expected, why):
    assert overall_phase(profile(interaction, organisation)) == expected, why


def test_unplaced_aspects_are_left_out():
    placed = profile([3, 3, 3, 3, 3], [3, 3, 3, 3, 3])
    placed["people"] = None
    del placed["content"]
    assert overall_phase(placed) == 3


def test_a_group_without_any_placed_aspect_gives_no_overall_phase():
    assert overall_phase(profile([2] * 5, [None] * 5)) is None
    assert overall_phase({}) is None


def test_a_phase_outside_one_to_four_is_refused():
    with pytest.raises(ValueError, match="vision"):
        overall_phase(profile([2] * 5, [5, 2, 2, 2, 2]))


def test_lower_median():
    assert lower_median([1, 2, 3, 4, 4]) == 3
    assert lower_median([4, 1, 2, 3]) == 2
    assert lower_median([2]) == 2
