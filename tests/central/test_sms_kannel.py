"""SMS to a beneficiary's trusted contacts through a real Kannel (bearerbox + smsbox, with
kannel-extras' fakesmsc as the SMSC): the panic alarm of a device registered from CSV
reaches both contacts with her name, the local time and a map link, and Kannel's
delivery reports land on the incident's timeline. Also: an unconfigured gateway
answers 503 naming the setting, and a Kannel that is down costs retries and a
failure event, never the alarm."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import aiohttp
import pytest
import sqlalchemy as sa
from aiohttp import web

from c4console.central import queries, schema
from c4console.central.gateways.kannel_client import KannelSettings, gsm7
from c4console.central.gateways.sms import DLR_PATH, map_link, message_text, trusted_contacts
from c4console.central.seed import RowRefused, parse_contacts, seed_file
from c4console.central.service import DEFAULT_TIMEZONE
from tests.central.helpers import TEST_PASSWORD, password_file, running_central
from tests.central.kannel import PASSWORD, USER, free_port, require_kannel, running_kannel
from tests.central.nodes import Node, start_node, wait_ready

DEVICE = "861234560007777"
NAME = "Rosa María Peña Ortíz"
# Inside the demo jurisdiction (Mexicali), as the central's default map is loaded.
LAT, LON = 32.648341, -115.490097
CONTACTS = "Lucía Peña Ortiz|+52 686 111 2233|hermana; Jorge Peña|(686) 111-2244|padre"
PHONES = {"+526861112233", "6861112244"}


def _devices_csv(path: Path, contacts: str = CONTACTS, device: str = DEVICE) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["device_id", "name", "phone", "home_lat", "home_lon", "trusted_contacts"])
        w.writerow([device, NAME, "+52 686 555 0101", LAT, LON, contacts])
    return path


def _c4central(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "c4console.central", *args], capture_output=True,
                          text=True, timeout=60)


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


def _token(node: Node, user: str, password: str) -> dict[str, str]:
    request = urllib.request.Request(
        f"{node.api}/api/v1/auth/login", method="POST", headers={"Content-Type": "application/json"},
        data=json.dumps({"username": user, "password": password}).encode())
    with urllib.request.urlopen(request, timeout=10) as answer:
        return {"Authorization": f"Bearer {json.load(answer)['token']}"}


def _events(node: Node, headers: dict[str, str], incident_id: str) -> list[dict]:
    """The incident's timeline events, as the change feed carries them to consoles."""
    _, body = _get(f"{node.api}/api/v1/changes?since=0&limit=5000", headers)
    return [c["data"] for c in body["changes"]
            if c["entity"] == "event" and c["data"]["incident_id"] == incident_id]


