"""Issue 6's whole path on one production-like central (``c4central serve`` configured by
environment variables only): a device registered from CSV with the CLI raises an alarm through
Traccar event forwarding and, once that is closed, through OsmAnd; both times her two trusted
contacts' SMS reach a real Kannel's fake SMSC. A WhatsApp conversation becomes an incident whose
shared location reaches a console's local cache as a map marker, and the operator's reply goes
out to the (local stand-in of the) Cloud API."""

from __future__ import annotations

import asyncio
import csv
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest

from c4console.gui.map.payload import incident_payload
from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from tests.cache_files import TEST_KEY
from tests.central.helpers import TEST_PASSWORD, password_file
from tests.central.kannel import PASSWORD, USER, require_kannel, running_kannel
from tests.central.nodes import start_node, wait_ready
from tests.central.test_traccar import forwarded
from tests.central.whatsapp_fake import (
    APP_SECRET,
    PHONE_NUMBER_ID,
    TOKEN,
    VERIFY_TOKEN,
    VERSION,
    contact,
    fake_cloud_api,
    location,
    notification,
    post_webhook,
    text,
)

DEVICE = "860000000006006"
NAME = "Alejandra Ruiz Soto"
HOME = (32.648341, -115.490097)  # inside the embedded default jurisdiction (Mexicali)
ALARM_AT = (32.6251, -115.4538)
CONTACTS = "Marta Soto|+52 686 200 1111|madre; Irene Ruiz|686 200 2222|amiga"
PHONES = {"+526862001111", "6862002222"}
WHATSAPP_FROM = "5216867654321"
TRACCAR_SECRET = "secreto-traccar-aceptacion"


class Listener:
    """A console's sync listener that keeps nothing: the local cache is what is checked."""

    def on_changes(self, applied) -> None:
        pass

    def on_results(self, results) -> None:
        pass

    def on_connection(self, connected, detail) -> None:
        pass


@pytest.fixture(scope="module")
def kannel(tmp_path_factory):
    require_kannel()
    with running_kannel(tmp_path_factory.mktemp("kannel")) as k:
        yield k


def _import_csv(db: str, folder: Path) -> str:
    path = folder / "entregados.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["device_id", "name", "phone", "home_lat", "home_lon", "trusted_contacts"])
        w.writerow([DEVICE, NAME, "+52 686 555 0199", *HOME, CONTACTS])
        w.writerow(["", "Sin dispositivo", "", "", "", ""])  # refused, row by row
    done = subprocess.run([sys.executable, "-m", "c4console.central", "devices", "import", "--db", db,
                           str(path)], capture_output=True, text=True, timeout=60)
    return f"rc={done.returncode}\n{done.stdout}{done.stderr}"


