"""WhatsApp Business Platform (Cloud API): settings, the webhook signature, one send.

A reply is ``POST <api_base>/<phone_number_id>/messages`` with ``Authorization: Bearer
<token>`` and a JSON body ``{"messaging_product": "whatsapp", "recipient_type":
"individual", "to": "<wa_id>", "type": "text", "text": {"preview_url": false, "body":
"…"}}`` (or ``"type": "interactive"`` with up to three reply buttons). The API answers
200 ``{"messaging_product", "contacts": [{"input", "wa_id"}], "messages": [{"id":
"wamid.…"}]}``; an error is 4xx/5xx ``{"error": {"message", "type", "code", …}}``.

Each webhook POST carries ``X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body
with the app secret>``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp

DEFAULT_API_BASE = "https://graph.facebook.com/v23.0"
REQUEST_TIMEOUT_S = 15.0
DEFAULT_MEDIA_MAX_MB = 16  # the Cloud API's limit for audio and video
MAX_ANSWER = 300  # characters of an error kept in the timeline
SIGNATURE_HEADER = "X-Hub-Signature-256"

# The settings, by the name of config.py and of the environment.
SETTING_ENV = {
    "whatsapp_verify_token": "C4_WHATSAPP_VERIFY_TOKEN",
    "whatsapp_app_secret": "C4_WHATSAPP_APP_SECRET",
    "whatsapp_token": "C4_WHATSAPP_TOKEN",
    "whatsapp_api_base": "C4_WHATSAPP_API_BASE",
    "whatsapp_phone_number_id": "C4_WHATSAPP_PHONE_NUMBER_ID",
}
INBOUND = ("whatsapp_app_secret",)  # webhook POSTs (messages, statuses)
HANDSHAKE = ("whatsapp_verify_token",)  # the webhook's GET verification
OUTBOUND = ("whatsapp_token", "whatsapp_phone_number_id", "whatsapp_api_base")  # replies


def setting_phrase(key: str) -> str:
    """``C4_WHATSAPP_TOKEN (TOML key whatsapp_token)``."""
    return f"{SETTING_ENV[key]} (TOML key {key})"


@dataclass(frozen=True)
class WhatsAppSettings:
    """The Meta app and phone number the central answers for, and how hard it tries."""

    verify_token: str = ""
    app_secret: str = ""
    token: str = ""
    api_base: str = DEFAULT_API_BASE
    phone_number_id: str = ""
    attempts: int = 4  # per reply (and media download): the first and up to three retries
    backoff_s: float = 2.0  # before the first retry; doubles each time
    timeout_s: float = REQUEST_TIMEOUT_S
    media_dir: str = ""  # where her photos, voice notes, documents are kept ("" : none)
    media_max_bytes: int = DEFAULT_MEDIA_MAX_MB << 20

    def missing(self, keys: tuple[str, ...] = (*HANDSHAKE, *INBOUND, *OUTBOUND)) -> list[str]:
        """The settings among ``keys`` that are not given, as phrases naming the variable."""
        given = {"whatsapp_verify_token": self.verify_token, "whatsapp_app_secret": self.app_secret,
                 "whatsapp_token": self.token, "whatsapp_api_base": self.api_base,
                 "whatsapp_phone_number_id": self.phone_number_id}
        return [setting_phrase(k) for k in keys if not given[k]]

    @property
    def messages_url(self) -> str:
        """The Cloud API's messages endpoint of this phone number."""
        return f"{self.api_base.rstrip('/')}/{self.phone_number_id}/messages"

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> WhatsAppSettings:
        """From resolved config.py values (missing keys are empty)."""
        return cls(verify_token=values.get("whatsapp_verify_token") or "",
                   app_secret=values.get("whatsapp_app_secret") or "",
                   token=values.get("whatsapp_token") or "",
                   api_base=(values.get("whatsapp_api_base") or DEFAULT_API_BASE).rstrip("/"),
                   phone_number_id=values.get("whatsapp_phone_number_id") or "",
                   media_dir=str(values.get("media_dir") or ""),
                   media_max_bytes=int(float(values.get("whatsapp_media_max_mb")
                                             or DEFAULT_MEDIA_MAX_MB) * (1 << 20)))


def signature(secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends for ``body``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    """True if ``header`` is the signature of ``body`` with ``secret`` (constant time).

    Any header is answered, never raised on: ``hmac.compare_digest`` refuses non-ASCII
    text (TypeError), so the header is compared as bytes.
    """
    if not header or not secret:
        return False
    given = header.strip().lower().encode("utf-8", "surrogateescape")
    return hmac.compare_digest(given, signature(secret, body).encode("ascii"))


def signature_well_formed(header: str) -> bool:
    """True if ``header`` has the shape ``sha256=<64 hex digits>`` (right or wrong)."""
    value = header.strip().lower()
    return (value.isascii() and value.startswith("sha256=") and len(value) == 71
            and all(c in "0123456789abcdef" for c in value[7:]))


def text_message(to: str, text: str) -> dict[str, Any]:
    """The JSON of a text reply."""
    return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
            "type": "text", "text": {"preview_url": False, "body": text}}


def buttons_message(to: str, text: str, buttons: list[str]) -> dict[str, Any]:
    """The JSON of an interactive message with reply buttons (quick replies she can tap)."""
    return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
            "type": "interactive",
            "interactive": {"type": "button", "body": {"text": text},
                            "action": {"buttons": [
                                {"type": "reply", "reply": {"id": f"btn-{n}", "title": title}}
                                for n, title in enumerate(buttons, 1)]}}}


@dataclass(frozen=True, slots=True)
class SendAnswer:
    """What the Cloud API said to one send (``status`` None: no HTTP answer at all)."""

    accepted: bool
    status: int | None
    detail: str
    wa_message_id: str = ""

    @property
    def retryable(self) -> bool:
        """Worth another attempt: no answer, throttled (429) or a server error (5xx)."""
        return not self.accepted and (self.status is None or self.status == 429 or self.status >= 500)


def _error_detail(status: int, body: str) -> str:
    try:
        error = json.loads(body).get("error") or {}
        text = f"{error.get('message', '')} (code {error.get('code', '?')})"
    except (ValueError, AttributeError):
        text = body
    return f"HTTP {status} {text}"[:MAX_ANSWER]


class WhatsAppClient:
    """Sends one message per call; never raises for network or HTTP failures."""

    def __init__(self, settings: WhatsAppSettings) -> None:
        self.settings = settings
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(self, payload: dict[str, Any]) -> SendAnswer:
        """POST one message; accepted on a 2xx answer naming the message id."""
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.settings.timeout_s))
        headers = {"Authorization": f"Bearer {self.settings.token}"}
        try:
            async with self._session.post(self.settings.messages_url, json=payload,
                                          headers=headers) as answer:
                body = await answer.text(errors="replace")
                status = answer.status
        except asyncio.CancelledError:
            raise
        except (aiohttp.ClientError, TimeoutError, OSError, ValueError) as e:
            return SendAnswer(False, None,
                              f"la API de WhatsApp no responde ({type(e).__name__}: {e})"[:MAX_ANSWER])
        if not 200 <= status < 300:
            return SendAnswer(False, status, _error_detail(status, body))
        try:
            wamid = str(json.loads(body)["messages"][0]["id"])
        except (ValueError, KeyError, IndexError, TypeError):
            return SendAnswer(False, status, f"HTTP {status} sin id de mensaje: {body}"[:MAX_ANSWER])
        return SendAnswer(True, status, f"HTTP {status}", wamid)
