"""What one device report changes: a unit's position, a panic device's position and
her open incident's live position and trail, or (alarm=sos) a panic activation.

Runs inside one write transaction (:class:`~c4console.central.records.Tx`);
:func:`ingest_reports` applies a group of reports in one (batched) transaction.

Duplicates and order: a resent report (same device, time and place as her last) is
ignored, unless it is an alarm that was never applied; an older fix never moves a
live position backwards but still goes into the open incident's trail, in time order
(one point per fix time: a duplicate is ignored). A device armed for its test
activation (command ``start_device_test``) opens a TEST incident with its next alarm
while its test mode lasts (central/device_test_mode.py, shared with the audio path).
A new activation is announced to the transaction as a
:class:`~c4console.core.domain_events.PanicActivated` (``test`` for a test activation),
for the gateways subscribed to it (the SMS to her trusted contacts). Audio sessions of
her device that reached the central before her alarm and wait for it (audio/binding.py)
are bound to the incident in the same transaction: her test call with audio first stays
a test, a real one an emergency announced once.

:class:`RateLimiter` is the gateways' per-device flood guard: positions beyond the
rate are refused (HTTP 429), an alarm never is.
"""

from __future__ import annotations

import bisect
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from c4console.central.audio.binding import bind_waiting
from c4console.central.device_health import observe_report
from c4console.central.device_test_mode import announced, classify_activation
from c4console.central.follow_up import VisitWatch
from c4console.central.proximity import prefetch_aggressors, watch_aggressor
from c4console.central.records import Tx
from c4console.core.alarms import panic_activation
from c4console.core.catalogue import Catalogue
from c4console.core.commands import Context
from c4console.core.geo import Cuadrante
from c4console.core.models import Device, Incident
from c4console.core.zones.index import ZoneIndex
from c4console.core.zones.records import AGGRESSOR_KIND

log = logging.getLogger(__name__)

TRAIL_MAX = 200  # points kept in an open incident's trail (the newest)
TRAIL_LEAD_S = 600.0  # fixes this long before the alarm's fix still belong to its trail


