"""Traccar event forwarding: ``POST /api/v1/gateways/traccar`` on the API port.

A C4 that already runs a Traccar server (hundreds of device protocols) points its
``event.forward.url`` here. Traccar posts one JSON object per event::

    {"event": {"id", "type", "eventTime", "deviceId", "positionId", "attributes": {"alarm": "sos"}},
     "position": {"id", "deviceId", "fixTime", "latitude", "longitude", "altitude", "speed",
                  "course", "accuracy", "attributes": {"batteryLevel", "alarm", ...}},
     "device": {"id", "name", "uniqueId", "status", ...}}

and authenticates with the shared secret it sends through ``event.forward.header``
(``Authorization: Bearer <traccar_secret>``). ``device.uniqueId`` is the device's
identifier here (IMEI or app id, as registered).

- An ``alarm`` event whose alarm is ``sos`` (or any event whose position carries
  ``alarm: sos``) is a panic activation: the same device report as an OsmAnd
  ``alarm=sos``, through the same ingest (resends and the same fix seen in several
  events open one incident).
- Any other event with a position is a position (``deviceMoving``, ``deviceOnline``,
  ``geofenceEnter``…): it updates the device, her open incident's live position and
  trail. ``geofenceEnter``/``geofenceExit`` carry their ``event.geofenceId``: for an
  aggressor's tracker, the exclusion zone with that ``traccar_geofence_id`` counts as
  entered or left (central/proximity.py). An event without a position (``deviceOffline``,
  ``deviceUnknown``…) is answered 200 ``ignored``.

Answers JSON: 200 ``{"status": "stored"|"ignored", "message"}``, 400 bad body, 401 wrong
secret (a security event), 403 unknown device or an address outside ``tracker_allow`` (a
security event), 429 flood (positions beyond the device's rate, alarms beyond their cap:
central/gateways/tracker_guard.py), 503 not configured (names the setting).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import math
import uuid
from typing import Any

from aiohttp import web

from c4console.central import jsonbody
from c4console.central.device_health import observe_event
from c4console.central.gateways.tracker_guard import TrackerGuard
from c4console.central.ingest import PositionReport
from c4console.central.osmand import MAX_ID, Malformed, _timestamp
from c4console.central.service import Service
from c4console.core.device_health import BadHealthValue, battery_level
from c4console.core.geo import valid_position
from c4console.core.redact import redact

log = logging.getLogger(__name__)

PATH = "/api/v1/gateways/traccar"
MAX_BODY = 256 << 10  # one event with its position and device: a few kB
SETTING = "traccar_secret (environment C4_TRACCAR_SECRET)"
GEOFENCE_EVENTS = {"geofenceEnter": "enter", "geofenceExit": "exit"}


def _obj(body: dict[str, Any], name: str) -> dict[str, Any] | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise Malformed(f"'{name}' must be an object, not {type(value).__name__}")
    return value


def _num(obj: dict[str, Any], name: str, where: str, *, required: bool = False) -> float | None:
    value = obj.get(name)
    if value is None:
        if required:
            raise Malformed(f"{where}.{name} is missing")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Malformed(f"{where}.{name}={value!r} is not a number")
    return float(value)


def _alarms(attributes: Any) -> set[str]:
    """Traccar's ``alarm`` attribute: one name or a comma-separated list."""
    raw = attributes.get("alarm") if isinstance(attributes, dict) else None
    if not isinstance(raw, str):
        return set()
    return {a.strip().lower() for a in raw.split(",") if a.strip()}


def parse_event(body: Any, now: float) -> tuple[PositionReport | None, str]:
    """The device report in one forwarded event, or (None, why it carries none).

    Raises :class:`~c4console.central.osmand.Malformed` for a body of the wrong shape.
    """
    if not isinstance(body, dict):
        raise Malformed(f"body must be a JSON object, not {type(body).__name__}")
    event = _obj(body, "event")
    if event is None:
        raise Malformed("'event' is missing: is this Traccar's event forwarding (event.forward.url)?")
    kind = event.get("type")
    if not isinstance(kind, str) or not kind:
        raise Malformed("event.type must be a non-empty string")
    device = _obj(body, "device")
    unique_id = device.get("uniqueId") if device is not None else None
    if isinstance(unique_id, int) and not isinstance(unique_id, bool):
        unique_id = str(unique_id)
    if not isinstance(unique_id, str) or not unique_id.strip():
        raise Malformed("device.uniqueId (the device's identifier) is missing")
    unique_id = unique_id.strip()
    if len(unique_id) > MAX_ID:
        raise Malformed(f"device.uniqueId is longer than {MAX_ID} characters")
    position = _obj(body, "position")
    sos = (kind == "alarm" and "sos" in _alarms(event.get("attributes"))) or (
        position is not None and "sos" in _alarms(position.get("attributes")))
    if position is None or position.get("latitude") is None:
        if sos:
            raise Malformed(f"SOS alarm of device {unique_id} without a position; enable "
                            "position data in the forwarded event")
        return None, f"{kind} event without a position: nothing to store"
    lat = _num(position, "latitude", "position", required=True)
    lon = _num(position, "longitude", "position", required=True)
    assert lat is not None and lon is not None
    if not valid_position(lat, lon):
        raise Malformed(f"position latitude={lat} longitude={lon} is not a WGS84 position")
    attributes = position.get("attributes") if isinstance(position.get("attributes"), dict) else {}
    # A battery outside 0–100 is refused with its reason; the position is still kept.
    try:
        battery, refused = battery_level(attributes.get("batteryLevel")), ""
    except BadHealthValue as e:
        battery, refused = None, str(e).replace("batt=", "batteryLevel=")
    charge = attributes.get("charge")
    rssi = attributes.get("rssi")
    when = position.get("fixTime") or position.get("deviceTime") or event.get("eventTime")
    alarms = _alarms(event.get("attributes")) | _alarms(attributes)
    geofence_id = event.get("geofenceId")
    geofence = None
    if kind in GEOFENCE_EVENTS and isinstance(geofence_id, int | str) and not isinstance(geofence_id, bool):
        geofence = (GEOFENCE_EVENTS[kind], str(geofence_id).strip())
    return PositionReport(
        device_id=unique_id, lat=lat, lon=lon, at=_timestamp(when, now),
        speed=_num(position, "speed", "position"),  # knots, as Traccar (and OsmAnd's speed)
        bearing=_num(position, "course", "position"), altitude=_num(position, "altitude", "position"),
        accuracy=_num(position, "accuracy", "position"), battery=battery,
        alarm="sos" if sos else (",".join(sorted(alarms)) or None),
        charging=charge if isinstance(charge, bool) else None,
        signal=float(rssi) if isinstance(rssi, int | float) and not isinstance(rssi, bool) else None,
        refused=refused, geofence=geofence,
    ), kind


