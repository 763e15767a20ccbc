"""The 2014 edition as data: schema, both languages, phase descriptions from the model."""

from __future__ import annotations

import copy
import json

import pytest

from meetlat.survey import edition as editions
from meetlat.survey.edition import ASPECTS, PACKAGE_DIR, TYPES


def raw_2014() -> dict:
    return json.loads((PACKAGE_DIR / "2014.json").read_text(encoding="utf-8"))


def test_2014_is_valid_and_ids_are_unique(edition):
    assert editions.validate(raw_2014()) == []
    ids = edition.ids()
    assert len(ids) == len(set(ids))
    assert all(q.type in TYPES for q in edition.questions)


def test_every_aspect_has_one_phase_choice_and_an_explanation(edition):
    for aspect in ASPECTS:
        kinds = [q.type for q in edition.by_aspect(aspect)]
        assert kinds.count("phase_choice") == 1, aspect
        assert kinds.count("text") == 1, aspect


def test_every_text_and_option_in_both_languages(edition):
    for question in edition.questions:
        for lang in ("nl", "en"):
            assert question.text[lang].strip(), (question.id, lang)
            for option in question.options:
                assert option.text[lang].strip(), (question.id, option.value, lang)


def test_phase_choice_options_are_the_model_cells(edition):
    from meetlat.growthmodel import model as growth_model

    path = growth_model.path_of(edition.model_version)
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for aspect in ASPECTS:
        question = edition.phase_question(aspect)
        assert [o.value for o in question.options] == [1, 2, 3, 4]
        for option in question.options:
            cell = cells[aspect][str(option.value)]
            assert option.text == {"nl": cell["nl"], "en": cell["en"]}
            assert option.text["nl"].strip() and option.text["en"].strip()


def test_questions_rest_on_the_chapter_lines(edition):
    for question in edition.questions:
        for first, last in question.lines:
            assert 841 <= first <= last <= 1414, question.id


def test_the_issue_s_questions_are_there(edition):
    ids = set(edition.ids())
    expected = {
        "content.announcements",
        "content.crisis_communication",
        "content.opinions",
        "content.events",
        "content.compliments",
        "customer_experience.audience_knowledge",
        "customer_experience.direct_questions",
        "customer_experience.reputation",
        "customer_experience.webcare_simple",
        "customer_experience.webcare_complex",
        "context.influencers",
        "context.online_initiatives",
        "context.policy_input",
        "conversation.online_conversation",
        "collaboration.incident_analysis",
        "collaboration.connecting_citizens",
        "collaboration.co_creation",
        "collaboration.social_domain_ideas",
        "vision.strategy",
        "vision.guidelines",
        "vision.participation_strategy",
        "function_result.overall_grade",
        "processes.management_support",
        "processes.responsible_department",
        "resources.time",
        "resources.structural_budget",
        "resources.incidental_budget",
        "resources.training",
        "resources.tools",
        "people.use.communication",
        "people.use.council",
        "people.use.kcc",
        "people.use.clerk",
        "people.use.management",
        "people.rollout",
        "general.twitter_account",
        "general.facebook_account",
        "general.expectation_next_year",
    }
    assert expected <= ids


def _broken(change) -> list[str]:
    raw = copy.deepcopy(raw_2014())
    change(raw)
    return editions.validate(raw)


def test_validation_finds_each_kind_of_break():
    def duplicate(raw):
        raw["questions"].append(dict(raw["questions"][0]))

    def no_dutch(raw):
        raw["questions"][3]["text"]["nl"] = " "

    def no_phase_choice(raw):
        raw["questions"] = [q for q in raw["questions"] if q["id"] != "people.phase"]

    def bad_type(raw):
        raw["questions"][3]["type"] = "slider"

    def choice_without_options(raw):
        del raw["questions"][2]["options"]

    def wrong_prefix(raw):
        raw["questions"][3]["id"] = "vision.announcements"

    def no_lines(raw):
        raw["questions"][3]["lines"] = []

    assert any("used twice" in p for p in _broken(duplicate))
    assert any("text in nl" in p for p in _broken(no_dutch))
    assert any("people needs exactly one phase_choice" in p for p in _broken(no_phase_choice))
    assert any("slider" in p for p in _broken(bad_type))
    assert any("at least two options" in p for p in _broken(choice_without_options))
    assert any("must start with 'content.'" in p for p in _broken(wrong_prefix))
    assert any("lines" in p for p in _broken(no_lines))


def test_invalid_and_unknown_editions_are_refused(tmp_path, workspace):
    with pytest.raises(editions.UnknownEdition):
        editions.load("1999")
    folder = editions.workspace_dir(workspace)
    folder.mkdir(parents=True)
    raw = raw_2014()
    raw["questions"][0]["type"] = "slider"
    (folder / "2016.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(editions.InvalidEdition) as error:
        editions.load("2016", workspace)
    assert "slider" in str(error.value)


def test_a_later_edition_in_the_workspace_can_drop_and_add_questions(workspace):
    raw = raw_2014()
    raw["edition"], raw["year"], raw["fieldwork"] = "2015", 2015, "2015-06-15"
    raw["questions"] = [q for q in raw["questions"] if q["id"] != "content.compliments"]
    raw["questions"].append(
        {
            "id": "general.instagram_account",
            "aspect": None,
            "type": "yes_no",
            "text": {"nl": "Heeft uw gemeente Instagram?", "en": "Does it have Instagram?"},
            "lines": [[880, 887]],
        }
    )
    folder = editions.workspace_dir(workspace)
    folder.mkdir(parents=True)
    (folder / "2015.json").write_text(json.dumps(raw), encoding="utf-8")
    later = editions.load("2015", workspace)
    assert "general.instagram_account" in later.ids()
    assert "content.compliments" not in later.ids()
    assert editions.available(workspace) == ["2014", "2015"]


def test_an_edition_naming_an_unknown_model_is_refused(workspace):
    raw = raw_2014()
    raw["edition"], raw["model_version"] = "2017", "1999.1"
    folder = editions.workspace_dir(workspace)
    folder.mkdir(parents=True)
    (folder / "2017.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(editions.InvalidEdition) as error:
        editions.load("2017", workspace)
    assert "1999.1" in str(error.value)
