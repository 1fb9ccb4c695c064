"""``GET /api/v1/jurisdiction``: the sectors, cuadrantes and colonias this central locates
incidents with, as the GeoJSON FeatureCollection it loaded (``--jurisdiction``).

Consoles draw their map, roster sectors and home picker from it, so they show the
jurisdiction the central decides with instead of whatever file they shipped with.
It is not personal data: every logged-in account may read it, and reads are not
audited. The answer carries a stable version (sha256 of the canonical JSON) as its
``ETag``; a client that sends it back in ``If-None-Match`` gets ``304``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from c4console.core.geo import Jurisdiction

JURISDICTION_PATH = "/api/v1/jurisdiction"
GEOJSON_TYPE = "application/geo+json"  # RFC 7946
NO_JURISDICTION = ("this central has no jurisdiction: start it with --jurisdiction FILE "
                   "(or C4_JURISDICTION) to locate incidents in sectors and cuadrantes and "
                   "serve them to the consoles")


def canonical_json(document: Mapping[str, Any]) -> bytes:
    """The one byte form of a JSON document: sorted keys, no spaces, UTF-8."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def version_of(body: bytes) -> str:
    """The version of a canonical document: its sha256, hex."""
    return hashlib.sha256(body).hexdigest()


def geojson_of(jurisdiction: Jurisdiction) -> dict[str, Any]:
    """A FeatureCollection of a parsed jurisdiction (for a central given only the parsed
    form, e.g. in code): exactly what it locates with, one Polygon per cuadrante."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature",
         "properties": {"sector": c.sector, "cuadrante": c.cuadrante, "colonia": c.colonia},
         "geometry": {"type": "Polygon",
                      "coordinates": [[list(point) for point in ring] for ring in c.rings]}}
        for c in jurisdiction.cuadrantes]}


@dataclass(frozen=True, slots=True)
class ServedJurisdiction:
    """The jurisdiction document as served: canonical bytes and their version."""

    body: bytes
    version: str

    @classmethod
    def of(cls, geojson: Mapping[str, Any]) -> ServedJurisdiction:
        """Serve this GeoJSON document (as loaded from the jurisdiction file)."""
        body = canonical_json(geojson)
        return cls(body, version_of(body))

    @property
    def etag(self) -> str:
        """The strong entity tag of the document (the version, quoted)."""
        return f'"{self.version}"'


def served_jurisdiction(geojson: Mapping[str, Any] | None,
                        jurisdiction: Jurisdiction | None) -> ServedJurisdiction | None:
    """What the central serves: the GeoJSON it loaded, else its parsed jurisdiction's
    outlines, else nothing (no jurisdiction)."""
    if geojson is not None:
        return ServedJurisdiction.of(geojson)
    if jurisdiction is not None:
        return ServedJurisdiction.of(geojson_of(jurisdiction))
    return None


def etag_matches(if_none_match: str, etag: str) -> bool:
    """True if an ``If-None-Match`` header names ``etag`` (weak comparison) or is ``*``."""
    wanted = etag.removeprefix("W/")
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == wanted:
            return True
    return False


def add_jurisdiction_route(app: web.Application, served: ServedJurisdiction | None) -> None:
    """Serve ``GET /api/v1/jurisdiction`` (behind the login, like the rest of the API)."""

    async def jurisdiction(request: web.Request) -> web.Response:
        if served is None:
            return web.json_response({"error": NO_JURISDICTION}, status=404)
        # no-cache: clients may keep it, and ask again with If-None-Match before using it fresh.
        headers = {"ETag": served.etag, "Cache-Control": "private, no-cache"}
        if etag_matches(request.headers.get("If-None-Match", ""), served.etag):
            return web.Response(status=304, headers=headers)
        return web.Response(body=served.body, content_type=GEOJSON_TYPE, charset="utf-8",
                            headers=headers)

    app.router.add_get(JURISDICTION_PATH, jurisdiction)