def _wait(predicate, timeout: float = 60, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    return predicate()


# -- end to end: real central process, real Kannel ---------------------------------

@pytest.fixture(scope="module")
def kannel(tmp_path_factory):
    require_kannel()
    with running_kannel(tmp_path_factory.mktemp("kannel")) as k:
        yield k


def test_panic_alarm_texts_both_trusted_contacts_through_kannel(tmp_path, kannel):
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"
    imported = _c4central("devices", "import", "--db", db, str(_devices_csv(tmp_path / "devices.csv")))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    secret = password_file(tmp_path / "secrets", TEST_PASSWORD)
    node = wait_ready(tmp_path / "node", start_node(
        tmp_path / "node", "--db", db, "--bootstrap-user", "operadora1:operator",
        "--bootstrap-password-file", str(secret),
        env={"C4_KANNEL_SENDSMS_URL": kannel.sendsms_url, "C4_KANNEL_USER": USER,
             "C4_KANNEL_PASSWORD": PASSWORD}))
    try:
        before = len(kannel.received())
        at = int(time.time())
        url = f"{node.osmand}/?id={DEVICE}&lat={LAT}&lon={LON}&timestamp={at}&alarm=sos"
        started = time.monotonic()
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert answer.status == 200
        assert time.monotonic() - started < 2  # the alarm never waits for the SMS
        headers = _token(node, "operadora1", TEST_PASSWORD)
        _, listing = _get(f"{node.api}/api/v1/incidents?status=open", headers)
        (incident,) = listing["incidents"]
        assert incident["channel"] == "panic_button" and incident["caller"] == NAME

        messages = kannel.wait_received(before + 2)[before:]
        assert {m.to for m in messages} == PHONES
        local = datetime.fromtimestamp(incident["created_at"], ZoneInfo(DEFAULT_TIMEZONE))
        link = f"https://www.openstreetmap.org/?mlat={LAT:.6f}&mlon={LON:.6f}#map=17/{LAT:.6f}/{LON:.6f}"
        for m in messages:
            # 7-bit SMS alphabet: á, í, ó become a, i, o; ñ stays.
            assert "Rosa Maria Peña Ortiz" in m.text, m.text
            assert f"a las {local:%H:%M} del {local:%d/%m/%Y}" in m.text, m.text
            assert m.text.endswith(link), m.text
            assert m.text.startswith("ALERTA C4:") and "boton de panico" in m.text

        def delivered():
            events = _events(node, headers, incident["id"])
            reports = [e for e in events if e["kind"] == "sms_delivery"]
            phones = {e["data"].get("phone") for e in reports}
            return events if phones >= PHONES else None

        events = _wait(delivered)
        assert events, _events(node, headers, incident["id"])
        sent = [e for e in events if e["kind"] == "sms_sent"]
        assert {e["data"]["phone"] for e in sent} == PHONES
        assert all(e["actor"] == "gateway:kannel" and "aceptado por Kannel" in e["text"] for e in sent)
        reports = [e for e in events if e["kind"] == "sms_delivery"]
        assert {e["data"]["status"] for e in reports} <= {1, 4, 8}
        assert any("Lucía Peña Ortiz (hermana)" in e["text"] for e in reports), reports
        assert all(e["data"]["smsc"] == "FAKE" for e in reports)
        assert not [e for e in events if e["kind"] in ("sms_retry", "sms_failed")]
        # A repeat activation of the open incident sends nothing more.
        with urllib.request.urlopen(url.replace(f"timestamp={at}", f"timestamp={at + 5}"),
                                    timeout=10) as answer:
            assert answer.status == 200
        # The repeat was committed before it was answered and queued no SMS (they are queued
        # in the alarm's transaction): the outbox still holds the two, both sent.
        engine = sa.create_engine(db)
        try:
            assert sorted(r.state for r in _rows(engine)) == ["sent", "sent"]
        finally:
            engine.dispose()
        assert len(kannel.received()) == before + 2
    finally:
        assert node.stop() == 0
    log = node.log.read_text()
    assert "SMS to trusted contacts on: Kannel sendsms" in log
    assert PASSWORD not in log and "Traceback" not in log, log[-3000:]


def test_activation_sms_survive_sigkill_and_reach_fakesmsc_once_after_the_restart(tmp_path, kannel):
    """Kannel unreachable at the activation (sendsms on a closed port): the SMS wait in the
    outbox; the central is SIGKILLed; started again with the right sendsms URL, each
    contact gets the SMS exactly once."""
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"
    imported = _c4central("devices", "import", "--db", db, str(_devices_csv(tmp_path / "devices.csv")))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    secret = password_file(tmp_path / "secrets", TEST_PASSWORD)

    def start(name: str, sendsms_url: str) -> Node:
        return wait_ready(tmp_path / name, start_node(
            tmp_path / name, "--db", db, "--bootstrap-user", "operadora1:operator",
            "--bootstrap-password-file", str(secret),
            env={"C4_KANNEL_SENDSMS_URL": sendsms_url, "C4_KANNEL_USER": USER,
                 "C4_KANNEL_PASSWORD": PASSWORD}))

    before = len(kannel.received())
    node = start("down", f"http://127.0.0.1:{free_port()}/cgi-bin/sendsms")
    try:
        url = f"{node.osmand}/?id={DEVICE}&lat={LAT}&lon={LON}&timestamp={int(time.time())}&alarm=sos"
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert answer.status == 200
        headers = _token(node, "operadora1", TEST_PASSWORD)
        _, listing = _get(f"{node.api}/api/v1/incidents?status=open", headers)
        (incident,) = listing["incidents"]
        retries = _wait(lambda: [e for e in _events(node, headers, incident["id"])
                                 if e["kind"] == "sms_retry"][1:])  # both contacts failed once
        assert retries and all("Kannel no responde" in e["text"] for e in retries), retries
    finally:
        node.proc.kill()  # SIGKILL: the retries are in the database, not in memory
        node.proc.wait()
    assert len(kannel.received()) == before
    node = start("up", kannel.sendsms_url)
    try:
        messages = kannel.wait_received(before + 2, timeout=60)[before:]
        assert sorted(m.to for m in messages) == sorted(PHONES)
        headers = _token(node, "operadora1", TEST_PASSWORD)

        def delivered():
            events = _events(node, headers, incident["id"])
            phones = {e["data"].get("phone") for e in events if e["kind"] == "sms_delivery"}
            return events if phones >= PHONES else None

        events = _wait(delivered)
        assert events, _events(node, headers, incident["id"])
        sent = [e for e in events if e["kind"] == "sms_sent"]
        assert sorted(e["data"]["phone"] for e in sent) == sorted(PHONES)
        assert {e["data"]["attempt"] for e in sent} == {2}
    finally:
        assert node.stop() == 0
    # Each contact's row is done: nothing is left to send again.
    engine = sa.create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(schema.gateway_outbox)).all()
    engine.dispose()
    assert sorted((r.state, r.attempts) for r in rows) == [("sent", 2), ("sent", 2)]
    assert len(kannel.received()) == before + 2
    assert "Traceback" not in node.log.read_text()


