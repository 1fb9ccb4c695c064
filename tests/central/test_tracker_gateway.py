"""The tracker gateway hardened (issue 16 point 13), through real HTTP: the address
allow-list (403 and one merged security event), a device's own OsmAnd secret, the alarms'
cap (a flood of 1,000 fake SOS is cut: one incident, one security event with a count),
and the gateway's TLS — or its refusal to listen off loopback in plain HTTP."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from c4console.central import queries
from c4console.central.cli import main
from c4console.central.server import CentralConfig
from c4console.resources import load_catalogue
from tests.central.certs import self_signed, trusting
from tests.central.helpers import IN_S3, PANIC_DEVICE, client, get_json, running_central


def _sos(device: str = PANIC_DEVICE, n: int = 0, **extra: str) -> dict[str, str]:
    return {"id": device, "lat": str(IN_S3[0]), "lon": str(IN_S3[1] + n / 1e5), "alarm": "sos",
            "timestamp": f"{time.time() + n / 1000:.3f}", **extra}


def _position(device: str = PANIC_DEVICE, **extra: str) -> dict[str, str]:
    return {"id": device, "lat": str(IN_S3[0]), "lon": str(IN_S3[1]),
            "timestamp": f"{time.time():.3f}", **extra}


async def _get(url: str, params: dict[str, str], **kw) -> tuple[int, str]:
    async with aiohttp.ClientSession() as s, s.get(f"{url}/", params=params, **kw) as r:
        return r.status, await r.text()


def _events(central, kind: str) -> list[dict]:
    return [e for e in queries.security_events(central.reader.engine) if e["kind"] == kind]


def test_reports_from_outside_the_allow_list_are_refused_and_counted(tmp_path):
    async def main_():
        # The test's trackers send from 127.0.0.1: outside the carriers' APN range.
        async with running_central(tmp_path, tracker_allow=("10.64.0.0/10",),
                                   traccar_secret="s3cret") as c:
            answers = [await _get(c.osmand_url, _sos(n=n)) for n in range(20)]
            assert {status for status, _ in answers} == {403}
            assert "tracker_allow" in answers[0][1]
            async with aiohttp.ClientSession() as s, s.post(
                    f"{c.api_url}/api/v1/gateways/traccar", json={"event": {}},
                    headers={"Authorization": "Bearer s3cret"}) as r:
                assert r.status == 403 and "security_event" in await r.json()
            (row, *more) = _events(c, "tracker_address_refused")
            # One row per gateway, each with its count: no incident, no row per request.
            assert sorted([row["count"], *(m["count"] for m in more)]) == [1, 20]
            assert {row["source"], *(m["source"] for m in more)} == {"127.0.0.1"}
            async with client(c.api_url) as s:
                assert (await get_json(s, f"{c.api_url}/api/v1/incidents?status=open")
                        )["incidents"] == []
        async with running_central(tmp_path / "b", tracker_allow=("127.0.0.0/8",)) as c:
            assert (await _get(c.osmand_url, _sos()))[0] == 200

    asyncio.run(main_())


def test_a_device_with_a_secret_needs_it(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"

    async def main_():
        async with running_central(tmp_path, db) as c:
            assert (await _get(c.osmand_url, _position()))[0] == 200  # no secret yet
            assert await asyncio.to_thread(main, ["devices", "secret", PANIC_DEVICE, "--db", db]) == 0
            secret = capsys.readouterr().out.split("?secret=")[1].strip()
            assert len(secret) >= 32
            status, text = await _get(c.osmand_url, _position())
            assert status == 403 and "secret" in text
            assert (await _get(c.osmand_url, _position(secret="x" + secret[1:])))[0] == 403
            assert (await _get(c.osmand_url, _sos(secret=secret)))[0] == 200  # her SOS
            details = [e["detail"] for e in _events(c, "device_bad_secret")]
            assert any("without its secret" in d for d in details)
            assert any("wrong secret" in d for d in details)
            assert all(secret not in d for d in details)
            # Only its hash is kept.
            with c.reader.engine.connect() as conn:
                stored = conn.exec_driver_sql("SELECT secret_hash FROM device_secrets").scalar()
            assert stored is not None and secret not in stored
            assert await asyncio.to_thread(
                main, ["devices", "secret", PANIC_DEVICE, "--clear", "--db", db]) == 0
            assert (await _get(c.osmand_url, _position()))[0] == 200
            assert await asyncio.to_thread(main, ["devices", "secret", "NADIE", "--db", db]) == 1

    asyncio.run(main_())


def test_a_flood_of_a_thousand_fake_sos_is_cut_one_incident_one_security_event(tmp_path):
    async def main_():
        async with running_central(tmp_path) as c, client(c.api_url) as s:
            connector = aiohttp.TCPConnector(limit=20)
            async with aiohttp.ClientSession(connector=connector) as raw:
                async def one(n: int) -> int:
                    async with raw.get(f"{c.osmand_url}/", params=_sos(n=n)) as r:
                        return r.status
                statuses = [await one(n) for n in range(30)]  # her alarm and its resends
                statuses += await asyncio.gather(*(one(n) for n in range(30, 1000)))
            assert statuses[:30] == [200] * 30  # a real activation is never refused
            refused = statuses.count(429)
            assert statuses.count(200) + refused == 1000 and refused >= 950
            (inc,) = (await get_json(s, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert inc["device_id"] == PANIC_DEVICE
            (event,) = _events(c, "alarm_flood")
            assert event["count"] == refused and PANIC_DEVICE in event["detail"]

    asyncio.run(main_())


def test_one_address_has_a_cap_on_alarms_whatever_the_devices(tmp_path):
    async def main_():
        async with running_central(tmp_path, alarm_source_rate=5) as c:
            statuses = [(await _get(c.osmand_url, _sos(f"9999{n:04d}")))[0] for n in range(10)]
            assert statuses == [403] * 5 + [429] * 5  # unknown devices, then the address's cap
            (event,) = _events(c, "alarm_flood")
            assert event["count"] == 5 and "from this address" in event["detail"]

    asyncio.run(main_())


def test_the_gateway_over_tls_and_no_plain_http_off_loopback_unless_asked(tmp_path):
    cert, key = self_signed(tmp_path / "tls")

    async def main_():
        async with running_central(tmp_path, osmand_tls_cert=cert, osmand_tls_key=key) as c:
            assert c.osmand_url.startswith("https://127.0.0.1:")
            assert c.api_url.startswith("http://")  # the API's TLS is its own
            tls = aiohttp.TCPConnector(ssl=trusting(cert))
            async with aiohttp.ClientSession(connector=tls) as s, s.get(
                    f"{c.osmand_url}/", params=_sos()) as r:
                assert r.status == 200
            with pytest.raises(aiohttp.ClientError):
                await _get(c.osmand_url.replace("https://", "http://", 1), _sos(n=1))

    asyncio.run(main_())
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    with pytest.raises(ValueError, match="--osmand-plain-http"):
        CentralConfig(db_url=db, catalogue=load_catalogue(), osmand_listen=("0.0.0.0", 5055))
    CentralConfig(db_url=db, catalogue=load_catalogue(), osmand_listen=("0.0.0.0", 5055),
                  osmand_plain_http=True)
    CentralConfig(db_url=db, catalogue=load_catalogue(), osmand_listen=("0.0.0.0", 5055),
                  osmand_tls_cert=cert, osmand_tls_key=key)
    with pytest.raises(ValueError, match="tracker_allow"):
        CentralConfig(db_url=db, catalogue=load_catalogue(), tracker_allow=("10.0.0.0/33",))
