"""Peer groups: municipalities of the same size class or the same province."""

from __future__ import annotations

from typing import TYPE_CHECKING

from meetlat import reference

if TYPE_CHECKING:
    import pandas as pd

PEER_GROUPS = ("size", "province")


def add_peer_group(rows: pd.DataFrame, kind: str) -> pd.DataFrame:
    """``rows`` with a ``peer_group`` column: the size class of ``inhabitants`` (see
    ``reference.size_class``) or the province of ``municipality_code``."""
    import pandas as pd

    if kind not in PEER_GROUPS:
        raise ValueError(f"unknown peer group {kind!r}: expected one of {PEER_GROUPS}")
    result = rows.copy()
    if kind == "size":
        result["peer_group"] = [
            reference.size_class(int(n)).key if pd.notna(n) else None for n in result["inhabitants"]
        ]
    else:
        result["peer_group"] = [
            reference.get(code).province if isinstance(code, str) else None
            for code in result["municipality_code"]
        ]
    return result


def label(peer_group: str | None) -> str:
    """A peer group as a person reads it: a size class's Dutch name (its key otherwise
    stays in files and JSON), a province as it is."""
    for size in reference.SIZE_CLASSES:
        if size.key == peer_group:
            return size.label()
    return peer_group or "–"