@dataclass(frozen=True, slots=True)
class PositionReport:
    """One validated OsmAnd report. ``at`` is the fix time (UTC epoch seconds)."""

    device_id: str
    lat: float
    lon: float
    at: float
    speed: float | None = None
    bearing: float | None = None
    altitude: float | None = None
    accuracy: float | None = None
    battery: float | None = None  # percent, 0–100 (checked by the gateways)
    alarm: str | None = None
    charging: bool | None = None
    signal: float | None = None
    # A value the gateway refused while keeping the position (a battery outside 0–100):
    # the reason, said back to the tracker and logged.
    refused: str = ""
    # Traccar's geofence event for this position: ("enter" | "exit", geofence id).
    geofence: tuple[str, str] | None = None

    @property
    def is_sos(self) -> bool:
        """True for a panic alarm."""
        return (self.alarm or "").strip().lower() == "sos"


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What became of a report: stored, or refused (unknown device) with its security event."""

    accepted: bool
    message: str
    security_event: int | None = None
    incident_id: str | None = None


def ingest_reports(tx: Tx, items: Sequence[tuple[PositionReport, str]], *, catalogue: Catalogue,
                   locate: Callable[[float, float], Cuadrante | None],
                   new_id: Callable[[], str], zones: ZoneIndex | None = None,
                   visits: VisitWatch | None = None) -> list[IngestOutcome]:
    """Apply (report, source) pairs in order in ``tx``, as :func:`ingest_report` would one by one.

    In a batched transaction the devices, their units and their open incidents are
    read first in a few queries instead of a few per report.
    """
    device_ids = [report.device_id for report, _ in items]
    tx.prefetch("device", device_ids)
    tx.prefetch("device_health", device_ids)
    devices = [tx.get("device", d) for d in dict.fromkeys(device_ids)]
    unit_ids = [d.unit_id for d in devices if d is not None and d.kind == "unit" and d.unit_id]
    tx.prefetch("unit", unit_ids)
    if visits is not None:  # their planned visits, for the GPS proof: one query
        visits.current(tx, unit_ids)
    tx.prefetch_open_incidents([d.id for d in devices if d is not None and d.kind == "panic"])
    prefetch_aggressors(tx, devices, zones)
    return [ingest_report(tx, report, source, catalogue=catalogue, locate=locate, new_id=new_id,
                          zones=zones, visits=visits)
            for report, source in items]


def ingest_report(tx: Tx, report: PositionReport, source: str, *, catalogue: Catalogue,
                  locate: Callable[[float, float], Cuadrante | None],
                  new_id: Callable[[], str], zones: ZoneIndex | None = None,
                  visits: VisitWatch | None = None) -> IngestOutcome:
    """Apply one report in ``tx``; an unknown device is refused and logged as a security event.

    A unit's fresh position also goes to ``visits``, the follow-up's GPS proof
    (central/follow_up.py): a visit it proves is stored in the same transaction."""
    device: Device | None = tx.get("device", report.device_id)
    if device is None:
        number = tx.security_event(
            "unknown_device",
            f"device {report.device_id} not registered; report at {report.lat:.6f},{report.lon:.6f}"
            f" alarm={report.alarm or '-'} refused",
            source)
        return IngestOutcome(False, f"device {report.device_id} not registered: refused, "
                                    f"security event {number}", security_event=number)
    if (device.last_at == report.at and (device.last_lat, device.last_lon) == (report.lat, report.lon)
            and not (report.is_sos and device.kind == "panic" and not _alarm_applied(tx, device, report))):
        # Trackers resend a report whose answer they did not get: applying it again
        # would count one alarm as two activations. (The same fix may come first as a
        # plain position and then as the alarm, as Traccar forwards several events of
        # one position: an alarm not yet applied is applied.)
        return IngestOutcome(True, "repeat of the device's last report: nothing new")
    # Trackers also send positions buffered while offline: an older fix must not
    # move a unit or a live marker backwards (an alarm in it still counts).
    fresh = device.last_at is None or report.at > device.last_at
    if fresh:
        tx.put(device.evolve(last_lat=report.lat, last_lon=report.lon, last_at=report.at))
    # Battery, charging, signal, tamper events: the health board and her call task.
    observe_report(tx, device, battery=report.battery, charging=report.charging,
                   signal=report.signal, alarm=report.alarm, new_id=new_id)
    if device.kind == "panic":
        return _panic_device(tx, device, report, fresh, catalogue, locate, new_id)
    if device.kind == AGGRESSOR_KIND and zones is not None:  # his tracker: central/proximity.py
        message, incident_id = watch_aggressor(
            tx, device, report.lat, report.lon, report.at, fresh, report.geofence, zones=zones,
            catalogue=catalogue, locate=locate, new_id=new_id)
        return IngestOutcome(True, message, incident_id=incident_id)
    if report.alarm:
        log.warning("alarm %r from %s tracker %s is not handled; position kept",
                    report.alarm, device.kind, device.id)
    if device.kind == "unit" and fresh:
        unit = tx.get("unit", device.unit_id) if device.unit_id else None
        if unit is None:
            log.warning("tracker %s is bound to unit %s, which does not exist; only the device moved",
                        device.id, device.unit_id)
        elif unit.position_at is None or report.at > unit.position_at:
            tx.put(unit.evolve(lat=report.lat, lon=report.lon, position_at=report.at))
            if visits is not None:
                proven = visits.observe(tx, unit.id, report.lat, report.lon, report.at, new_id)
                if proven:
                    return IngestOutcome(True, f"position stored; visit(s) proven: {', '.join(proven)}")
    return IngestOutcome(True, "position stored" if fresh else "older fix: position kept")


def _panic_device(tx: Tx, device: Device, report: PositionReport, fresh: bool,
                  catalogue: Catalogue, locate: Callable[[float, float], Cuadrante | None],
                  new_id: Callable[[], str]) -> IngestOutcome:
    open_incidents = tx.open_incidents_of_device(device.id)
    if report.is_sos:
        beneficiary = tx.get("beneficiary", device.beneficiary_id) if device.beneficiary_id else None
        ctx = Context(now=tx.now, actor=f"device:{device.id}", new_id=new_id, catalogue=catalogue,
                      next_folio=tx.next_folio, locate=locate)
        decision = panic_activation(device, beneficiary, report.lat, report.lon, open_incidents, ctx)
        incidents = [_with_point(inc, report, alarm=True) for inc in decision.incidents]
        events = list(decision.events)
        # Her test call at delivery (core/device_testing.py): marked TEST, timed, never
        # dispatched, texts no one; an expired test mode makes it an emergency.
        test = classify_activation(tx, device, open_incidents, incidents, events,
                                   actor=ctx.actor, new_id=new_id)
        for record in (*incidents, *events):
            tx.put(record)
        tx.announce(announced(decision.domain_events, test))
        incident = incidents[0] if incidents else None
        if incident is not None:
            # Her call's audio that came first (waiting for this alarm) joins its incident.
            bind_waiting(tx, device.id, incident, actor=ctx.actor, new_id=new_id)
        kind = "test activation" if test else "panic alarm"
        return IngestOutcome(True, f"{kind}: incident {incident.folio if incident else '?'}",
                             incident_id=incident.id if incident else None)
    for inc in open_incidents.values():
        # Her live position only (never an older fix); the confirmed location (lat/lon)
        # is the operator's. Every fix of the alarm goes into its trail, in time order.
        new = _with_point(inc, report)
        if fresh:
            new = new.evolve(live_lat=report.lat, live_lon=report.lon, live_at=report.at)
        if new is not inc:
            tx.put(new.evolve(updated_at=tx.now))
    if report.alarm:
        log.info("alarm %r from panic device %s is not sos; position only", report.alarm, device.id)
    return IngestOutcome(True, "position stored" if fresh else "older fix: position kept")


def _alarm_applied(tx: Tx, device: Device, report: PositionReport) -> bool:
    """True if this alarm's fix is already in one of her open incidents' trails."""
    point = (report.lat, report.lon, report.at)
    return any(point in (inc.trail or ()) for inc in tx.open_incidents_of_device(device.id).values())


def with_trail_point(trail: tuple[tuple[float, float, float], ...] | None, lat: float, lon: float,
                     at: float, *, limit: int = TRAIL_MAX) -> tuple[tuple[float, float, float], ...]:
    """``trail`` with the fix (lat, lon, at) in time order; the same ``at`` again is ignored;
    only the newest ``limit`` points are kept."""
    points = list(trail or ())
    times = [p[2] for p in points]
    i = bisect.bisect_left(times, at)
    if i < len(points) and points[i][2] == at:
        return tuple(points)
    points.insert(i, (lat, lon, at))
    return tuple(points[-limit:])


def _with_point(inc: Incident, report: PositionReport, *, alarm: bool = False) -> Incident:
    """The incident with the report's fix in its trail (the same incident if nothing changes)."""
    start = inc.trail[0][2] if inc.trail else inc.created_at  # her alarm's fix (device clock)
    if not alarm and report.at < start - TRAIL_LEAD_S:
        return inc  # buffered long before the alarm: not part of its path
    trail = with_trail_point(inc.trail, report.lat, report.lon, report.at)
    return inc if trail == inc.trail else inc.evolve(trail=trail)


