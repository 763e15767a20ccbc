"""The questionnaire of one municipality: its pages, saving (htmx and a plain button),
submitting, the placement and advice, the answers as CSV and inviting colleagues."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from meetlat import reference, settings
from meetlat.app import questionnaire as use_case
from meetlat.i18n import _, ngettext
from meetlat.web import answering, invitations, states
from meetlat.web.access import municipality_page
from meetlat.web.views.common import csv_download, current_workspace, edition_or_404, problem
from meetlat.web.views.questions import as_text, shown


def _page_or_404(chosen, key: str):
    for page in use_case.pages(chosen):
        if page.key == key:
            return page
    raise Http404


def _context(person, chosen, code, questionnaire):
    pages = use_case.pages(chosen)
    stored = answering.current(questionnaire)
    total = len(chosen.questions)
    done = sum(1 for a in stored.values() if a.value is not None)
    return {
        "edition": chosen,
        "code": code,
        "municipality": reference.get(code),
        "questionnaire": questionnaire,
        "state_label": states.label(questionnaire.state),
        "editable": questionnaire.state in states.EDITABLE,
        "may_submit": states.allowed(questionnaire.state, "submit", person.role),
        "pages": pages,
        "answered": done,
        "total": total,
        "progress": ngettext(
            "{done} of {total} question answered", "{done} of {total} questions answered", total
        ).format(done=done, total=total),
    }


@municipality_page
def overview(request, edition: str, code: str, person):
    chosen = edition_or_404(edition)
    questionnaire = answering.questionnaire_for(chosen.name, code)
    return render(
        request, "meetlat/questionnaire.html", _context(person, chosen, code, questionnaire)
    )


def _shown_questions(chosen, page, questionnaire, states_by_id=None):
    descriptions = use_case.phase_descriptions(chosen)
    stored = answering.current(questionnaire)
    closed = questionnaire.state not in states.EDITABLE
    sections = []
    for section in page.sections:
        items = []
        for question in section.questions:
            state = dict((states_by_id or {}).get(question.id, {}))
            state.setdefault("closed", closed)
            items.append(shown(question, stored.get(question.id), descriptions, **state))
        sections.append({"title": section.title, "aspect": section.aspect, "questions": items})
    return sections


def _state_of(saved) -> dict:
    if saved.error:
        return {"error": saved.error, "value": as_text(saved.value)}
    if saved.conflict:
        return {"conflict": True, "theirs": as_text(saved.theirs), "value": as_text(saved.value)}
    if saved.closed:
        return {"error": _("The questionnaire has been submitted: answers can no longer change.")}
    return {"saved": True}


@municipality_page
def page(request, edition: str, code: str, group: str, person):
    chosen = edition_or_404(edition)
    shown_page = _page_or_404(chosen, group)
    questionnaire = answering.questionnaire_for(chosen.name, code)
    states_by_id: dict[str, dict] = {}
    if request.method == "POST":
        changed = problems = 0
        theirs = set(request.POST.getlist("theirs"))  # conflicts resolved for the colleague
        for question in shown_page.questions():
            if question.id in theirs or f"rev-{question.id}" not in request.POST:
                continue
            if question.type != "text" and question.id not in request.POST:
                continue  # no button of the group chosen: a radio group cannot be cleared
            raw = request.POST.get(question.id, "")
            seen = int(request.POST.get(f"rev-{question.id}", "0") or 0)
            saved = answering.save(questionnaire, chosen, question.id, raw, seen, request.user)
            if saved.error or saved.conflict or saved.closed:
                problems += 1
                states_by_id[question.id] = _state_of(saved)
            elif saved.revision != seen:
                changed += 1
        if not problems:
            messages.success(
                request,
                ngettext("{count} answer saved.", "{count} answers saved.", changed).format(
                    count=changed
                ),
            )
            return redirect(request.path)
        messages.error(
            request,
            ngettext(
                "{count} answer needs your attention: see the question marked below.",
                "{count} answers need your attention: see the questions marked below.",
                problems,
            ).format(count=problems),
        )
    context = _context(person, chosen, code, questionnaire)
    context.update(
        {
            "page": shown_page,
            "sections": _shown_questions(chosen, shown_page, questionnaire, states_by_id),
            "next_page": _next(context["pages"], shown_page.key),
        }
    )
    return render(request, "meetlat/page.html", context, status=400 if states_by_id else 200)


def _next(pages, key):
    keys = [p.key for p in pages]
    position = keys.index(key)
    return pages[position + 1] if position + 1 < len(pages) else None


@require_POST
@municipality_page
def autosave(request, edition: str, code: str, question_id: str, person):
    """htmx: save one answer and return that question again, with its state."""
    chosen = edition_or_404(edition)
    try:
        question = chosen.question(question_id)
    except KeyError:
        raise Http404 from None
    questionnaire = answering.questionnaire_for(chosen.name, code)
    if request.POST.get("theirs") == question_id:  # a conflict resolved for the colleague's value
        state = {}
    else:
        raw = request.POST.get(question_id, "")
        seen = int(request.POST.get(f"rev-{question_id}", "0") or 0)
        state = _state_of(
            answering.save(questionnaire, chosen, question_id, raw, seen, request.user)
        )
    descriptions = use_case.phase_descriptions(chosen)
    stored = answering.one(questionnaire, question_id)
    state.setdefault("closed", questionnaire.state not in states.EDITABLE)
    item = shown(question, stored, descriptions, **state)
    status = 409 if item.conflict else (400 if item.error else 200)
    response = render(
        request,
        "meetlat/question.html",
        {"q": item, "edition": chosen, "code": code},
        status=status,
    )
    if status != 200:
        response["HX-Reswap"] = "outerHTML"  # htmx swaps error responses too
    return response


@require_POST
@municipality_page
def submit(request, edition: str, code: str, person):
    chosen = edition_or_404(edition)
    questionnaire = answering.questionnaire_for(chosen.name, code)
    try:
        states.change(current_workspace(), questionnaire, "submit", request.user, person.role)
    except states.NotAllowed as refused:
        return problem(request, _("Not possible"), str(refused), 403)
    messages.success(request, _("Thank you: the questionnaire has been submitted."))
    return redirect("meetlat:result", edition=chosen.name, code=code)


@municipality_page
def result(request, edition: str, code: str, person):
    chosen = edition_or_404(edition)
    questionnaire = answering.questionnaire_for(chosen.name, code)
    if questionnaire.state != states.SUBMITTED:
        return redirect("meetlat:questionnaire", edition=chosen.name, code=code)
    try:
        found = use_case.assess(current_workspace(), code, chosen.name)
    except use_case.ASSESS_ERRORS as refused:
        return problem(request, _("No placement yet"), str(refused), 404)
    context = _context(person, chosen, code, questionnaire)
    context["assessment"] = found
    context["advice"] = use_case.advice_lines(found)
    context["rows"] = use_case.aspect_rows(found)
    return render(request, "meetlat/result.html", context)


@municipality_page
def answers_csv(request, edition: str, code: str, person):
    """The municipality's answers as an answer file (what `meetlat survey import` reads)."""
    chosen = edition_or_404(edition)
    questionnaire = answering.questionnaire_for(chosen.name, code)
    given = answering.answered(questionnaire)
    header = use_case.template_header(chosen)
    return csv_download(
        f"antwoorden-{code}-{chosen.name}.csv",
        header,
        [[code, *(as_text(given.get(qid)) for qid in header[1:])]],
    )


@municipality_page
def colleagues(request, edition: str, code: str, person):
    """A coordinator invites a colleague of the same municipality (a link shown once)."""
    chosen = edition_or_404(edition)
    if person.role not in ("coordinator", "researcher"):
        raise Http404
    link = None
    if request.method == "POST":
        expires = timezone.localdate() + timedelta(days=30)
        issued = invitations.issue(chosen.name, code, expires, "respondent", request.user)
        link = invitations.link(settings.load_web().base_url, issued.token)
    context = _context(person, chosen, code, answering.questionnaire_for(chosen.name, code))
    context["link"] = link
    context["back"] = reverse(
        "meetlat:questionnaire", kwargs={"edition": chosen.name, "code": code}
    )
    return render(request, "meetlat/colleagues.html", context)
