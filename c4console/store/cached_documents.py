"""Documents the console keeps a copy of, as the central served them, in the cache's
``sync_state`` table (key ``NAME`` for the body, ``NAME_version`` for its version, the
central's ETag unquoted): the jurisdiction (GET /api/v1/jurisdiction), so an offline start
draws the same sectors as the last online one, and the places (GET /api/v1/places), so it
searches the same streets."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert

from c4console.store.cache import LocalCache
from c4console.store.schema import sync_state

JURISDICTION = "jurisdiction"  # the GeoJSON, canonical JSON
PLACES = "places"  # streets, colonias and landmarks (JSON)


def _keys(name: str) -> tuple[str, str]:
    return name, f"{name}_version"


def save_document(cache: LocalCache, name: str, body: bytes, version: str) -> None:
    """Keep this document and its version (one transaction: never one without the other)."""
    document, version_key = _keys(name)
    rows = {document: body.decode("utf-8"), version_key: version}
    with cache.engine.begin() as c:
        for key, value in rows.items():
            stmt = insert(sync_state).values(key=key, value=value)
            c.execute(stmt.on_conflict_do_update(index_elements=[sync_state.c.key],
                                                 set_={"value": stmt.excluded.value}))


def cached_document(cache: LocalCache, name: str) -> tuple[bytes, str] | None:
    """(document, version) of the copy kept, or None if there is none."""
    document, version_key = _keys(name)
    with cache.engine.connect() as c:
        rows = dict(c.execute(select(sync_state.c.key, sync_state.c.value)
                              .where(sync_state.c.key.in_((document, version_key)))).all())
    if document not in rows or version_key not in rows:
        return None
    return rows[document].encode("utf-8"), rows[version_key]
