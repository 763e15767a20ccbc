"""Krippendorff's alpha (nominal) against values computed by hand and against the worked
example of Krippendorff's own paper."""

from __future__ import annotations

import pytest

from meetlat.indicators.agreement import coincidences, nominal_alpha

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
# observers, twelve units, "." missing; typed in by hand from the paper's table.
A, B, C, D = (
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
)


def test_the_papers_nominal_example_gives_0_743():
    units = list(zip(A, B, C, D, strict=True))
    found = nominal_alpha(units)
    assert round(found.value, 3) == 0.743
    # unit 12 has one value only: not pairable; the paper's n.. is 40
    assert found.units == 11
    assert found.values == 40


def test_the_papers_coincidences():
    matrix, _ = coincidences(zip(A, B, C, D, strict=True))
    # the paper's matrix: n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3
    totals = {c: sum(w for (x, _k), w in matrix.items() if x == c) for c in range(1, 6)}
    assert {c: round(v, 9) for c, v in totals.items()} == {1: 9, 2: 13, 3: 10, 4: 5, 5: 3}
    assert matrix[(1, 1)] == pytest.approx(7)
    assert matrix[(1, 2)] == pytest.approx(4 / 3)


def test_two_coders_by_hand():
    # (a,a) (a,b) (b,b) (b,b): o_ab = o_ba = 1, n_a = 3, n_b = 5, n = 8
    # alpha = 1 - 7 * 2 / (2 * 3 * 5) = 1 - 14/30 = 8/15
    found = nominal_alpha([("a", "b"), ("a", "a"), ("b", "b"), ("b", "b")][::-1])
    assert found.value == pytest.approx(8 / 15)
    assert found.units == 4 and found.values == 8


def test_perfect_agreement_is_one_and_no_variation_is_undefined():
    assert nominal_alpha([("x", "x"), ("y", "y")]).value == pytest.approx(1)
    assert nominal_alpha([("x", "x"), ("x", "x", "x")]).value is None
    assert nominal_alpha([("x", None), (None, None)]).value is None


def test_three_coders_with_a_missing_value_by_hand():
    # unit 1 (s,s,k): m=3, o_ss += 2/2 = 1, o_sk += 2*1/2 = 1 (and o_ks = 1)
    # unit 2 (k,k,-): m=2, o_kk += 2
    # unit 3 (s,n,-): o_sn = o_ns = 1
    # n_s = 1+1+1 = 3, n_k = 1+2 = 3, n_n = 1, n = 7, disagreements = 4
    # expected = 2*(3*3 + 3*1 + 3*1) = 30; alpha = 1 - 6 * 4 / 30 = 0.2
    units = [("s", "s", "k"), ("k", "k", None), ("s", None, "n")]
    assert nominal_alpha(units).value == pytest.approx(0.2)
