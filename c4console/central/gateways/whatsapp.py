"""The WhatsApp channel: Cloud API webhooks in, operators' replies out.

How it hangs together:

- ``GET /api/v1/gateways/whatsapp?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…``
  is Meta's verification handshake: the challenge is echoed when the token is the
  configured verify token; anything else is 403 (and a security event).
- ``POST /api/v1/gateways/whatsapp`` is a webhook notification, signed with the app
  secret (``X-Hub-Signature-256``); a missing or wrong signature is 403, a malformed one
  (non-ASCII, not ``sha256=<hex>``) 401, and each a security event. The
  path needs no login (c4console/central/api_auth.py lists it among SIGNED_WEBHOOKS):
  the signature authenticates it instead.
- Each message of a phone number without an open WhatsApp incident opens one
  (``create_incident``, channel whatsapp, caller ``+<wa_id>``); which incident a
  message belongs to is decided in the database (``whatsapp_conversations``, one row
  per number), so two nodes receiving her first messages at once open one incident.
  Every message becomes a ``chat_message`` command (direction in) of that incident,
  submitted like a console's commands with the pseudo-role ``gateway``
  (c4console/central/permissions.py), carrying her ``wa_timestamp`` (consoles order
  her messages by it). Its idempotency key is derived from the WhatsApp message id, so
  a notification Meta sends again (it retries until it gets a 200) is answered
  ``duplicate`` and stored once. A shared location places the incident on the map; a
  ``[S3]`` in the text (the prefilled text of a QR poster) puts it in that sector. A
  photo, voice note or document is downloaded afterwards
  (c4console/central/gateways/whatsapp_media.py).
- Status notifications (sent, delivered, read, failed) become ``chat_status`` events.
- Replies: a ``chat_message`` with direction out (a console's command) is announced as
  :class:`~c4console.core.domain_events.ChatReplied` and queued in the gateway outbox in
  its own transaction (:meth:`WhatsAppGateway.on_reply`, subscribed with ``Service.on``);
  the outbox worker of any node posts it to the Cloud API (:meth:`WhatsAppGateway.attempt`),
  retrying with backoff across restarts, and records a ``chat_status`` event: ``sent`` (with the
  ``wa_message_id``), ``retry`` or ``failed``.

The webhook answers after the commit of what it carried (so a 200 means stored); a
database failure is a 500, and Meta's retry is then deduplicated by the keys.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import math
import re
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from sqlalchemy import Connection, Engine, insert, select, update

from c4console.central import schema as t
from c4console.central.gateways.outbox import (
    FAILED,
    PENDING,
    SENT,
    Item,
    OutboxWorker,
    Outcome,
    by_external_id,
    enqueue,
)
from c4console.central.gateways.whatsapp_client import (
    HANDSHAKE,
    INBOUND,
    OUTBOUND,
    SIGNATURE_HEADER,
    WhatsAppClient,
    WhatsAppSettings,
    buttons_message,
    signature_ok,
    signature_well_formed,
    text_message,
)
from c4console.central.permissions import GATEWAY
from c4console.central.queries import Reader
from c4console.central.records import Tx
from c4console.central.service import Service
from c4console.core.command_result import REJECTED
from c4console.core.domain_events import ChatReplied
from c4console.core.enums import OPEN_STATUSES, Channel
from c4console.core.models import TimelineEvent
from c4console.core.redact import redact

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/api/v1/gateways/whatsapp"
ACTOR = "gateway:whatsapp"
CHANNEL = "whatsapp"
MAX_BODY = 1 << 20  # Meta's notifications are a few kB
MAX_TEXT = 4096
REMEMBERED = 10_000
SECTOR_TAG = re.compile(r"\[\s*(S\d{1,3})\s*\]", re.IGNORECASE)
STATUS_WORDS = {"sent": "enviado", "delivered": "entregado", "read": "leído", "failed": "NO entregado",
                "deleted": "borrado", "warning": "advertencia"}
MEDIA_TYPES = {"audio": "audio", "document": "documento", "video": "video", "sticker": "sticker"}
_NAMESPACE = uuid.UUID("6f1c2a8e-4f1b-4c55-9a53-7c4e0b8f2d11")


class Malformed(ValueError):
    """A notification or one item of it that is not of the Cloud API's shape."""


