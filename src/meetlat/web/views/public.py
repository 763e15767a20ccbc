"""The start page, logging in and out, the language switch and invitation links."""

from __future__ import annotations

from django.contrib import auth
from django.contrib.auth.views import LoginView
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from meetlat.i18n import _
from meetlat.web import invitations, limits
from meetlat.web.access import person_of
from meetlat.web.middleware import LANGUAGES
from meetlat.web.views.common import problem


def home(request):
    person = person_of(request)
    if person is not None and person.role == "researcher":
        return redirect("meetlat:research")
    if person is not None:
        invitation = getattr(person.user, "invitation", None)
        coder = getattr(invitation, "coder", None) if invitation is not None else None
        if person.role == "coder" and coder is not None:
            return redirect("meetlat:code", job=coder.job_id)
        if invitation is not None:
            return redirect(
                "meetlat:questionnaire", edition=invitation.edition, code=person.municipality_code
            )
    return render(request, "meetlat/home.html")


class Login(LoginView):
    template_name = "meetlat/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        key = limits.address(request)
        if limits.blocked("login", key):
            return problem(
                request,
                _("Too many attempts"),
                _("Too many failed logins from this address. Try again in ten minutes."),
                429,
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        limits.failed("login", limits.address(self.request))
        return super().form_invalid(form)


@require_POST
def logout(request):
    auth.logout(request)
    return redirect("meetlat:home")


@require_POST
def language(request):
    chosen = request.POST.get("lang")
    if chosen in LANGUAGES:
        request.session["lang"] = chosen
    back = request.POST.get("next") or reverse("meetlat:home")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = reverse("meetlat:home")
    return redirect(back)


def invitation(request, token: str):
    key = limits.address(request)
    if limits.blocked("invitation", key):
        return problem(
            request,
            _("Too many attempts"),
            _("Too many unknown links from this address. Try again in ten minutes."),
            429,
        )
    found, why = invitations.find(token)
    if why:
        limits.failed("invitation", key)
        messages = {
            "unknown": _(
                "This link is not known. Check that you copied the whole link from the invitation."
            ),
            "revoked": _("This link has been withdrawn. Ask the researcher for a new one."),
            "expired": _("This link has expired. Ask the researcher for a new one."),
        }
        return problem(
            request, _("This link does not work"), messages[why], 404 if why == "unknown" else 410
        )
    user = invitations.user_of(found)
    lang = request.session.get("lang")
    auth.logout(request)
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if lang:
        request.session["lang"] = lang
    coder = getattr(found, "coder", None)
    if found.role == "coder" and coder is not None:
        return redirect("meetlat:code", job=coder.job_id)
    return redirect("meetlat:questionnaire", edition=found.edition, code=found.municipality_code)


def not_found(request, exception=None):
    """Any address that does not exist or is not the visitor's: one Dutch page (a
    respondent asking for another municipality's page sees this same page). Below /api/
    the answer is JSON, as the API's own."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("This address does not exist in the API.")},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    return problem(
        request,
        _("Page not found"),
        _("This page does not exist, or it is not yours to see."),
        404,
    )


def server_error(request):
    """A fault of Meetlat itself: one Dutch sentence; the details are in the server's log.
    When even the page cannot be made (the database is down), the sentence alone."""
    sentence = _(
        "Meetlat could not show this page; the fault has been logged. Please try again later."
    )
    try:
        return problem(request, _("Something went wrong"), sentence, 500)
    except Exception:  # the last resort of a request that already failed
        return HttpResponseServerError(sentence, content_type="text/plain; charset=utf-8")
