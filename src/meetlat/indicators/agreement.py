"""Krippendorff's alpha for nominal data: how far coders agree beyond chance.

The computation follows Krippendorff, "Computing Krippendorff's Alpha-Reliability"
(2011), section C (nominal data, any number of coders, missing values):

1. Units with fewer than two values are not pairable and are left out.
2. The coincidence matrix: every ordered pair of values (c, k) of two different coders
   of a unit u adds 1 / (m_u - 1) to o_ck, where m_u is the number of values of u.
3. n_c = sum over k of o_ck (how often value c is pairable), n = sum of n_c.
4. alpha = 1 - (n - 1) * (sum over c != k of o_ck) / (sum over c != k of n_c * n_k).

When every pairable value is the same there is no variation to agree on: alpha is then
undefined and ``nominal_alpha`` returns None (it is not 1: chance alone would agree).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Alpha:
    value: float | None  # None: no variation (or no pairable values), alpha undefined
    units: int  # pairable units (two values or more)
    values: int  # n: pairable values


def coincidences(units: Iterable[Sequence[Hashable | None]]) -> tuple[Counter, int]:
    """(o_ck as a Counter of (c, k), number of pairable units); ``None`` is missing."""
    matrix: Counter = Counter()
    pairable = 0
    for unit in units:
        present = [value for value in unit if value is not None]
        m = len(present)
        if m < 2:
            continue
        pairable += 1
        counts = Counter(present)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                matrix[(c, k)] += pairs / (m - 1)
    return matrix, pairable


def nominal_alpha(units: Iterable[Sequence[Hashable | None]]) -> Alpha:
    """Alpha over ``units``: each a sequence of the coders' values (None when a coder did
    not code the unit)."""
    matrix, pairable = coincidences(units)
    totals: Counter = Counter()
    for (c, _k), weight in matrix.items():
        totals[c] += weight
    n = sum(totals.values())
    disagree = sum(weight for (c, k), weight in matrix.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if expected == 0:
        return Alpha(None, pairable, round(n))
    return Alpha(1 - (n - 1) * disagree / expected, pairable, round(n))
