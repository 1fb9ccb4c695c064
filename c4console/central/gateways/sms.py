"""SMS to a beneficiary's trusted contacts on a panic activation, through Kannel.

How it hangs together:

- :meth:`TrustedContactSms.listener` is a service listener: after each commit of
  *this* node (so with several nodes one SMS goes out, not one per node) the writer
  thread hands it the changes, and it only moves them to the event loop. A batch
  holding a new panic_button incident and its ``created`` event is an activation.
- For each activation a task reads her record (on the reader pool), and sends each
  trusted contact one SMS (her name, the local time, an OpenStreetMap link to the
  activation's position) through Kannel's ``sendsms``, one task per contact.
- Every outcome is a timeline event of the incident (so consoles see it through the
  change feed): ``sms_sent`` (smsbox accepted it), ``sms_retry`` (an attempt failed;
  the next one is due), ``sms_failed`` (gave up after ``attempts``), ``sms_delivery``
  (a delivery report), ``sms_skipped`` (she has no usable contact).
- Kannel calls the ``dlr-url`` back on the gateway port
  (``GET /api/v1/gateways/kannel/dlr?msg=…&status=%d…``); ``msg`` names the incident,
  the contact and the attempt and is signed (HMAC with a key derived from the Kannel
  password), so a forged report is refused and every node that shares the
  configuration can record a report. A failure report (2, 16) retries that contact,
  within the same bound, if this node sent it.

Nothing here runs on the writer thread but the short event inserts, and nothing
delays an alarm: the alarm is committed (and answered) before this module hears of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from aiohttp import web
from sqlalchemy import Engine, select

from c4console.central import schema as t
from c4console.central.gateways.background import BackgroundTasks
from c4console.central.gateways.kannel_client import (
    DLR_FAILURES,
    DLR_MEANING,
    KannelClient,
    KannelSettings,
    gsm7,
    normalise_phone,
)
from c4console.central.queries import Reader
from c4console.central.service import Service
from c4console.core.changes import Change
from c4console.core.enums import Channel
from c4console.core.models import TimelineEvent

log = logging.getLogger(__name__)

DLR_PATH = "/api/v1/gateways/kannel/dlr"
ACTOR = "gateway:kannel"
MAX_CONTACTS = 10
MAX_TOKEN = 200
REMEMBERED = 10_000  # sent messages (for DLR retries) and seen reports (for duplicates)


@dataclass(frozen=True, slots=True)
class Activation:
    """A new panic incident: who, where, when."""

    incident_id: str
    folio: str
    beneficiary_id: str
    lat: float
    lon: float
    at: float


@dataclass(frozen=True, slots=True)
class Contact:
    """One trusted contact of a beneficiary (``phone`` normalised for Kannel)."""

    name: str
    phone: str
    relation: str = ""

    def label(self) -> str:
        """``Ana Ruiz (madre) +526861112233`` for the timeline."""
        return f"{self.name}{f' ({self.relation})' if self.relation else ''} {self.phone}"


@dataclass(frozen=True, slots=True)
class _Message:
    """One contact's SMS of one activation."""

    activation: Activation
    index: int
    contact: Contact
    text: str


def activations(changes: Iterable[Change]) -> list[Activation]:
    """The panic activations in a committed batch: a panic_button incident with a
    beneficiary and its ``created`` event (a repeat activation creates nothing; a device's
    test activation at delivery alarms no one)."""
    incidents = {c.id: c.data for c in changes if c.entity == "incident"}
    found = []
    for c in changes:
        if c.entity != "event" or c.data.get("kind") != "created":
            continue
        inc = incidents.get(c.data.get("incident_id", ""))
        if (inc is None or inc.get("channel") != Channel.PANIC_BUTTON.value or inc.get("test")
                or not inc.get("beneficiary_id") or inc.get("lat") is None or inc.get("lon") is None):
            continue
        found.append(Activation(inc["id"], inc.get("folio", ""), inc["beneficiary_id"],
                                float(inc["lat"]), float(inc["lon"]), float(inc["created_at"])))
    return found


def trusted_contacts(data: dict[str, Any]) -> tuple[list[Contact], list[str]]:
    """(usable contacts, problems) of a beneficiary's stored record data."""
    raw = data.get("trusted_contacts") or []
    contacts, problems = [], []
    if not isinstance(raw, list):
        return [], [f"trusted_contacts is {type(raw).__name__}, not a list"]
    for n, item in enumerate(raw[:MAX_CONTACTS], 1):
        if not isinstance(item, dict):
            problems.append(f"contacto {n}: no es un registro")
            continue
        name = str(item.get("name") or "").strip() or f"contacto {n}"
        try:
            phone = normalise_phone(str(item.get("phone") or ""))
        except ValueError as e:
            problems.append(f"{name}: {e}")
            continue
        contacts.append(Contact(name, phone, str(item.get("relation") or "").strip()))
    return contacts, problems


def map_link(lat: float, lon: float) -> str:
    """An OpenStreetMap link with a marker at (lat, lon), zoomed to the street."""
    return (f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}"
            f"#map=17/{lat:.6f}/{lon:.6f}")


