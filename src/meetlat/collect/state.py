"""Where collection stands, per account: small JSON files written whole (archive.atomic).

``<workspace>/collect/state/<platform>/<account>.json`` holds one object per endpoint
(``statuses``, ``feed``, ``replies``): the cursors a collector needs to go on where it
stopped (``since_id``, ``max_id``, a feed ``cursor``, the posts whose replies are still
to be fetched). A collector saves the state after every response it has imported, so an
interrupted run repeats at most the one response it was busy with; importing that again
stores nothing twice (the import's duplicate rules).

``<workspace>/collect/inbox/<platform>/<account>/`` holds response bodies written but not
yet imported (a run stopped between the two); the next run imports them first.
"""

from __future__ import annotations

import re
from pathlib import Path

from meetlat.archive.atomic import read_json, write_json
from meetlat.workspace import Workspace

_UNSAFE = re.compile(r"[^a-z0-9._@-]+")


def slug(handle: str) -> str:
    """A file name for ``handle`` (lower case; anything but letters, digits, . _ @ -
    becomes ``_``)."""
    return _UNSAFE.sub("_", handle.lower()).strip(".") or "_"


def collect_dir(ws: Workspace) -> Path:
    return Path(ws.root) / "collect"


def inbox(ws: Workspace, platform: str, handle: str) -> Path:
    return collect_dir(ws) / "inbox" / platform / slug(handle)


class AccountState:
    """The cursors of one account, saved whole after each change."""

    def __init__(self, ws: Workspace, platform: str, handle: str):
        self.path = collect_dir(ws) / "state" / platform / f"{slug(handle)}.json"
        self.data: dict = read_json(self.path) or {}

    def get(self, endpoint: str) -> dict:
        return dict(self.data.get(endpoint) or {})

    def put(self, endpoint: str, value: dict) -> None:
        self.data[endpoint] = value
        write_json(self.path, self.data)
