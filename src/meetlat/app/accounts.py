"""The accounts registry: importing a registry file (then updating the facts), listing it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from meetlat import accounts, reference
from meetlat.accounts import InvalidFile, Merge
from meetlat.app.facts import FactsUpdate, update_facts
from meetlat.workspace import Workspace

__all__ = ["AccountsImport", "InvalidFile", "import_accounts", "list_accounts", "load"]


@dataclass(frozen=True)
class AccountsImport:
    merge: Merge
    facts: FactsUpdate


def import_accounts(ws: Workspace, file: Path) -> AccountsImport:
    """Import a registry CSV (all of it or nothing: raises InvalidFile with every problem),
    then update the measurement facts, which depend on the registry."""
    merge = accounts.import_file(ws, Path(file))
    return AccountsImport(merge, update_facts(ws))


def load(ws: Workspace):
    """The registry as an Arrow table (empty when nothing was imported)."""
    return accounts.load(ws)


def list_accounts(
    ws: Workspace, municipality: str | None = None, platform: str | None = None,
    role: str | None = None,
) -> list[dict]:  # fmt: skip
    """The registry rows (plain values, with the municipality's name), filtered."""
    table = accounts.load(ws)
    code = reference.normalise_code(municipality) if municipality else None
    rows = []
    for row in table.to_pylist():
        if code and row["municipality_code"] != code:
            continue
        if platform and row["platform"] != platform.lower():
            continue
        if role and row["role"] != role.lower():
            continue
        name = (
            reference.get(row["municipality_code"]).name
            if reference.exists(row["municipality_code"])
            else None
        )
        rows.append(
            {
                "municipality_code": row["municipality_code"],
                "municipality_name": name,
                "platform": row["platform"],
                "handle": row["handle"],
                "role": row["role"],
                "active_from": row["active_from"].isoformat() if row["active_from"] else None,
                "active_to": row["active_to"].isoformat() if row["active_to"] else None,
                "status": row["status"],
            }
        )
    return rows