def test_kannel_refusal_is_retried_then_shown_as_failed(tmp_path, kannel):
    """A wrong password: smsbox answers 403 each time; the contact's SMS fails visibly."""
    settings = KannelSettings(kannel.sendsms_url, USER, "not-the-password", attempts=2,
                              backoff_s=0.05)

    async def main():
        async with running_central(tmp_path, seed=False, sms=settings) as c:
            await seed_file(c.service, _devices_csv(tmp_path / "d.csv", "Ana|6861112299|madre"),
                            "devices")
            status, _ = await _alarm(c.osmand_url)
            assert status == 200
            events = await _wait_events(c, lambda evs: any(e["kind"] == "sms_failed" for e in evs))
        kinds = [e["kind"] for e in events]
        assert kinds.count("sms_retry") == 1 and kinds.count("sms_failed") == 1, kinds
        failed = next(e for e in events if e["kind"] == "sms_failed")
        assert "HTTP 403" in failed["data"]["answer"] and "Authorization failed" in failed["text"]

    asyncio.run(main())


# -- without Kannel ------------------------------------------------------------------

async def _alarm(osmand_url: str, device: str = DEVICE) -> tuple[int, str]:
    params = {"id": device, "lat": LAT, "lon": LON, "timestamp": int(time.time()), "alarm": "sos"}
    async with aiohttp.ClientSession() as s, s.get(f"{osmand_url}/", params=params) as r:
        return r.status, await r.text()


async def _wait_events(c, done, timeout: float = 60) -> list[dict]:
    deadline = time.monotonic() + timeout
    while True:
        changes, _ = await c.reader.changes_since(0, 5000)
        events = [ch.data for ch in changes if ch.entity == "event"]
        if done(events) or time.monotonic() > deadline:
            return events
        await asyncio.sleep(0.05)


async def _dlr(osmand_url: str, query: str) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as s, s.get(f"{osmand_url}{DLR_PATH}?{query}") as r:
        return r.status, await r.json()


