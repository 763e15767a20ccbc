"""The response to an edition: per municipality not started, in progress (n of the
edition's questions answered) or submitted, and the response rate as the book gives it
("210 van de 403 gemeenten (52%)"): the municipalities invited are those with an
invitation for the edition, the ones that answered those with a submitted questionnaire."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q

from meetlat.app import questionnaire as use_case
from meetlat.i18n import _, ngettext, number
from meetlat.web.models import Invitation, Questionnaire
from meetlat.web.states import SUBMITTED

NOT_STARTED, IN_PROGRESS, IMPORTED = "not_started", "in_progress", "imported"


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    province: str | None
    size_class: str | None
    invited: bool
    status: str  # not_started | in_progress | submitted | reopened | imported
    answered: int
    last_change: object  # datetime or None


def status_label(status: str, answered: int, total: int) -> str:
    if status == NOT_STARTED:
        return _("not started")
    if status == SUBMITTED:
        return _("submitted")
    if status == IMPORTED:
        return _("answers imported from a file")
    if status == "reopened":
        return _("reopened ({done} of {total} answered)").format(done=answered, total=total)
    return _("in progress ({done} of {total} answered)").format(done=answered, total=total)


def rows(ws, chosen, provinces=None, size_classes=None) -> list[Row]:
    """Every municipality of the edition with its state; one whose answers were imported
    from a file (``meetlat survey import``) and not answered online counts as answered."""
    imported = use_case.stored_codes(ws, chosen)
    invited = set(
        Invitation.objects.filter(edition=chosen.name).values_list("municipality_code", flat=True)
    )
    found = {
        q.municipality_code: q
        for q in Questionnaire.objects.filter(edition=chosen.name).annotate(
            done=Count("answers", filter=Q(answers__value__isnull=False)),
            last=Max("answers__changed_at"),
        )
    }
    result = []
    for item in use_case.invitees(chosen, provinces, size_classes):
        questionnaire = found.get(item.code)
        if questionnaire is None or (questionnaire.state == "draft" and not questionnaire.done):
            status, answered, last = NOT_STARTED, 0, None
            if item.code in imported:
                status = IMPORTED
        else:
            status = IN_PROGRESS if questionnaire.state == "draft" else questionnaire.state
            answered, last = questionnaire.done, questionnaire.last or questionnaire.updated_at
        result.append(
            Row(
                item.code,
                item.name,
                item.province,
                item.size_class,
                item.code in invited,
                status,
                answered,
                last,
            )
        )
    return result


def rate(rows_: list[Row]) -> str:
    """ "210 van de 403 gemeenten (52%)": submitted of invited (of all shown when none was
    invited yet)."""
    base = [r for r in rows_ if r.invited] or rows_
    answered = sum(1 for r in base if r.status in (SUBMITTED, IMPORTED))
    share = round(100 * answered / len(base)) if base else 0
    return ngettext(
        "{answered} of {total} municipality ({share}%)",
        "{answered} of {total} municipalities ({share}%)",
        len(base),
    ).format(answered=number(answered), total=number(len(base)), share=share)
