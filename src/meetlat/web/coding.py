"""Coding jobs: making one from a sample, inviting coders, the states and the only way
to change them, storing a coder's labels, the results.

``TRANSITIONS`` is the whole table: (state, action) → (new state, who may do it).
``change`` is the one function that moves a job: in one transaction it locks the row,
checks the table and the person's role, does what the action needs (opening hands the
posts outside the overlap to the coders, one each in turn), writes the event and saves.
Nothing else writes ``CodingJob.state``. Labels can be given only while a job is open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Max, Q

from meetlat.app import coding as use_case
from meetlat.i18n import _
from meetlat.web import invitations
from meetlat.web.models import Coder, CodingEvent, CodingJob, CodingLabel, CodingUnit
from meetlat.workspace import Workspace

CONCEPT, OPEN, CLOSED = "concept", "open", "closed"

TRANSITIONS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    (CONCEPT, "open"): (OPEN, frozenset({"researcher"})),
    (OPEN, "close"): (CLOSED, frozenset({"researcher"})),
    (CLOSED, "reopen"): (OPEN, frozenset({"researcher"})),
}

INVITING = frozenset({CONCEPT, OPEN})  # the states in which coders may be invited


class NotAllowed(PermissionError):
    """A step the table does not allow from this state or for this role, or one that
    cannot be taken now (the message says why)."""


def label(state: str) -> str:
    return {CONCEPT: _("concept"), OPEN: _("open"), CLOSED: _("closed for coding")}[state]


def action_label(action: str) -> str:
    return {"open": _("Open for coding"), "close": _("Close"), "reopen": _("Open again")}[action]


def actions(state: str, role: str) -> list[str]:
    return [a for (s, a), (_new, roles) in TRANSITIONS.items() if s == state and role in roles]


def create(
    ws: Workspace,
    name: str,
    criteria: use_case.Criteria,
    size: int,
    overlap_pct: int,
    seed: int | None,
    by=None,
) -> CodingJob:
    """A new job in concept with its sample drawn (raises app.coding.BadSample)."""
    seed = use_case.new_seed() if seed is None else seed
    sample = use_case.draw(ws, criteria, size, seed, overlap_pct)
    with transaction.atomic():
        job = CodingJob.objects.create(
            name=name,
            criteria=criteria.as_dict(),
            seed=seed,
            sample_size=size,
            overlap_pct=overlap_pct,
            created_by=by,
        )
        CodingUnit.objects.bulk_create(
            CodingUnit(
                job=job,
                position=p.position,
                platform=p.platform,
                post_id=p.post_id,
                author=p.author,
                created_at=p.created_at,
                text=p.text,
                overlap=p.overlap,
            )
            for p in sample
        )
        CodingEvent.objects.create(
            job=job, who=by, action="create", details={"units": len(sample), "seed": seed}
        )
    return job


@dataclass(frozen=True)
class Invited:
    coder: Coder
    token: str  # shown once, never stored


def invite(job: CodingJob, name: str, expires: date, by=None) -> Invited:
    with transaction.atomic():
        current = CodingJob.objects.select_for_update().get(pk=job.pk)
        if current.state not in INVITING:
            raise NotAllowed(
                _("Coders cannot be invited: the coding job is {state}.").format(
                    state=label(current.state)
                )
            )
        issued = invitations.issue(f"codering-{job.pk}", "", expires, "coder", by)
        number = (current.coders.aggregate(Max("number"))["number__max"] or 0) + 1
        coder = Coder.objects.create(
            job=current, number=number, name=name, invitation=issued.invitation
        )
        CodingEvent.objects.create(job=current, who=by, action="invite", details={"coder": number})
    return Invited(coder, issued.token)


def _assign(job: CodingJob) -> int:
    """Give every post outside the overlap without a coder to one coder, in turn."""
    coders = list(job.coders.order_by("number"))
    if not coders:
        raise NotAllowed(_("Invite at least one coder before opening the coding job."))
    if len(coders) < 2 and job.units.filter(overlap=True).exists():
        raise NotAllowed(
            _("The overlap is coded by every coder: invite at least two coders first.")
        )
    open_units = list(job.units.filter(overlap=False, coder__isnull=True).order_by("position"))
    for i, unit in enumerate(open_units):
        unit.coder = coders[i % len(coders)]
    CodingUnit.objects.bulk_update(open_units, ["coder"])
    return len(open_units)


def change(job: CodingJob, action: str, user, role: str) -> CodingJob:
    """Apply ``action`` to ``job`` as ``user`` with ``role``, in one transaction."""
    with transaction.atomic():
        current = CodingJob.objects.select_for_update().get(pk=job.pk)
        step = TRANSITIONS.get((current.state, action))
        if step is None:
            raise NotAllowed(
                _("This step is not possible: the coding job is {state}.").format(
                    state=label(current.state)
                )
            )
        if role not in step[1]:
            raise NotAllowed(_("Only a researcher can change the state of a coding job."))
        details: dict = {"from": current.state, "to": step[0]}
        if action in ("open", "reopen"):
            details["assigned"] = _assign(current)
        current.state = step[0]
        current.save(update_fields=["state"])
        CodingEvent.objects.create(job=current, who=user, action=action, details=details)
    return current


# ---- coding -------------------------------------------------------------------------------


def units_of(coder: Coder):
    """The posts ``coder`` codes: the overlap and their own, in the sample's order."""
    return coder.job.units.filter(Q(overlap=True) | Q(coder=coder)).order_by("position")


