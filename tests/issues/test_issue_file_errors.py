"""A bad issue file or labels file: an IssueError naming the file and the line or key."""

from __future__ import annotations

import re

import pytest

from meetlat.app import issues

GOOD = """name = "Tunnel"
municipality = "GM0363"
terms = ["tunnel"]

[[milestones]]
date = 2014-08-10
label = "Raad"

[[milestones]]
date = 2014-08-13
label = "Open"
"""


def _load(tmp_path, text):
    path = tmp_path / "kapot.toml"
    path.write_text(text, encoding="utf-8")
    return path, issues.load(path)


def test_a_good_minimal_file(tmp_path):
    _path, issue = _load(tmp_path, GOOD)
    assert (issue.start.isoformat(), issue.end.isoformat()) == ("2014-08-10", "2014-08-13")
    assert issue.rule == issues.SpikeRule()
    assert issue.arguments == () and issue.advice == ()


def test_not_toml_names_the_line(tmp_path):
    with pytest.raises(issues.IssueError) as raised:
        _load(tmp_path, GOOD.replace('terms = ["tunnel"]', 'terms = ["tunnel"'))
    assert re.match(r".*kapot\.toml, regel \d+: geen TOML-bestand", str(raised.value))


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("date = 2014-08-13", 'date = "13 augustus"'), "milestones[2].date"),
        (('label = "Raad"', 'label = ""'), "milestones[1].label"),
        (('municipality = "GM0363"', 'municipality = "Amsterdam"'), "municipality"),
        (('terms = ["tunnel"]', 'terms = "tunnel"\nhashtags = [3]'), "hashtags"),
        (('terms = ["tunnel"]', 'terms = ["tunnel"]\n[spikes]\nfactor = 0'), "spikes.factor"),
        (('terms = ["tunnel"]', 'terms = ["tunnel"]\n[spikes]\nwindw = 3'), "spikes.windw"),
        (('terms = ["tunnel"]', 'terms = ["tunnel"]\ngranularity = "week"'), "granularity"),
    ],
)
def test_a_bad_value_names_its_key(tmp_path, change, where):
    with pytest.raises(issues.IssueError) as raised:
        _load(tmp_path, GOOD.replace(*change))
    message = str(raised.value)
    assert message.startswith(str(tmp_path / "kapot.toml") + ": " + where + ": verwacht"), message


def test_an_argument_without_keywords(tmp_path):
    text = GOOD + '\n[[arguments]]\nname = "veiligheid"\nkeywords = []\n'
    with pytest.raises(issues.IssueError, match=r"arguments\[1\]\.keywords: verwacht"):
        _load(tmp_path, text)


def test_an_unknown_key(tmp_path):
    with pytest.raises(issues.IssueError, match="onbekende sleutel advies"):
        _load(tmp_path, 'advies = ["x"]\n' + GOOD)
    with pytest.raises(issues.IssueError, match=r"milestones\[2\]\.advice: verwacht alleen"):
        _load(tmp_path, GOOD + 'advice = ["x"]\n')


def test_one_milestone_without_start_and_end(tmp_path):
    one = GOOD.split("[[milestones]]")
    with pytest.raises(issues.IssueError, match="milestones: verwacht twee mijlpalen"):
        _load(tmp_path, "[[milestones]]".join(one[:2]))


def test_end_before_start(tmp_path):
    with pytest.raises(issues.IssueError, match="ligt voor het begin"):
        _load(tmp_path, "start = 2014-08-20\nend = 2014-08-01\n" + GOOD)


def test_labels_with_a_wrong_teneur_name_the_line():
    text = "platform,post_id,coder,teneur\nx,1,1,steun\nx,2,1,positief\n"
    with pytest.raises(issues.IssueError, match=r"coderingen\.csv, regel 3: teneur 'positief'"):
        issues.read_labels(text, "coderingen.csv")


def test_labels_without_the_teneur_column():
    with pytest.raises(issues.IssueError, match="de kolom teneur ontbreekt"):
        issues.read_labels("platform,post_id,coder\nx,1,1\n", "coderingen.csv")
