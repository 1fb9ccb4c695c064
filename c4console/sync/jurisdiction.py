"""The jurisdiction this console draws and offers (map outlines, roster sectors, sector drop
targets, the registry's home picker): the central's, fetched after login with
``GET /api/v1/jurisdiction`` and kept in the local cache; offline, the kept copy; with
neither, the file shipped with the console (``resources.DEFAULT_JURISDICTION``).

It is read once per start: a jurisdiction changed at the central while the console runs is
drawn at the console's next start.
"""

from __future__ import annotations

import json
import logging
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import aiohttp

from c4console.core.geo import Jurisdiction
from c4console.resources import DEFAULT_JURISDICTION, load_jurisdiction_geojson
from c4console.store.cache import LocalCache
from c4console.store.cached_documents import JURISDICTION, cached_document, save_document
from c4console.sync.client import CentralClient, CentralError

log = logging.getLogger(__name__)

JURISDICTION_PATH = "/api/v1/jurisdiction"
FETCH_TIMEOUT_S = 30.0

Source = Literal["central", "cache", "default"]
DbRunner = Callable[..., Awaitable[Any]]  # SyncEngine.db: runs a cache call on the cache's thread


@dataclass(frozen=True, slots=True)
class ConsoleJurisdiction:
    """A jurisdiction as the console uses it: the GeoJSON to draw, the parsed cuadrantes to
    locate with, its version and where it came from (``central``, ``cache`` or ``default``)."""

    geojson: dict[str, Any]
    parsed: Jurisdiction
    version: str
    source: Source

    @classmethod
    def from_document(cls, document: Any, version: str, source: Source) -> ConsoleJurisdiction:
        """Check and parse a FeatureCollection; ValueError saying what is wrong with it."""
        if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
            raise ValueError("not a GeoJSON FeatureCollection")
        try:
            parsed = Jurisdiction.from_geojson(document)
        except (KeyError, TypeError, AttributeError) as e:
            raise ValueError(f"not a jurisdiction: {type(e).__name__}: {e}") from None
        return cls(document, parsed, version, source)

    @classmethod
    def from_bytes(cls, body: bytes, version: str, source: Source) -> ConsoleJurisdiction:
        """Parse a document as the central serves it (UTF-8 JSON)."""
        try:
            document = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise ValueError(f"not JSON: {e}") from None
        return cls.from_document(document, version, source)

    def sectors(self) -> list[str]:
        """Sector codes, sorted."""
        return self.parsed.sectors()


@cache
def shipped_jurisdiction() -> ConsoleJurisdiction:
    """The jurisdiction file shipped with the console (empty if it is missing or unreadable:
    a console without outlines still works)."""
    try:
        return ConsoleJurisdiction.from_document(load_jurisdiction_geojson(DEFAULT_JURISDICTION),
                                                 "", "default")
    except (OSError, ValueError) as e:
        log.error("shipped jurisdiction %s unreadable (%s): no outlines or sectors",
                  DEFAULT_JURISDICTION, e)
        return ConsoleJurisdiction({"type": "FeatureCollection", "features": []},
                                   Jurisdiction(()), "", "default")


def _etag_version(etag: str) -> str:
    return etag.removeprefix("W/").strip('"')


async def current_jurisdiction(client: CentralClient | None, cache: LocalCache,
                               db: DbRunner) -> ConsoleJurisdiction:
    """The central's jurisdiction (kept in ``cache`` for offline starts), else the kept copy,
    else the shipped default. ``client`` None: offline. Never raises for the central."""
    kept = await db(_load_kept, cache)
    if client is not None:
        try:
            fresh = await client.fetch_if_changed(JURISDICTION_PATH,
                                                  f'"{kept.version}"' if kept else None)
            if fresh is None and kept is not None:
                log.info("jurisdiction: the kept copy is the central's (version %s)", kept.version[:12])
                return ConsoleJurisdiction(kept.geojson, kept.parsed, kept.version, "central")
            if fresh is not None:
                body, etag = fresh
                got = ConsoleJurisdiction.from_bytes(body, _etag_version(etag), "central")
                await db(save_document, cache, JURISDICTION, body, got.version)
                log.info("jurisdiction from the central: %d cuadrantes in sectors %s (version %s)",
                         len(got.parsed.cuadrantes), ", ".join(got.sectors()), got.version[:12])
                return got
        except (aiohttp.ClientError, OSError, TimeoutError, CentralError, ValueError) as e:
            log.warning("jurisdiction not fetched from the central (%s)", e)
    if kept is not None:
        log.info("jurisdiction: using the copy kept from the central (version %s)", kept.version[:12])
        return kept
    log.warning("no jurisdiction from the central and none kept: drawing the shipped default %s",
                DEFAULT_JURISDICTION)
    return shipped_jurisdiction()


def _load_kept(cache: LocalCache) -> ConsoleJurisdiction | None:
    """The copy kept in the cache (None if none, or if it cannot be used)."""
    kept = cached_document(cache, JURISDICTION)
    if kept is None:
        return None
    try:
        return ConsoleJurisdiction.from_bytes(kept[0], kept[1], "cache")
    except ValueError as e:
        log.error("kept jurisdiction unreadable (%s): ignored", e)
        return None


async def jurisdiction_at_start(server: str, token: str | None, cache: LocalCache, db: DbRunner, *,
                                ssl_context: ssl.SSLContext | None = None) -> ConsoleJurisdiction:
    """The jurisdiction for this start: fetched with the token of the login just made
    (``token`` None: the central was unreachable, start offline)."""
    if token is None:
        return await current_jurisdiction(None, cache, db)
    connector = aiohttp.TCPConnector(ssl=ssl_context) if ssl_context is not None else None
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=FETCH_TIMEOUT_S),
                                     connector=connector) as http:
        return await current_jurisdiction(CentralClient(server, http, token=token), cache, db)
