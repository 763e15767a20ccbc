"""The questionnaire's states: the table of transitions, one function, one transaction."""

from __future__ import annotations

import pytest
from django.db import DatabaseError

from meetlat.app import questionnaire as use_case
from meetlat.survey import answers
from meetlat.web import answering, states
from meetlat.web.models import AuditEntry

EDITION, AMSTERDAM = "2014", "GM0363"


@pytest.fixture
def draft(db, researcher):
    chosen = use_case.edition(EDITION)
    found = answering.questionnaire_for(EDITION, AMSTERDAM)
    answering.save(found, chosen, "content.announcements", "8", 0, researcher)
    answering.save(found, chosen, "content.phase", "3", 0, researcher)
    return found


def test_the_table_is_the_only_way(draft, researcher, ws):
    assert states.TRANSITIONS[("draft", "submit")][0] == "submitted"
    with pytest.raises(states.NotAllowed, match="Alleen de coördinator"):
        states.change(ws, draft, "submit", researcher, "respondent")
    with pytest.raises(states.NotAllowed, match="niet mogelijk: de vragenlijst is in concept"):
        states.change(ws, draft, "reopen", researcher, "researcher")
    done = states.change(ws, draft, "submit", researcher, "coordinator")
    assert done.state == "submitted" and done.submitted_at is not None
    with pytest.raises(states.NotAllowed):
        states.change(ws, done, "submit", researcher, "coordinator")
    with pytest.raises(states.NotAllowed, match="Alleen een onderzoeker"):
        states.change(ws, done, "reopen", researcher, "coordinator")
    again = states.change(ws, done, "reopen", researcher, "researcher")
    assert again.state == "reopened"
    assert states.change(ws, again, "submit", researcher, "coordinator").state == "submitted"
    actions = [
        (a.action, a.details["from"], a.details["to"])
        for a in AuditEntry.objects.exclude(action="answer")
    ]
    assert actions == [
        ("submit", "draft", "submitted"),
        ("reopen", "submitted", "reopened"),
        ("submit", "reopened", "submitted"),
    ]


def test_submit_stores_the_answers_for_assess_and_the_summary(draft, researcher, ws):
    states.change(ws, draft, "submit", researcher, "coordinator")
    stored = answers.load(ws, EDITION)[AMSTERDAM]
    assert stored.answers == {"content.announcements": 8, "content.phase": 3}
    assert stored.source == "web"
    found = use_case.assess(ws, AMSTERDAM, EDITION)
    content = found.profile.aspects["content"]
    assert content.chosen == 3 and content.grade_mean == 8


def test_a_failing_store_changes_nothing(draft, researcher, ws, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("the disk is full")

    monkeypatch.setattr(AuditEntry.objects, "create", broken)
    with pytest.raises(DatabaseError):
        states.change(ws, draft, "submit", researcher, "coordinator")
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.submitted_at is None
