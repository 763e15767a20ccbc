"""The network around Amsterdam's accounts in the small warehouse of conftest.py, counted
by hand: p1 mentions parool and ajax; p2 and p3 are piet123's replies to p1 (their
mention of amsterdam is the reply itself), p3 also mentions parool; p4 answers p2
(target from p2's author); p5 mentions amsterdam twice (once per post); p6 anna_x →
far_away has no tie to Amsterdam; p7 ajax → piet123 is between two partners; p8 is on
3 March local time, p10 on 11 March; p9 mentions itself; t1 is on Mastodon."""

from __future__ import annotations

from datetime import date

import pytest

from meetlat.app import ecosystem, privacy

PERIOD = (date(2024, 3, 4), date(2024, 3, 10))


def _edges(found):
    return {(e.platform, e.source, e.target): (e.replies, e.mentions) for e in found.edges}


def test_edges_are_counted_as_by_hand(amsterdam):
    found = ecosystem.network(amsterdam, "GM0363", *PERIOD)
    assert _edges(found) == {
        ("x", "amsterdam", "parool"): (0, 1),
        ("x", "amsterdam", "ajax"): (0, 1),
        ("x", "piet123", "amsterdam"): (2, 0),
        ("x", "piet123", "parool"): (0, 1),
        ("x", "amsterdam", "piet123"): (1, 0),
        ("x", "parool", "amsterdam"): (0, 1),
        ("x", "ajax", "piet123"): (0, 1),
        ("mastodon", "jan@mastodon.nl", "amsterdam@stad.social"): (0, 1),
    }


def test_connectors_by_distinct_partners_then_interactions(amsterdam):
    found = ecosystem.network(amsterdam, "GM0363", *PERIOD)
    ranked = [(a.key, partners, total) for a, partners, total in found.connectors()]
    assert ranked[:4] == [("amsterdam", 3, 6), ("piet123", 3, 5), ("parool", 2, 3), ("ajax", 2, 2)]
    assert sorted(ranked[4:]) == [("amsterdam@stad.social", 1, 1), ("jan@mastodon.nl", 1, 1)]
    assert len(found.connectors(2)) == 2


def test_groups_and_their_interactions_with_the_municipality(amsterdam):
    found = ecosystem.network(amsterdam, "GM0363", *PERIOD)
    groups = {a.key: (a.group, a.how) for a in found.accounts.values()}
    assert groups == {
        "amsterdam": ("politiek", "register"),
        "amsterdam@stad.social": ("politiek", "register"),
        "parool": ("media", "rules"),
        "ajax": ("sport", "rules"),
        "piet123": ("burger", "rules"),
        "jan@mastodon.nl": ("burger", "rules"),
    }
    totals = found.group_totals()
    assert totals["media"] == {"accounts": 1, "interactions": 2}
    assert totals["sport"] == {"accounts": 1, "interactions": 1}
    assert totals["burger"] == {"accounts": 2, "interactions": 4}  # 2 + 1 on X, 1 on Mastodon
    assert totals["politiek"] == {"accounts": 2, "interactions": 0}


def test_citizens_are_pseudonyms_public_bodies_handles(amsterdam):
    found = ecosystem.network(amsterdam, "GM0363", *PERIOD)
    names = {a.key: a.name for a in found.accounts.values()}
    assert names["amsterdam"] == "amsterdam"
    assert names["amsterdam@stad.social"] == "amsterdam@stad.social"
    for key in ("piet123", "parool", "jan@mastodon.nl"):
        assert names[key].startswith("burger-") and key not in names[key]
    assert privacy.reveals(amsterdam) == []


def test_revealing_handles_is_logged_with_its_purpose(amsterdam):
    found = ecosystem.network(amsterdam, "GM0363", *PERIOD, reveal_for="webcare-overleg")
    assert {a.name for a in found.accounts.values()} >= {"piet123", "jan@mastodon.nl"}
    (entry,) = privacy.reveals(amsterdam)
    assert entry["purpose"] == "webcare-overleg" and "GM0363" in entry["what"]


def test_a_correction_goes_over_the_rules_and_the_registry(amsterdam):
    ecosystem.correct(amsterdam, "x", "@Piet123", "verenigingen")
    ecosystem.correct(amsterdam, "x", "ajax", "cultuur")
    ecosystem.correct(amsterdam, "x", "ajax", "sport")  # replaced, not added
    found = ecosystem.network(amsterdam, "GM0363", *PERIOD)
    accounts = {a.key: (a.group, a.how) for a in found.accounts.values()}
    assert accounts["piet123"] == ("verenigingen", "correction")
    assert accounts["ajax"] == ("sport", "correction")
    lines = (amsterdam.root / ecosystem.CORRECTIONS).read_text().splitlines()
    assert lines == ["platform,handle,group", "x,ajax,sport", "x,piet123,verenigingen"]


def test_bad_correction_lines_are_reported_and_skipped(amsterdam):
    file = amsterdam.root / ecosystem.CORRECTIONS
    file.parent.mkdir()
    file.write_text("platform,handle,group\nx,piet123,kerk\nx,ajax,media\n")
    found = ecosystem.network(amsterdam, "GM0363", *PERIOD)
    assert len(found.problems) == 1 and ":2:" in found.problems[0]
    assert found.accounts[("x", "ajax")].group == "media"
    assert found.accounts[("x", "piet123")].group == "burger"


def test_an_unknown_group_is_refused(amsterdam):
    with pytest.raises(ecosystem.CorrectionError):
        ecosystem.correct(amsterdam, "x", "ajax", "kerk")


def test_the_workspace_word_list_replaces_the_shipped_one(amsterdam):
    own = amsterdam.root / ecosystem.WORDS
    own.parent.mkdir()
    own.write_text("[non-profit]\nanna\npiet\n")
    found = ecosystem.network(amsterdam, "GM0363", *PERIOD)
    assert found.accounts[("x", "piet123")].group == "non-profit"
    assert found.accounts[("x", "parool")].group == "burger"  # dagblad* is not in it


def test_another_municipality_has_its_own_network(amsterdam):
    found = ecosystem.network(amsterdam, "GM0518", *PERIOD)
    assert _edges(found) == {("x", "anna_x", "far_away"): (0, 1)}  # p6; p8 is before
    found = ecosystem.network(amsterdam, "GM0518", date(2024, 3, 3), date(2024, 3, 3))
    assert _edges(found) == {("x", "far_away", "amsterdam"): (0, 1)}
    assert found.accounts[("x", "amsterdam")].name == "amsterdam"  # a public body elsewhere
