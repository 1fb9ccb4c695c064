"""The console's copy of the central's places (GET /api/v1/places: streets, colonias and
landmarks for the call-taker's location search), kept in the cache's ``sync_state`` table
like the jurisdiction, so an offline start searches the same streets as the last online one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert

from c4console.store.cache import LocalCache
from c4console.store.schema import sync_state

DOCUMENT = "places"  # the document as the central served it (JSON)
VERSION = "places_version"  # its version (the central's ETag, unquoted)


def save_places(cache: LocalCache, body: bytes, version: str) -> None:
    """Keep this document and its version (one transaction: never one without the other)."""
    rows = {DOCUMENT: body.decode("utf-8"), VERSION: version}
    with cache.engine.begin() as c:
        for key, value in rows.items():
            stmt = insert(sync_state).values(key=key, value=value)
            c.execute(stmt.on_conflict_do_update(index_elements=[sync_state.c.key],
                                                 set_={"value": stmt.excluded.value}))


def cached_places(cache: LocalCache) -> tuple[bytes, str] | None:
    """(document, version) of the copy kept, or None if there is none."""
    with cache.engine.connect() as c:
        rows = dict(c.execute(select(sync_state.c.key, sync_state.c.value)
                              .where(sync_state.c.key.in_((DOCUMENT, VERSION)))).all())
    if DOCUMENT not in rows or VERSION not in rows:
        return None
    return rows[DOCUMENT].encode("utf-8"), rows[VERSION]
