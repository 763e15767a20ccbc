"""Advice on hand-made profiles: next steps, top aspects, points of attention, chapters, peers."""

import json

import pytest

from meetlat.growthmodel import model as growth
from meetlat.growthmodel.advice import advise
from meetlat.growthmodel.model import ASPECT_KEYS


@pytest.fixture(scope="module")
def model():
    return growth.load("2014.1")


def same(phase):
    return dict.fromkeys(ASPECT_KEYS, phase)


def test_next_step_is_the_next_phase_cell(model):
    profile = same(1) | {"context": 3, "vision": 2}
    result = advise(model, profile, lang="nl")
    by_aspect = {s.aspect: s for s in result.steps}
    assert set(by_aspect) == set(ASPECT_KEYS)
    for key, phase in profile.items():
        assert by_aspect[key].phase == phase
        assert by_aspect[key].next_phase == phase + 1
        assert by_aspect[key].text == model.cell(key, phase + 1).nl
    english = advise(model, profile, lang="en")
    assert {s.aspect: s.text for s in english.steps}["context"] == model.cell("context", 4).en
    assert {s.aspect: s.aspect_name for s in english.steps}["conversation"] == "Conversation"


def test_weakest_aspects_first_ties_in_model_order(model):
    profile = {
        "content": 3,
        "customer_experience": 2,
        "context": 1,
        "conversation": 2,
        "collaboration": 4,
        "vision": 1,
        "function_result": 3,
        "processes": 2,
        "resources": 1,
        "people": 2,
    }
    order = [s.aspect for s in advise(model, profile).steps]
    assert order == [
        "context",
        "vision",
        "resources",
        "customer_experience",
        "conversation",
        "processes",
        "people",
        "content",
        "function_result",
        "collaboration",
    ]


def test_an_aspect_in_phase_4_is_at_the_top(model):
    result = advise(model, same(3) | {"content": 4}, lang="nl")
    top = [s for s in result.steps if s.at_top]
    assert [s.aspect for s in top] == ["content"]
    assert top[0].next_phase is None
    assert top[0].text == "Dit aspect zit aan de top van het groeimodel (fase 4): houd dit vast."
    english = advise(model, same(4), lang="en")
    assert all(s.at_top and "keep it up" in s.text for s in english.steps)


@pytest.mark.parametrize(("phase", "expected"), [(1, 7), (2, 7), (3, 0), (4, 0)])
def test_points_of_attention_only_below_phase_3(model, phase, expected):
    result = advise(model, same(phase), lang="nl")
    assert result.overall_phase == phase
    assert len(result.attention_points) == expected
    if expected:
        assert result.attention_points == tuple(p.nl for p in model.phase(3).attention_points)


def test_points_of_attention_follow_the_overall_phase_not_single_aspects(model):
    # interaction in phase 3 but the organisation in phase 2: overall 2, so the points apply
    profile = dict.fromkeys(ASPECT_KEYS[:5], 3) | dict.fromkeys(ASPECT_KEYS[5:], 2)
    assert advise(model, profile).overall_phase == 2
    assert len(advise(model, profile).attention_points) == 7


@pytest.mark.parametrize("phase", [1, 2, 3, 4])
def test_chapters_of_the_overall_phase(model, phase):
    result = advise(model, same(phase), lang="en")
    assert [c.title for c in result.chapters] == [c.title.en for c in model.phase(phase).chapters]
    assert result.phase_name == model.phase(phase).name.en
    assert result.citizen == model.phase(phase).citizen.en


def test_peers_ahead_by_median(model):
    own = same(2) | {"content": 1, "vision": 3}
    peers = [
        same(2) | {"content": 3, "people": 4},
        same(2) | {"content": 2, "people": 1},
        same(2) | {"content": 2, "vision": 4, "people": 4},
    ]
    result = advise(model, own, peers, lang="nl")
    leads = {lead.aspect: lead for lead in result.peers_ahead}
    # content: peers 3, 2, 2 -> median 2 > own 1; people: 4, 1, 4 -> median 4 > own 2
    assert set(leads) == {"content", "people"}
    assert leads["content"].peer_median == 2 and leads["content"].peers == 3
    assert leads["people"].peer_median == 4
    # the biggest gap first
    assert [lead.aspect for lead in result.peers_ahead] == ["people", "content"]
    # vision: one peer in 4 is not enough, the median is 2 < own 3
    assert "vision" not in leads
    assert result.peer_count == 3


def test_peers_not_ahead_when_equal_or_behind_and_without_peers(model):
    assert advise(model, same(2), [same(2), same(2), same(3)]).peers_ahead == ()  # median 2
    assert advise(model, same(3), [same(2), same(3)]).peers_ahead == ()  # median 2.5
    assert advise(model, same(2), None).peer_count == 0
    assert advise(model, same(2), None).peers_ahead == ()


def test_even_number_of_peers_uses_the_mean_of_the_middle_two(model):
    result = advise(model, same(2), [same(2), same(3)])
    assert {lead.peer_median for lead in result.peers_ahead} == {2.5}
    assert len(result.peers_ahead) == 10


def test_unplaced_aspects_get_no_step(model):
    profile = same(2) | {"people": None}
    del profile["context"]
    result = advise(model, profile)
    assert result.unplaced == ("context", "people")
    assert "people" not in {s.aspect for s in result.steps}


def test_to_dict_is_json_with_key_data_and_texts(model):
    result = advise(model, same(1) | {"content": 4}, [same(2)], lang="en")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["overall_phase"] == 1
    assert data["language"] == "en"
    assert data["steps"][-1] == {
        "aspect": "content",
        "aspect_name": "Content",
        "group": "interaction",
        "phase": 4,
        "next_phase": None,
        "text": "This aspect is at the top of the growth model (phase 4): keep it up.",
        "at_top": True,
    }
    assert data["peers_ahead"][0]["peer_median"] == 2.0
    assert len(data["attention_points"]) == 7
    assert data["chapters"][0]["title"] == model.phase(1).chapters[0].title.en


def test_lines_for_a_terminal(model):
    lines = advise(model, same(1), [same(2)], lang="nl").lines()
    assert lines[0] == "Advies"
    assert "Totale fase 1: De gemeente ontdekt. De burger is verrast." in lines
    assert "Aandachtspunten voor de stap naar fase 3:" in lines
    assert any(line.startswith("  - Content (1 → 2): gemeente experimenteert") for line in lines)


def test_bad_profiles_are_refused(model):
    with pytest.raises(ValueError, match="sentiment"):
        advise(model, {"sentiment": 2})
    with pytest.raises(ValueError, match="peer profile 1"):
        advise(model, same(2), [{"content": 0}])
