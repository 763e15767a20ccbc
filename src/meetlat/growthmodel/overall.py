"""The overall phase of a municipality from its profile (one phase per aspect).

The book (seed lines 1330–1370) places the average municipality in phase 2 although
many take steps on content and customer experience and a few "look ahead to phase 3":
those steps are still experimental, and "many municipalities are still looking for a
robust organisation and a broad roll-out across departments", so placing them in
phase 3 would be premature. A municipality is not yet in a phase while its
organisation is not. The rule turns that into three limits; the overall phase is the
lowest of them:

1. **Interaction**: the phase that most interaction aspects have reached — the
   lower median of the placed interaction aspects (with five aspects: the phase that
   at least three of them reach). One or two aspects ahead do not lift the whole.
2. **Organisation**: the same lower median over the organisation aspects. The
   organisation has to carry a phase before the municipality is in it.
3. **No organisation aspect far behind**: at most one phase above the lowest
   organisation aspect. A robust organisation has no aspect that is two phases
   behind.

The result is always 1–4. Aspects without a phase (``None`` or absent) are left
out; when a group has no placed aspect at all the overall phase is ``None``.
Examples: all aspects in 1 → 1; all in 4 → 4; interaction 3,3,3,2,2 with
organisation 2,2,2,2,2 → 2; interaction 4 everywhere with organisation
3,3,3,3,1 → 2 (the lagging aspect holds it back).
"""

from __future__ import annotations

from collections.abc import Mapping

from meetlat.growthmodel.model import GROUPS, PHASE_NUMBERS


def lower_median(phases: list[int]) -> int:
    """The phase that more than half of ``phases`` reach (the lower median)."""
    ordered = sorted(phases)
    return ordered[(len(ordered) - 1) // 2]


def overall_phase(profile: Mapping[str, int | None]) -> int | None:
    """The overall phase (1–4) of a profile {aspect key: phase}, by the rule above."""
    for aspect, phase in profile.items():
        if phase is not None and phase not in PHASE_NUMBERS:
            raise ValueError(f"phase of {aspect} must be 1, 2, 3 or 4, not {phase!r}")
    placed = {
        group: [profile[key] for key in keys if profile.get(key) is not None]
        for group, keys in GROUPS.items()
    }
    if not placed["interaction"] or not placed["organisation"]:
        return None
    limits = (
        lower_median(placed["interaction"]),
        lower_median(placed["organisation"]),
        min(placed["organisation"]) + 1,
    )
    return max(PHASE_NUMBERS[0], min(PHASE_NUMBERS[-1], *limits))
