import pytest

from meetlat import workspace


def test_init_makes_the_folders_and_is_safe_twice(cli, tmp_path):
    home = tmp_path / "ws"
    for _ in range(2):
        result = cli("init", "--home", home)
        assert result.exit_code == 0, result.output
    for name in workspace.SUBDIRS:
        assert (home / name).is_dir()
    assert "Werkruimte klaar" in result.output


def test_commands_find_the_workspace_through_meetlat_home(monkeypatch, tmp_path):
    monkeypatch.setenv("MEETLAT_HOME", str(tmp_path / "elsewhere"))
    with pytest.raises(workspace.WorkspaceMissing, match="meetlat init"):
        workspace.current()
    workspace.init()
    assert workspace.current().root == (tmp_path / "elsewhere").resolve()
