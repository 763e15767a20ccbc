"""The states of a questionnaire and the only way to change them.

``TRANSITIONS`` is the whole table: (state, action) → (new state, who may do it).
``change`` is the one function that moves a questionnaire: in one transaction it locks
the row, checks the table and the person's role, does what the action needs (a submit
stores the answers in the workspace for assess and the summary), writes the audit entry
and saves. Nothing else writes ``Questionnaire.state``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from meetlat.app import questionnaire as use_case
from meetlat.i18n import _
from meetlat.web.models import AuditEntry, Questionnaire
from meetlat.workspace import Workspace

DRAFT, SUBMITTED, REOPENED = "draft", "submitted", "reopened"

TRANSITIONS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    (DRAFT, "submit"): (SUBMITTED, frozenset({"coordinator"})),
    (SUBMITTED, "reopen"): (REOPENED, frozenset({"researcher"})),
    (REOPENED, "submit"): (SUBMITTED, frozenset({"coordinator"})),
}

EDITABLE = frozenset({DRAFT, REOPENED})  # the states in which answers may change


class NotAllowed(PermissionError):
    """A transition that the table does not allow from this state or for this role."""


def label(state: str) -> str:
    return {DRAFT: _("draft"), SUBMITTED: _("submitted"), REOPENED: _("reopened")}[state]


def allowed(state: str, action: str, role: str) -> bool:
    step = TRANSITIONS.get((state, action))
    return step is not None and role in step[1]


def change(
    ws: Workspace, questionnaire: Questionnaire, action: str, user, role: str
) -> Questionnaire:
    """Apply ``action`` to ``questionnaire`` as ``user`` with ``role``, in one transaction."""
    with transaction.atomic():
        current = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        step = TRANSITIONS.get((current.state, action))
        if step is None:
            raise NotAllowed(
                _("This step is not possible: the questionnaire is {state}.").format(
                    state=label(current.state)
                )
            )
        if role not in step[1]:
            raise NotAllowed(
                _("Only the coordinator of the municipality can submit the questionnaire.")
                if action == "submit"
                else _("Only a researcher can reopen a questionnaire.")
            )
        before = current.state
        current.state = step[0]
        details: dict = {"from": before, "to": current.state}
        if action == "submit":
            current.submitted_at = timezone.now()
            answers = {a.question_id: a.value for a in current.answers.all() if a.value is not None}
            chosen = use_case.edition(current.edition, ws)
            use_case.store_response(ws, chosen, current.municipality_code, answers, "web")
            details["answered"] = len(answers)
        current.save()
        AuditEntry.objects.create(questionnaire=current, who=user, action=action, details=details)
    return current
