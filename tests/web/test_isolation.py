"""A respondent of municipality A sees nothing of municipality B: every address with a
municipality in it, walked as A against B, is a 404 (pages, answers, placement, exports),
and every researcher page is a 404 for a respondent."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

EDITION, AMSTERDAM, UTRECHT = "2014", "GM0363", "GM0344"
VALUES = {
    "edition": EDITION,
    "code": UTRECHT,
    "group": "general",
    "question_id": "content.phase",
    "token": "x",
    "period": "2014Q2",
    "job": "1",
    "slug": "tunnel",
}


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            yield from _patterns(item, prefix + str(item.pattern))
        elif isinstance(item, URLPattern):
            yield prefix + str(item.pattern), item


def _address(route: str) -> str:
    for name, value in VALUES.items():
        for kind in ("str", "slug", "int"):
            route = route.replace(f"<{kind}:{name}>", value)
    assert "<" not in route, route
    return "/" + route


def _meetlat_routes():
    return [(route, p) for route, p in _patterns() if not route.startswith("admin/")]


def test_the_walk_covers_every_page_with_a_municipality(db):
    routes = [route for route, _p in _meetlat_routes() if "<str:code>" in route]
    assert len(routes) >= 8  # the questionnaire's seven addresses and reopening


def test_a_respondent_of_a_gets_404_for_everything_of_b(amsterdam, utrecht):
    # B has answers, a submitted questionnaire and a placement to find
    base = f"/vragenlijst/{EDITION}/{UTRECHT}/"
    utrecht.post(f"{base}antwoord/content.phase/", {"content.phase": "2", "rev-content.phase": "0"})
    assert utrecht.post(f"{base}indienen/").status_code == 302
    walked = 0
    for route, _pattern in _meetlat_routes():
        if "<str:code>" not in route:
            continue
        address = _address(route)
        for method in (amsterdam.get, amsterdam.post):
            response = method(address)
            assert response.status_code in (404, 405), (address, response.status_code)
            assert "Utrecht" not in response.content.decode()
            walked += 1
    assert walked >= 16


def test_researcher_pages_are_404_for_a_respondent(amsterdam):
    for route, _pattern in _meetlat_routes():
        if not route.startswith("onderzoek/"):
            continue
        response = amsterdam.get(_address(route))
        assert response.status_code in (404, 405), route
    assert amsterdam.get("/admin/").status_code == 302  # Django's admin: to its login


def test_the_researcher_sees_every_municipality(researcher_client, utrecht):
    assert researcher_client.get(f"/vragenlijst/{EDITION}/{UTRECHT}/").status_code == 200