def health_event(body: Any) -> tuple[str, str, set[str]] | None:
    """(device id, event type, alarm names) of an event without a position that tells of
    the device's health (``deviceOffline``, an ``alarm`` such as lowBattery or tampering);
    None for any other."""
    event = _obj(body, "event") or {}
    device = _obj(body, "device") or {}
    kind, unique_id = event.get("type"), device.get("uniqueId")
    if isinstance(unique_id, int) and not isinstance(unique_id, bool):
        unique_id = str(unique_id)
    if not isinstance(unique_id, str) or not unique_id.strip() or len(unique_id) > MAX_ID:
        return None
    alarms = _alarms(event.get("attributes"))
    if kind == "deviceOffline" or (kind == "alarm" and alarms):
        return unique_id.strip(), str(kind), alarms
    return None


def _error(status: int, message: str, **extra: Any) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status)


class TraccarGateway:
    """The handler of forwarded events, bound to the service and the shared secret."""

    def __init__(self, service: Service, secret: str | None, guard: TrackerGuard) -> None:
        self.service = service
        self.secret = secret or None
        self.guard = guard

    def _secret_ok(self, request: web.Request) -> bool:
        assert self.secret is not None
        scheme, _, value = request.headers.get("Authorization", "").strip().partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            value.strip().encode("utf-8"), self.secret.encode("utf-8"))

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """POST /api/v1/gateways/traccar: one forwarded event."""
        if self.secret is None:
            return _error(503, f"the Traccar gateway is not configured: set {SETTING}")
        source = request.remote or ""
        refusal = await self.guard.address(source, "traccar")
        if refusal is not None:
            return refusal.json()
        if not self._secret_ok(request):
            number = await self.service.write(lambda tx: tx.security_event(
                "traccar_bad_secret", "Traccar event forwarding with a missing or wrong shared "
                                      "secret refused", source))
            log.warning("traccar: wrong or missing secret from %s (security event %d)", source, number)
            return web.json_response(
                {"error": "missing or wrong shared secret: Traccar must send 'Authorization: "
                          "Bearer <traccar_secret>' (event.forward.header)",
                 "security_event": number}, status=401,
                headers={"WWW-Authenticate": 'Bearer realm="c4central traccar"'})
        if request.content_length is not None and request.content_length > MAX_BODY:
            return _error(413, f"body larger than {MAX_BODY} bytes; nothing stored")
        try:
            raw = await request.content.read(MAX_BODY + 1)
            if len(raw) > MAX_BODY:
                return _error(413, f"body larger than {MAX_BODY} bytes; nothing stored")
            body = jsonbody.parse(raw)
            report, what = parse_event(body, self.service.clock())
        except (jsonbody.BadBody, Malformed) as e:
            log.warning("traccar: refused an event from %s: %s", source, e)
            return _error(400, f"{e}; nothing stored")
        if report is None:
            health = health_event(body)
            if health is None:
                return web.json_response({"status": "ignored", "message": what})
            device_id, kind, alarms = health
            message = await self.service.write(
                lambda tx: observe_event(tx, device_id, kind, alarms, lambda: str(uuid.uuid4())))
            stored = message.endswith("stored")
            return web.json_response({"status": "stored" if stored else "ignored",
                                      "event": kind, "message": message})
        refusal = await self.guard.flood(report, source)
        if refusal is not None:
            return refusal.json()
        try:
            outcome = await self.service.ingest(report, source)
        except asyncio.CancelledError:
            raise
        except Exception as e:
            log.exception("traccar: event %s of device %s failed", what, report.device_id)
            return _error(500, f"server error ({type(e).__name__}); nothing stored, send again")
        if not outcome.accepted:
            log.warning("traccar: %s (from %s)", redact(outcome.message), source)
            return _error(403, outcome.message, security_event=outcome.security_event)
        if report.is_sos:
            # Where she is stays out of the log: the incident (its folio) has it.
            log.warning("traccar: SOS from device %s: %s", report.device_id,
                        redact(outcome.message))
        answer: dict[str, Any] = {"status": "stored", "event": what, "message": outcome.message}
        if report.refused:
            log.warning("traccar: device %s: %s", report.device_id, report.refused)
            answer["refused"] = {"battery": report.refused}
        if outcome.incident_id:
            answer["incident_id"] = outcome.incident_id
        return web.json_response(answer)


def add_traccar_route(app: web.Application, gateway: TraccarGateway) -> None:
    """Serve the gateway on the API application (no login: the shared secret is checked)."""
    app.router.add_post(PATH, gateway.handle)
