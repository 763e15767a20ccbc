"""Saving answers as the respondent goes, safely beside colleagues.

Each answer carries a revision. A page remembers the revision it showed; a save whose
revision is no longer the stored one, with a value that differs from the stored one,
is a conflict: nothing is written and the person sees both values and chooses. Values
are checked by the same code as an answer file (``meetlat.app.questionnaire``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from meetlat.app import questionnaire as use_case
from meetlat.web.models import Answer, AuditEntry, Questionnaire
from meetlat.web.states import EDITABLE


@dataclass(frozen=True)
class Saved:
    question_id: str
    value: object
    revision: int
    conflict: bool = False  # True: not saved, ``theirs`` is what a colleague stored
    theirs: object = None
    error: str = ""  # the value is not allowed (nothing saved)
    closed: bool = False  # the questionnaire is submitted: nothing saved


def questionnaire_for(edition: str, code: str) -> Questionnaire:
    try:
        found, _created = Questionnaire.objects.get_or_create(
            edition=edition, municipality_code=code
        )
    except IntegrityError:  # two colleagues opened it at the same moment
        found = Questionnaire.objects.get(edition=edition, municipality_code=code)
    return found


def current(questionnaire: Questionnaire) -> dict[str, Answer]:
    return {a.question_id: a for a in questionnaire.answers.all()}


def save(questionnaire: Questionnaire, chosen, question_id: str, raw, seen: int, user) -> Saved:
    """Store one answer if it is allowed and nobody changed it since revision ``seen``."""
    try:
        value = use_case.check_answer(chosen, question_id, raw)
    except use_case.AnswerRefused as refused:
        return Saved(question_id, raw, seen, error=str(refused))
    with transaction.atomic():
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if locked.state not in EDITABLE:
            return Saved(question_id, value, seen, closed=True)
        answer, _created = Answer.objects.get_or_create(
            questionnaire=locked, question_id=question_id, defaults={"value": None}
        )
        if answer.value == value:
            return Saved(question_id, value, answer.revision)
        if answer.revision != seen:
            return Saved(question_id, value, answer.revision, conflict=True, theirs=answer.value)
        before = answer.value
        answer.value = value
        answer.revision += 1
        answer.changed_by = user
        answer.save()
        AuditEntry.objects.create(
            questionnaire=locked,
            who=user,
            action="answer",
            details={"question": question_id, "from": before, "to": value},
        )
        locked.save(update_fields=["updated_at"])
    return Saved(question_id, value, answer.revision)


def one(questionnaire: Questionnaire, question_id: str) -> Answer | None:
    return questionnaire.answers.filter(question_id=question_id).first()


def answered(questionnaire: Questionnaire) -> dict[str, object]:
    return {a.question_id: a.value for a in questionnaire.answers.all() if a.value is not None}
