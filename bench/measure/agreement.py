"""Do the floor, the pandas script and Meetlat give the same figures per account?

Rows are matched on (municipality_code, platform, handle, role). Counts must be equal;
``interaction_pct`` and ``reaction_time_mean_min`` equal within a float tolerance (Meetlat
works in whole milliseconds, the baselines in microseconds, so reaction times may differ by
less than a millisecond); a missing figure (no posts, no timed replies) must be missing in all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.measure.period import FIGURES, KEYS

RELATIVE = 1e-9
ABSOLUTE = {"interaction_pct": 1e-9, "reaction_time_mean_min": 1e-4}  # 1e-4 min = 6 ms


@dataclass
class Agreement:
    accounts: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def compare(reference, other, reference_name: str, other_name: str) -> Agreement:
    """Every FIGURE of every account of ``reference`` against ``other`` (pandas frames)."""
    import numpy as np

    left = reference[KEYS + FIGURES].set_index(KEYS).sort_index()
    right = other[KEYS + FIGURES].set_index(KEYS).sort_index()
    result = Agreement(accounts=len(left))
    missing = left.index.difference(right.index)
    extra = right.index.difference(left.index)
    for key in list(missing)[:5]:
        result.problems.append(f"{key}: in {reference_name}, not in {other_name}")
    for key in list(extra)[:5]:
        result.problems.append(f"{key}: in {other_name}, not in {reference_name}")
    common = left.index.intersection(right.index)
    left, right = left.loc[common], right.loc[common]
    for column in FIGURES:
        a = left[column].astype("float64").to_numpy()
        b = right[column].astype("float64").to_numpy()
        both_missing = np.isnan(a) & np.isnan(b)
        close = np.isclose(a, b, rtol=RELATIVE, atol=ABSOLUTE.get(column, 0.0))
        bad = ~(both_missing | close)
        for key, x, y in list(zip(common[bad], a[bad], b[bad], strict=True))[:5]:
            result.problems.append(f"{key} {column}: {reference_name} {x!r}, {other_name} {y!r}")
        if bad.sum() > 5:
            result.problems.append(f"{column}: {int(bad.sum())} accounts differ in all")
    return result
