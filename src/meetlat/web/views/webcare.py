"""The webcare page of a municipality (its people and the researcher): per account the
open questions with their age, the answered ones with their reply, the reply rate and
the reply-time buckets on both clocks, the messages per day, the posts found by the
municipality's search terms, and for the researcher a coding job over what came in."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from meetlat.app import coding as use_case
from meetlat.app import webcare
from meetlat.i18n import _, number
from meetlat.web import coding, dashboards
from meetlat.web import webcare as pages
from meetlat.web.access import municipality_page
from meetlat.web.views.common import current_workspace

SIZE, OVERLAP = 100, 20  # the coding job's default sample


def _name_or_404(code: str) -> str:
    name = dashboards.municipality_name(code)
    if name is None:
        raise Http404
    return name


def _rate(value: float | None) -> str:
    return "–" if value is None else number(value, 1) + "%"


def _account_rows(account: pages.Account, moment) -> dict:
    asked = webcare.queue(account.messages, answered=True)
    open_rows, answered_rows = [], []
    for m in asked:
        row = {
            "asked": pages.local(m.asked_at),
            "asked_iso": m.asked_at.isoformat(timespec="seconds"),
            "author": m.author,
            "text": m.text,
        }
        if m.answered:
            row.update(
                reply=account.replies.get(m.post_id, ""),
                replied=pages.local(m.replied_at),
                minutes=pages.duration(m.minutes),
                office=pages.duration(m.office_minutes),
            )
            answered_rows.append(row)
        else:
            row["age"] = pages.duration((moment - m.asked_at).total_seconds() / 60)
            open_rows.append(row)
    figures = webcare.figures(account.messages)
    shown = {"messages": 0, "questions": 0, "answered": 0, "rate": _rate(None), "buckets": []}
    if figures:
        (f,) = figures
        shown = {
            "messages": number(f.messages),
            "questions": number(f.questions),
            "answered": number(f.answered),
            "rate": _rate(f.reply_rate_pct),
            "buckets": [
                (webcare.bucket_label(name), number(count), number(f.office_buckets[name]))
                for name, count in f.buckets.items()
            ],
        }
    return {
        "platform": account.platform,
        "handle": account.handle,
        "label": f"@{account.handle} ({account.platform})",
        "open": open_rows,
        "answered": answered_rows[-pages.SHOWN :][::-1],  # the latest first
        "answered_total": len(answered_rows),
        "figures": shown,
    }


def _context(request, ws, code: str, name: str, person) -> dict:
    return {
        "code": code,
        "name": name,
        "researcher": person.role == "researcher",
        "size": SIZE,
        "overlap": OVERLAP,
    }


@require_GET
@municipality_page
def page(request, code: str, person):
    name = _name_or_404(code)
    ws = current_workspace()
    context = _context(request, ws, code, name, person)
    try:
        start, end = pages.period(request.GET.get("van"), request.GET.get("tot"))
    except pages.BadPeriod as bad:
        context.update(error=str(bad), van=request.GET.get("van", ""),
                       tot=request.GET.get("tot", ""))  # fmt: skip
        return render(request, "meetlat/webcare.html", context, status=400)
    context.update(van=start.isoformat(), tot=end.isoformat())
    if not pages.accounts_of(ws, code):
        context["problem"] = _("The registry holds no account of this municipality yet.")
        return render(request, "meetlat/webcare.html", context)
    found = pages.gather(ws, code, start, end)
    if not found:
        context["problem"] = _("None of the municipality's accounts is active in this period.")
        return render(request, "meetlat/webcare.html", context)
    moment = pages.now()
    shown = [_account_rows(a, moment) for a in found]
    every = [m for a in found for m in a.messages]
    context.update(
        accounts=shown,
        open_total=sum(len(a["open"]) for a in shown),
        days=[
            {
                "day": d.day.isoformat(),
                "messages": number(d.messages),
                "questions": number(d.questions),
                "open": number(d.questions - d.answered),
                "no_action": number(d.no_action),
            }
            for d in webcare.daily(every, start, end)
        ],
    )
    try:
        heard = pages.listening(ws, code, start, end)
    except webcare.WebcareError as bad:
        context["listening_problem"] = str(bad)
    else:
        if heard is None:
            context["listening_problem"] = _(
                "No search terms are set for this municipality (listening/terms.toml in the "
                "workspace)."
            )
        else:
            context["listening"] = [
                {
                    "posted": pages.local(r["created_at"]),
                    "author": r["author"],
                    "text": r["text"],
                    "question": _("yes") if r["is_question"] else _("no"),
                }
                for r in heard[-pages.SHOWN :][::-1]
            ]
            context["listening_total"] = len(heard)
    return render(request, "meetlat/webcare.html", context)


@require_POST
@municipality_page
def code_job(request, code: str, person):
    """A coding job over the posts addressed to the municipality's accounts in the
    period (``Criteria.addressed``: the replies to them and the mentions of their handles
    by other accounts, as the page counts them); researchers only (they make coding
    jobs)."""
    if person.role != "researcher":
        raise Http404
    name = _name_or_404(code)
    ws = current_workspace()
    back = reverse("meetlat:webcare", kwargs={"code": code})
    try:
        start, end = pages.period(request.POST.get("van"), request.POST.get("tot"))
        size = int(request.POST.get("size", SIZE))
        overlap = int(request.POST.get("overlap", OVERLAP))
        if not (1 <= size <= 10000 and 0 <= overlap <= 100):
            raise ValueError
    except pages.BadPeriod as bad:
        messages.error(request, str(bad))
        return redirect(back)
    except ValueError:
        messages.error(request, _("Give a sample of 1 to 10000 posts and an overlap of 0 to 100%."))
        return redirect(back)
    handles = tuple(sorted({h.lstrip("@").lower() for _p, h in pages.accounts_of(ws, code)}))
    criteria = use_case.Criteria(start, end, addressed=handles)
    title = _("Webcare {name}, {start} to {end}").format(
        name=name, start=start.isoformat(), end=end.isoformat()
    )
    try:
        job = coding.create(ws, title, criteria, size, overlap, None, request.user)
    except use_case.BadSample as bad:
        messages.error(request, str(bad))
        return redirect(f"{back}?van={start.isoformat()}&tot={end.isoformat()}")
    return redirect("meetlat:coding-job", job=job.pk)
