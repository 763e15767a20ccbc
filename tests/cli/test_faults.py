"""Faults of the machine end in one Dutch sentence, never a traceback; --json errors."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import pytest

from meetlat.cli import faults, main


def _meetlat(home, *args):
    env = dict(os.environ, MEETLAT_HOME=str(home), MEETLAT_LANG="nl")
    command = [sys.executable, "-m", "meetlat.cli.main", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_while_writing_a_measurement_is_one_dutch_sentence(tmp_path):
    home = tmp_path / "ws"
    assert _meetlat(home, "init").returncode == 0
    registry = tmp_path / "accounts.csv"
    registry.write_text("municipality_code,platform,handle,role\nGM0344,x,utrecht,corporate\n")
    assert _meetlat(home, "accounts", "import", registry).returncode == 0
    full = tmp_path / "meting.csv"
    full.symlink_to("/dev/full")  # every write to it fails with ENOSPC, as on a full disk
    done = _meetlat(home, "measure", "--from", "2014-04-01", "--to", "2014-06-30", "--out", full)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "De schijf is vol" in done.stderr
    # one message (wrapped at the 80 columns of a pipe), not a traceback or a second fault
    assert done.stderr.count("✗") == 1 and done.stderr.startswith("✗"), done.stderr
    assert "\n\n" not in done.stderr.strip(), done.stderr


def test_a_fault_with_json_prints_a_json_error_object(tmp_path, monkeypatch, capsys):
    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x"))

    monkeypatch.setattr("meetlat.workspace.current", full_disk)
    with pytest.raises(SystemExit) as stopped:
        main.main(["measure", "--from", "2014-04-01", "--to", "2014-06-30", "--json"])
    assert stopped.value.code == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert json.loads(captured.out)["error"].startswith("De schijf is vol")


def test_a_defect_in_our_own_code_keeps_its_traceback(tmp_path, monkeypatch):
    def defect(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr("meetlat.workspace.init", defect)
    with pytest.raises(KeyError):
        main.main(["init", "--home", str(tmp_path / "x")])


@pytest.mark.parametrize(
    "number, words",
    [
        (errno.ENOSPC, "De schijf is vol"),
        (errno.EROFS, "kan niet worden geschreven"),
        (errno.EACCES, "kan niet worden geschreven"),
        (errno.ENOENT, "bestaat niet"),
        (errno.ELOOP, "symbolische koppelingen"),
        (errno.EIO, "kon niet worden gelezen of geschreven"),
    ],
)
def test_each_fault_has_its_own_sentence(number, words):
    text = faults.sentence(OSError(number, os.strerror(number), "/data/meetlat"))
    assert words in text and "/data/meetlat" in text


def test_json_errors_of_the_commands(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(tmp_path / "none"))
    result = cli("measure", "--from", "2014-04-01", "--to", "2014-06-30", "--json")
    assert result.exit_code == 1
    assert "meetlat init" in json.loads(result.stdout)["error"]


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("meetlat ")
