"""OsmAnd protocol gateway (Traccar Client and many trackers), on its own port.

``GET /?id=…&lat=…&lon=…&timestamp=…`` or ``POST /`` with the same fields as a
form body or as JSON (flat, or Traccar Client's ``{"device_id", "location": …}``).
A device with a secret of its own (central/device_secrets.py) also sends ``secret=…``.
Answers: 200 empty on success, 400 plain-text reason (nothing stored), 403 for an
address outside ``tracker_allow``, an unknown device or a missing or wrong secret (each a
security event), 429 for a position beyond the device's rate or an alarm beyond its cap
(a flood; central/gateways/tracker_guard.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from c4console.central.client_address import Network, proxy_middleware
from c4console.central.gateways.tracker_guard import TrackerGuard
from c4console.central.ingest import PositionReport
from c4console.central.service import Service
from c4console.core.device_health import BadHealthValue, battery_level
from c4console.core.geo import valid_position
from c4console.core.redact import redact

log = logging.getLogger(__name__)

DEFAULT_PORT = 5055
MAX_ID = 64
MAX_BODY = 64 << 10
FUTURE_SLACK_S = 300.0  # a device clock further ahead than this is not believed
MS_THRESHOLD = 1e11  # larger epoch values are milliseconds (as Traccar reads them)


class Malformed(ValueError):
    """The report cannot be used; the message says which field and why."""


def _number(params: Mapping[str, Any], name: str, *, required: bool = False) -> float | None:
    raw = params.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise Malformed(f"missing {name}")
        return None
    if isinstance(raw, bool):
        raise Malformed(f"{name}={raw!r} is not a number")
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise Malformed(f"{name}={raw!r} is not a number") from None
    if not math.isfinite(value):
        raise Malformed(f"{name}={raw!r} is not a finite number")
    return value


def _timestamp(raw: Any, now: float) -> float:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return now  # many trackers omit it; the report is still current
    if isinstance(raw, bool):
        raise Malformed(f"timestamp={raw!r} is neither epoch seconds nor ISO 8601")
    try:
        value = float(raw)
    except (TypeError, ValueError):
        try:
            parsed = datetime.fromisoformat(str(raw).strip())
        except ValueError:
            raise Malformed(f"timestamp={raw!r} is neither epoch seconds nor ISO 8601") from None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        value = parsed.timestamp()
    else:
        if not math.isfinite(value):
            raise Malformed(f"timestamp={raw!r} is not a time")
        if value > MS_THRESHOLD:
            value /= 1000.0
    if value <= 0:
        raise Malformed(f"timestamp={raw!r} is not a time")
    if value > now + FUTURE_SLACK_S:
        log.warning("device clock ahead by %.0f s (timestamp=%r); using the server's time",
                    value - now, raw)
        return now
    return value


def parse_report(params: Mapping[str, Any], now: float) -> PositionReport:
    """Validate OsmAnd fields into a :class:`PositionReport`, or raise :class:`Malformed`."""
    device_id = params.get("id") or params.get("deviceid")
    if not isinstance(device_id, str | int) or isinstance(device_id, bool) or not str(device_id).strip():
        raise Malformed("missing id (or deviceid): the device identifier")
    device_id = str(device_id).strip()
    if len(device_id) > MAX_ID:
        raise Malformed(f"id is longer than {MAX_ID} characters")
    params = _split_location(params)
    lat = _number(params, "lat", required=True)
    lon = _number(params, "lon", required=True)
    assert lat is not None and lon is not None
    if not valid_position(lat, lon):
        raise Malformed(f"lat={lat} lon={lon} is not a WGS84 position")
    alarm = params.get("alarm")
    if alarm is not None and not isinstance(alarm, str):
        raise Malformed(f"alarm={alarm!r} is not text")
    # A battery outside 0–100 is refused with its reason; the position is still kept.
    try:
        battery, refused = battery_level(params.get("batt")), ""
    except BadHealthValue as e:
        battery, refused = None, str(e)
    return PositionReport(
        device_id=device_id, lat=lat, lon=lon, at=_timestamp(params.get("timestamp"), now),
        speed=_number(params, "speed"), bearing=_number(params, "bearing"),
        altitude=_number(params, "altitude"), accuracy=_number(params, "accuracy"),
        battery=battery, alarm=(alarm.strip() or None) if alarm else None,
        charging=_flag(params.get("charge")), signal=_number(params, "rssi"), refused=refused,
    )


def _flag(raw: Any) -> bool | None:
    """Traccar's ``charge`` (true/false, 1/0); None if absent or unreadable."""
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower() if raw is not None else ""
    return True if text in ("true", "1", "yes") else False if text in ("false", "0", "no") else None


def _split_location(params: Mapping[str, Any]) -> Mapping[str, Any]:
    # Some clients send location=LAT,LON instead of lat and lon.
    loc = params.get("location")
    if isinstance(loc, str) and "lat" not in params and "," in loc:
        lat, _, lon = loc.partition(",")
        return {**params, "lat": lat, "lon": lon}
    return params


