"""Her photos, voice notes and documents: downloaded through the (fake) Cloud API with the
access token, checked against Meta's SHA-256 and the size limit, kept in the media folder,
on the timeline, served to logged-in consoles only; a failed download is retried through
the outbox and never costs the text of her message."""

from __future__ import annotations

import asyncio
import hashlib
import time
from typing import Any

import aiohttp

from c4console.central.crypto import sealed
from tests.central.helpers import client, running_central
from tests.central.whatsapp_fake import (
    TOKEN,
    audio,
    document,
    fake_cloud_api,
    image,
    notification,
    post_webhook,
    text,
)

HER = "5216861234567"
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40 + b"\xff\xd9"
OGG = b"OggS" + b"\x00voz" * 500
PDF = b"%PDF-1.4\n" + b"orden de proteccion " * 50 + b"\n%%EOF"


async def _events(c, incident_id: str, kind: str) -> list[dict[str, Any]]:
    changes, _ = await c.reader.changes_since(0, 5000)
    return [ch.data for ch in changes if ch.entity == "event"
            and ch.data["incident_id"] == incident_id and ch.data["kind"] == kind]


async def _until(fn, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while True:
        value = await fn()
        if value or time.monotonic() > deadline:
            return value
        await asyncio.sleep(0.05)


def test_image_voice_note_and_document_are_downloaded_checked_kept_and_served(tmp_path):
    async def main():
        async with fake_cloud_api() as api, running_central(
                tmp_path, seed=False, whatsapp=api.settings()) as c:
            api.media = {"111": (JPEG, "image/jpeg"), "222": (OGG, "audio/ogg"),
                         "333": (PDF, "application/pdf")}
            _, answer = await post_webhook(c.api_url, notification(messages=[
                text(HER, "wamid.M0", "Le mando la foto"),
                image(HER, "wamid.M1", "111", caption="La placa del carro"),
                audio(HER, "wamid.M2", "222"),
                document(HER, "wamid.M3", "333", "orden.pdf")]))
            assert [m["outcome"] for m in answer["messages"]] == ["accepted"] * 4, answer
            iid = answer["messages"][0]["incident_id"]
            chat = await _events(c, iid, "chat_message")
            assert [e["text"] for e in chat] == ["Le mando la foto", "La placa del carro",
                                                 "[voz]", "[documento] orden.pdf"]
            stored = await _until(lambda: _stored(c, iid, 3))
            by_ref = {e["data"]["ref"]: e["data"] for e in stored}
            expected = {chat[1]["id"]: (JPEG, "image", "jpg"), chat[2]["id"]: (OGG, "audio", "ogg"),
                        chat[3]["id"]: (PDF, "document", "pdf")}
            assert set(by_ref) == set(expected)
            for ref, (data, kind, ext) in expected.items():
                info = by_ref[ref]
                digest = hashlib.sha256(data).hexdigest()
                assert (info["kind"], info["size"], info["sha256"]) == (kind, len(data), digest)
                assert info["stored"] == f"{digest}.{ext}"
                # Kept sealed (issue 16 point 10): not her file's bytes, and not its magic.
                kept = (tmp_path / "media" / info["stored"]).read_bytes()
                assert data[:4] not in kept and data[-16:] not in kept
                assert sealed.open_bytes(kept, c.media.store.keys, sealed.MEDIA,
                                         info["stored"]) == data
            # Both requests of each download carried the token.
            assert api.problems == [] and len(api.media_requests) == 6
            assert {r["authorization"] for r in api.media_requests} == {f"Bearer {TOKEN}"}
            photo = by_ref[chat[1]["id"]]
            async with client(c.api_url) as s, s.get(f"{c.api_url}{photo['url']}") as r:
                assert r.status == 200 and await r.read() == JPEG
                assert r.headers["Content-Type"] == "image/jpeg"
            pdf = by_ref[chat[3]["id"]]
            async with client(c.api_url) as s:
                async with s.get(f"{c.api_url}{pdf['url']}") as r:
                    assert r.status == 200 and "attachment" in r.headers["Content-Disposition"]
                async with s.get(f"{c.api_url}/api/v1/media/{'0' * 64}.jpg") as r:
                    assert r.status == 404 and "no media" in (await r.json())["error"]
                async with s.get(f"{c.api_url}/api/v1/media/..%2Fcentral.sqlite") as r:
                    assert r.status in (400, 404)
            async with aiohttp.ClientSession() as s, s.get(f"{c.api_url}{photo['url']}") as r:
                assert r.status == 401  # consoles log in; the world does not

    asyncio.run(main())


async def _stored(c, iid: str, n: int) -> list[dict[str, Any]]:
    stored = [e for e in await _events(c, iid, "chat_media") if e["data"]["status"] == "stored"]
    return stored if len(stored) >= n else []


def test_a_failed_download_is_retried_and_a_bad_one_given_up_without_losing_her_text(tmp_path):
    async def main():
        async with fake_cloud_api() as api, running_central(
                tmp_path, seed=False,
                whatsapp=api.settings(attempts=3, media_max_bytes=len(JPEG) + 10)) as c:
            api.media = {"111": (JPEG, "image/jpeg"), "999": (JPEG + b"x" * 100, "image/jpeg")}
            api.media_answers = [500]  # the url request fails once
            api.corrupt = {"111"}  # then the bytes arrive altered once
            _, answer = await post_webhook(c.api_url, notification(messages=[
                image(HER, "wamid.F1", "111", caption="Foto del agresor")]))
            iid = answer["messages"][0]["incident_id"]
            (stored,) = await _until(lambda: _stored(c, iid, 1))
            assert stored["data"]["attempt"] == 3
            retries = [e for e in await _events(c, iid, "chat_media") if e["data"]["status"] == "retry"]
            assert len(retries) == 2
            assert "HTTP 500" in retries[0]["text"] and "SHA-256" in retries[1]["text"], retries
            # Too large: refused at once (not retried), and her caption stays.
            _, answer = await post_webhook(c.api_url, notification(messages=[
                image(HER, "wamid.F2", "999", caption="Otra foto")]))
            assert answer["messages"][0]["outcome"] == "accepted"
            failed = await _until(lambda: _failed(c, iid))
            assert "more than the limit" in failed[0]["text"] and failed[0]["data"]["attempt"] == 1
            chat = await _events(c, iid, "chat_message")
            assert [e["text"] for e in chat] == ["Foto del agresor", "Otra foto"]

    asyncio.run(main())


async def _failed(c, iid: str) -> list[dict[str, Any]]:
    return [e for e in await _events(c, iid, "chat_media") if e["data"]["status"] == "failed"]
