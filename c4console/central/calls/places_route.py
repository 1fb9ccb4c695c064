"""``GET /api/v1/places``: the streets, colonias and landmarks of the jurisdiction, for the
call-taker's location search at the console (``core/places``), served like the
jurisdiction: behind the login, not personal data, not audited, with the document's sha256
as its ``ETag`` (``If-None-Match`` → 304).

The document is ``{"format": "c4-places/1", "files": {"streets": <CSV text>, "colonias":
…, "landmarks": …}}``: the files as they are beside the central's jurisdiction file
(maps/README.md), so the console parses them with the same ``Places.parse``.
"""

from __future__ import annotations

from collections.abc import Mapping

from aiohttp import web

from c4console.central.jurisdiction_routes import ServedJurisdiction, etag_matches

PLACES_PATH = "/api/v1/places"
FORMAT = "c4-places/1"
NO_PLACES = ("this central has no streets, colonias or landmarks: put streets.csv, "
             "colonias.csv and landmarks.csv beside its jurisdiction file (maps/README.md)")


def served_places(files: Mapping[str, str] | None) -> ServedJurisdiction | None:
    """The document served for these CSV texts (by file key), or None for none."""
    if not files:
        return None
    return ServedJurisdiction.of({"format": FORMAT, "files": dict(files)})


def add_places_route(app: web.Application, served: ServedJurisdiction | None) -> None:
    """Serve ``GET /api/v1/places`` (logged in, like the rest of the API)."""

    async def places(request: web.Request) -> web.Response:
        if served is None:
            return web.json_response({"error": NO_PLACES}, status=404)
        headers = {"ETag": served.etag, "Cache-Control": "private, no-cache"}
        if etag_matches(request.headers.get("If-None-Match", ""), served.etag):
            return web.Response(status=304, headers=headers)
        return web.Response(body=served.body, content_type="application/json", charset="utf-8",
                            headers=headers)

    app.router.add_get(PLACES_PATH, places)