async def _until(check, what: str, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while True:
        value = await check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        await asyncio.sleep(0.1)


def test_csv_device_alarms_by_traccar_and_osmand_text_her_contacts_and_whatsapp_works(tmp_path, kannel):
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"
    report = _import_csv(db, tmp_path)
    assert f"line 2 {DEVICE}: imported" in report, report
    assert "line 3 ?: refused: empty device_id" in report, report
    assert "1 imported, 0 updated, 0 unchanged, 1 refused" in report, report

    async def main() -> None:
        async with fake_cloud_api() as cloud:
            secret = password_file(tmp_path / "secrets", TEST_PASSWORD)
            env = {"C4_KANNEL_SENDSMS_URL": kannel.sendsms_url, "C4_KANNEL_USER": USER,
                   "C4_KANNEL_PASSWORD": PASSWORD, "C4_TRACCAR_SECRET": TRACCAR_SECRET,
                   "C4_WHATSAPP_VERIFY_TOKEN": VERIFY_TOKEN, "C4_WHATSAPP_APP_SECRET": APP_SECRET,
                   "C4_WHATSAPP_TOKEN": TOKEN, "C4_WHATSAPP_API_BASE": f"{cloud.url}/{VERSION}",
                   "C4_WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID}
            proc = start_node(tmp_path / "node", "--db", db, "--bootstrap-user", "operadora1:operator",
                              "--bootstrap-password-file", str(secret), env=env)
            node = await asyncio.to_thread(wait_ready, tmp_path / "node", proc)
            try:
                await _walk_through(node, cloud, kannel, tmp_path)
            finally:
                assert await asyncio.to_thread(node.stop) == 0
            log = node.log.read_text()
            assert "Traceback" not in log and PASSWORD not in log and TOKEN not in log, log[-3000:]

    asyncio.run(main())


async def _walk_through(node, cloud, kannel, tmp_path: Path) -> None:
    async with aiohttp.ClientSession() as s:
        async with s.post(f"{node.api}/api/v1/auth/login",
                          json={"username": "operadora1", "password": TEST_PASSWORD}) as r:
            auth = {"Authorization": f"Bearer {(await r.json())['token']}"}

        async def open_incidents() -> list[dict]:
            async with s.get(f"{node.api}/api/v1/incidents?status=open", headers=auth) as r:
                return (await r.json())["incidents"]

        async def command(**body) -> dict:
            async with s.post(f"{node.api}/api/v1/commands", headers=auth, json={
                    "workstation": "aceptacion", "commands": [{"key": str(uuid.uuid4()), **body}]}) as r:
                (result,) = (await r.json())["results"]
                return result

        sms_before = len(kannel.received())

        # 1. Traccar event forwarding: her device's sos alarm opens an incident.
        fix = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000+00:00")
        async with s.post(f"{node.api}/api/v1/gateways/traccar",
                          headers={"Authorization": f"Bearer {TRACCAR_SECRET}"},
                          json=forwarded("alarm", *ALARM_AT, fix, alarm="sos", unique_id=DEVICE)) as r:
            assert r.status == 200, await r.text()
        (by_traccar,) = await _until(open_incidents, "incident from Traccar")
        assert by_traccar["channel"] == "panic_button" and by_traccar["caller"] == NAME
        assert by_traccar["device_id"] == DEVICE
        sms = await asyncio.to_thread(kannel.wait_received, sms_before + 2)
        assert {m.to for m in sms[sms_before:]} == PHONES
        assert all("Alejandra Ruiz Soto" in m.text and "mlat=32.625100" in m.text
                   for m in sms[sms_before:]), sms
        closed = await command(type="close", incident_id=by_traccar["id"], status="cancelled")
        assert closed["outcome"] == "accepted", closed

        # 2. OsmAnd (Traccar Client's protocol): the same device opens a new incident.
        params = {"id": DEVICE, "lat": ALARM_AT[0], "lon": ALARM_AT[1], "timestamp": int(time.time()),
                  "alarm": "sos"}
        async with s.get(f"{node.osmand}/", params=params) as r:
            assert r.status == 200, await r.text()
        (by_osmand,) = await _until(open_incidents, "incident from OsmAnd")
        assert by_osmand["id"] != by_traccar["id"] and by_osmand["device_id"] == DEVICE
        sms = await asyncio.to_thread(kannel.wait_received, sms_before + 4)
        assert sorted(m.to for m in sms[sms_before + 2:]) == sorted(PHONES)

        # 3. WhatsApp: a conversation opens an incident; her location reaches a console's cache.
        cache = LocalCache(tmp_path / "console.sqlite", TEST_KEY)
        engine = SyncEngine(cache, node.api, Listener(), actor="operadora1", username="operadora1",
                            password=TEST_PASSWORD)
        engine.start()
        try:
            status, answer = await post_webhook(node.api, notification(
                messages=[text(WHATSAPP_FROM, "wamid.A1", "Necesito ayuda [S3]")],
                contacts=[contact(WHATSAPP_FROM, "Irene")]))
            assert status == 200, answer
            chat_id = answer["messages"][0]["incident_id"]
            status, answer = await post_webhook(node.api, notification(
                messages=[location(WHATSAPP_FROM, "wamid.A2", *HOME, name="Casa")]))
            assert status == 200 and answer["messages"][0]["outcome"] == "accepted", answer

            async def marker():
                inc = (await engine.db(cache.load, "incident")).get(chat_id)
                return incident_payload(inc) if inc is not None else None

            shown = await _until(marker, "WhatsApp incident on the console's map")
            assert shown["id"] == chat_id and [round(x, 6) for x in shown["pos"]] == list(HOME), shown

            # 4. The operator's reply, through the console's outbox, goes out to the Cloud API.
            await engine.submit({"key": str(uuid.uuid4()), "type": "chat_message",
                                 "incident_id": chat_id, "direction": "out",
                                 "text": "Una patrulla va en camino."})

            async def replied():
                return cloud.sent()

            (sent,) = await _until(replied, "reply at the Cloud API")
            assert sent["to"] == WHATSAPP_FROM and sent["text"]["body"] == "Una patrulla va en camino."
            assert cloud.problems == []
            assert await engine.db(cache.rejected) == []
        finally:
            await engine.close()
            cache.close()
