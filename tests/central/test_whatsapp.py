"""The WhatsApp channel at the central: the webhook's handshake and signature, a
conversation opening one incident (placed in the sector of the QR poster's text, then on
the map by a shared location), replies reaching a local stand-in for the Cloud API with
the right path, token and JSON (retried with backoff, failures shown), status
notifications on the timeline, and unconfigured parts answering 503 naming the setting."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from c4console.central.gateways.whatsapp import parse_notification, sector_of
from c4console.central.gateways.whatsapp_client import WhatsAppSettings
from tests.central.helpers import IN_S1, IN_S3, client, get_json, key, post_commands, running_central
from tests.central.whatsapp_fake import (
    APP_SECRET,
    VERIFY_TOKEN,
    button_reply,
    contact,
    fake_cloud_api,
    image,
    location,
    notification,
    post_webhook,
    status,
    text,
)

HER = "5216861234567"
PATH = "/api/v1/gateways/whatsapp"


async def _events(c, incident_id: str | None = None) -> list[dict[str, Any]]:
    changes, _ = await c.reader.changes_since(0, 5000)
    return [ch.data for ch in changes if ch.entity == "event"
            and (incident_id is None or ch.data["incident_id"] == incident_id)]


async def _incidents(c) -> dict[str, dict[str, Any]]:
    changes, _ = await c.reader.changes_since(0, 5000)
    return {ch.id: ch.data for ch in changes if ch.entity == "incident"}


async def _wait(fn, timeout: float = 15):
    deadline = time.monotonic() + timeout
    while True:
        value = await fn()
        if value or time.monotonic() > deadline:
            return value
        await asyncio.sleep(0.05)


async def _get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as s, s.get(url) as r:
        return r.status, await r.text()


def test_handshake_echoes_the_challenge_and_refuses_a_wrong_token(tmp_path):
    async def main():
        settings = WhatsAppSettings(verify_token=VERIFY_TOKEN, app_secret=APP_SECRET)
        async with running_central(tmp_path, seed=False, whatsapp=settings) as c:
            ok = (f"{c.api_url}{PATH}?hub.mode=subscribe&hub.verify_token={VERIFY_TOKEN}"
                  "&hub.challenge=1158201444")
            assert await _get(ok) == (200, "1158201444")  # no login needed: Meta has none
            status_, body = await _get(ok.replace(VERIFY_TOKEN, "otro"))
            assert status_ == 403 and "verify_token" in body
            status_, _ = await _get(ok.replace("subscribe", "unsubscribe"))
            assert status_ == 403
            async with client(c.api_url, "supervisora1") as s:
                events = (await get_json(s, f"{c.api_url}/api/v1/security-events"))["events"]
            assert any(e["kind"] == "bad_whatsapp_verify_token" for e in events), events
            # Other gateway-like paths still need a login.
            status_, _ = await _get(f"{c.api_url}/api/v1/gateways/whatsappx")
            assert status_ in (401, 404)

    asyncio.run(main())


def test_unconfigured_parts_answer_503_naming_the_setting(tmp_path):
    async def main():
        async with running_central(tmp_path, seed=False) as c:
            status_, body = await _get(f"{c.api_url}{PATH}?hub.mode=subscribe&hub.verify_token=x"
                                       "&hub.challenge=1")
            assert status_ == 503 and "C4_WHATSAPP_VERIFY_TOKEN" in body
            status_, answer = await post_webhook(c.api_url, notification(messages=[]))
            assert status_ == 503 and "C4_WHATSAPP_APP_SECRET" in answer["error"]
        # Inbound configured, outbound not: the message is stored, the reply fails visibly.
        inbound = WhatsAppSettings(verify_token=VERIFY_TOKEN, app_secret=APP_SECRET)
        async with running_central(tmp_path / "b", seed=False, whatsapp=inbound) as c:
            status_, answer = await post_webhook(c.api_url, notification(
                messages=[text(HER, "wamid.A1", "Auxilio")], contacts=[contact(HER, "Ana")]))
            assert status_ == 200 and answer["messages"][0]["outcome"] == "accepted", answer
            iid = answer["messages"][0]["incident_id"]
            async with client(c.api_url) as s:
                (res,) = await post_commands(s, c.api_url, {
                    "key": key(), "type": "chat_message", "incident_id": iid, "direction": "out",
                    "text": "Vamos en camino"})
            assert res["outcome"] == "accepted", res
            events = await _wait(lambda: _chat_status(c, iid, "failed"))
            assert "C4_WHATSAPP_TOKEN" in events[0]["text"], events

    asyncio.run(main())


async def _chat_status(c, iid: str, state: str) -> list[dict[str, Any]]:
    return [e for e in await _events(c, iid)
            if e["kind"] == "chat_status" and e["data"]["status"] == state]


def test_signature_is_checked_and_a_bad_one_is_a_security_event(tmp_path):
    async def main():
        async with fake_cloud_api() as api, running_central(
                tmp_path, seed=False, whatsapp=api.settings()) as c:
            payload = notification(messages=[text(HER, "wamid.S1", "Hola")])
            status_, answer = await post_webhook(c.api_url, payload, secret="otro-secreto")
            assert status_ == 403 and "X-Hub-Signature-256" in answer["error"]
            raw = json.dumps(payload).encode()
            async with aiohttp.ClientSession() as s, s.post(f"{c.api_url}{PATH}", data=raw) as r:
                assert r.status == 403 and "missing" in (await r.json())["error"]
            assert await _incidents(c) == {}  # nothing stored
            async with client(c.api_url, "supervisora1") as s:
                events = (await get_json(s, f"{c.api_url}/api/v1/security-events"))["events"]
            bad = [e for e in events if e["kind"] == "bad_whatsapp_signature"]
            assert len(bad) == 2 and "wrong" in bad[0]["detail"], events
            status_, answer = await post_webhook(c.api_url, payload)
            assert status_ == 200 and answer["messages"][0]["outcome"] == "accepted"

    asyncio.run(main())


def test_a_conversation_opens_one_incident_in_the_posters_sector_and_a_location_places_it(tmp_path):
    async def main():
        async with fake_cloud_api() as api, running_central(
                tmp_path, seed=False, whatsapp=api.settings()) as c:
            first = notification(messages=[text(HER, "wamid.C1", "Hola C4 [S3]")],
                                 contacts=[contact(HER, "Lucía")])
            status_, answer = await post_webhook(c.api_url, first)
            assert status_ == 200, answer
            iid = answer["messages"][0]["incident_id"]
            (inc,) = (await _incidents(c)).values()
            assert inc["channel"] == "whatsapp" and inc["caller"] == f"+{HER}"
            assert inc["sector"] == "S3" and inc["lat"] is None
            # Meta sends a notification again until it gets a 200: stored once.
            status_, again = await post_webhook(c.api_url, first)
            assert status_ == 200 and again["messages"][0]["outcome"] == "duplicate", again
            # Two more in one notification, then her location, then a photo.
            status_, answer = await post_webhook(c.api_url, notification(messages=[
                text(HER, "wamid.C2", "Mi pareja me está golpeando"),
                button_reply(HER, "wamid.C3", "Sí", context_id="wamid.FAKE0001")]))
            assert [m["incident_id"] for m in answer["messages"]] == [iid, iid]
            status_, answer = await post_webhook(c.api_url, notification(messages=[
                location(HER, "wamid.C4", *IN_S3, name="Casa", address="Calle Uno 12")]))
            assert status_ == 200 and answer["messages"][0]["outcome"] == "accepted", answer
            inc = (await _incidents(c))[iid]
            assert (inc["lat"], inc["lon"]) == IN_S3 and inc["cuadrante"] == "S3-2"
            assert inc["colonia"] == "Pueblo Nuevo"
            # A later location does not silently move the confirmed one: it is the live one.
            await post_webhook(c.api_url, notification(messages=[location(HER, "wamid.C5", *IN_S1)]))
            await post_webhook(c.api_url, notification(messages=[
                image(HER, "wamid.C6", "1234567890", caption="La placa del carro")]))
            inc = (await _incidents(c))[iid]
            assert (inc["lat"], inc["lon"]) == IN_S3 and (inc["live_lat"], inc["live_lon"]) == IN_S1
            chat = [e for e in await _events(c, iid) if e["kind"] == "chat_message"]
            assert [e["data"]["kind"] for e in chat] == ["text", "text", "interactive", "location",
                                                         "location", "image"]
            assert chat[0]["text"] == "Hola C4 [S3]" and chat[0]["data"]["name"] == "Lucía"
            assert chat[2]["text"] == "Sí" and chat[3]["text"] == "Casa — Calle Uno 12"
            assert chat[5]["data"]["media_id"] == "1234567890"
            assert chat[5]["text"] == "La placa del carro"
            assert all(e["actor"] == "gateway:whatsapp" and e["data"]["direction"] == "in"
                       for e in chat)
            assert len(await _incidents(c)) == 1
            # Another number is another conversation; a closed one starts anew.
            _, other = await post_webhook(c.api_url, notification(
                messages=[text("5216869999999", "wamid.D1", "Hola C4 [S9]")]))
            other_id = other["messages"][0]["incident_id"]
            assert other_id != iid and (await _incidents(c))[other_id]["sector"] == ""  # no S9
            async with client(c.api_url) as s:
                (res,) = await post_commands(s, c.api_url, {
                    "key": key(), "type": "close", "incident_id": iid, "status": "cancelled"})
                assert res["outcome"] == "accepted", res
            _, later = await post_webhook(c.api_url, notification(
                messages=[text(HER, "wamid.C7", "Otra vez")]))
            assert later["messages"][0]["incident_id"] not in (iid, other_id)
            assert api.requests == []

    asyncio.run(main())


def test_replies_and_quick_replies_reach_the_cloud_api_and_statuses_come_back(tmp_path):
    async def main():
        async with fake_cloud_api() as api, running_central(
                tmp_path, seed=False, whatsapp=api.settings()) as c:
            _, answer = await post_webhook(c.api_url, notification(
                messages=[text(HER, "wamid.R1", "Ayuda")]))
            iid = answer["messages"][0]["incident_id"]
            async with client(c.api_url) as s:
                results = await post_commands(
                    s, c.api_url,
                    {"key": key(), "type": "chat_message", "incident_id": iid, "direction": "out",
                     "text": "Soy la operadora del C4. ¿Está en un lugar seguro?"},
                    {"key": key(), "type": "chat_message", "incident_id": iid, "direction": "out",
                     "kind": "interactive", "text": "¿Puede compartir su ubicación?",
                     "buttons": ["Sí", "No puedo"]},
                    # A console may not pretend to be her.
                    {"key": key(), "type": "chat_message", "incident_id": iid, "direction": "in",
                     "text": "falso"})
            assert [r["outcome"] for r in results] == ["accepted", "accepted", "rejected"], results
            assert results[2]["reason"] == "forbidden"
            sent = await _wait(lambda: _chat_status(c, iid, "sent"))
            sent = await _wait(lambda: _sent_twice(c, iid))
            assert api.problems == [], api.problems
            assert len(api.requests) == 2
            by_type = {m["type"]: m for m in api.sent()}
            body = "Soy la operadora del C4. ¿Está en un lugar seguro?"
            assert by_type["text"] == {"messaging_product": "whatsapp", "recipient_type": "individual",
                                       "to": HER, "type": "text",
                                       "text": {"preview_url": False, "body": body}}
            buttons = by_type["interactive"]["interactive"]["action"]["buttons"]
            assert [b["reply"]["title"] for b in buttons] == ["Sí", "No puedo"]
            assert {e["data"]["wa_message_id"] for e in sent} == {"wamid.FAKE0001", "wamid.FAKE0002"}
            # Meta's status notifications: delivered and read, recorded once each.
            notes = notification(statuses=[status("wamid.FAKE0001", HER, "sent"),
                                           status("wamid.FAKE0001", HER, "delivered"),
                                           status("wamid.FAKE0001", HER, "read")])
            for _ in range(2):
                status_, _ = await post_webhook(c.api_url, notes)
                assert status_ == 200
            states = [e["data"]["status"] for e in await _events(c, iid) if e["kind"] == "chat_status"]
            assert sorted(states) == ["delivered", "read", "sent", "sent"], states
            read = (await _chat_status(c, iid, "read"))[0]
            out = [e for e in await _events(c, iid) if e["kind"] == "chat_message"
                   and e["data"]["direction"] == "out"]
            assert read["data"]["ref"] in {e["id"] for e in out}
            failed = notification(statuses=[status("wamid.FAKE0002", HER, "failed", errors=[
                {"code": 131047, "title": "Re-engagement message"}])])
            await post_webhook(c.api_url, failed)
            (fail,) = await _chat_status(c, iid, "failed")
            assert "131047" in fail["text"]

    asyncio.run(main())


async def _sent_twice(c, iid):
    sent = await _chat_status(c, iid, "sent")
    return sent if len(sent) >= 2 else []


def test_a_reply_is_retried_with_backoff_and_a_refusal_is_shown(tmp_path):
    async def main():
        async with fake_cloud_api() as api, running_central(
                tmp_path, seed=False, whatsapp=api.settings(attempts=3)) as c:
            _, answer = await post_webhook(c.api_url, notification(
                messages=[text(HER, "wamid.T1", "Ayuda")]))
            iid = answer["messages"][0]["incident_id"]
            api.answers = [503, 500]  # then 200
            async with client(c.api_url) as s:
                await post_commands(s, c.api_url, {"key": key(), "type": "chat_message",
                                                   "incident_id": iid, "direction": "out",
                                                   "text": "Vamos en camino"})
                sent = await _wait(lambda: _chat_status(c, iid, "sent"))
                assert sent and sent[0]["data"]["attempt"] == 3
                assert len(await _chat_status(c, iid, "retry")) == 2
                # A wrong token is refused by the API (400): not retried, failed at once.
            async with fake_cloud_api() as api2, running_central(
                    tmp_path / "b", seed=False,
                    whatsapp=api2.settings(token="caducado")) as c2:
                _, answer = await post_webhook(c2.api_url, notification(
                    messages=[text(HER, "wamid.T2", "Ayuda")]))
                iid2 = answer["messages"][0]["incident_id"]
                async with client(c2.api_url) as s:
                    await post_commands(s, c2.api_url, {"key": key(), "type": "chat_message",
                                                        "incident_id": iid2, "direction": "out",
                                                        "text": "Hola"})
                failed = await _wait(lambda: _chat_status(c2, iid2, "failed"))
                assert failed and "HTTP 400" in failed[0]["text"] and "Authorization" in failed[0]["text"]
                assert len(api2.requests) == 1 and await _chat_status(c2, iid2, "retry") == []

    asyncio.run(main())


def test_bad_bodies_are_refused_with_a_reason_and_nothing_is_stored(tmp_path):
    async def main():
        async with fake_cloud_api() as api, running_central(
                tmp_path, seed=False, whatsapp=api.settings()) as c:
            for body in (b"{not json", b"[]", json.dumps({"object": "page", "entry": []}).encode(),
                         json.dumps({"object": "whatsapp_business_account", "entry": 3}).encode()):
                status_, answer = await post_webhook(c.api_url, body)
                assert status_ == 400 and answer["error"], (body, answer)
            huge = b"x" * (2 << 20)
            status_, answer = await post_webhook(c.api_url, huge)
            assert status_ == 413
            # Good and bad items in one notification: the good one is stored, the bad named.
            status_, answer = await post_webhook(c.api_url, notification(messages=[
                text(HER, "wamid.B1", "Hola"), {"from": HER, "id": "wamid.B2", "type": "location",
                                                "location": {"latitude": "norte", "longitude": 1}},
                {"from": "no-es-numero", "id": "wamid.B3", "type": "text", "text": {"body": "x"}}]))
            assert status_ == 200 and len(answer["messages"]) == 1 and len(answer["ignored"]) == 2
            assert len(await _incidents(c)) == 1

    asyncio.run(main())


_json = st.recursive(st.none() | st.booleans() | st.floats(allow_nan=True) | st.text(max_size=20)
                     | st.integers(), lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.sampled_from(["object", "entry", "changes", "value", "field",
                                                        "messages", "statuses", "contacts", "from",
                                                        "id", "type", "text", "body", "location",
                                                        "latitude", "longitude", "image", "status"]),
                                       inner, max_size=5), max_leaves=30)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=_json, wrap=st.booleans())
def test_the_parser_never_crashes_on_any_json(body, wrap):
    if wrap:
        body = {"object": "whatsapp_business_account",
                "entry": [{"id": "1", "changes": [{"field": "messages", "value": body}]}]}
    with contextlib.suppress(ValueError):
        parse_notification(body)


def test_sector_tag_of_the_posters_prefilled_text():
    assert sector_of("Hola C4 [S3]", {"S1", "S3"}) == "S3"
    assert sector_of("hola c4 [ s1 ] necesito ayuda", {"S1"}) == "S1"
    assert sector_of("Hola C4 [S9]", {"S1"}) == "" and sector_of("Hola", None) == ""


@pytest.mark.parametrize("missing", ["whatsapp_token", "whatsapp_phone_number_id"])
def test_missing_outbound_setting_is_named(missing):
    values = {"whatsapp_token": "t", "whatsapp_phone_number_id": "1", missing: None}
    assert any(missing in m for m in WhatsAppSettings.from_values(values).missing())
