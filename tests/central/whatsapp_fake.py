"""A local stand-in for the WhatsApp Cloud API's messages endpoint and media endpoints
(``GET /{version}/{media-id}`` → url, mime_type, sha256, file_size; ``GET url`` → the
bytes; both only with the access token), and webhook payloads in the Cloud API's format
(the ``messages`` webhook: text, location, image, audio, document, interactive button
replies, statuses), signed as Meta signs them."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from c4console.central.gateways.whatsapp_client import WhatsAppSettings, signature

VERSION = "v23.0"
PHONE_NUMBER_ID = "106540352242922"
TOKEN = "EAAtest-access-token"
APP_SECRET = "app-secret-de-prueba"
VERIFY_TOKEN = "verificar-c4-mexicali"
BUSINESS = "15550783881"


@dataclass
class FakeCloudApi:
    """Records each request; answers from ``answers`` (status codes) first, then 200."""

    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    # media id → (bytes, MIME type); answers of the media endpoints (status codes) first.
    media: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    media_answers: list[int] = field(default_factory=list)
    media_requests: list[dict[str, Any]] = field(default_factory=list)
    corrupt: set[str] = field(default_factory=set)  # media ids served with one byte changed
    # While set, messages requests wait for ``release`` (to hold sends in flight).
    hold: asyncio.Event | None = None
    held: int = 0

    def settings(self, **overrides: Any) -> WhatsAppSettings:
        """Central settings pointing at this fake."""
        values = {"verify_token": VERIFY_TOKEN, "app_secret": APP_SECRET, "token": TOKEN,
                  "api_base": f"{self.url}/{VERSION}", "phone_number_id": PHONE_NUMBER_ID,
                  "backoff_s": 0.05}
        return WhatsAppSettings(**{**values, **overrides})

    def check(self, request: web.Request, body: Any) -> list[str]:
        """What is wrong with a messages request (path, headers, JSON)."""
        wrong = []
        if request.path != f"/{VERSION}/{PHONE_NUMBER_ID}/messages":
            wrong.append(f"path {request.path}")
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            wrong.append(f"Authorization {request.headers.get('Authorization')!r}")
        if not request.headers.get("Content-Type", "").startswith("application/json"):
            wrong.append(f"Content-Type {request.headers.get('Content-Type')!r}")
        if not isinstance(body, dict):
            return [*wrong, "body is not a JSON object"]
        if body.get("messaging_product") != "whatsapp":
            wrong.append("messaging_product")
        if not str(body.get("to", "")).isdigit():
            wrong.append(f"to {body.get('to')!r}")
        kind = body.get("type")
        if kind == "text":
            if not isinstance(body.get("text"), dict) or not body["text"].get("body"):
                wrong.append("text.body")
        elif kind == "interactive":
            inter = body.get("interactive") or {}
            buttons = (inter.get("action") or {}).get("buttons") or []
            if (inter.get("type") != "button" or not inter.get("body", {}).get("text")
                    or not 1 <= len(buttons) <= 3
                    or any(b.get("type") != "reply" or not b["reply"].get("id")
                           or not 1 <= len(b["reply"].get("title", "")) <= 20 for b in buttons)):
                wrong.append(f"interactive {inter!r}")
        else:
            wrong.append(f"type {kind!r}")
        return wrong

    async def handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        if self.hold is not None:
            self.held += 1
            await self.hold.wait()
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        wrong = self.check(request, body)
        self.requests.append({"path": request.path, "headers": dict(request.headers), "json": body,
                              "wrong": wrong})
        if wrong:
            self.problems.extend(wrong)
            return web.json_response({"error": {"message": "; ".join(wrong), "type": "OAuthException",
                                                "code": 100}}, status=400)
        status = self.answers.pop(0) if self.answers else 200
        if status != 200:
            return web.json_response({"error": {"message": "Service temporarily unavailable",
                                                "type": "OAuthException", "code": 2}}, status=status)
        n = len(self.requests)
        return web.json_response({"messaging_product": "whatsapp",
                                  "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                                  "messages": [{"id": f"wamid.FAKE{n:04d}"}]})

    def _media_refusal(self, request: web.Request) -> web.Response | None:
        token = request.headers.get("Authorization")
        self.media_requests.append({"path": request.path, "authorization": token})
        if token != f"Bearer {TOKEN}":
            self.problems.append(f"media Authorization {token!r}")
            return web.json_response({"error": {"message": "Invalid OAuth access token",
                                                "type": "OAuthException", "code": 190}}, status=401)
        status = self.media_answers.pop(0) if self.media_answers else 200
        if status != 200:
            return web.json_response({"error": {"message": "Service temporarily unavailable",
                                                "type": "OAuthException", "code": 2}}, status=status)
        return None

    async def media_url(self, request: web.Request) -> web.Response:
        """GET /{version}/{media-id}: where to download it (as the Cloud API answers)."""
        refusal = self._media_refusal(request)
        if refusal is not None:
            return refusal
        media_id = request.match_info["media_id"]
        if media_id not in self.media:
            return web.json_response({"error": {"message": "Unsupported get request",
                                                "type": "GraphMethodException", "code": 100}},
                                     status=400)
        data, mime = self.media[media_id]
        return web.json_response({"messaging_product": "whatsapp",
                                  "url": f"{self.url}/download/{media_id}?ext=1&hash=x",
                                  "mime_type": mime, "sha256": hashlib.sha256(data).hexdigest(),
                                  "file_size": str(len(data)), "id": media_id})

    async def media_download(self, request: web.Request) -> web.Response:
        """GET url: the bytes (needs the token too)."""
        refusal = self._media_refusal(request)
        if refusal is not None:
            return refusal
        data, mime = self.media[request.match_info["media_id"]]
        if request.match_info["media_id"] in self.corrupt:
            self.corrupt.discard(request.match_info["media_id"])
            data = bytes([data[0] ^ 1]) + data[1:]
        return web.Response(body=data, content_type=mime)

    def sent(self) -> list[dict[str, Any]]:
        """The JSON of the requests that were well formed."""
        return [r["json"] for r in self.requests if not r["wrong"]]


@contextlib.asynccontextmanager
async def fake_cloud_api() -> AsyncIterator[FakeCloudApi]:
    """The fake on 127.0.0.1, an ephemeral port."""
    fake = FakeCloudApi()
    app = web.Application()
    app.router.add_post("/{version}/{phone_number_id}/messages", fake.handle)
    app.router.add_get("/download/{media_id}", fake.media_download)
    app.router.add_get("/{version}/{media_id}", fake.media_url)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    fake.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        yield fake
    finally:
        await runner.cleanup()


# -- webhook payloads -------------------------------------------------------------------

def notification(*, messages: list[dict] | None = None, statuses: list[dict] | None = None,
                 contacts: list[dict] | None = None) -> dict[str, Any]:
    """A ``messages`` webhook notification."""
    value: dict[str, Any] = {"messaging_product": "whatsapp",
                             "metadata": {"display_phone_number": BUSINESS,
                                          "phone_number_id": PHONE_NUMBER_ID}}
    if messages is not None:
        value["contacts"] = contacts or []
        value["messages"] = messages
    if statuses is not None:
        value["statuses"] = statuses
    return {"object": "whatsapp_business_account",
            "entry": [{"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}]}


def contact(wa_id: str, name: str) -> dict[str, Any]:
    return {"profile": {"name": name}, "wa_id": wa_id}


def _message(wa_id: str, wamid: str, kind: str, body: dict[str, Any],
             timestamp: int | None = None) -> dict[str, Any]:
    return {"from": wa_id, "id": wamid, "timestamp": str(timestamp or int(time.time())),
            "type": kind, kind: body}


def text(wa_id: str, wamid: str, body: str, timestamp: int | None = None) -> dict[str, Any]:
    return _message(wa_id, wamid, "text", {"body": body}, timestamp)


def location(wa_id: str, wamid: str, lat: float, lon: float, name: str = "",
             address: str = "") -> dict[str, Any]:
    body: dict[str, Any] = {"latitude": lat, "longitude": lon}
    if name:
        body["name"] = name
    if address:
        body["address"] = address
    return _message(wa_id, wamid, "location", body)


def image(wa_id: str, wamid: str, media_id: str, caption: str = "") -> dict[str, Any]:
    body = {"mime_type": "image/jpeg", "sha256": "a" * 44, "id": media_id}
    if caption:
        body["caption"] = caption
    return _message(wa_id, wamid, "image", body)


def audio(wa_id: str, wamid: str, media_id: str, voice: bool = True) -> dict[str, Any]:
    return _message(wa_id, wamid, "audio", {"mime_type": "audio/ogg; codecs=opus",
                                            "sha256": "b" * 44, "id": media_id, "voice": voice})


def document(wa_id: str, wamid: str, media_id: str, filename: str) -> dict[str, Any]:
    return _message(wa_id, wamid, "document", {"mime_type": "application/pdf", "sha256": "c" * 44,
                                               "id": media_id, "filename": filename})


def button_reply(wa_id: str, wamid: str, title: str, context_id: str = "") -> dict[str, Any]:
    msg = _message(wa_id, wamid, "interactive",
                   {"type": "button_reply", "button_reply": {"id": "btn-1", "title": title}})
    if context_id:
        msg["context"] = {"from": BUSINESS, "id": context_id}
    return msg


def status(wamid: str, recipient: str, state: str, errors: list[dict] | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": wamid, "status": state, "timestamp": str(int(time.time())),
                            "recipient_id": recipient}
    if errors:
        item["errors"] = errors
    return item


def signed(payload: Any, secret: str = APP_SECRET) -> tuple[bytes, dict[str, str]]:
    """The body and headers Meta would send."""
    raw = json.dumps(payload).encode() if not isinstance(payload, bytes) else payload
    return raw, {"Content-Type": "application/json", "X-Hub-Signature-256": signature(secret, raw)}


async def post_webhook(base: str, payload: Any, secret: str = APP_SECRET,
                       headers: dict[str, str] | None = None) -> tuple[int, Any]:
    """POST a (signed) notification to a central's webhook; (status, JSON answer)."""
    raw, signed_headers = signed(payload, secret)
    async with aiohttp.ClientSession() as s, s.post(f"{base}/api/v1/gateways/whatsapp", data=raw,
                                                    headers={**signed_headers, **(headers or {})}) as r:
        return r.status, await r.json(content_type=None)
