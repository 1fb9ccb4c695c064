"""The call-taker's places against a real central and a real local cache: fetched and kept
on first contact (GET /api/v1/places), revalidated with If-None-Match after (304, nothing
downloaded); the kept copy when the central cannot be asked; a central without places leaves
the kept copy, or the files shipped with the console."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from c4console.central.server import Central, CentralConfig
from c4console.resources import load_catalogue
from c4console.store.cache import LocalCache
from c4console.store.cached_documents import PLACES, cached_document
from c4console.sync.central_api import CentralApi
from c4console.sync.client import CentralClient
from c4console.sync.places import current_places
from tests.cache_files import TEST_KEY
from tests.central.helpers import TEST_ACCOUNTS, TEST_PASSWORD

STREETS = ("cvevial,cveseg,tipovial,nomvial,colonia,num_ini,num_fin,lat_ini,lon_ini,lat_fin,lon_fin\n"
           "V1,S1,Calle,Ámbar,Prueba,1,99,19.4300,-99.1400,19.4310,-99.1400\n"
           "V2,S2,Avenida,Jade,Prueba,1,99,19.4300,-99.1400,19.4300,-99.1410\n")
FILES = {"streets": STREETS}


async def db(fn, *args):
    """The cache calls, on a thread of their own as SyncEngine.db runs them."""
    return await asyncio.get_running_loop().run_in_executor(None, fn, *args)


def config(tmp_path: Path, places: dict | None) -> CentralConfig:
    return CentralConfig(db_url=f"sqlite:///{tmp_path / 'central.sqlite'}", catalogue=load_catalogue(),
                         places=places, listen=("127.0.0.1", 0), osmand_listen=("127.0.0.1", 0),
                         accounts=TEST_ACCOUNTS)


def traced(statuses: list[int]) -> aiohttp.TraceConfig:
    trace = aiohttp.TraceConfig()

    async def on_end(_session, _context, params) -> None:
        if params.url.path.endswith("/places"):
            statuses.append(params.response.status)

    trace.on_request_end.append(on_end)
    return trace


def test_fetched_once_then_revalidated_kept_and_searched(tmp_path):
    async def main():
        cache = LocalCache(tmp_path / "cache.sqlite", TEST_KEY)
        statuses: list[int] = []
        try:
            async with Central(config(tmp_path, FILES)) as central, \
                    aiohttp.ClientSession(trace_configs=[traced(statuses)]) as http:
                api = CentralApi(CentralClient(central.api_url, http, username="operadora1",
                                               password=TEST_PASSWORD))
                first = await current_places(api, cache, db)
                assert first.source == "central"
                assert [h.label for h in first.index.search("ambar y jade")] == [
                    "Calle Ámbar y Avenida Jade"]
                assert (await db(cached_document, cache, PLACES))[1] == first.version
                again = await current_places(api, cache, db)
                assert (again.source, again.version) == ("central", first.version)
                assert statuses == [200, 304]
            offline = await current_places(CentralApi(None), cache, db)
            assert offline.source == "cache" and offline.index.search("ambar 50")[0].number == 50
        finally:
            cache.close()

    asyncio.run(main())


def test_a_central_without_places_leaves_the_kept_copy_or_the_shipped_files(tmp_path):
    async def main():
        kept = LocalCache(tmp_path / "kept.sqlite", TEST_KEY)
        fresh = LocalCache(tmp_path / "fresh.sqlite", TEST_KEY)
        try:
            async with Central(config(tmp_path / "with", FILES)) as central, \
                    aiohttp.ClientSession() as http:
                await current_places(CentralApi(CentralClient(
                    central.api_url, http, username="operadora1", password=TEST_PASSWORD)), kept, db)
            async with Central(config(tmp_path / "without", None)) as central, \
                    aiohttp.ClientSession() as http:
                api = CentralApi(CentralClient(central.api_url, http, username="operadora1",
                                               password=TEST_PASSWORD))
                from_kept = await current_places(api, kept, db)
                shipped = await current_places(api, fresh, db)
            assert from_kept.source == "cache" and from_kept.index.search("jade")
            assert shipped.source == "default" and shipped.index.search("uxmal y palenque")
            assert await db(cached_document, fresh, PLACES) is None
        finally:
            kept.close()
            fresh.close()

    asyncio.run(main())
