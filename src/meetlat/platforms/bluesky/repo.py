"""An AT Protocol repository in a CAR file: its commit, its Merkle Search Tree, its records.

The root of the CAR is the signed commit ``{did, version, data, rev, prev, sig}``;
``data`` is the root node of the repository's Merkle Search Tree (MST). A node is
``{l, e}``: ``l`` the subtree of keys before its first entry (or null), ``e`` its entries
in key order, each ``{p, k, v, t}``: the key is the first ``p`` bytes of the previous
entry's key in the same node followed by ``k``; ``v`` is the CID of the record; ``t`` the
subtree of keys between this entry and the next (or null). Keys are
``collection/record-key``, e.g. ``app.bsky.feed.post/3k2yihcrp6f2c``.

``entries(car, commit)`` walks the tree in key order and yields ``Entry`` (a key and its
record's CID) and ``Lost`` (a tree node that is missing or damaged: the keys below it
cannot be known).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from meetlat.i18n import _
from meetlat.platforms.bluesky.car import Car
from meetlat.platforms.bluesky.cbor import CborError, Cid, decode

MAX_TREE_DEPTH = 128  # a real tree has a handful of levels


class RepoError(ValueError):
    """The commit cannot be read: no record of the repository can be found."""


@dataclass(frozen=True)
class Commit:
    did: str
    data: Cid  # the root of the MST
    rev: str | None


@dataclass(frozen=True)
class Entry:
    key: str
    cid: Cid


@dataclass(frozen=True)
class Lost:
    cid: Cid
    reason: str


def read_commit(car: Car) -> Commit:
    if len(car.roots) != 1:
        raise RepoError(
            _("a repository has one root, this file names {count}").format(count=len(car.roots))
        )
    root = car.roots[0]
    block = car.blocks.get(root)
    if block is None:
        raise RepoError(
            _("the commit {cid} named in the header is not in the file").format(cid=root)
        )
    try:
        commit = decode(block)
    except CborError as exc:
        raise RepoError(
            _("the commit {cid} cannot be read: {reason}").format(cid=root, reason=exc)
        ) from None
    if (
        not isinstance(commit, dict)
        or not isinstance(commit.get("did"), str)
        or not isinstance(commit.get("data"), Cid)
    ):
        raise RepoError(
            _("the root {cid} is not a repository commit (expected did and data)").format(cid=root)
        )
    rev = commit.get("rev")
    return Commit(commit["did"], commit["data"], rev if isinstance(rev, str) else None)


def entries(car: Car, commit: Commit) -> Iterator[Entry | Lost]:
    """Every key of the tree with its record's CID, in key order; ``Lost`` for lost nodes."""
    yield from _node(car, commit.data, set(), 0)


def _node(car: Car, cid: Cid, seen: set, depth: int) -> Iterator[Entry | Lost]:
    if cid in seen or depth > MAX_TREE_DEPTH:
        yield Lost(cid, _("the tree node {cid} refers back to itself").format(cid=cid))
        return
    seen.add(cid)
    block = car.blocks.get(cid)
    if block is None:
        yield Lost(cid, _("the tree node {cid} is not in the file").format(cid=cid))
        return
    try:
        node = decode(block)
        problem = _node_problem(node)
    except CborError as exc:
        problem = str(exc)
    if problem:
        yield Lost(
            cid, _("the tree node {cid} cannot be read: {reason}").format(cid=cid, reason=problem)
        )
        return
    if node.get("l") is not None:
        yield from _node(car, node["l"], seen, depth + 1)
    key = b""
    for entry in node["e"]:
        key = key[: entry["p"]] + entry["k"]
        try:
            text = key.decode("utf-8")
        except UnicodeDecodeError:
            text = key.decode("utf-8", "replace")
        yield Entry(text, entry["v"])
        if entry.get("t") is not None:
            yield from _node(car, entry["t"], seen, depth + 1)


def _node_problem(node) -> str | None:
    """What is wrong with the shape of a tree node, or None."""
    if not isinstance(node, dict) or not isinstance(node.get("e"), list):
        return _("expected a tree node {l, e}")
    if node.get("l") is not None and not isinstance(node["l"], Cid):
        return _("its l is not a CID")
    previous = 0
    for position, entry in enumerate(node["e"]):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("p"), int)
            or not isinstance(entry.get("k"), bytes)
            or not isinstance(entry.get("v"), Cid)
            or not (entry.get("t") is None or isinstance(entry["t"], Cid))
            or not 0 <= entry["p"] <= (previous if position else 0)
        ):
            return _("entry {number} is not {{p, k, v, t}} with a valid prefix").format(
                number=position + 1
            )
        previous = entry["p"] + len(entry["k"])
    return None
