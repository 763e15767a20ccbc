"""Who may see what. A respondent or coordinator sees only their own municipality: any
request for another municipality's page, answers, placement or export is a 404, as if
it did not exist. Researcher pages need the researcher role."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from meetlat.web.models import Person


def person_of(request) -> Person | None:
    if not hasattr(request, "_meetlat_person"):
        user = getattr(request, "user", None)
        known = user is not None and user.is_authenticated
        request._meetlat_person = Person.objects.filter(user=user).first() if known else None
    return request._meetlat_person


def may_see(person: Person | None, code: str) -> bool:
    if person is None:
        return False
    return person.role == "researcher" or person.municipality_code == code


def municipality_page(view):
    """The view gets ``person``; a visitor not logged in is sent to the login page, one of
    another municipality gets 404."""

    @wraps(view)
    def wrapped(request, *args, code: str, **kwargs):
        person = person_of(request)
        if person is None:
            return redirect_to_login(request.get_full_path())
        if not may_see(person, code):
            raise Http404
        return view(request, *args, code=code, person=person, **kwargs)

    return wrapped


def researcher_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        person = person_of(request)
        if person is None:
            return redirect_to_login(request.get_full_path())
        if person.role != "researcher":
            raise Http404
        return view(request, *args, person=person, **kwargs)

    return wrapped
