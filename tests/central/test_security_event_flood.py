"""Security events under a flood, and a malformed webhook signature (issue 16 points 11
and 17), against a real central.

- 400 unauthenticated requests from one address used to write 400 rows: the same event
  again within a minute now adds to one row's ``count``, and one address gets at most
  a handful of rows per minute whatever the details say.
- A WhatsApp signature header with non-ASCII characters was a 500 echoing the
  exception: it is a 401 and a security event.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlsplit

import aiohttp

from c4console.central import queries
from tests.central.helpers import running_central
from tests.central.whatsapp_fake import fake_cloud_api, notification, post_webhook, text

PATH = "/api/v1/gateways/whatsapp"


def test_a_flood_of_bad_signatures_is_one_row_with_a_count(tmp_path):
    async def main():
        async with fake_cloud_api() as api, running_central(
                tmp_path, seed=False, whatsapp=api.settings()) as c:
            payload = notification(messages=[text("5216861234567", "wamid.F1", "Hola")])
            answers = await asyncio.gather(*(post_webhook(c.api_url, payload, secret="otro")
                                             for _ in range(400)))
            assert {status for status, _ in answers} == {403}
            assert c.reader is not None
            rows = queries.security_events(c.reader.engine)
            assert [(r["kind"], r["count"]) for r in rows] == [("bad_whatsapp_signature", 400)]
            assert rows[0]["last_at"] >= rows[0]["at"]

    asyncio.run(main())


def test_one_address_gets_a_bounded_number_of_rows_whatever_the_details(tmp_path):
    async def main():
        async with running_central(tmp_path, seed=False) as c, aiohttp.ClientSession() as s:
            # Unknown devices at the OsmAnd gateway: each detail names another device id.
            for n in range(100):
                async with s.get(f"{c.osmand_url}/", params={"id": f"99999{n:05d}",
                                                              "lat": "32.6", "lon": "-115.4"}) as r:
                    assert r.status in (200, 400, 403, 404), r.status
            assert c.reader is not None
            rows = queries.security_events(c.reader.engine)
            assert len(rows) <= 20, len(rows)  # security_events.ROWS_PER_SOURCE
            assert sum(r["count"] for r in rows) == 100

    asyncio.run(main())


async def _raw_post(url: str, headers: list[tuple[bytes, bytes]], body: bytes) -> tuple[int, bytes]:
    """POST with header bytes as given (an HTTP client library would refuse non-ASCII)."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    head = [f"POST {parts.path} HTTP/1.1".encode(), f"Host: {parts.netloc}".encode(),
            b"Content-Type: application/json", f"Content-Length: {len(body)}".encode(),
            b"Connection: close", *(name + b": " + value for name, value in headers)]
    writer.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
    await writer.drain()
    answer = await reader.read()
    writer.close()
    status = int(answer.split(b" ", 2)[1])
    return status, answer.partition(b"\r\n\r\n")[2]


def test_a_non_ascii_signature_header_is_401_and_a_security_event(tmp_path):
    async def main():
        async with fake_cloud_api() as api, running_central(
                tmp_path, seed=False, whatsapp=api.settings()) as c:
            body = json.dumps(notification(messages=[text("5216861234567", "wamid.N1", "Hola")])
                              ).encode()
            status, answer = await _raw_post(f"{c.api_url}{PATH}", [
                (b"X-Hub-Signature-256", "sha256=ñandú☃".encode())], body)
            assert status == 401, answer
            assert b"Traceback" not in answer and b"TypeError" not in answer
            assert "malformed" in json.loads(answer)["error"]
            status, _ = await post_webhook(c.api_url, json.loads(body),
                                           headers={"X-Hub-Signature-256": "sha256=zz"})
            assert status == 401
            assert c.reader is not None
            rows = queries.security_events(c.reader.engine)
            assert [(r["kind"], r["count"]) for r in rows] == [("bad_whatsapp_signature", 2)]

    asyncio.run(main())