def test_unconfigured_gateway_answers_503_naming_the_setting(tmp_path, caplog):
    caplog.set_level("INFO", logger="c4console.central.gateways.sms")

    async def main():
        async with running_central(tmp_path, seed=False) as c:
            status, body = await _dlr(c.osmand_url, "msg=x&status=1")
            assert status == 503 and "C4_KANNEL_SENDSMS_URL" in body["error"]
        partial = KannelSettings(sendsms_url="http://127.0.0.1:9/cgi-bin/sendsms", user="c4")
        async with running_central(tmp_path / "b", seed=False, sms=partial) as c:
            status, body = await _dlr(c.osmand_url, "msg=x&status=1")
            assert status == 503 and "C4_KANNEL_PASSWORD" in body["error"]
            assert "C4_KANNEL_USER" not in body["error"]

    (tmp_path / "b").mkdir()
    asyncio.run(main())
    assert "SMS to trusted contacts off: set C4_KANNEL_SENDSMS_URL" in caplog.text


def test_kannel_down_retries_then_records_the_failure_and_the_alarm_is_unaffected(tmp_path):
    settings = KannelSettings(f"http://127.0.0.1:{free_port()}/cgi-bin/sendsms", USER, PASSWORD,
                              attempts=3, backoff_s=0.05)

    async def main():
        async with running_central(tmp_path, seed=False, sms=settings) as c:
            await seed_file(c.service, _devices_csv(tmp_path / "d.csv"), "devices")
            started = time.monotonic()
            status, body = await _alarm(c.osmand_url)
            assert status == 200, body
            assert time.monotonic() - started < 1.5
            incidents = await c.reader.run(queries.incidents, "open")
            assert len(incidents) == 1 and incidents[0]["status"] == "new"
            events = await _wait_events(
                c, lambda evs: sum(e["kind"] == "sms_failed" for e in evs) == 2)
            # The central still takes alarms and commands as usual afterwards.
            assert (await _alarm(c.osmand_url))[0] == 200
        kinds = [e["kind"] for e in events]
        assert kinds.count("sms_retry") == 4 and kinds.count("sms_failed") == 2, kinds
        assert "sms_sent" not in kinds
        failed = [e for e in events if e["kind"] == "sms_failed"]
        assert {e["data"]["phone"] for e in failed} == PHONES
        assert all("NO enviado tras 3 intentos" in e["text"] and "Kannel no responde" in e["text"]
                   for e in failed)
        retries = [e["data"]["retry_in_s"] for e in events if e["kind"] == "sms_retry"]
        assert sorted(retries) == [0.05, 0.05, 0.1, 0.1]  # doubling backoff

    asyncio.run(main())


@contextlib.asynccontextmanager
async def _smsbox() -> AsyncIterator[tuple[str, list[dict[str, str]]]]:
    """A stand-in for smsbox's sendsms that accepts everything: (url, requests' queries)."""
    requests: list[dict[str, str]] = []

    async def sendsms(request: web.Request) -> web.Response:
        requests.append(dict(request.query))
        return web.Response(status=202, text="0: Accepted for delivery")

    app = web.Application()
    app.router.add_get("/cgi-bin/sendsms", sendsms)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/cgi-bin/sendsms", requests
    finally:
        await runner.cleanup()


def _msg(query: dict[str, str]) -> str:
    return parse_qs(urlsplit(query["dlr-url"]).query)["msg"][0]


