"""The figures of an issue on the tunnel case, against hand-computed expectations
(tests/fixtures/issues/SOURCES.md)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from meetlat.app import issues

CITIZENS = ("anna_b", "bertjansen", "carla_c", "dirkd", "regio_nieuws", "eva_e", "fleur_f",
            "gert_g")  # fmt: skip


@pytest.fixture
def issue(issue_file):
    return issues.load(issue_file)


@pytest.fixture
def labels(labels_file):
    return issues.read_labels(labels_file.read_text(encoding="utf-8"), str(labels_file))


def test_the_issue_file(issue):
    assert issue.name == "Wateroverlast in de tunnel"
    assert issue.municipality_code == "GM0363"
    assert issue.hashtags == ("tunnel",)
    assert (str(issue.start), str(issue.end)) == ("2014-08-10", "2014-08-13")
    assert issue.granularity == "day"  # four days: per day
    assert [m.label for m in issue.milestones][1] == "Tunnel weer open"
    assert issue.rule == issues.SpikeRule(3.0, 5, 7)
    assert [a.name for a in issue.arguments][0] == "veiligheid"
    assert len(issue.advice) == 2


def test_volume_per_local_day_and_the_spike(tunnel, issue):
    found = issues.figures(tunnel, issue)
    assert [(b.label, b.posts, b.own) for b in found.buckets] == [
        ("2014-08-10", 1, 0),  # 22:10 UTC on the 9th is 00:10 on the 10th in Amsterdam
        ("2014-08-11", 1, 0),
        ("2014-08-12", 9, 1),  # tunnelbak (not the whole word) and the rain post left out
        ("2014-08-13", 2, 1),
    ]
    assert [b.baseline for b in found.buckets] == [None, 1.0, 1.0, 1.0]
    assert [b.spike for b in found.buckets] == [False, False, True, False]
    assert (found.posts, found.own_posts, found.authors) == (13, 2, 10)
    [spike] = found.spikes
    assert (spike.first, spike.last, spike.posts, spike.peak) == ("2014-08-12", "2014-08-12", 9, 9)
    assert spike.start_at == datetime(2014, 8, 12, 12, 2, tzinfo=UTC)
    assert spike.first_own_at == datetime(2014, 8, 12, 13, 32, tzinfo=UTC)
    assert spike.minutes_to_own == 90.0  # the book's "anderhalf uur"


def test_per_hour_the_spike_is_the_first_hour(tunnel, issue):
    hourly = dataclasses.replace(issue, granularity="hour")
    found = issues.figures(tunnel, hourly)
    assert len(found.buckets) == 96
    busy = [(b.label, b.posts) for b in found.buckets if b.posts]
    assert busy == [
        ("2014-08-10 00:00", 1), ("2014-08-11 23:00", 1), ("2014-08-12 14:00", 5),
        ("2014-08-12 15:00", 2), ("2014-08-12 16:00", 2), ("2014-08-13 09:00", 1),
        ("2014-08-13 11:00", 1),
    ]  # fmt: skip
    [spike] = found.spikes
    assert spike.first == "2014-08-12 14:00"
    assert spike.minutes_to_own == 90.0


def test_no_own_post_yet(tunnel, issue):
    later = dataclasses.replace(issue, municipality_code="GM0599")  # the neighbour's view
    [spike] = issues.figures(tunnel, later).spikes
    assert spike.start_at == datetime(2014, 8, 12, 12, 2, tzinfo=UTC)
    assert spike.first_own_at == datetime(2014, 8, 12, 14, 30, tzinfo=UTC)
    quiet = dataclasses.replace(issue, municipality_code="GM0014")
    [spike] = issues.figures(tunnel, quiet).spikes
    assert spike.first_own_at is None and spike.minutes_to_own is None


def test_teneur_from_two_coders(tunnel, issue, labels):
    assert labels[("x", "1007")] == {"1": "kritiek", "2": "neutraal"}
    found = issues.figures(tunnel, issue, labels)
    assert found.teneur == {
        "steun": 2, "kritiek": 2, "neutraal": 3, "gemengd": 1, "onbeslist": 1, "ongecodeerd": 4,
    }  # fmt: skip
    assert (found.coded, found.labels_elsewhere, found.coders) == (9, 1, 2)


def test_without_labels_nothing_is_coded(tunnel, issue):
    found = issues.figures(tunnel, issue)
    assert found.teneur["ongecodeerd"] == 13
    assert not found.supporters and not found.critics


def test_for_and_against_public_bodies_named_citizens_pseudonymised(tunnel, issue, labels):
    found = issues.figures(tunnel, issue, labels)
    supporters = [(s.author, s.public, s.posts) for s in found.supporters]
    assert ("gemeentebuurstad", True, 1) in supporters
    [citizen] = [s for s in found.supporters if not s.public]
    assert citizen.author.startswith("burger-") and citizen.posts == 1
    assert len(found.critics) == 2
    assert all(c.author.startswith("burger-") and not c.public for c in found.critics)
    shown = repr(found).lower()
    for handle in CITIZENS:
        assert handle not in shown, handle


def test_argument_types_by_keywords(tunnel, issue, labels):
    found = issues.figures(tunnel, issue, labels)
    assert [(a.name, a.posts, a.steun, a.kritiek) for a in found.arguments] == [
        ("veiligheid", 2, 0, 0),  # "niet doorheen" (two words in a row), "onbegaanbaar"
        ("informatie van de gemeente", 2, 0, 1),  # the repost is not counted
        ("onderhoud", 2, 0, 0),
        ("waardering", 3, 1, 0),
    ]


def test_top_posts_by_interaction(tunnel, issue):
    found = issues.figures(tunnel, issue)
    assert [(p.post_id, p.interaction) for p in found.top] == [
        ("1003", 33), ("1008", 21), ("1006", 3), ("1012", 1),
    ]  # fmt: skip
    assert found.top[1].author == "gemeentevoorbeeld" and found.top[1].own
    assert "@dirkd" not in found.top[2].text and "@gemeentevoorbeeld" in found.top[2].text


@pytest.mark.parametrize(
    ("counts", "marks"),
    [
        ([1, 0, 2, 1, 9, 4], [False, False, False, False, True, False]),  # docs/indicators.md
        ([5, 5, 5, 5], [True, False, False, False]),
        ([0, 0, 4, 0], [False, False, False, False]),
    ],
)
def test_the_spike_rule(counts, marks):
    rule = issues.SpikeRule(factor=3, minimum=5, window=3)
    assert [spike for _baseline, spike in issues.detect(counts, rule)] == marks


def test_the_spike_rule_baselines_of_the_documented_example():
    rule = issues.SpikeRule(factor=3, minimum=5, window=3)
    found = issues.detect([1, 0, 2, 1, 9, 4], rule)
    assert [b for b, _spike in found] == [None, 1.0, 0.5, 1.0, 1.0, 2.0]


def test_majority():
    assert issues.majority(["steun", "steun", "kritiek"]) == "steun"
    assert issues.majority(["steun", "kritiek"]) == "onbeslist"
    assert issues.majority(["gemengd"]) == "gemengd"


def test_hours_around_the_end_of_summer_time(issue):
    autumn = dataclasses.replace(
        issue, start=datetime(2014, 10, 26).date(), end=datetime(2014, 10, 26).date(),
        granularity="hour",
    )  # fmt: skip
    buckets = issues.volume(autumn, [])
    labels = [b.label for b in buckets]
    assert len(labels) == 25 and len(set(labels)) == 25
    assert labels[2:4] == ["2014-10-26 02:00", "2014-10-26 02:00 (UTC+0100)"]
