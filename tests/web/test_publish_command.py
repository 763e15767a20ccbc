"""`meetlat publish`: the same use case as the web's button, from the command line."""

from __future__ import annotations

import json
from datetime import date

import pytest

from meetlat import workspace
from meetlat.app import publishing


def test_publish_makes_the_next_version_and_says_so(published, cli):
    result = cli("publish", "--edition", "2014", "--period", "2014Q2", "--by", "tester")
    assert result.exit_code == 0, result.output
    assert "Editie 2014 gepubliceerd als versie 3:" in result.output
    assert "ranking: 5 rijen" in result.output and "council_ranking:" in result.output
    manifest = publishing.manifest(workspace.current(), "2014", 3)
    assert manifest["published_by"] == "tester" and manifest["period"] == [
        "2014-04-01",
        "2014-06-30",
    ]
    as_json = cli("publish", "--edition", "2014", "--period", "2014-05", "--json")
    assert json.loads(as_json.stdout)["version"] == 4
    assert json.loads(as_json.stdout)["period"] == ["2014-05-01", "2014-05-31"]


def test_a_bad_period_or_edition_publishes_nothing(published, cli):
    bad = cli("publish", "--edition", "2014", "--period", "voorjaar")
    assert bad.exit_code == 2 and "--period voorjaar" in bad.output
    unknown = cli("publish", "--edition", "2099", "--period", "2014Q2")
    assert unknown.exit_code == 2 and "2099" in unknown.output
    backwards = cli("publish", "--edition", "2014", "--period", "2014-06-30..2014-04-01")
    assert backwards.exit_code == 2 and "--period 2014-06-30..2014-04-01" in backwards.output
    with pytest.raises(publishing.CannotPublish, match="De periode eindigt \\(2014-04-01\\)"):
        publishing.publish(workspace.current(), "2014", date(2014, 6, 30), date(2014, 4, 1))
    assert publishing.versions(workspace.current(), "2014") == [1, 2]
