"""Pseudonyms of citizens: stable per workspace, different between workspaces, never the
handle; showing handles only with a logged purpose."""

from __future__ import annotations

import hashlib
import hmac
import json
import os

import pytest

from meetlat import accounts
from meetlat import workspace as workspace_module
from meetlat.app import privacy
from meetlat.privacy import pseudonym

REGISTRY = "municipality_code,platform,handle,role\nGM0363,x,Amsterdam,corporate\n"


def test_pseudonym_is_the_documented_hmac():
    secret = bytes(range(32))
    body = b"meetlat-pseudonym-1\nx\njan_jansen"
    digest = hmac.new(secret, body, hashlib.sha256).digest()
    import base64

    expected = "burger-" + base64.b32encode(digest).decode()[:10].lower()
    assert pseudonym.pseudonym(secret, "x", "@Jan_Jansen") == expected
    assert pseudonym.looks_like(expected)


def test_same_account_same_name_other_workspace_other_name(tmp_path):
    one = workspace_module.init(tmp_path / "one")
    two = workspace_module.init(tmp_path / "two")
    first = privacy.namer(one).name("x", "jan_jansen")
    assert first == privacy.namer(one).name("x", "@JAN_JANSEN")
    assert first != privacy.namer(two).name("x", "jan_jansen")
    assert first != privacy.namer(one).name("mastodon", "jan_jansen")
    assert "jan" not in first
    assert oct(os.stat(one.root / pseudonym.KEY_FILE).st_mode & 0o777) == "0o600"


def test_account_without_handle_is_named_by_its_id(workspace):
    namer = privacy.namer(workspace)
    assert pseudonym.looks_like(namer.name("x", None, "12345"))
    assert namer.name("x", None, "12345") != namer.name("x", None, "12346")
    with pytest.raises(ValueError):
        namer.name("x", None, None)


def test_public_bodies_keep_their_handle(workspace, tmp_path):
    file = tmp_path / "registry.csv"
    file.write_text(REGISTRY, encoding="utf-8")
    accounts.import_file(workspace, file)
    namer = privacy.namer(workspace)
    assert namer.name("x", "@Amsterdam") == "amsterdam"
    assert namer.name("bluesky", "amsterdam") != "amsterdam"  # not registered there


def test_revealing_needs_a_purpose_and_is_logged(workspace):
    with pytest.raises(privacy.CannotReveal):
        privacy.namer(workspace, reveal_for="  ")
    assert privacy.reveals(workspace) == []
    namer = privacy.namer(workspace, reveal_for="Woo-verzoek 2026-17", what="archive search")
    assert namer.name("x", "Jan_Jansen") == "jan_jansen"
    (entry,) = privacy.reveals(workspace)
    assert entry["purpose"] == "Woo-verzoek 2026-17" and entry["what"] == "archive search"
    assert json.loads((workspace.root / privacy.LOG).read_text())["user"]


def test_nothing_is_revealed_when_the_log_cannot_be_written(workspace):
    (workspace.root / "privacy").write_text("not a folder")  # the log's folder is blocked
    with pytest.raises(privacy.CannotReveal) as caught:
        privacy.namer(workspace, reveal_for="onderzoek")
    assert "niet getoond" in str(caught.value) or "not shown" in str(caught.value)


def test_read_only_workspace_without_key_names_no_one(workspace, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert privacy.namer(workspace).name("x", "jan_jansen") == pseudonym.UNKEYED