class RateLimiter:
    """A token bucket per device: ``rate`` reports a second, bursts of ``burst``.

    :meth:`allow` is False for a report beyond the rate; an alarm always passes (it
    still takes a token, so a device flooding alarms gets its positions refused).
    At most ``max_devices`` buckets are kept (the least recently used go first), so
    a flood of made-up ids cannot grow it without bound. Thread-safe.
    """

    def __init__(self, rate: float = 10.0, burst: float = 20.0, *,
                 clock: Callable[[], float] = time.monotonic, max_devices: int = 20_000) -> None:
        self.rate, self.burst, self.clock, self.max_devices = rate, burst, clock, max_devices
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # → (tokens, when)
        self._lock = threading.Lock()
        self.refused = 0

    def allow(self, device_id: str, *, alarm: bool = False) -> bool:
        """Take a token for one report of ``device_id``; False if it must be refused."""
        if self.rate <= 0:
            return True
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.pop(device_id, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            ok = tokens >= 1.0 or alarm
            self._buckets[device_id] = (max(tokens - 1.0, 0.0) if ok else tokens, now)
            while len(self._buckets) > self.max_devices:
                self._buckets.popitem(last=False)
            if not ok:
                self.refused += 1
            return ok

    def retry_after(self) -> int:
        """Seconds a refused sender should wait (for the Retry-After header)."""
        return max(1, int(1.0 / self.rate + 0.999)) if self.rate > 0 else 1
