"""The visitor's language for every message of a request, the Content-Security-Policy,
and what every page template gets."""

from __future__ import annotations

from django.utils import translation

from meetlat import i18n

LANGUAGES = ("nl", "en")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)


def chosen_language(request) -> str:
    lang = request.session.get("lang") if hasattr(request, "session") else None
    return lang if lang in LANGUAGES else "nl"


def language(get_response):
    """Dutch unless the visitor chose English: for Meetlat's messages and Django's own."""

    def middleware(request):
        lang = chosen_language(request)
        request.LANGUAGE_CODE = lang
        translation.activate(lang)
        with i18n.using(lang):
            response = get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response

    return middleware


def content_security_policy(get_response):
    def middleware(request):
        response = get_response(request)
        if not request.path.startswith("/admin/"):  # Django's admin has inline scripts
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    return middleware


def page_context(request) -> dict:
    from meetlat.web.access import person_of

    return {"lang": chosen_language(request), "person": person_of(request)}
