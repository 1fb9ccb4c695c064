"""SMS to a beneficiary's trusted contacts on a panic activation, through Kannel.

How it hangs together:

- :meth:`TrustedContactSms.on_activation` is subscribed to
  :class:`~c4console.core.domain_events.PanicActivated` (``Service.on``): the write
  transaction of *this* node that decides a new panic incident hands it the activation
  (so with several nodes one SMS goes out, not one per node). In that same transaction
  it reads her record (its ``trusted_contacts``) and queues one outbox row per trusted
  contact (her name, the local time, an OpenStreetMap link to the activation's
  position), so the SMS exist exactly when the alarm is committed and survive a restart
  (c4console/central/gateways/outbox.py). A device's test activation alarms no one.
- The outbox worker (any node) sends each row through Kannel's ``sendsms``
  (:meth:`TrustedContactSms.attempt`), with a doubling backoff between attempts.
- Every outcome is a timeline event of the incident (so consoles see it through the
  change feed), committed with the row's new state: ``sms_sent`` (smsbox accepted it),
  ``sms_retry`` (an attempt failed; the next one is due), ``sms_failed`` (gave up after
  ``attempts``), ``sms_delivery`` (a delivery report), ``sms_skipped`` (she has no
  usable contact).
- Kannel calls the ``dlr-url`` back on the gateway port
  (``GET /api/v1/gateways/kannel/dlr?msg=…&status=%d…``); ``msg`` names the incident,
  the contact and the attempt and is signed (HMAC with a key derived from the Kannel
  password), so a forged report is refused and every node that shares the
  configuration can record a report. A failure report (2, 16) of the latest attempt
  makes the row due again, within the same bound, whichever node hears it.

The alarm's transaction only gains a read and a few inserts; nothing waits for Kannel
before the alarm is answered.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from aiohttp import web

from c4console.central.gateways.kannel_client import (
    DLR_FAILURES,
    DLR_MEANING,
    KannelClient,
    KannelSettings,
    gsm7,
    normalise_phone,
)
from c4console.central.gateways.outbox import (
    FAILED,
    PENDING,
    SENT,
    Item,
    OutboxWorker,
    Outcome,
    enqueue,
    give_up,
    requeue,
)
from c4console.central.gateways.outbox import row as outbox_row
from c4console.central.queries import Reader
from c4console.central.records import Tx
from c4console.central.service import Service
from c4console.core.domain_events import PanicActivated, ProximityAlarm
from c4console.core.models import TimelineEvent
from c4console.core.redact import redact

log = logging.getLogger(__name__)

DLR_PATH = "/api/v1/gateways/kannel/dlr"
ACTOR = "gateway:kannel"
CHANNEL = "sms"
MAX_CONTACTS = 10
MAX_TOKEN = 200
REMEMBERED = 10_000  # seen delivery reports (for duplicates)


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
    """One contact's SMS of one activation (an outbox row's payload)."""

    folio: str
    index: int
    contact: Contact
    text: str

    @classmethod
    def of(cls, payload: dict[str, Any]) -> _Message:
        """From an outbox row's payload."""
        return cls(str(payload.get("folio", "")), int(payload.get("index", 0)),
                   Contact(str(payload.get("name", "")), str(payload.get("phone", "")),
                           str(payload.get("relation", ""))), str(payload.get("text", "")))

    def data(self) -> dict[str, Any]:
        """The contact, as the timeline events carry it."""
        return {"contact": self.contact.name, "relation": self.contact.relation,
                "phone": self.contact.phone}


def row_id(incident_id: str, index: int) -> str:
    """The outbox row of one contact's SMS of one activation."""
    return f"sms:{incident_id}:{index}"


def _event(incident_id: str, kind: str, text: str, data: dict[str, Any],
           at: float = 0.0) -> TimelineEvent:
    return TimelineEvent(str(uuid.uuid4()), incident_id, at, kind, ACTOR, text, data)


def alarms_her_contacts(activation: PanicActivated) -> bool:
    """True if the activation texts her trusted contacts: it is hers (a registered
    beneficiary), and not a device's test activation at delivery (that alarms no one).
    A repeat activation of an open incident is no PanicActivated at all."""
    return bool(activation.beneficiary_id) and not activation.test


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


def message_text(name: str, at: float, lat: float | None, lon: float | None, tz: ZoneInfo) -> str:
    """The SMS (Spanish, in the 7-bit SMS alphabet): her name, the local time, the map link
    (an activation by audio from a device that never reported a position has none)."""
    local = datetime.fromtimestamp(at, tz)
    where = map_link(lat, lon) if lat is not None and lon is not None else "aún sin posición"
    return gsm7(f"ALERTA C4: {name} activó su botón de pánico a las {local:%H:%M} del "
                f"{local:%d/%m/%Y}; el C4 ya atiende. Ubicación: {where}")