def message_text(name: str, at: float, lat: float, lon: float, tz: ZoneInfo) -> str:
    """The SMS (Spanish, in the 7-bit SMS alphabet): her name, the local time, the map link."""
    local = datetime.fromtimestamp(at, tz)
    return gsm7(f"ALERTA C4: {name} activó su botón de pánico a las {local:%H:%M} del "
                f"{local:%d/%m/%Y}; el C4 ya atiende. Ubicación: {map_link(lat, lon)}")


def _beneficiary_data(engine: Engine, beneficiary_id: str) -> dict[str, Any] | None:
    table = t.ENTITY_TABLES["beneficiary"]
    with engine.connect() as conn:
        return conn.execute(select(table.c.data).where(table.c.id == beneficiary_id)).scalar()


class TrustedContactSms:
    """Sends the activation SMS and records what became of them; serves the dlr-url."""

    def __init__(self, service: Service, reader: Reader, settings: KannelSettings | None,
                 timezone: ZoneInfo) -> None:
        self.service = service
        self.reader = reader
        self.settings = settings or KannelSettings()
        self.timezone = timezone
        self.missing = self.settings.missing()
        self.client = KannelClient(self.settings) if not self.missing else None
        key = hashlib.sha256(b"c4console kannel dlr\0" + self.settings.password.encode()).digest()
        self._key = key
        self._dlr_base = self.settings.dlr_base
        self._work = BackgroundTasks("SMS")
        self._sent: OrderedDict[str, _Message] = OrderedDict()  # token → message (for DLR retries)
        self._reports: OrderedDict[tuple[str, int], None] = OrderedDict()  # seen (token, status)

    @property
    def enabled(self) -> bool:
        """True when every setting is given."""
        return self.client is not None

    def start(self, gateway_url: str) -> None:
        """Start on the running loop; ``gateway_url`` is the default base of the dlr-url."""
        self._work.start()
        self._dlr_base = self._dlr_base or gateway_url.rstrip("/")
        if self.enabled:
            log.info("SMS to trusted contacts on: Kannel sendsms %s as %s; delivery reports to %s%s",
                     self.settings.sendsms_url, self.settings.user, self._dlr_base, DLR_PATH)
        else:
            log.info("SMS to trusted contacts off: set %s", ", ".join(self.missing))

    async def stop(self) -> None:
        """Cancel pending sends and retries (before the service closes)."""
        await self._work.stop()
        if self.client is not None:
            await self.client.close()

    # --- from the writer --------------------------------------------------------

    def listener(self, changes: list[Change]) -> None:
        """Service listener (writer thread): pass the batch to the loop, nothing else."""
        if self.enabled:
            self._work.from_writer(self._offer, changes)

    def _offer(self, changes: list[Change]) -> None:
        for activation in activations(changes):
            self._work.spawn(self._activation(activation))


    # --- sending -----------------------------------------------------------------

    async def _activation(self, a: Activation) -> None:
        data = await self.reader.run(_beneficiary_data, a.beneficiary_id) or {}
        contacts, problems = trusted_contacts(data)
        for problem in problems:
            log.warning("incident %s: beneficiary %s: unusable trusted contact: %s",
                        a.folio, a.beneficiary_id, problem)
        if not contacts:
            why = "; ".join(problems) or "no tiene contactos de confianza registrados"
            await self._event(a.incident_id, "sms_skipped",
                              f"SMS a contactos de confianza no enviado: {why}",
                              {"beneficiary_id": a.beneficiary_id})
            return
        name = str(data.get("name") or "").strip() or "La beneficiaria"
        text = message_text(name, a.at, a.lat, a.lon, self.timezone)
        log.info("incident %s: SMS to %d trusted contact(s) of %s", a.folio, len(contacts),
                 a.beneficiary_id)
        for index, contact in enumerate(contacts):
            self._work.spawn(self._deliver(_Message(a, index, contact, text), 1))

    def _token(self, m: _Message, attempt: int) -> str:
        body = f"{m.activation.incident_id}.{m.index}.{attempt}"
        return f"{body}.{self._sign(body)}"

    def _sign(self, body: str) -> str:
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()[:20]

    def _dlr_url(self, token: str) -> str:
        # %d (status), %i (smsc id), %T (time), %A (SMSC answer) are filled in by Kannel;
        # urlencode would escape the %, so they are appended as they are.
        return (f"{self._dlr_base}{DLR_PATH}?{urlencode({'msg': token})}"
                "&status=%d&smsc=%i&ts=%T&answer=%A")

    def _delay(self, attempt: int) -> float:
        return self.settings.backoff_s * 2 ** (attempt - 1)

    async def _deliver(self, m: _Message, attempt: int) -> None:
        """Send ``m`` from ``attempt`` on until smsbox accepts it or the attempts run out."""
        assert self.client is not None
        incident = m.activation.incident_id
        while True:
            token = self._token(m, attempt)
            answer = await self.client.send(m.contact.phone, m.text, self._dlr_url(token))
            data = {"contact": m.contact.name, "relation": m.contact.relation,
                    "phone": m.contact.phone, "attempt": attempt, "msg": token,
                    "http_status": answer.status, "answer": answer.detail}
            if answer.accepted:
                self._remember(self._sent, token, m)
                await self._event(incident, "sms_sent",
                                  f"SMS a {m.contact.label()} aceptado por Kannel "
                                  f"(intento {attempt})", data)
                return
            log.warning("incident %s: SMS to contact %d attempt %d failed: %s",
                        m.activation.folio, m.index, attempt, answer.detail)
            if not await self._failed(m, attempt, answer.detail, data):
                return
            attempt += 1

    async def _failed(self, m: _Message, attempt: int, why: str, data: dict[str, Any]) -> bool:
        """Record a failed attempt; wait and return True if another one is due."""
        incident = m.activation.incident_id
        if attempt >= self.settings.attempts:
            await self._event(incident, "sms_failed",
                              f"SMS a {m.contact.label()} NO enviado tras {attempt} intentos: {why}",
                              data)
            return False
        delay = self._delay(attempt)
        await self._event(incident, "sms_retry",
                          f"SMS a {m.contact.label()}: intento {attempt} fallido ({why}); "
                          f"reintento en {delay:g} s", {**data, "retry_in_s": delay})
        await asyncio.sleep(delay)
        return True

    async def _event(self, incident_id: str, kind: str, text: str, data: dict[str, Any]) -> None:
        event = TimelineEvent(str(uuid.uuid4()), incident_id, 0.0, kind, ACTOR, text, data)
        try:
            await self.service.write(lambda tx: tx.put(event.evolve(at=tx.now)))
        except Exception as e:  # the database is away, or the central is stopping
            log.error("incident %s: could not record %s (%s: %s): %s", incident_id, kind,
                      type(e).__name__, e, text)

    @staticmethod
    def _remember(table: OrderedDict, key: Any, value: Any) -> None:
        table[key] = value
        while len(table) > REMEMBERED:
            table.popitem(last=False)

    # --- delivery reports ----------------------------------------------------------

    async def dlr(self, request: web.Request) -> web.Response:
        """GET /api/v1/gateways/kannel/dlr?msg=…&status=N[&smsc=…&ts=…&answer=…]."""
        if not self.enabled:
            return _json_error(503, "SMS gateway (Kannel) not configured: set "
                               + ", ".join(self.missing))
        token = request.query.get("msg", "")
        raw_status = request.query.get("status", "")
        if not token or len(token) > MAX_TOKEN:
            return _json_error(400, f"query parameter 'msg' must be 1 to {MAX_TOKEN} characters")
        try:
            status = int(raw_status)
        except ValueError:
            status = -1
        if status not in DLR_MEANING:
            return _json_error(400, f"query parameter 'status' must be one of "
                                    f"{', '.join(map(str, DLR_MEANING))} (Kannel's %d), "
                                    f"not {raw_status[:20]!r}")
        parts = token.split(".")
        body = ".".join(parts[:-1])
        if len(parts) != 4 or not hmac.compare_digest(parts[-1], self._sign(body)):
            source = request.remote or ""
            await self._security_event(f"delivery report with a msg the central did not sign: "
                                       f"{token[:80]!r} status {status}", source)
            return _json_error(403, "msg is not one of this central's messages")
        incident_id, index, attempt = parts[0], int(parts[1]), int(parts[2])
        if (token, status) in self._reports:
            return web.json_response({"recorded": False, "reason": "duplicate report"})
        self._remember(self._reports, (token, status), None)
        sent = self._sent.get(token)
        who = sent.contact.label() if sent else f"contacto {index + 1}"
        extra = {k: request.query.get(k, "")[:MAX_TOKEN] for k in ("smsc", "ts", "answer")}
        await self._event(incident_id, "sms_delivery",
                          f"SMS a {who}: {DLR_MEANING[status]} (reporte de entrega {status})",
                          {"msg": token, "status": status, "attempt": attempt,
                           **({"contact": sent.contact.name, "phone": sent.contact.phone}
                              if sent else {}), **extra})
        if status in DLR_FAILURES and sent is not None:
            self._sent.pop(token, None)
            self._work.spawn(self._after_failed_report(sent, attempt, status))
        return web.json_response({"recorded": True})

    async def _after_failed_report(self, m: _Message, attempt: int, status: int) -> None:
        data = {"contact": m.contact.name, "phone": m.contact.phone, "attempt": attempt,
                "dlr_status": status}
        if await self._failed(m, attempt, f"reporte de entrega {status}: {DLR_MEANING[status]}",
                              data):
            await self._deliver(m, attempt + 1)

    async def _security_event(self, detail: str, source: str) -> None:
        log.warning("kannel dlr from %s refused: %s", source or "?", detail)
        with contextlib.suppress(Exception):
            await self.service.write(lambda tx: tx.security_event("bad_dlr", detail, source))


def _json_error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def add_dlr_route(app: web.Application, sms: TrustedContactSms) -> None:
    """Serve the dlr-url on ``app`` (the device gateway's application)."""
    app.router.add_get(DLR_PATH, sms.dlr)