def test_a_failure_report_sends_that_contact_again_once_then_gives_up(tmp_path):
    async def main():
        async with _smsbox() as (url, requests):
            settings = KannelSettings(url, USER, PASSWORD, attempts=2, backoff_s=0.05)
            async with running_central(tmp_path, seed=False, sms=settings) as c:
                await seed_file(c.service, _devices_csv(tmp_path / "d.csv", "Ana|6861112299|madre"),
                                "devices")
                assert (await _alarm(c.osmand_url))[0] == 200
                await _wait_events(c, lambda evs: any(e["kind"] == "sms_sent" for e in evs))
                (first,) = requests
                # "Rejected by the SMSC", then "not delivered" for the same attempt: the
                # contact is sent again once, not twice.
                for status in (16, 2):
                    code, body = await _dlr(c.osmand_url, f"msg={_msg(first)}&status={status}")
                    assert code == 200 and body == {"recorded": True}, body
                events = await _wait_events(
                    c, lambda evs: sum(e["kind"] == "sms_sent" for e in evs) == 2)
                assert len(requests) == 2 and _msg(requests[1]).split(".")[2] == "2"
                (retry,) = [e for e in events if e["kind"] == "sms_retry"]
                assert retry["data"]["dlr_status"] == 16 and "rechazado por el SMSC" in retry["text"]
                # The last allowed attempt fails too: given up, nothing more is sent.
                code, _ = await _dlr(c.osmand_url, f"msg={_msg(requests[1])}&status=2")
                assert code == 200
                events = await _wait_events(c, lambda evs: any(e["kind"] == "sms_failed"
                                                               for e in evs))
                (failed,) = [e for e in events if e["kind"] == "sms_failed"]
                assert "NO enviado tras 2 intentos" in failed["text"], failed
                (row,) = await c.reader.run(_rows)
                assert (row.state, row.attempts) == ("failed", 2)
                assert len(requests) == 2

    asyncio.run(main())


def _rows(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.select(schema.gateway_outbox)).all()


def test_dlr_endpoint_refuses_forged_and_bad_reports(tmp_path):
    settings = KannelSettings(f"http://127.0.0.1:{free_port()}/cgi-bin/sendsms", USER, PASSWORD)

    async def main():
        async with running_central(tmp_path, seed=False, sms=settings) as c:
            async with aiohttp.ClientSession() as s:
                for query, status in [("msg=abc.0.1.deadbeef&status=1", 403),
                                      ("msg=abc&status=7", 400), ("status=1", 400),
                                      ("msg=abc&status=uno", 400), ("msg=" + "x" * 500 + "&status=1", 400)]:
                    async with s.get(f"{c.osmand_url}{DLR_PATH}?{query}") as r:
                        assert r.status == status, (query, await r.text())
                        assert "error" in await r.json()
                sms = c.sms
                assert sms is not None
                body = "0a1b.0.1"
                good = f"{body}.{sms._sign(body)}"
                for expected in (True, False):  # the same report again is a duplicate
                    async with s.get(f"{c.osmand_url}{DLR_PATH}?msg={good}&status=8") as r:
                        assert r.status == 200 and (await r.json())["recorded"] is expected
            security = await c.reader.run(queries.security_events)
            assert [e["kind"] for e in security] == ["bad_dlr"]

    asyncio.run(main())


# -- the pieces ------------------------------------------------------------------------

def test_message_text_and_contacts():
    text = message_text("María Ñúñez", 1796074870, 32.6483411, -115.4900974, ZoneInfo(DEFAULT_TIMEZONE))
    assert text == ("ALERTA C4: Maria Ñuñez activo su boton de panico a las 13:41 del 30/11/2026; "
                    "el C4 ya atiende. Ubicacion: " + map_link(32.6483411, -115.4900974))
    assert map_link(32.6483411, -115.4900974) == (
        "https://www.openstreetmap.org/?mlat=32.648341&mlon=-115.490097#map=17/32.648341/-115.490097")
    assert gsm7("Ángela Ü ç € ✓") == "Angela Ü c ? ?"
    contacts, problems = trusted_contacts({"trusted_contacts": parse_contacts(CONTACTS)})
    assert [(c.name, c.phone, c.relation) for c in contacts] == [
        ("Lucía Peña Ortiz", "+526861112233", "hermana"), ("Jorge Peña", "6861112244", "padre")]
    assert problems == []
    assert trusted_contacts({"trusted_contacts": [{"name": "X", "phone": "12"}, "y"]})[0] == []
    for bad in ("Ana", "Ana|12", "|6861112233", "a|6861112233|b|c"):
        with pytest.raises(RowRefused, match="trusted_contacts entry 1"):
            parse_contacts(bad)