def next_unit(coder: Coder) -> CodingUnit | None:
    return units_of(coder).exclude(labels__coder=coder).first()


def progress(coder: Coder) -> tuple[int, int]:
    """(coded, to code) of ``coder``."""
    units = units_of(coder)
    return units.filter(labels__coder=coder).count(), units.count()


class BadLabel(ValueError):
    """Labels that cannot be stored (the message says which and why)."""


def store_label(
    ws: Workspace, coder: Coder, unit: CodingUnit, teneur: str, theme: str, action: str
) -> CodingLabel:
    problems = []
    if teneur not in use_case.TENEUR:
        problems.append(_("Choose the tenor of the post."))
    if theme not in use_case.theme_choices(ws):
        problems.append(_("Choose the theme of the post."))
    if action not in use_case.ACTION:
        problems.append(_("Choose whether the post needs action."))
    if problems:
        raise BadLabel(" ".join(problems))
    with transaction.atomic():
        job = CodingJob.objects.select_for_update().get(pk=coder.job_id)
        if job.state != OPEN:
            raise NotAllowed(
                _("Labels cannot be stored: the coding job is {state}.").format(
                    state=label(job.state)
                )
            )
        if not units_of(coder).filter(pk=unit.pk).exists():
            raise NotAllowed(_("This post is not one of yours to code."))
        found, _created = CodingLabel.objects.update_or_create(
            unit=unit, coder=coder, defaults={"teneur": teneur, "theme": theme, "action": action}
        )
    return found


# ---- results ------------------------------------------------------------------------------


def labels_of(job: CodingJob) -> list[CodingLabel]:
    return list(
        CodingLabel.objects.filter(unit__job=job)
        .select_related("unit", "coder")
        .order_by("unit__position", "coder__number")
    )


def results(ws: Workspace, job: CodingJob) -> list[use_case.VariableResult]:
    rows = [
        {
            "unit": found.unit_id,
            "coder": found.coder.number,
            "teneur": found.teneur,
            "theme": found.theme,
            "action": found.action,
        }
        for found in labels_of(job)
    ]
    values = {
        "teneur": list(use_case.TENEUR),
        "theme": use_case.theme_choices(ws),
        "action": list(use_case.ACTION),
    }
    return use_case.results(rows, values)


def coder_progress(job: CodingJob) -> list[dict]:
    found = []
    for coder in job.coders.annotate(coded=Count("labels")).order_by("number"):
        found.append({"coder": coder, "coded": coder.coded, "total": units_of(coder).count()})
    return found
