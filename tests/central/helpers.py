"""Helpers for the central's tests: a small jurisdiction, tiny seed CSVs and an
in-process central listening on real loopback sockets (ephemeral ports).

The centrals use a SQLite file in the test's folder. With ``C4_TEST_POSTGRES``
set to an admin URL (``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``)
each one gets a fresh PostgreSQL database instead, dropped afterwards.
"""

from __future__ import annotations

import contextlib
import csv
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp

from c4console.central.seed import BENEFICIARY_COLUMNS, UNIT_COLUMNS, seed_file
from c4console.central.server import Central, CentralConfig
from c4console.core.geo import Jurisdiction
from c4console.resources import load_catalogue


def _square(sector: str, cuadrante: str, colonia: str, south: float, west: float,
            size: float = 0.02) -> dict[str, Any]:
    ring = [[west, south], [west + size, south], [west + size, south + size],
            [west, south + size], [west, south]]
    return {"type": "Feature", "properties": {"sector": sector, "cuadrante": cuadrante,
                                              "colonia": colonia},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


# Two cuadrantes in Mexicali: S1-1 (Centro) and S3-2 (Pueblo Nuevo).
GEOJSON = {"type": "FeatureCollection", "features": [
    _square("S1", "S1-1", "Centro", 32.60, -115.48),
    _square("S3", "S3-2", "Pueblo Nuevo", 32.62, -115.46),
]}
IN_S3 = (32.6245, -115.4523)
IN_S1 = (32.6100, -115.4700)

BENEFICIARIES = [
    {"beneficiary_id": "B0042", "name": "María López", "phone": "6861234567",
     "address": "Calle Uno 12", "colonia": "Pueblo Nuevo", "home_lat": "32.6245",
     "home_lon": "-115.4523", "order_number": "OP-1/2026", "order_authority": "Juzgado 3",
     "order_valid_until": "2026-12-31", "order_measures": "alejamiento", "aggressor": "J. P.",
     "device_id": "861234560000042", "device_model": "BS-2"},
]
UNITS = [
    {"unit_id": "P07", "callsign": "P-07", "sector": "S3", "device_id": "TRK07",
     "lat": "32.6300", "lon": "-115.4500"},
    {"unit_id": "P08", "callsign": "P-08", "sector": "S1", "device_id": "TRK08",
     "lat": "32.6100", "lon": "-115.4700"},
]
PANIC_DEVICE = "861234560000042"


def jurisdiction() -> Jurisdiction:
    """The test jurisdiction."""
    return Jurisdiction.from_geojson(GEOJSON)


def write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> Path:
    """A CSV with this header and rows (missing cells empty)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(columns))
        w.writeheader()
        for row in rows:
            w.writerow({c: row.get(c, "") for c in columns})
    return path


def write_demo(folder: Path) -> Path:
    """units.csv and beneficiaries.csv with the test records."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "units.csv", UNIT_COLUMNS, UNITS)
    write_csv(folder / "beneficiaries.csv", BENEFICIARY_COLUMNS, BENEFICIARIES)
    return folder


@contextlib.contextmanager
def database_url(tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database for one test (see the module docstring)."""
    admin = os.environ.get("C4_TEST_POSTGRES")
    if not admin:
        yield f"sqlite:///{tmp_path / 'central.sqlite'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"c4test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        engine.dispose()


@contextlib.asynccontextmanager
async def running_central(tmp_path: Path, *, seed: bool = True, **options: Any
                          ) -> AsyncIterator[Central]:
    """A central on 127.0.0.1 ephemeral ports with a SQLite file in ``tmp_path``."""
    with database_url(tmp_path) as url:
        cfg = CentralConfig(db_url=url, catalogue=load_catalogue(), jurisdiction=jurisdiction(),
                            listen=("127.0.0.1", 0), osmand_listen=("127.0.0.1", 0),
                            server_id="test-central", **options)
        async with Central(cfg) as central:
            if seed:
                folder = write_demo(tmp_path / "demo")
                assert central.service is not None
                await seed_file(central.service, folder / "units.csv", "units")
                await seed_file(central.service, folder / "beneficiaries.csv", "beneficiaries")
            yield central


def key() -> str:
    """A fresh idempotency key."""
    return str(uuid.uuid4())


async def post_commands(session: aiohttp.ClientSession, api: str, *commands: dict[str, Any],
                        actor: str = "operadora1") -> list[dict[str, Any]]:
    """POST a batch and return its results (asserting 200)."""
    async with session.post(f"{api}/api/v1/commands",
                            json={"workstation": "C4-OP-03", "actor": actor,
                                  "commands": list(commands)}) as r:
        body = await r.json()
        assert r.status == 200, body
        return body["results"]


async def get_json(session: aiohttp.ClientSession, url: str, status: int = 200) -> Any:
    """GET a JSON document, asserting the status."""
    async with session.get(url) as r:
        body = await r.json()
        assert r.status == status, body
        return body


async def all_changes(session: aiohttp.ClientSession, api: str, since: int = 0) -> list[dict[str, Any]]:
    """Every change after ``since`` through GET /changes."""
    body = await get_json(session, f"{api}/api/v1/changes?since={since}&limit=5000")
    return body["changes"]


async def new_incident(session: aiohttp.ClientSession, api: str, lat: float = IN_S3[0],
                       lon: float = IN_S3[1]) -> str:
    """Create a 911 incident through a command; returns its id."""
    iid = str(uuid.uuid4())
    (res,) = await post_commands(session, api, {"key": key(), "type": "create_incident",
                                                "incident_id": iid, "channel": "call_911",
                                                "lat": lat, "lon": lon})
    assert res["outcome"] == "accepted", res
    return iid
