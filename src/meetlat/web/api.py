"""The read-only open-data API under /api/v1/: plain JSON views over the published
versions (meetlat.app.publishing), and its OpenAPI 3 document.

``ENDPOINTS`` is the one description of the API: the URL configuration (``urlpatterns``)
and the OpenAPI document (``openapi``) are both made from it, and the tables' schemas
from ``publishing.TABLES``. Anything not published is a JSON 404 with a Dutch message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.http import JsonResponse
from django.urls import path, reverse
from django.views.decorators.http import require_GET

from meetlat import __version__
from meetlat.app import publishing
from meetlat.i18n import _
from meetlat.web.views.common import current_workspace

PREFIX = "/api/v1"
JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def not_found(message: str) -> JsonResponse:
    return JsonResponse({"detail": message}, status=404, json_dumps_params={"ensure_ascii": False})


IMMUTABLE = "public, max-age=31536000, immutable"


def cache_control(version: str | None) -> str:
    """A numbered version never changes; a list or ``latest`` may on the next publishing."""
    return IMMUTABLE if version is not None and str(version).isdigit() else "no-cache"


def _json(value, version: str | None = None) -> JsonResponse:
    response = JsonResponse(value, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    response["Cache-Control"] = cache_control(version)
    return response


def _api(view: Callable) -> Callable:
    """A GET view whose NotPublished becomes a JSON 404."""

    @require_GET
    def wrapped(request, **kwargs):
        try:
            return view(request, **kwargs)
        except publishing.NotPublished as missing:
            return not_found(str(missing))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _url(request, endpoint: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(f"meetlat:api-{endpoint}", kwargs=kwargs))


def _downloads(request, edition: str, version: int, name: str) -> dict:
    return {
        fmt: request.build_absolute_uri(
            reverse(
                "meetlat:opendata-download",
                kwargs={"edition": edition, "version": version, "name": name, "fmt": fmt},
            )
        )
        for fmt in publishing.FORMATS
    }


# --- the views ---------------------------------------------------------------------------


def index(request):
    return _json(
        {
            "editions": _url(request, "editions"),
            "openapi": _url(request, "openapi"),
        }
    )


def editions(request):
    ws = current_workspace()
    found = []
    for name in publishing.editions(ws):
        known = publishing.versions(ws, name)
        found.append(
            {
                "edition": name,
                "versions": known,
                "latest": known[-1],
                "url": _url(request, "versions", edition=name),
            }
        )
    return _json({"editions": found})


def versions(request, edition: str):
    ws = current_workspace()
    publishing.resolve_version(ws, edition, publishing.LATEST)  # 404 when never published
    found = []
    for number in publishing.versions(ws, edition):
        manifest = publishing.manifest(ws, edition, number)
        found.append(
            {
                "version": number,
                "period": manifest["period"],
                "published_at": manifest["published_at"],
                "url": _url(request, "version", edition=edition, version=number),
            }
        )
    return _json({"edition": edition, "latest": found[-1]["version"], "versions": found})


def version(request, edition: str, version: str):
    manifest = publishing.manifest(current_workspace(), edition, version)
    return _json(
        {**manifest, "tables_url": _url(request, "tables", edition=edition, version=version)},
        version,
    )


def tables(request, edition: str, version: str):
    ws = current_workspace()
    manifest = publishing.manifest(ws, edition, version)
    number = manifest["version"]
    rows = {item["name"]: item["rows"] for item in manifest["tables"]}
    found = [
        {
            "name": spec.name,
            "title": _(spec.title),
            "description": _(spec.description),
            "rows": rows[spec.name],
            "columns": [
                {"name": c.name, "type": c.type, "description": _(c.description)}
                for c in spec.columns
            ],
            "url": _url(request, "table", edition=edition, version=version, name=spec.name),
            "downloads": _downloads(request, edition, number, spec.name),
        }
        for spec in publishing.TABLES
        if spec.name in rows
    ]
    return _json({"edition": edition, "version": number, "tables": found}, version)


def table(request, edition: str, version: str, name: str):
    ws = current_workspace()
    document = publishing.table_document(ws, edition, version, name)
    return _json(
        {**document, "downloads": _downloads(request, edition, document["version"], name)},
        version,
    )


def openapi_view(request):
    return _json(openapi())


# --- the one description: endpoints, their parameters and answers -------------------------


@dataclass(frozen=True)
class Endpoint:
    route: str  # below PREFIX, OpenAPI style: editions/{edition}/versions/
    name: str  # the URL name (meetlat:api-<name>) and the operationId
    view: Callable
    summary: str  # English; translated in the document
    schema: str  # the answer's schema in components.schemas


ENDPOINTS = (
    Endpoint("", "index", index, "Where the API's parts are.", "Index"),
    Endpoint("openapi.json", "openapi", openapi_view, "This OpenAPI document.", "OpenAPI"),
    Endpoint("editions/", "editions", editions, "The published editions.", "Editions"),
    Endpoint(
        "editions/{edition}/versions/",
        "versions",
        versions,
        "The published versions of an edition.",
        "Versions",
    ),
    Endpoint(
        "editions/{edition}/versions/{version}/",
        "version",
        version,
        "One published version: its manifest with the sha256 of every file.",
        "Manifest",
    ),
    Endpoint(
        "editions/{edition}/versions/{version}/tables/",
        "tables",
        tables,
        "The tables of a version, their columns and downloads.",
        "Tables",
    ),
    Endpoint(
        "editions/{edition}/versions/{version}/tables/{name}/",
        "table",
        table,
        "One published table with its rows.",
        "Table",
    ),
)

PARAMETERS = {
    "edition": {
        "description": "A published edition, for example 2014.",
        "schema": {"type": "string", "pattern": publishing.EDITION_NAME.pattern},
    },
    "version": {
        "description": "A version number, or latest for the highest.",
        "schema": {"type": "string", "pattern": r"^([1-9][0-9]{0,8}|latest)$"},
    },
    "name": {
        "description": "A table's name.",
        "schema": {"type": "string", "pattern": r"^[a-z_]{1,40}$"},
    },
}


def _django_route(route: str) -> str:
    return re.sub(r"\{(\w+)\}", r"<str:\1>", route)


urlpatterns = [path(_django_route(e.route), _api(e.view), name=f"api-{e.name}") for e in ENDPOINTS]


def _nullable(kind: str) -> dict:
    return {"type": JSON_TYPES[kind], "nullable": True}


def _string_list() -> dict:
    return {"type": "array", "items": {"type": "string"}}


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
    }


def _table_schema(row: dict) -> dict:
    return _object(
        {
            "edition": {"type": "string"},
            "version": {"type": "integer"},
            "table": {"type": "string"},
            "columns": _string_list(),
            "rows": {"type": "array", "items": row},
            "downloads": {"$ref": "#/components/schemas/Downloads"},
        }
    )


def _schemas() -> dict:
    url = {"type": "string", "format": "uri"}
    file = _object({"file": {"type": "string"}, "sha256": {"type": "string"}, "size": {"type": "integer"}})  # fmt: skip
    period = {"type": "array", "items": {"type": "string", "format": "date"}, "minItems": 2, "maxItems": 2}  # fmt: skip
    schemas = {
        "Error": _object({"detail": {"type": "string"}}),
        "Index": _object({"editions": url, "openapi": url}),
        "OpenAPI": {"type": "object"},
        "Downloads": _object({fmt: url for fmt in publishing.FORMATS}),
        "Editions": _object(
            {
                "editions": {
                    "type": "array",
                    "items": _object(
                        {
                            "edition": {"type": "string"},
                            "versions": {"type": "array", "items": {"type": "integer"}},
                            "latest": {"type": "integer"},
                            "url": url,
                        }
                    ),
                }
            }
        ),
        "Versions": _object(
            {
                "edition": {"type": "string"},
                "latest": {"type": "integer"},
                "versions": {
                    "type": "array",
                    "items": _object(
                        {
                            "version": {"type": "integer"},
                            "period": period,
                            "published_at": {"type": "string", "format": "date-time"},
                            "url": url,
                        }
                    ),
                },
            }
        ),
        "Manifest": _object(
            {
                "edition": {"type": "string"},
                "version": {"type": "integer"},
                "period": period,
                "published_at": {"type": "string", "format": "date-time"},
                "published_by": {"type": "string"},
                "min_replies": {"type": "integer"},
                "meetlat_version": {"type": "string"},
                "archive_head": _object(
                    {"entries": {"type": "integer"}, "entry_hash": {"type": "string"}}
                ),
                "tables": {
                    "type": "array",
                    "items": _object(
                        {
                            "name": {"type": "string", "enum": list(publishing.TABLE_NAMES)},
                            "rows": {"type": "integer"},
                            "files": _object({fmt: file for fmt in publishing.FORMATS}),
                        }
                    ),
                },
                "tables_url": url,
            }
        ),
        "Tables": _object(
            {
                "edition": {"type": "string"},
                "version": {"type": "integer"},
                "tables": {
                    "type": "array",
                    "items": _object(
                        {
                            "name": {"type": "string", "enum": list(publishing.TABLE_NAMES)},
                            "title": {"type": "string"},
                            "description": {"type": "string"},
                            "rows": {"type": "integer"},
                            "columns": {
                                "type": "array",
                                "items": _object(
                                    {
                                        "name": {"type": "string"},
                                        "type": {"type": "string", "enum": list(JSON_TYPES)},
                                        "description": {"type": "string"},
                                    }
                                ),
                            },
                            "url": url,
                            "downloads": {"$ref": "#/components/schemas/Downloads"},
                        }
                    ),
                },
            }
        ),
        "Table": _table_schema({"type": "object"}),
    }
    for spec in publishing.TABLES:
        row = _object({c.name: {**_nullable(c.type), "description": _(c.description)} for c in spec.columns})  # fmt: skip
        row["additionalProperties"] = False
        schema = _table_schema(row)
        schema["description"] = _(spec.description)
        schemas[f"Table_{spec.name}"] = schema
    return schemas


def _operation(endpoint: Endpoint, route: str, schema: str, summary: str) -> dict:
    names = re.findall(r"\{(\w+)\}", route)
    responses = {
        "200": {
            "description": _("Found."),
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
        }
    }
    if names:
        responses["404"] = {
            "description": _("Not published."),
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    return {
        "get": {
            "operationId": endpoint.name if schema == endpoint.schema else schema.lower(),
            "summary": summary,
            "parameters": [
                {
                    "name": name,
                    "in": "path",
                    "required": True,
                    "description": _(PARAMETERS[name]["description"]),
                    "schema": PARAMETERS[name]["schema"],
                }
                for name in names
            ],
            "responses": responses,
        }
    }


def openapi() -> dict:
    """The OpenAPI 3 document of the API, made from ENDPOINTS and publishing.TABLES."""
    paths = {}
    for endpoint in ENDPOINTS:
        route = f"{PREFIX}/{endpoint.route}"
        paths[route] = _operation(endpoint, route, endpoint.schema, _(endpoint.summary))
        if endpoint.name == "table":  # one path per table, with the exact row schema
            for spec in publishing.TABLES:
                concrete = route.replace("{name}", spec.name)
                paths[concrete] = _operation(
                    endpoint, concrete, f"Table_{spec.name}", _(spec.title)
                )
    return {
        "openapi": "3.0.3",
        "info": {
            "title": _("Meetlat open data"),
            "version": __version__,
            "description": _(
                "The published figures of Meetlat: every version of an edition is frozen "
                "and never changes. Only the accounts of the registry appear in them."
            ),
        },
        "paths": paths,
        "components": {"schemas": _schemas()},
    }
