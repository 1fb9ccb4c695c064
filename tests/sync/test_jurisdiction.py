"""The console's jurisdiction against a real central and a real local cache: fetched and
kept on first contact, revalidated with If-None-Match (304, nothing downloaded) after;
the kept copy offline; a central without a jurisdiction leaves the kept copy, or the
shipped default when there is none."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import aiohttp

from c4console.central.server import Central, CentralConfig
from c4console.resources import load_catalogue, load_jurisdiction
from c4console.store.cache import LocalCache
from c4console.store.cached_documents import JURISDICTION, cached_document
from c4console.sync.client import CentralClient
from c4console.sync.jurisdiction import current_jurisdiction
from tests.cache_files import TEST_KEY
from tests.central.helpers import TEST_ACCOUNTS, TEST_PASSWORD
from tests.jurisdiction_sample import SAMPLE, SECTORS


async def db(fn, *args):
    """The cache calls, on a thread of their own as SyncEngine.db runs them."""
    return await asyncio.get_running_loop().run_in_executor(None, fn, *args)


def config(tmp_path: Path, geojson: dict | None) -> CentralConfig:
    return CentralConfig(db_url=f"sqlite:///{tmp_path / 'central.sqlite'}", catalogue=load_catalogue(),
                         jurisdiction_geojson=geojson, listen=("127.0.0.1", 0),
                         osmand_listen=("127.0.0.1", 0), accounts=TEST_ACCOUNTS)


def traced(statuses: list[int]) -> aiohttp.TraceConfig:
    """Records the status of every answer to GET /jurisdiction."""
    trace = aiohttp.TraceConfig()

    async def on_end(_session, _context, params) -> None:
        if params.url.path.endswith("/jurisdiction"):
            statuses.append(params.response.status)

    trace.on_request_end.append(on_end)
    return trace


def test_fetched_once_then_revalidated_and_kept_for_offline_starts(tmp_path):
    async def main():
        cache = LocalCache(tmp_path / "cache.sqlite", TEST_KEY)
        statuses: list[int] = []
        try:
            async with Central(config(tmp_path, SAMPLE)) as central, \
                    aiohttp.ClientSession(trace_configs=[traced(statuses)]) as http:
                client = CentralClient(central.api_url, http, username="operadora1",
                                       password=TEST_PASSWORD)
                first = await current_jurisdiction(client, cache, db)
                assert (first.source, first.geojson, first.sectors()) == ("central", SAMPLE, SECTORS)
                body, version = await db(cached_document, cache, JURISDICTION)
                assert version == first.version == hashlib.sha256(body).hexdigest()
                again = await current_jurisdiction(client, cache, db)
                assert (again.source, again.version, again.geojson) == ("central", version, SAMPLE)
                assert statuses == [200, 304]  # the second start downloaded nothing
            offline = await current_jurisdiction(None, cache, db)
            assert (offline.source, offline.version, offline.geojson) == ("cache", version, SAMPLE)
            assert offline.parsed.locate(19.4350, -99.1350).cuadrante == "ZN-PRUEBA-C1"
        finally:
            cache.close()

    asyncio.run(main())


def test_a_central_without_jurisdiction_leaves_the_kept_copy_or_the_shipped_default(tmp_path):
    async def main():
        kept = LocalCache(tmp_path / "kept.sqlite", TEST_KEY)
        fresh = LocalCache(tmp_path / "fresh.sqlite", TEST_KEY)
        try:
            async with Central(config(tmp_path / "with", SAMPLE)) as central, \
                    aiohttp.ClientSession() as http:
                await current_jurisdiction(CentralClient(central.api_url, http, username="operadora1",
                                                         password=TEST_PASSWORD), kept, db)
            async with Central(config(tmp_path / "without", None)) as central, \
                    aiohttp.ClientSession() as http:
                client = CentralClient(central.api_url, http, username="operadora1",
                                       password=TEST_PASSWORD)
                from_kept = await current_jurisdiction(client, kept, db)
                shipped = await current_jurisdiction(client, fresh, db)
            assert (from_kept.source, from_kept.sectors()) == ("cache", SECTORS)
            assert (shipped.source, shipped.sectors()) == ("default", load_jurisdiction().sectors())
            assert await db(cached_document, fresh, JURISDICTION) is None  # nothing kept from a 404
        finally:
            kept.close()
            fresh.close()

    asyncio.run(main())
