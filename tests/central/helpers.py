"""Helpers for the central's tests: a small jurisdiction, tiny seed CSVs, test
accounts, and an in-process central listening on real loopback sockets
(ephemeral ports) on the database of the ``db_url`` fixture (SQLite or PostgreSQL).
"""

from __future__ import annotations

import contextlib
import csv
import json
import time
import urllib.request
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp

from c4console.central.bootstrap import Account
from c4console.central.cases.steps import c4_date
from c4console.central.seed import BENEFICIARY_COLUMNS, UNIT_COLUMNS, seed_file
from c4console.central.server import Central, CentralConfig
from c4console.central.service import DEFAULT_TIMEZONE
from c4console.core.access import Role
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


TEST_PASSWORD = "clave-de-prueba-1"
# One account per role, created by running_central.
TEST_ACCOUNTS = [Account("operadora1", Role.OPERATOR, TEST_PASSWORD),
                 Account("operadora2", Role.OPERATOR, TEST_PASSWORD),
                 Account("supervisora1", Role.SUPERVISOR, TEST_PASSWORD),
                 Account("jefe1", Role.SHIFT_LEAD, TEST_PASSWORD),
                 Account("admin1", Role.ADMIN, TEST_PASSWORD)]
# The telephony gateway's service account (opens audio sessions): the audio tests add it.
GATEWAY_ACCOUNT = Account("pasarela1", Role.AUDIO_GATEWAY, TEST_PASSWORD)


@contextlib.asynccontextmanager
async def running_central(tmp_path: Path, db_url: str | None = None, *, seed: bool = True,
                          **options: Any) -> AsyncIterator[Central]:
    """A central on 127.0.0.1 ephemeral ports with the test accounts; on ``db_url``
    (the ``db_url`` fixture) or a SQLite file in ``tmp_path``."""
    url = db_url or f"sqlite:///{tmp_path / 'central.sqlite'}"
    options.setdefault("accounts", TEST_ACCOUNTS)
    options.setdefault("listen", ("127.0.0.1", 0))
    options.setdefault("osmand_listen", ("127.0.0.1", 0))
    options.setdefault("jurisdiction", jurisdiction())
    cfg = CentralConfig(db_url=url, catalogue=load_catalogue(), server_id="test-central", **options)
    async with Central(cfg) as central:
        if seed:
            folder = write_demo(tmp_path / "demo")
            assert central.service is not None
            await seed_file(central.service, folder / "units.csv", "units")
            await seed_file(central.service, folder / "beneficiaries.csv", "beneficiaries")
        yield central


async def login(api: str, user: str = "operadora1", password: str = TEST_PASSWORD,
                status: int = 200) -> dict[str, Any]:
    """POST /auth/login; returns the answer (asserting the status)."""
    async with aiohttp.ClientSession() as s, s.post(f"{api}/api/v1/auth/login",
                                                    json={"username": user, "password": password}) as r:
        body = await r.json()
        assert r.status == status, body
        return body


@contextlib.asynccontextmanager
async def client(api: str, user: str = "operadora1", password: str = TEST_PASSWORD,
                 **session_options: Any) -> AsyncIterator[aiohttp.ClientSession]:
    """An aiohttp session logged in as ``user`` (its requests carry the bearer token)."""
    token = (await login(api, user, password))["token"]
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"},
                                     **session_options) as session:
        yield session


@dataclass
class CentralAccess:
    """A central process (tests/conftest.py fixtures ``central``, ``demo_central``) and an
    account on it: ``username``/``password`` (also in ``password_file``)."""

    api: str
    osmand: str
    pid: int
    username: str
    password: str
    password_file: Path
    _tokens: dict[str, str] = field(default_factory=dict)

    def token(self, username: str | None = None, password: str | None = None) -> str:
        """A token for ``username`` (default: the fixture's account), logged in once."""
        user = username or self.username
        if user not in self._tokens:
            request = urllib.request.Request(
                f"{self.api}/api/v1/auth/login", method="POST",
                headers={"Content-Type": "application/json"},
                data=json.dumps({"username": user, "password": password or self.password}).encode())
            with urllib.request.urlopen(request, timeout=10) as answer:
                self._tokens[user] = json.load(answer)["token"]
        return self._tokens[user]

    def headers(self, username: str | None = None, password: str | None = None) -> dict[str, str]:
        """The Authorization header of that login."""
        return {"Authorization": f"Bearer {self.token(username, password)}"}


def password_file(folder: Path, password: str) -> Path:
    """A file holding ``password`` on its first line (mode 600)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "password"
    path.write_text(password + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def key() -> str:
    """A fresh idempotency key."""
    return str(uuid.uuid4())


async def post_commands(session: aiohttp.ClientSession, api: str, *commands: dict[str, Any]
                        ) -> list[dict[str, Any]]:
    """POST a batch (``session`` is logged in: see :func:`client`); returns its results."""
    async with session.post(f"{api}/api/v1/commands",
                            json={"workstation": "C4-OP-03", "commands": list(commands)}) as r:
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


async def panic_alarm(osmand_url: str, device: str = PANIC_DEVICE, lat: float = IN_S3[0],
                      lon: float = IN_S3[1]) -> None:
    """Her panic alarm through the OsmAnd gateway (opens her incident, or reactivates it)."""
    params = {"id": device, "lat": lat, "lon": lon, "alarm": "sos",
              "timestamp": f"{time.time():.3f}"}
    async with aiohttp.ClientSession() as s, s.get(f"{osmand_url.rstrip('/')}/", params=params) as r:
        assert r.status == 200, await r.text()


async def new_incident(session: aiohttp.ClientSession, api: str, lat: float = IN_S3[0],
                       lon: float = IN_S3[1]) -> str:
    """Create a 911 incident through a command; returns its id."""
    iid = str(uuid.uuid4())
    (res,) = await post_commands(session, api, {"key": key(), "type": "create_incident",
                                                "incident_id": iid, "channel": "call_911",
                                                "lat": lat, "lon": lon})
    assert res["outcome"] == "accepted", res
    return iid


def c4_today() -> date:
    """The C4's calendar date now (the central's timezone): what its date checks compare
    with — not the test machine's, which differs for hours each night (UTC vs Mexicali)."""
    return c4_date(time.time(), ZoneInfo(DEFAULT_TIMEZONE))