@dataclass(frozen=True, slots=True)
class Inbound:
    """One message a citizen sent."""

    wa_id: str
    wa_message_id: str
    kind: str  # text | location | image | interactive | button | other
    text: str = ""
    lat: float | None = None
    lon: float | None = None
    media_id: str = ""
    mime_type: str = ""
    name: str = ""
    timestamp: str = ""  # when she sent it (Unix seconds, as Meta gives it)

    @property
    def phone(self) -> str:
        """Her number as the incident's caller: ``+<wa_id>``."""
        return f"+{self.wa_id}"


@dataclass(frozen=True, slots=True)
class Status:
    """A status notification of a message the C4 sent."""

    wa_message_id: str
    status: str
    recipient: str
    errors: str = ""


def _text(value: Any, what: str, limit: int = 300, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise Malformed(f"{what} must be a non-empty string")
    return value.strip()[:limit]


def _coordinate(value: Any, what: str, bound: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Malformed(f"{what} must be a number")
    try:
        number = float(value)
    except ValueError:
        raise Malformed(f"{what} must be a number") from None
    if not math.isfinite(number) or abs(number) > bound:
        raise Malformed(f"{what} is out of range")
    return number


def parse_message(item: Any, names: dict[str, str]) -> Inbound:
    """One element of ``value.messages``; Malformed if it cannot be used."""
    if not isinstance(item, dict):
        raise Malformed("a message must be an object")
    wa_id = _text(item.get("from"), "message.from", 32)
    if not wa_id.lstrip("+").isdigit():
        raise Malformed(f"message.from {wa_id!r} is not a phone number")
    wa_id = wa_id.lstrip("+")
    wamid = _text(item.get("id"), "message.id", 256)
    kind = item.get("type")
    body = item.get(kind) if isinstance(kind, str) else None
    stamp = item.get("timestamp")
    stamp = stamp.strip() if isinstance(stamp, str) and stamp.strip().isdigit() else ""
    common = {"wa_id": wa_id, "wa_message_id": wamid, "name": names.get(wa_id, ""),
              "timestamp": stamp[:12]}
    if kind == "text":
        if not isinstance(body, dict):
            raise Malformed("a text message needs text.body")
        return Inbound(kind="text", text=_text(body.get("body"), "text.body", MAX_TEXT), **common)
    if kind == "location":
        if not isinstance(body, dict):
            raise Malformed("a location message needs location.latitude/longitude")
        label = " — ".join(x for x in (_text(body.get("name"), "location.name", 200, False),
                                       _text(body.get("address"), "location.address", 300, False))
                           if x)
        return Inbound(kind="location", text=label,
                       lat=_coordinate(body.get("latitude"), "location.latitude", 90),
                       lon=_coordinate(body.get("longitude"), "location.longitude", 180), **common)
    if kind == "image":
        if not isinstance(body, dict):
            raise Malformed("an image message needs image.id")
        return Inbound(kind="image", text=_text(body.get("caption"), "image.caption", MAX_TEXT, False),
                       media_id=_text(body.get("id"), "image.id", 200),
                       mime_type=_text(body.get("mime_type"), "image.mime_type", 100, False),
                       **common)
    if kind == "interactive" and isinstance(body, dict):
        reply = body.get("button_reply") or body.get("list_reply")
        if isinstance(reply, dict):
            return Inbound(kind="interactive",
                           text=_text(reply.get("title"), "interactive reply title", 200), **common)
    if kind == "button" and isinstance(body, dict):
        return Inbound(kind="button", text=_text(body.get("text"), "button.text", 200), **common)
    if kind in MEDIA_TYPES and isinstance(body, dict) and body.get("id"):
        # Voice notes are audio with "voice": true; a document has its file name.
        label = (_text(body.get("caption"), f"{kind}.caption", MAX_TEXT, False)
                 or _text(body.get("filename"), f"{kind}.filename", 200, False))
        tag = "voz" if kind == "audio" and body.get("voice") is True else MEDIA_TYPES[kind]
        return Inbound(kind="other", text=f"[{tag}] {label}".strip(),
                       media_id=_text(body.get("id"), f"{kind}.id", 200),
                       mime_type=_text(body.get("mime_type"), f"{kind}.mime_type", 100, False),
                       **common)
    # Contacts, reactions, unsupported…: kept on the timeline, content not shown.
    return Inbound(kind="other", text=f"[{str(kind)[:30]}]", **common)


def parse_status(item: Any) -> Status:
    """One element of ``value.statuses``."""
    if not isinstance(item, dict):
        raise Malformed("a status must be an object")
    errors = item.get("errors")
    detail = ""
    if isinstance(errors, list):
        detail = "; ".join(f"{e.get('title') or e.get('message') or ''} (code {e.get('code', '?')})"
                           for e in errors if isinstance(e, dict))[:300]
    return Status(_text(item.get("id"), "status.id", 256), _text(item.get("status"), "status.status", 20),
                  _text(item.get("recipient_id"), "status.recipient_id", 32, False).lstrip("+"),
                  detail)


def parse_notification(body: Any) -> tuple[list[Inbound], list[Status], list[str]]:
    """(messages, statuses, problems) of a webhook body; Malformed if it is not one at all."""
    if not isinstance(body, dict) or body.get("object") != "whatsapp_business_account":
        raise Malformed("body must be a JSON object with \"object\": \"whatsapp_business_account\"")
    entries = body.get("entry")
    if not isinstance(entries, list):
        raise Malformed("\"entry\" must be a list")
    messages, statuses, problems = [], [], []
    for entry in entries:
        changes = entry.get("changes") if isinstance(entry, dict) else None
        if not isinstance(changes, list):
            problems.append("an entry without a changes list")
            continue
        for change in changes:
            value = change.get("value") if isinstance(change, dict) else None
            if not isinstance(value, dict) or change.get("field") != "messages":
                continue  # account updates, template statuses…: not this gateway's
            names = {}
            contacts = value.get("contacts")
            for contact in contacts if isinstance(contacts, list) else []:
                if isinstance(contact, dict) and isinstance(contact.get("wa_id"), str):
                    profile = contact.get("profile") if isinstance(contact.get("profile"), dict) else {}
                    name = profile.get("name")
                    names[contact["wa_id"].lstrip("+")] = name[:200] if isinstance(name, str) else ""
            for key, parse, out in (("messages", lambda m, n=names: parse_message(m, n), messages),
                                    ("statuses", parse_status, statuses)):
                items = value.get(key) or []
                if not isinstance(items, list):
                    problems.append(f"value.{key} is not a list")
                    continue
                for item in items:
                    try:
                        out.append(parse(item))
                    except Malformed as e:
                        problems.append(str(e))
    return messages, statuses, problems


def sector_of(text: str, sectors: set[str] | None) -> str:
    """The sector code a QR poster put in the prefilled text (``Hola C4 [S3]`` → ``S3``);
    "" if none, or if it is not one of ``sectors`` (None: any)."""
    match = SECTOR_TAG.search(text or "")
    if not match:
        return ""
    code = match.group(1).upper()
    return code if sectors is None or code in sectors else ""


def command_key(prefix: str, wa_message_id: str) -> str:
    """A command idempotency key (at most 64 characters) derived from a WhatsApp id."""
    return f"wa-{prefix}-{hashlib.sha256(wa_message_id.encode()).hexdigest()[:40]}"


def _open_incident_of(conn: Connection, phone: str) -> str | None:
    table = t.ENTITY_TABLES["incident"]
    query = select(table.c.id, table.c.data).where(
        table.c.status.in_([s.value for s in OPEN_STATUSES]))
    found = None
    for iid, data in conn.execute(query):
        mine = data.get("channel") == Channel.WHATSAPP.value and data.get("caller") == phone
        if mine and (found is None or data.get("created_at", 0) > found[1]):
            found = (iid, data.get("created_at", 0))
    return found[0] if found else None


def open_incident_of(engine: Engine, phone: str) -> str | None:
    """The newest open WhatsApp incident whose caller is ``phone``."""
    with engine.connect() as conn:
        return _open_incident_of(conn, phone)


def conversation_incident(tx: Tx, wa_id: str, candidate: str) -> tuple[str, bool]:
    """(the incident of her conversation, whether it must still be created), deciding in
    ``tx`` — every write transaction takes the feed's lock first, so two nodes holding her
    first messages at once are decided one after the other, and the primary key on
    ``wa_id`` refuses a second row even so.

    Her row names an open incident (or one a node is creating): that one. It names a
    closed one: the conversation starts anew with ``candidate``. No row: an open
    WhatsApp incident of her number from before this table, else ``candidate``.
    """
    conv = t.whatsapp_conversations
    current = tx.conn.execute(select(conv.c.incident_id).where(conv.c.wa_id == wa_id)).scalar()
    if current is not None:
        inc = tx.get("incident", current)
        if inc is None or inc.is_open:
            return current, inc is None
        tx.conn.execute(update(conv).where(conv.c.wa_id == wa_id)
                        .values(incident_id=candidate, opened_at=tx.now))
        return candidate, True
    existing = _open_incident_of(tx.conn, f"+{wa_id}")
    tx.conn.execute(insert(conv).values(wa_id=wa_id, incident_id=existing or candidate,
                                        opened_at=tx.now))
    return existing or candidate, existing is None


class WhatsAppGateway:
    """Serves the webhook, queues the replies (outbox) and sends them."""

    def __init__(self, service: Service, reader: Reader, settings: WhatsAppSettings | None,
                 worker: OutboxWorker) -> None:
        self.service = service
        self.reader = reader
        self.settings = settings or WhatsAppSettings()
        self.worker = worker
        self.client = WhatsAppClient(self.settings) if not self.settings.missing(OUTBOUND) else None
        self._locks: dict[str, asyncio.Lock] = {}
        self._statuses: OrderedDict[tuple[str, str], None] = OrderedDict()  # seen (wamid, status)
        jurisdiction = service.jurisdiction
        self._sectors = set(jurisdiction.sectors()) if jurisdiction is not None else None
        worker.register(CHANNEL, self.attempt)

    def start(self) -> None:
        """Say in the log what is configured."""
        missing = self.settings.missing()
        if missing:
            log.info("WhatsApp channel: not configured: %s", ", ".join(missing))
        else:
            log.info("WhatsApp channel on: webhook %s, replies through %s", WEBHOOK_PATH,
                     self.settings.messages_url)

    async def stop(self) -> None:
        """Close the HTTP session (after the outbox worker stopped)."""
        if self.client is not None:
            await self.client.close()

    # --- the webhook -----------------------------------------------------------------

    async def verify(self, request: web.Request) -> web.Response:
        """GET: Meta's verification handshake."""
        missing = self.settings.missing(HANDSHAKE)
        if missing:
            return _json_error(503, "WhatsApp webhook not configured: set " + ", ".join(missing))
        mode = request.query.get("hub.mode", "")
        token = request.query.get("hub.verify_token", "")
        challenge = request.query.get("hub.challenge", "")
        if mode != "subscribe" or not challenge or len(challenge) > 200:
            return _json_error(403, "expected hub.mode=subscribe with hub.verify_token and "
                                    "hub.challenge")
        if not hmac.compare_digest(token.encode(), self.settings.verify_token.encode()):
            await self._security_event("bad_whatsapp_verify_token",
                                       "WhatsApp webhook handshake with a wrong hub.verify_token",
                                       request.remote or "")
            return _json_error(403, "hub.verify_token is not this central's verify token")
        return web.Response(text=challenge, content_type="text/plain")

    async def webhook(self, request: web.Request) -> web.Response:
        """POST: a signed notification of messages and statuses."""
        missing = self.settings.missing(INBOUND)
        if missing:
            return _json_error(503, "WhatsApp webhook not configured: set " + ", ".join(missing))
        if (request.content_length or 0) > MAX_BODY:
            return _json_error(413, f"body larger than {MAX_BODY} bytes")
        raw = await request.content.read(MAX_BODY + 1)
        if len(raw) > MAX_BODY:
            return _json_error(413, f"body larger than {MAX_BODY} bytes")
        source = request.remote or ""
        given = request.headers.get(SIGNATURE_HEADER)
        if given and not signature_well_formed(given):
            # Not even the shape of a signature (non-ASCII, not sha256=<hex>): nothing to
            # check, 401; the header is not echoed (nor logged: it is the sender's text).
            await self._security_event("bad_whatsapp_signature",
                                       f"WhatsApp webhook POST with a malformed {SIGNATURE_HEADER} "
                                       f"({len(raw)} bytes)", source)
            return _json_error(401, f"{SIGNATURE_HEADER} is malformed: expected sha256=<64 hex "
                                    "digits>")
        if not signature_ok(self.settings.app_secret, raw, given):
            why = "missing" if not given else "wrong"
            await self._security_event("bad_whatsapp_signature",
                                       f"WhatsApp webhook POST with a {why} {SIGNATURE_HEADER} "
                                       f"({len(raw)} bytes)", source)
            return _json_error(403, f"{SIGNATURE_HEADER} is {why}: the body is not signed with "
                                    "this central's app secret")
        try:
            body = json.loads(raw)
            messages, statuses, problems = parse_notification(body)
        except (ValueError, RecursionError) as e:
            return _json_error(400, f"not a WhatsApp Cloud API notification: {e}"[:300])
        for problem in problems:
            log.warning("WhatsApp notification from %s: item ignored: %s", source, problem)
        outcomes = []
        for message in messages:
            outcomes.append(await self._inbound(message, source))
        for status in statuses:
            await self._status(status)
        return web.json_response({"messages": outcomes, "statuses": len(statuses),
                                  "ignored": problems})

    def _lock(self, phone: str) -> asyncio.Lock:
        lock = self._locks.get(phone)
        if lock is None:
            if len(self._locks) > REMEMBERED:
                self._locks = {k: v for k, v in self._locks.items() if v.locked()}
            lock = self._locks[phone] = asyncio.Lock()
        return lock

    async def _inbound(self, m: Inbound, source: str) -> dict[str, Any]:
        """Store one message (opening her incident if she has none open). Which incident is
        decided in the database (:func:`conversation_incident`), so two first messages
        reaching two nodes at once open one incident."""
        async with self._lock(m.phone):
            # Derived from her first message: a replay of it cannot open a second one.
            candidate = str(uuid.uuid5(_NAMESPACE, f"{m.phone} {m.wa_message_id}"))
            incident_id, create = await self.service.write(
                lambda tx: conversation_incident(tx, m.wa_id, candidate))
            commands: list[dict[str, Any]] = []
            if create:
                # If another node creates it first, this one is answered "exists": both
                # messages still land on that one incident.
                commands.append({"key": command_key("open", m.wa_message_id),
                                 "type": "create_incident", "incident_id": incident_id,
                                 "channel": Channel.WHATSAPP.value, "caller": m.phone})
            chat: dict[str, Any] = {"key": command_key("msg", m.wa_message_id),
                                    "type": "chat_message", "incident_id": incident_id,
                                    "direction": "in", "kind": m.kind,
                                    "wa_message_id": m.wa_message_id}
            for name in ("text", "media_id", "mime_type", "name"):
                if getattr(m, name):
                    chat[name] = getattr(m, name)
            if m.timestamp:
                chat["wa_timestamp"] = m.timestamp
            if m.lat is not None:
                chat.update(lat=m.lat, lon=m.lon)
            sector = sector_of(m.text, self._sectors)
            if sector:
                chat["sector"] = sector
            commands.append(chat)
            results = await self.service.submit(commands, actor=ACTOR, role=GATEWAY,
                                                source=source)
        last = results[-1]
        rejected = last.outcome == REJECTED
        if rejected:
            log.warning("WhatsApp message %s (incident %s) refused: %s", m.wa_message_id,
                        incident_id or "-", redact(last.message))
        return {"wa_message_id": m.wa_message_id, "incident_id": incident_id,
                "outcome": last.outcome, **({"reason": last.reason} if rejected else {})}

    async def _status(self, s: Status) -> None:
        if (s.wa_message_id, s.status) in self._statuses:
            return
        self._remember(self._statuses, (s.wa_message_id, s.status), None)
        sent = await self.reader.run(by_external_id, s.wa_message_id)
        incident_id, ref = (sent.incident_id, sent.payload.get("event_id", "")) if sent else ("", "")
        if sent is not None and s.status == "sent":
            return  # the node that sent it recorded "sent" with the Cloud API's answer
        if not incident_id and s.recipient:
            incident_id = await self.reader.run(open_incident_of, f"+{s.recipient}") or ""
        if not incident_id:
            log.info("WhatsApp status %s of %s: no open incident of +%s", s.status,
                     s.wa_message_id, s.recipient)
            return
        word = STATUS_WORDS.get(s.status, s.status)
        text = f"WhatsApp: mensaje {word}" + (f": {s.errors}" if s.errors else "")
        event = _event(incident_id, text, {"status": s.status, "wa_message_id": s.wa_message_id,
                                           **({"ref": ref} if ref else {}),
                                           **({"errors": s.errors} if s.errors else {})})
        # One event per (message, status) whichever node Meta resends the notification to:
        # its id is derived from them, and write transactions are serialised across nodes.
        event = event.evolve(id=status_event_id(s.wa_message_id, s.status))

        def record(tx: Tx) -> None:
            if tx.get("event", event.id) is None:
                tx.put(event.evolve(at=tx.now))

        try:
            await self.service.write(record)
        except Exception as e:  # the database is away, or the central is stopping
            log.error("incident %s: could not record chat_status (%s: %s): %s", incident_id,
                      type(e).__name__, e, text)

    # --- replies -------------------------------------------------------------------

    def on_reply(self, tx: Tx, r: ChatReplied) -> None:
        """Subscriber of :class:`ChatReplied`: queue the reply a console's command made, in
        the same transaction, to the incident's caller (a message already sent is not)."""
        if r.wa_message_id:
            return
        enqueue(tx, f"wa:{r.event_id}", CHANNEL, r.incident_id,
                {"event_id": r.event_id, "to": r.caller.lstrip("+"), "text": r.text,
                 "buttons": list(r.buttons)})
        self.worker.poke_after_commit()

    async def attempt(self, item: Item) -> Outcome:
        """One POST of one reply (an outbox row) to the Cloud API."""
        p = item.payload
        base = {"ref": p.get("event_id", ""), "attempt": item.attempt}
        if self.client is None:
            missing = ", ".join(self.settings.missing(OUTBOUND))
            why = f"set {missing}"
            return Outcome(FAILED, [_event(item.incident_id, f"WhatsApp: respuesta NO enviada: no "
                                                             f"configurado (falta {missing})",
                                           {**base, "status": "failed", "error": why})], why)
        phone = str(p.get("to", ""))
        if not phone.isdigit():
            why = "no phone"
            return Outcome(FAILED, [_event(item.incident_id, "WhatsApp: respuesta NO enviada: el "
                                                             "incidente no tiene número de WhatsApp",
                                           {**base, "status": "failed", "error": why})], why)
        text, buttons = str(p.get("text", "")), [str(b) for b in p.get("buttons") or ()]
        payload = buttons_message(phone, text, buttons) if buttons else text_message(phone, text)
        answer = await self.client.send(payload)
        info = {**base, "http_status": answer.status, "node": self.worker.owner}
        if answer.accepted:
            return Outcome(SENT, [_event(item.incident_id, "WhatsApp: mensaje enviado",
                                         {**info, "status": "sent",
                                          "wa_message_id": answer.wa_message_id})],
                           external_id=answer.wa_message_id)
        log.warning("incident %s: WhatsApp reply attempt %d failed: %s", item.incident_id,
                    item.attempt, answer.detail)
        if not answer.retryable or item.attempt >= self.settings.attempts:
            return Outcome(FAILED, [_event(item.incident_id, f"WhatsApp: respuesta NO enviada tras "
                                                             f"{item.attempt} intento(s): "
                                                             f"{answer.detail}",
                                           {**info, "status": "failed",
                                            "error": answer.detail})], answer.detail)
        delay = self.settings.backoff_s * 2 ** (item.attempt - 1)
        return Outcome(PENDING, [_event(item.incident_id, f"WhatsApp: intento {item.attempt} "
                                                          f"fallido ({answer.detail}); reintento "
                                                          f"en {delay:g} s",
                                        {**info, "status": "retry", "error": answer.detail,
                                         "retry_in_s": delay})], answer.detail, delay)

    @staticmethod
    def _remember(table: OrderedDict, key: Any, value: Any) -> None:
        table[key] = value
        while len(table) > REMEMBERED:
            table.popitem(last=False)

    async def _security_event(self, kind: str, detail: str, source: str) -> None:
        log.warning("WhatsApp webhook from %s refused: %s", source or "?", detail)
        with contextlib.suppress(Exception):
            await self.service.write(lambda tx: tx.security_event(kind, detail, source))


def status_event_id(wa_message_id: str, status: str) -> str:
    """The chat_status event id of one status of one message (the same on every node)."""
    return "wa-status-" + hashlib.sha256(f"{wa_message_id}\n{status}".encode()).hexdigest()[:40]


def _event(incident_id: str, text: str, data: dict[str, Any]) -> TimelineEvent:
    return TimelineEvent(str(uuid.uuid4()), incident_id, 0.0, "chat_status", ACTOR, text, data)


def _json_error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def add_whatsapp_routes(app: web.Application, gateway: WhatsAppGateway) -> None:
    """Serve the webhook on ``app`` (the API application; the path is a signed webhook,
    exempt from the bearer token)."""
    app.router.add_get(WEBHOOK_PATH, gateway.verify)
    app.router.add_post(WEBHOOK_PATH, gateway.webhook)
