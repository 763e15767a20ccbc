"""The peer medians (docs/reports.md, "Peer medians"): per size class and per province the
median of the other members' aspect grade means, against values computed by hand."""

from __future__ import annotations

import pytest

from meetlat.app import questionnaire
from meetlat.survey import answers
from meetlat.survey.answers import Response
from meetlat.survey.average import PeerGrades

# size class and province on 1 January 2014: GM0363 Amsterdam 100k+ Noord-Holland; GM0344
# Utrecht 100k+ Utrecht; GM0599 Rotterdam and GM0518 's-Gravenhage 100k+ Zuid-Holland;
# GM0034 Almere 100k+ Flevoland; GM0310 De Bilt 20k-50k Utrecht
HAND = [
    # content (8 + 6) / 2 = 7; vision 4
    Response("GM0363", {"content.announcements": 8, "content.events": 6, "vision.strategy": 4}),
    # content (9 + 9 + 6) / 3 = 8; a vision phase chosen but no vision grade
    Response(
        "GM0344",
        {"content.announcements": 9, "content.opinions": 9, "content.events": 6, "vision.phase": 3},
    ),  # fmt: skip
    # content 5; vision (6 + 9) / 2 = 7.5
    Response(
        "GM0599", {"content.announcements": 5, "vision.strategy": 6, "vision.guidelines": 9}
    ),  # fmt: skip
    # content (10 + 7) / 2 = 8.5; vision 3
    Response("GM0518", {"content.announcements": 10, "content.events": 7, "vision.strategy": 3}),
    # content 6
    Response("GM0034", {"content.announcements": 6}),
    # content 4
    Response("GM0310", {"content.announcements": 4}),
]


def test_size_class_peers_by_hand(edition):
    peers = PeerGrades(edition, HAND)
    amsterdam = peers.of("GM0363", "size")
    assert (amsterdam.by, amsterdam.group, amsterdam.peers) == ("size", "100k_plus", 4)
    # the others' content means 8, 5, 8.5, 6: an even number, the middle two (6 + 8) / 2
    assert amsterdam.grades["content"] == pytest.approx(7.0)
    # vision means 7.5 and 3 (GM0344 chose a phase but gave no grade: left out; GM0034
    # answered no vision question)
    assert amsterdam.grades["vision"] == pytest.approx((7.5 + 3) / 2)
    assert amsterdam.grades["people"] is None  # nobody graded it
    rotterdam = peers.of("GM0599", "size")
    # the others' content means 7, 8, 8.5, 6: (7 + 8) / 2; vision 4 and 3
    assert rotterdam.grades["content"] == pytest.approx(7.5)
    assert rotterdam.grades["vision"] == pytest.approx(3.5)
    almere = peers.of("GM0034", "size")
    # the others' content means 7, 8, 5, 8.5: (7 + 8) / 2
    assert almere.grades["content"] == pytest.approx(7.5)
    # vision 4, 7.5, 3: odd, the middle one
    assert almere.grades["vision"] == pytest.approx(4.0)
    alone = peers.of("GM0310", "size")  # the only one of 20k-50k that answered
    assert (alone.group, alone.peers) == ("20k_50k", 0)
    assert set(alone.grades.values()) == {None}


def test_province_peers_by_hand(edition):
    peers = PeerGrades(edition, HAND)
    utrecht = peers.of("GM0344", "province")
    assert (utrecht.group, utrecht.peers) == ("Utrecht", 1)
    assert utrecht.grades["content"] == pytest.approx(4.0)
    assert utrecht.grades["vision"] is None
    assert peers.of("GM0310", "province").grades["content"] == pytest.approx(8.0)
    assert peers.of("GM0518", "province").grades["vision"] == pytest.approx(7.5)
    # a municipality that did not answer still has peers: all who answered in its group
    leiden = peers.of("GM0546", "province")  # Leiden, Zuid-Holland
    assert leiden.peers == 2
    assert leiden.grades["content"] == pytest.approx((5 + 8.5) / 2)


def test_the_use_case_reads_the_stored_answers(workspace, edition):
    answers.save(workspace, edition.name, HAND)
    found = questionnaire.peer_medians(workspace, edition)
    medians = found.of("GM0599", "size")
    assert isinstance(medians, questionnaire.PeerMedians)
    assert (medians.group, medians.peers) == ("100k_plus", 4)
    assert medians.grades["content"] == pytest.approx(7.5)
    assert found.of("GM0599", "province").grades["vision"] == pytest.approx(3.0)
