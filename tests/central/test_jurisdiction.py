"""GET /api/v1/jurisdiction: a central started with ``--jurisdiction FILE`` serves that file's
FeatureCollection — the one it locates incidents with — to every logged-in role, with its
sha256 as ETag (If-None-Match → 304) and 401 without a login; a central with no jurisdiction
says so (404 naming --jurisdiction); one given only the parsed jurisdiction serves its outlines."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Mapping

import aiohttp
import pytest

from c4console.central.server import Central, CentralConfig
from c4console.resources import load_catalogue
from tests.central.helpers import (
    GEOJSON,
    TEST_ACCOUNTS,
    TEST_PASSWORD,
    client,
    get_json,
    login,
    new_incident,
    running_central,
)
from tests.central.nodes import start_node, wait_ready
from tests.jurisdiction_sample import INSIDE, SAMPLE, SECTORS, write_sample

DEMO_PASSWORD = "demo-c4"
ROLES = ["operadora1", "supervisora1", "jefe1", "admin1"]  # operator, supervisor, shift lead, admin


@pytest.fixture
def node(tmp_path):
    """``c4central serve --demo --jurisdiction sample.geojson`` as a real process."""
    folder = tmp_path / "node"
    geojson = write_sample(tmp_path / "maps" / "sample.geojson")
    proc = start_node(folder, "--db", f"sqlite:///{folder / 'c.sqlite'}", "--demo",
                      "--jurisdiction", str(geojson))
    running = wait_ready(folder, proc)
    yield running
    running.stop()
    assert "Traceback" not in running.log.read_text()


async def _get(api: str, headers: dict[str, str]) -> tuple[int, Mapping[str, str], bytes]:
    async with aiohttp.ClientSession() as s, s.get(f"{api}/api/v1/jurisdiction",
                                                   headers=headers) as r:
        return r.status, r.headers.copy(), await r.read()


def test_every_role_reads_the_file_the_central_locates_with_and_revalidates_by_etag(node):
    async def main():
        bodies = set()
        for user in ROLES:
            token = (await login(node.api, user, DEMO_PASSWORD))["token"]
            status, headers, body = await _get(node.api, {"Authorization": f"Bearer {token}"})
            assert status == 200, body
            assert headers["Content-Type"].startswith("application/geo+json")
            assert json.loads(body) == SAMPLE  # the whole file, extra properties included
            assert headers["ETag"] == f'"{hashlib.sha256(body).hexdigest()}"'
            bodies.add(body)
        assert len(bodies) == 1  # one version whoever asks
        auth = {"Authorization": f"Bearer {token}"}
        etag = headers["ETag"]
        for current in (etag, f"W/{etag}", f'"other", {etag}', "*"):
            status, again, body = await _get(node.api, {**auth, "If-None-Match": current})
            assert (status, body, again["ETag"]) == (304, b"", etag), current
        status, _, body = await _get(node.api, {**auth, "If-None-Match": '"an-old-version"'})
        assert status == 200 and json.loads(body) == SAMPLE
        status, _, body = await _get(node.api, {})
        assert status == 401 and "log in" in json.loads(body)["error"]
        # What it serves is what it locates with: a 911 call inside the second cuadrante.
        async with client(node.api, "operadora1", DEMO_PASSWORD) as s:
            iid = await new_incident(s, node.api, *INSIDE[1])
            incident = await get_json(s, f"{node.api}/api/v1/incidents/{iid}")
        assert incident["sector"] == SECTORS[1] and incident["colonia"] == "Colonia Beta de Prueba"

    asyncio.run(main())


def test_a_central_without_a_jurisdiction_says_which_option_gives_it_one(tmp_path):
    async def main():
        cfg = CentralConfig(db_url=f"sqlite:///{tmp_path / 'c.sqlite'}", catalogue=load_catalogue(),
                            jurisdiction=None, listen=("127.0.0.1", 0),
                            osmand_listen=("127.0.0.1", 0), accounts=TEST_ACCOUNTS)
        async with Central(cfg) as central:
            token = (await login(central.api_url, "operadora1", TEST_PASSWORD))["token"]
            status, _, body = await _get(central.api_url, {"Authorization": f"Bearer {token}"})
        assert status == 404
        assert "--jurisdiction" in json.loads(body)["error"]

    asyncio.run(main())


def test_a_central_given_the_parsed_jurisdiction_serves_its_outlines(tmp_path):
    async def main():
        async with running_central(tmp_path, seed=False) as central, \
                client(central.api_url) as s, s.get(f"{central.api_url}/api/v1/jurisdiction") as r:
            assert r.status == 200
            served = json.loads(await r.read())
        assert [f["properties"] for f in served["features"]] == [
            f["properties"] for f in GEOJSON["features"]]
        assert [f["geometry"] for f in served["features"]] == [
            f["geometry"] for f in GEOJSON["features"]]

    asyncio.run(main())