def proximity_text(name: str, a: ProximityAlarm, tz: ZoneInfo) -> str:
    """The proximity alarm's SMS (Spanish, 7-bit): whose order, what, when, where."""
    local = datetime.fromtimestamp(a.at, tz)
    what = (f"dentro de la zona de exclusion {a.zone_label}" if a.breach == "zone" and a.zone_label
            else "dentro de una zona de exclusion" if a.breach == "zone" else "cerca de ella")
    where = map_link(a.lat, a.lon) if a.lat is not None and a.lon is not None else "sin posicion"
    return gsm7(f"ALERTA C4: el rastreador del agresor de {name} se detecto {what} a las "
                f"{local:%H:%M} del {local:%d/%m/%Y}; el C4 ya atiende. Ubicacion: {where}")


class TrustedContactSms:
    """Queues the activation SMS, sends them for the outbox worker, records what became of
    them; serves the dlr-url."""

    def __init__(self, service: Service, reader: Reader, settings: KannelSettings | None,
                 timezone: ZoneInfo, worker: OutboxWorker) -> None:
        self.service = service
        self.reader = reader
        self.settings = settings or KannelSettings()
        self.timezone = timezone
        self.worker = worker
        self.missing = self.settings.missing()
        self.client = KannelClient(self.settings) if not self.missing else None
        key = hashlib.sha256(b"c4console kannel dlr\0" + self.settings.password.encode()).digest()
        self._key = key
        self._dlr_base = self.settings.dlr_base
        self._reports: OrderedDict[tuple[str, int], None] = OrderedDict()  # seen (token, status)
        worker.register(CHANNEL, self.attempt)

    @property
    def enabled(self) -> bool:
        """True when every setting is given."""
        return self.client is not None

    def start(self, gateway_url: str) -> None:
        """Start; ``gateway_url`` is the default base of the dlr-url."""
        self._dlr_base = self._dlr_base or gateway_url.rstrip("/")
        if self.enabled:
            log.info("SMS to trusted contacts on: Kannel sendsms %s as %s; delivery reports to %s%s",
                     self.settings.sendsms_url, self.settings.user, self._dlr_base, DLR_PATH)
        else:
            log.info("SMS to trusted contacts off: set %s", ", ".join(self.missing))

    async def stop(self) -> None:
        """Close the HTTP session (after the outbox worker stopped)."""
        if self.client is not None:
            await self.client.close()

    # --- in the activation's transaction (writer thread) ------------------------------

    def on_activation(self, tx: Tx, a: PanicActivated) -> None:
        """Subscriber of :class:`PanicActivated`: queue one SMS per trusted contact of
        her activation (or record why none goes out), in the activation's own transaction."""
        if not self.enabled or not alarms_her_contacts(a):
            return
        assert a.beneficiary_id is not None
        her = tx.get("beneficiary", a.beneficiary_id)
        data = her.to_wire() if her is not None else {}
        contacts, problems = trusted_contacts(data)
        if problems:  # which contact and why is on the timeline: names and numbers stay out
            log.warning("incident %s: beneficiary %s: %d unusable trusted contact(s)",
                        a.folio, a.beneficiary_id, len(problems))
        if not contacts:
            why = "; ".join(problems) or "no tiene contactos de confianza registrados"
            tx.put(_event(a.incident_id, "sms_skipped",
                          f"SMS a contactos de confianza no enviado: {why}",
                          {"beneficiary_id": a.beneficiary_id}, tx.now))
            return
        name = str(data.get("name") or "").strip() or "La beneficiaria"
        text = message_text(name, a.at, a.lat, a.lon, self.timezone)
        log.info("incident %s: SMS to %d trusted contact(s) of %s queued", a.folio,
                 len(contacts), a.beneficiary_id)
        for index, c in enumerate(contacts):
            enqueue(tx, row_id(a.incident_id, index), CHANNEL, a.incident_id,
                    {"folio": a.folio, "index": index, "name": c.name, "phone": c.phone,
                     "relation": c.relation, "text": text})
        self.worker.poke_after_commit()

    def on_proximity(self, tx: Tx, a: ProximityAlarm) -> None:
        """Subscriber of :class:`ProximityAlarm`: her trusted contacts are told that the
        aggressor was detected near her or a protected place, the same way (outbox, Kannel)."""
        if not self.enabled or not a.beneficiary_id:
            return
        her = tx.get("beneficiary", a.beneficiary_id)
        data = her.to_wire() if her is not None else {}
        contacts, problems = trusted_contacts(data)
        if not contacts:
            why = "; ".join(problems) or "no tiene contactos de confianza registrados"
            tx.put(_event(a.incident_id, "sms_skipped",
                          f"SMS a contactos de confianza no enviado: {why}",
                          {"beneficiary_id": a.beneficiary_id}, tx.now))
            return
        name = str(data.get("name") or "").strip() or "la beneficiaria"
        text = proximity_text(name, a, self.timezone)
        for index, c in enumerate(contacts):
            enqueue(tx, row_id(a.incident_id, index), CHANNEL, a.incident_id,
                    {"folio": a.folio, "index": index, "name": c.name, "phone": c.phone,
                     "relation": c.relation, "text": text})
        self.worker.poke_after_commit()

    # --- sending (the outbox worker) ---------------------------------------------------

    def _token(self, incident_id: str, index: int, attempt: int) -> str:
        body = f"{incident_id}.{index}.{attempt}"
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

    async def attempt(self, item: Item) -> Outcome:
        """One sendsms request for one contact's SMS (an outbox row)."""
        m = _Message.of(item.payload)
        attempt, incident = item.attempt, item.incident_id
        if self.client is None:
            why = f"SMS desactivado: falta {', '.join(self.missing)}"
            return Outcome(FAILED, [_event(incident, "sms_failed",
                                           f"SMS a {m.contact.label()} NO enviado: {why}",
                                           {**m.data(), "attempt": attempt, "answer": why})], why)
        token = self._token(incident, m.index, attempt)
        answer = await self.client.send(m.contact.phone, m.text, self._dlr_url(token))
        data = {**m.data(), "attempt": attempt, "msg": token, "http_status": answer.status,
                "answer": answer.detail, "node": self.worker.owner}
        if answer.accepted:
            return Outcome(SENT, [_event(incident, "sms_sent",
                                         f"SMS a {m.contact.label()} aceptado por Kannel "
                                         f"(intento {attempt})", data)])
        log.warning("incident %s: SMS to contact %d attempt %d failed: %s", m.folio, m.index,
                    attempt, redact(answer.detail))
        return self._failed(incident, m, attempt, answer.detail, data)

    def _failed(self, incident: str, m: _Message, attempt: int, why: str,
                data: dict[str, Any]) -> Outcome:
        """A failed attempt: given up after ``attempts``, else due again after the backoff."""
        if attempt >= self.settings.attempts:
            return Outcome(FAILED, [_event(incident, "sms_failed",
                                           f"SMS a {m.contact.label()} NO enviado tras {attempt} "
                                           f"intentos: {why}", data)], why)
        delay = self._delay(attempt)
        return Outcome(PENDING, [_event(incident, "sms_retry",
                                        f"SMS a {m.contact.label()}: intento {attempt} fallido "
                                        f"({why}); reintento en {delay:g} s",
                                        {**data, "retry_in_s": delay})], why, delay)

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
        stored = await self.reader.run(outbox_row, row_id(incident_id, index))
        sent = _Message.of(stored.payload) if stored is not None else None
        who = sent.contact.label() if sent else f"contacto {index + 1}"
        extra = {k: request.query.get(k, "")[:MAX_TOKEN] for k in ("smsc", "ts", "answer")}
        report = _event(incident_id, "sms_delivery",
                        f"SMS a {who}: {DLR_MEANING[status]} (reporte de entrega {status})",
                        {"msg": token, "status": status, "attempt": attempt,
                         **({"contact": sent.contact.name, "phone": sent.contact.phone}
                            if sent else {}), **extra})
        retry = None
        if status in DLR_FAILURES and sent is not None:
            why = f"reporte de entrega {status}: {DLR_MEANING[status]}"
            retry = self._failed(incident_id, sent, attempt, why,
                                 {**sent.data(), "attempt": attempt, "dlr_status": status})

        def record(tx: Tx) -> None:
            tx.put(report.evolve(at=tx.now))
            # Any node may hear the report: the row says whether this attempt was the last
            # one sent, so a report seen by two nodes re-queues the SMS once.
            if retry is None:
                return
            rid = row_id(incident_id, index)
            if not (requeue(tx, rid, attempt, retry.retry_in_s, retry.error)
                    if retry.state == PENDING else give_up(tx, rid, attempt, retry.error)):
                return
            for event in retry.events:
                tx.put(event.evolve(at=tx.now))
            self.worker.poke_after_commit()

        try:
            await self.service.write(record)
        except Exception as e:  # the database is away: Kannel retries the report
            log.error("incident %s: could not record a delivery report (%s: %s)", incident_id,
                      type(e).__name__, e)
            return _json_error(503, "could not record the report; send it again")
        return web.json_response({"recorded": True})

    async def _security_event(self, detail: str, source: str) -> None:
        log.warning("kannel dlr from %s refused: %s", source or "?", detail)
        with contextlib.suppress(Exception):
            await self.service.write(lambda tx: tx.security_event("bad_dlr", detail, source))


def _json_error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def add_dlr_route(app: web.Application, sms: TrustedContactSms) -> None:
    """Serve the dlr-url on ``app`` (the device gateway's application)."""
    app.router.add_get(DLR_PATH, sms.dlr)