def flatten_json(body: Any) -> dict[str, Any]:
    """Flat OsmAnd fields from a JSON body: flat, or Traccar Client's nested form."""
    if not isinstance(body, dict):
        raise Malformed(f"JSON body must be an object, not {type(body).__name__}")
    location = body.get("location")
    if not isinstance(location, dict):
        return body
    coords = location.get("coords") if isinstance(location.get("coords"), dict) else {}
    battery = location.get("battery") if isinstance(location.get("battery"), dict) else {}
    extras = location.get("extras") if isinstance(location.get("extras"), dict) else {}
    level = battery.get("level")
    # Traccar Client 9 (its background-geolocation library) sends -1 for an unknown
    # speed, heading or altitude accuracy.
    coords = {k: v for k, v in coords.items()
              if not (k in ("speed", "heading") and isinstance(v, int | float) and v < 0)}
    out = {
        "id": body.get("device_id") or body.get("id") or body.get("deviceid"),
        "lat": coords.get("latitude"), "lon": coords.get("longitude"),
        "timestamp": location.get("timestamp"), "speed": coords.get("speed"),
        "bearing": coords.get("heading"), "altitude": coords.get("altitude"),
        "accuracy": coords.get("accuracy"),
        # Traccar Client reports the level as 0..1; OsmAnd's batt is a percentage.
        "batt": level * 100 if isinstance(level, int | float) and not isinstance(level, bool) else None,
        "charge": battery.get("is_charging"),
        "alarm": body.get("alarm") or location.get("alarm") or extras.get("alarm"),
    }
    return {k: v for k, v in out.items() if v is not None}


async def _params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.method != "POST" or not request.can_read_body:
        return params
    ctype = request.content_type
    if ctype == "application/json":
        try:
            body = json.loads((await request.read()).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise Malformed(f"body is not UTF-8 JSON: {e}") from None
        params.update(flatten_json(body))
    elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            form = await request.post()
        except (UnicodeDecodeError, ValueError) as e:  # found by `make fuzz`: bytes, not a form
            raise Malformed(f"body is not a UTF-8 form: {e}") from None
        params.update({k: v for k, v in form.items() if isinstance(v, str)})
    elif ctype in ("", "application/octet-stream", "text/plain"):
        # Some trackers post the query string as a bare body.
        text = (await request.read()).decode("utf-8", "replace").strip()
        params.update(dict(parse_qsl(text)))
    else:
        raise Malformed(f"content type {ctype!r} is not accepted; use a form or JSON body")
    return params


class Gateway:
    """The request handler, bound to the service and the guards in front of it."""

    def __init__(self, service: Service, guard: TrackerGuard) -> None:
        self.service = service
        self.guard = guard

    async def handle(self, request: web.Request) -> web.Response:
        """One OsmAnd report."""
        source = request.remote or ""
        refusal = await self.guard.address(source, "osmand")
        if refusal is not None:
            return refusal.text()
        try:
            params = await _params(request)
            report = parse_report(params, self.service.clock())
        except Malformed as e:
            log.warning("osmand: refused a report from %s: %s", source, e)
            return web.Response(status=400, text=f"{e}; nothing stored\n")
        secret = params.get("secret")
        refusal = (await self.guard.secret(report.device_id,
                                           secret if isinstance(secret, str) else None, source)
                   or await self.guard.flood(report, source))
        if refusal is not None:
            return refusal.text()
        try:
            outcome = await self.service.ingest(report, source)
        except asyncio.CancelledError:
            raise
        except Exception as e:
            log.exception("osmand: report from device %s failed", report.device_id)
            return web.Response(status=500, text=f"server error ({type(e).__name__}); "
                                                 "nothing stored, send again\n")
        if not outcome.accepted:
            log.warning("osmand: %s (from %s)", redact(outcome.message), source)
            return web.Response(status=403, text=outcome.message + "\n")
        if report.is_sos:
            # Where she is stays out of the log: the incident (its folio) has it.
            log.warning("osmand: SOS from device %s: %s", report.device_id,
                        redact(outcome.message))
        if report.refused:
            # 200: the position is stored, a resend would not fix the value.
            log.warning("osmand: device %s: %s", report.device_id, report.refused)
            return web.Response(status=200, text=f"{outcome.message}; {report.refused}\n")
        return web.Response(status=200)


def build_osmand_app(service: Service, guard: TrackerGuard,
                     trusted_proxies: Sequence[Network] = ()) -> web.Application:
    """The gateway's aiohttp application (any path, GET or POST); behind
    ``trusted_proxies`` the sender's address comes from X-Forwarded-For."""
    gateway = Gateway(service, guard)
    proxies = [proxy_middleware(trusted_proxies)] if trusted_proxies else []
    app = web.Application(middlewares=proxies, client_max_size=MAX_BODY)
    # Trackers are configured with a bare host:port and sometimes add a path.
    app.router.add_route("GET", "/{tail:.*}", gateway.handle)
    app.router.add_route("POST", "/{tail:.*}", gateway.handle)
    return app