def test_contacts_column_in_the_devices_import(tmp_path):
    """The optional trusted_contacts column: stored with her record, kept by a file without
    the column, cleared by an empty cell, a bad entry refuses the row with the reason."""
    from sqlalchemy import select

    from c4console.central import schema as t

    def stored(engine) -> list | None:
        with engine.connect() as conn:
            data = conn.execute(select(t.beneficiaries.c.data)
                                .where(t.beneficiaries.c.id == f"B-{DEVICE}")).scalar()
        return data.get("trusted_contacts")

    async def main():
        async with running_central(tmp_path, seed=False) as c:
            async def load(path: Path) -> list[str]:
                report = await seed_file(c.service, path, "devices")
                return [f"{r.outcome} {r.reason}".strip() for r in report.rows]

            assert await load(_devices_csv(tmp_path / "a.csv")) == ["imported"]
            assert await c.reader.run(stored) == parse_contacts(CONTACTS)
            assert await load(_devices_csv(tmp_path / "a.csv")) == ["unchanged"]
            without = tmp_path / "b.csv"
            without.write_text(f"device_id,name,phone,home_lat,home_lon\n"
                               f"{DEVICE},{NAME},+52 686 555 0101,{LAT},{LON}\n", encoding="utf-8")
            assert await load(without) == ["unchanged"]
            assert await c.reader.run(stored) == parse_contacts(CONTACTS)
            (outcome,) = await load(_devices_csv(tmp_path / "c.csv", "Ana|66|madre"))
            assert outcome.startswith("refused trusted_contacts entry 1 (Ana): phone")
            assert await load(_devices_csv(tmp_path / "d.csv", "")) == ["updated"]
            assert await c.reader.run(stored) is None

    asyncio.run(main())


def test_the_log_of_an_alarm_and_its_sms_has_no_coordinates_and_no_numbers(tmp_path, kannel):
    """Issue 16 point 19: a real central (verbose) takes her panic alarm, texts her
    contacts through Kannel and refuses an unknown device's report; its log names the
    device and the folio, never where she was nor a number."""
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"
    imported = _c4central("devices", "import", "--db", db, str(_devices_csv(tmp_path / "devices.csv")))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    secret = password_file(tmp_path / "secrets", TEST_PASSWORD)
    node = wait_ready(tmp_path / "node", start_node(
        tmp_path / "node", "--db", db, "-v", "--bootstrap-user", "operadora1:operator",
        "--bootstrap-password-file", str(secret),
        env={"C4_KANNEL_SENDSMS_URL": kannel.sendsms_url, "C4_KANNEL_USER": USER,
             "C4_KANNEL_PASSWORD": PASSWORD}))
    try:
        before = len(kannel.received())
        url = f"{node.osmand}/?id={DEVICE}&lat={LAT}&lon={LON}&timestamp={int(time.time())}&alarm=sos"
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert answer.status == 200
        stranger = f"{node.osmand}/?id=869999999999999&lat={LAT}&lon={LON}&alarm=sos"
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(stranger, timeout=10).close()
        headers = _token(node, "operadora1", TEST_PASSWORD)
        _, listing = _get(f"{node.api}/api/v1/incidents?status=open", headers)
        (incident,) = listing["incidents"]
        assert {m.to for m in kannel.wait_received(before + 2)[before:]} == PHONES

        def delivered():
            events = _events(node, headers, incident["id"])
            return {e["data"].get("phone") for e in events if e["kind"] == "sms_delivery"} >= PHONES

        assert _wait(delivered)
    finally:
        assert node.stop() == 0
    log = node.log.read_text()
    assert DEVICE in log and incident["folio"] in log, log[-3000:]  # what support needs stays
    assert "SOS from device" in log and "869999999999999" in log
    for secret_text in (f"{LAT:.4f}", f"{LON:.4f}", f"{LAT}", f"{LON}", "686 111 2233",
                        "6861112233", "111-2244", "6861112244", "686 555 0101", "6865550101",
                        "Lucía"):
        assert secret_text not in log, (secret_text, [line for line in log.splitlines()
                                                       if secret_text in line][:5])
