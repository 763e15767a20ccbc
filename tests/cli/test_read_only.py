"""A read-only workspace (a real read-only bind mount): reading commands work, import
refuses in one Dutch sentence. Needs ``unshare -m`` (a mount namespace)."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _can_mount_read_only(tmp_path) -> bool:
    if shutil.which("unshare") is None:
        return False
    folder = tmp_path / "probe"
    folder.mkdir()
    script = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder}"
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True)
    return done.returncode == 0


def _meetlat(home, *args, read_only=False):
    env = dict(os.environ, MEETLAT_HOME=str(home), MEETLAT_LANG="nl")
    command = [sys.executable, "-m", "meetlat.cli.main", *map(str, args)]
    if read_only:
        mount = f"mount --bind {home} {home} && mount -o remount,bind,ro {home}"
        command = ["unshare", "-m", "sh", "-c", f"{mount} && exec {shlex.join(command)}"]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture
def imported(tmp_path, fixtures):
    if not _can_mount_read_only(tmp_path):
        pytest.skip("no mount namespace here (unshare -m)")
    home = tmp_path / "ws"
    assert _meetlat(home, "init").returncode == 0
    registry = tmp_path / "accounts.csv"
    registry.write_text(
        "municipality_code,platform,handle,role\n"
        "GM0344,x,CDonnyBrook1,corporate\nGM0363,x,gaudofdeath,corporate\n"
    )
    assert _meetlat(home, "accounts", "import", registry).returncode == 0
    payload = fixtures / "indicators" / "twarc-v2-replies.jsonl"
    done = _meetlat(home, "import", payload)
    assert done.returncode == 0, done.stderr
    return home, payload


PERIOD = ("--from", "2021-01-01", "--to", "2021-12-31")


def test_reading_commands_work_on_a_read_only_workspace(imported):
    home, _payload = imported
    writable = json.loads(_meetlat(home, "measure", *PERIOD, "--json").stdout)
    measured = _meetlat(home, "measure", *PERIOD, "--json", read_only=True)
    assert measured.returncode == 0, measured.stderr
    assert json.loads(measured.stdout) == writable
    for args in (
        ("rank", *PERIOD, "--json"),
        ("compare", "--period-a", "2020-01-01..2020-12-31", "--period-b", "2021-01-01..2021-12-31"),
        ("archive", "verify"),
    ):
        done = _meetlat(home, *args, read_only=True)
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr


def test_import_into_a_read_only_workspace_refuses_in_one_sentence(imported, tmp_path):
    home, payload = imported
    other = tmp_path / "other.jsonl"
    other.write_bytes(payload.read_bytes().replace(b"CDonnyBrook1", b"CDonnyBrook2"))
    before = sorted(p.relative_to(home) for p in home.rglob("*"))
    done = _meetlat(home, "import", other, read_only=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "kan niet worden geschreven" in done.stderr
    # one message (wrapped at the 80 columns of a pipe), not a traceback or a second fault
    assert done.stderr.count("✗") == 1 and done.stderr.startswith("✗"), done.stderr
    assert "\n\n" not in done.stderr.strip(), done.stderr
    assert sorted(p.relative_to(home) for p in home.rglob("*")) == before
