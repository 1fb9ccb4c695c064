"""The places the call-taker's location search ranks (streets, colonias, landmarks): the
central's (``GET /api/v1/places``, fetched with ``If-None-Match`` and kept in the local
cache), else the kept copy when the central cannot be asked, else the files shipped with the
console (``resources.load_places``). Like the jurisdiction (sync/jurisdiction.py)."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

import aiohttp

from c4console.core.catalogue import CatalogueError
from c4console.core.places.data import Places
from c4console.core.places.search import PlaceIndex
from c4console.resources import load_places
from c4console.store.cache import LocalCache
from c4console.store.cached_documents import PLACES, cached_document, save_document
from c4console.sync.central_api import CentralApi
from c4console.sync.client import CentralError

log = logging.getLogger(__name__)

Source = Literal["central", "cache", "default"]
DbRunner = Callable[..., Awaitable[Any]]  # SyncEngine.db


@dataclass(frozen=True, slots=True)
class ConsolePlaces:
    """The search index, its version and where its data came from."""

    index: PlaceIndex
    version: str
    source: Source


def parse_document(body: bytes) -> Places:
    """A ``c4-places/1`` document → Places; ValueError saying what is wrong."""
    try:
        document = json.loads(body.decode("utf-8"))
        files = document["files"]
        if not isinstance(files, dict):
            raise TypeError("files is not an object")
        return Places.parse({k: v for k, v in files.items() if isinstance(v, str)})
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, CatalogueError) as e:
        raise ValueError(f"not a places document: {e}") from None


def shipped_places() -> ConsolePlaces:
    """The places shipped with the console (empty if unreadable: the form still works, with
    the map pick and typed coordinates only)."""
    try:
        return ConsolePlaces(PlaceIndex(load_places()), "", "default")
    except (OSError, CatalogueError) as e:
        log.error("shipped places unreadable (%s): the location search is empty", e)
        return ConsolePlaces(PlaceIndex(Places()), "", "default")


def _etag_version(etag: str) -> str:
    return etag.removeprefix("W/").strip('"')


def _kept(cache: LocalCache) -> tuple[Places, str] | None:
    kept = cached_document(cache, PLACES)
    if kept is None:
        return None
    try:
        return parse_document(kept[0]), kept[1]
    except ValueError as e:
        log.error("kept places unreadable (%s): ignored", e)
        return None


async def current_places(api: CentralApi, cache: LocalCache, db: DbRunner) -> ConsolePlaces:
    """The central's places (kept for offline starts), else the kept copy, else the shipped
    files. Never raises for the central."""
    kept = await db(_kept, cache)
    if api.connected:
        try:
            fresh = await api.places(f'"{kept[1]}"' if kept else None)
            if fresh is None and kept is not None:
                return ConsolePlaces(PlaceIndex(kept[0]), kept[1], "central")
            if fresh is not None:
                body, etag = fresh
                places = parse_document(body)
                await db(save_document, cache, PLACES, body, _etag_version(etag))
                log.info("places from the central: %d street segments, %d colonias, %d landmarks",
                         len(places.streets), len(places.colonias), len(places.landmarks))
                return ConsolePlaces(PlaceIndex(places), _etag_version(etag), "central")
        except (aiohttp.ClientError, OSError, TimeoutError, CentralError, ValueError) as e:
            log.warning("places not fetched from the central (%s)", e)
    if kept is not None:
        return ConsolePlaces(PlaceIndex(kept[0]), kept[1], "cache")
    return shipped_places()
