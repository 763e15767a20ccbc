"""The average municipality on the growth model (seed 1336–1364): the book's own 2014
national mean grades placed by the placement rule give what the book concludes."""

from __future__ import annotations

import pytest

from meetlat.survey import answers, assessment, summary
from meetlat.survey.answers import Response
from meetlat.survey.average import mean_answers, place_means

# The book's 2014 national mean grades, with their lines. Where the book gives one mean
# for several questions ("customer experience 7,1", "enthusiasm 6,4") each of them gets
# that mean; questions whose mean the book does not print are left out.
BOOK_2014 = {
    "content.announcements": 7.8,  # 895-897
    "content.crisis_communication": 8.3,  # 897-898
    "content.opinions": 3.6,  # 903-905
    # 949-951: "gemiddeld een 7,1" over the three; direct questions 8,4 (951-953)
    "customer_experience.audience_knowledge": (3 * 7.1 - 8.4) / 2,
    "customer_experience.direct_questions": 8.4,
    "customer_experience.reputation": (3 * 7.1 - 8.4) / 2,
    "context.influencers": 6.4,  # 1062-1065
    "context.online_initiatives": 5.7,  # 1065-1067
    "context.policy_input": 4.9,  # 1067-1070
    "conversation.online_conversation": 5.7,  # 1119-1121
    "collaboration.incident_analysis": 7.6,  # 1129-1130
    "collaboration.connecting_citizens": 4.8,  # 1131
    "collaboration.co_creation": 4.3,  # 1131-1132
    "function_result.overall_grade": 7.0,  # 878-880
    **{
        f"processes.enthusiasm.{who}": 6.4  # 1216-1218
        for who in ("executive", "council", "communication", "kcc")
    },
    "processes.enthusiasm.clerk": 5.5,  # 1222
    "processes.enthusiasm.middle_management": 5.8,  # 1222-1223
    "processes.management_support": 4.5,  # 1242-1244
    "processes.responsibility": 7.2,  # 1248
    "resources.training": 5.5,  # 1264-1265
    "resources.tools": 5.3,  # 1265-1266
    "resources.support": 4.8,  # 1275-1277
    "people.use.communication": 8.1,  # 1288-1300
    "people.use.council": 5.8,
    "people.use.kcc": 4.7,
    "people.use.clerk": 3.5,
    "people.use.management": 3.2,
    "people.rollout": 4.8,  # 1321-1323
}


def test_the_book_s_mean_grades_place_the_average_municipality_in_phase_2(edition):
    profile = place_means(edition, BOOK_2014)
    phases = profile.phases()
    assert assessment.overall(profile) == 2  # "vooral nog in fase 2" (1336-1338)
    # content and customer experience take steps, but phase 3 is "voorbarig" (1355-1362)
    assert phases["content"] == 2 and phases["customer_experience"] == 2
    assert profile.aspects["customer_experience"].grade_mean == pytest.approx(7.1)
    assert phases["conversation"] == 2  # "van een echte converserende overheid ... geen sprake"
    assert phases["vision"] is None  # the book prints no mean grade for the vision questions
    assert set(phases.values()) - {None} == {2}


def test_the_mean_answers_of_stored_responses(edition):
    responses = [
        Response("GM0363", {"content.announcements": 8, "content.phase": 3}),
        Response("GM0344", {"content.announcements": 6, "content.phase": 2}),
        Response("GM0060", {"content.announcements": 7, "content.phase": 1}),
        Response("GM0014", {"content.phase": 2, "general.twitter_account": "yes"}),
    ]
    answers = mean_answers(edition, responses)
    # the grade's mean over the three that gave it; the lower median of 1, 2, 2, 3
    assert answers == {"content.announcements": 7.0, "content.phase": 2}
    placed = place_means(edition, answers).aspects["content"]
    assert (placed.chosen, placed.grade_mean, placed.phase) == (2, 7.0, 2)
    assert "content.announcements 7,0" in placed.reasons[1].text


def test_the_summary_shows_the_average_municipality(workspace, edition):
    answers.save(
        workspace,
        "2014",
        [
            Response("GM0363", {"content.announcements": 8, "content.phase": 3}),
            Response("GM0344", {"content.announcements": 6, "content.phase": 2}),
        ],
    )
    data = summary.build(workspace, edition)
    content = next(a for a in data["average"]["aspects"] if a["aspect"] == "content")
    assert content == {"aspect": "content", "phase": 2, "chosen": 2, "grade_mean": 7.0}
    assert data["average"]["overall_phase"] is None  # no organisation aspect placed
