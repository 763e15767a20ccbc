"""A workspace with real X and Mastodon samples imported, four of their accounts
registered as one municipality's (made once per test module that asks for it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from meetlat import workspace as workspace_module
from meetlat.app import accounts
from meetlat.importer import import_paths
from meetlat.warehouse.connection import connect

FIXTURES = Path(__file__).parents[1] / "fixtures"
X_SAMPLE = FIXTURES / "x" / "noflat.jsonl"
MASTODON_SAMPLE = FIXTURES / "mastodon" / "statuses.jsonl"
BLUESKY_SAMPLES = [FIXTURES / "bluesky" / "author_feed.json",
                   FIXTURES / "bluesky" / "thread_view_post_with_embed_media.json"]  # fmt: skip
BLUESKY_MUNICIPAL = "gemeentevoorbeeld.bsky.social"
XSD = FIXTURES / "mdto" / "MDTO-XML1.0.2.xsd"
XSD_101 = FIXTURES / "mdto" / "MDTO-XML1.0.1.xsd"
NS = {"m": "https://www.nationaalarchief.nl/mdto"}
REGISTERED = {"breaking911", "getbusy5", "jenatweeter", "mastodonpy_test_2", BLUESKY_MUNICIPAL}
REGISTRY = (
    "municipality_code,platform,handle,role\n"
    "GM0363,x,Breaking911,corporate\n"
    "GM0363,x,getbusy5,council\n"
    "GM0363,x,JenATweeter,executive\n"
    "GM0363,mastodon,mastodonpy_test_2@localhost:3000,corporate\n"  # its full address
    f"GM0363,bluesky,{BLUESKY_MUNICIPAL},corporate\n"
)


def sample_workspace(root: Path):
    """The workspace, and the handles (lower case, five letters or more) and Bluesky
    DIDs of every citizen (every account not registered) in it."""
    ws = workspace_module.init(root / "ws")
    folder = root / "in"
    folder.mkdir()
    shutil.copy(X_SAMPLE, folder)
    shutil.copy(MASTODON_SAMPLE, folder)
    for file in BLUESKY_SAMPLES:
        shutil.copy(file, folder)
    registry = root / "accounts.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    accounts.import_accounts(ws, registry)
    import_paths(ws, [folder])
    warehouse = connect(ws)
    handles = set(warehouse.table("accounts").to_pandas()["handle"].dropna())
    handles |= set(warehouse.table("posts").to_pandas()["handle"].dropna())
    citizens = {h.lower() for h in handles if h.lower() not in REGISTERED and len(h) >= 5}
    authors = warehouse.table("accounts").to_pandas()
    bluesky = authors[(authors.platform == "bluesky") & (authors.handle != BLUESKY_MUNICIPAL)]
    citizens |= {did.lower() for did in bluesky.account_id.dropna()}
    return ws, citizens
