"""Saving answers: the import's validation, revisions, and conflicts never silent."""

from __future__ import annotations

from meetlat.app import questionnaire as use_case
from meetlat.web import answering
from meetlat.web.models import Answer, AuditEntry

EDITION, AMSTERDAM = "2014", "GM0363"


def test_values_are_checked_as_an_answer_file_is(db, researcher):
    chosen = use_case.edition(EDITION)
    found = answering.questionnaire_for(EDITION, AMSTERDAM)
    refused = answering.save(found, chosen, "content.announcements", "11", 0, researcher)
    assert refused.error.startswith('content.announcements = "11"')
    assert "10" in refused.error and "is not allowed" not in refused.error  # in Dutch
    assert not Answer.objects.exists()
    saved = answering.save(found, chosen, "general.twitter_account", "ja", 0, researcher)
    assert (saved.value, saved.revision, saved.conflict) == ("yes", 1, False)


def test_a_colleagues_change_is_never_overwritten_silently(db, researcher):
    chosen = use_case.edition(EDITION)
    found = answering.questionnaire_for(EDITION, AMSTERDAM)
    # both colleagues loaded the page at revision 0
    first = answering.save(found, chosen, "content.announcements", "7", 0, researcher)
    assert first.revision == 1
    second = answering.save(found, chosen, "content.announcements", "9", 0, researcher)
    assert second.conflict and second.theirs == 7 and second.value == 9
    assert Answer.objects.get().value == 7
    # the same value as stored is no conflict
    same = answering.save(found, chosen, "content.announcements", "7", 0, researcher)
    assert not same.conflict and same.revision == 1
    # choosing "mine" sends the revision now shown
    mine = answering.save(found, chosen, "content.announcements", "9", second.revision, researcher)
    assert not mine.conflict and mine.revision == 2
    assert Answer.objects.get().value == 9
    changes = [e.details for e in AuditEntry.objects.filter(action="answer")]
    assert changes == [
        {"question": "content.announcements", "from": None, "to": 7},
        {"question": "content.announcements", "from": 7, "to": 9},
    ]


def test_a_blank_clears_an_answer(db, researcher):
    chosen = use_case.edition(EDITION)
    found = answering.questionnaire_for(EDITION, AMSTERDAM)
    answering.save(found, chosen, "content.announcements", "7", 0, researcher)
    cleared = answering.save(found, chosen, "content.announcements", "", 1, researcher)
    assert cleared.value is None and cleared.revision == 2
    assert answering.answered(found) == {}
