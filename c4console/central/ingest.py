"""What one device report changes: a unit's position, a panic device's position and
her open incident's live position, or (alarm=sos) a panic activation.

Runs inside one write transaction (:class:`~c4console.central.records.Tx`);
:func:`ingest_reports` applies a group of reports in one (batched) transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from c4console.central.records import Tx
from c4console.core.alarms import panic_activation
from c4console.core.catalogue import Catalogue
from c4console.core.commands import Context
from c4console.core.geo import Cuadrante
from c4console.core.models import Device

log = logging.getLogger(__name__)


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
    battery: float | None = None
    alarm: str | None = None

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
                   new_id: Callable[[], str]) -> list[IngestOutcome]:
    """Apply (report, source) pairs in order in ``tx``, as :func:`ingest_report` would one by one.

    In a batched transaction the devices, their units and their open incidents are
    read first in a few queries instead of a few per report.
    """
    device_ids = [report.device_id for report, _ in items]
    tx.prefetch("device", device_ids)
    devices = [tx.get("device", d) for d in dict.fromkeys(device_ids)]
    tx.prefetch("unit", [d.unit_id for d in devices if d is not None and d.kind == "unit" and d.unit_id])
    tx.prefetch_open_incidents([d.id for d in devices if d is not None and d.kind == "panic"])
    return [ingest_report(tx, report, source, catalogue=catalogue, locate=locate, new_id=new_id)
            for report, source in items]


def ingest_report(tx: Tx, report: PositionReport, source: str, *, catalogue: Catalogue,
                  locate: Callable[[float, float], Cuadrante | None],
                  new_id: Callable[[], str]) -> IngestOutcome:
    """Apply one report in ``tx``; an unknown device is refused and logged as a security event."""
    device: Device | None = tx.get("device", report.device_id)
    if device is None:
        number = tx.security_event(
            "unknown_device",
            f"device {report.device_id} not registered; report at {report.lat:.6f},{report.lon:.6f}"
            f" alarm={report.alarm or '-'} refused",
            source)
        return IngestOutcome(False, f"device {report.device_id} not registered: refused, "
                                    f"security event {number}", security_event=number)
    if device.last_at == report.at and (device.last_lat, device.last_lon) == (report.lat, report.lon):
        # Trackers resend a report whose answer they did not get: applying it again
        # would count one alarm as two activations.
        return IngestOutcome(True, "repeat of the device's last report: nothing new")
    # Trackers also send positions buffered while offline: an older fix must not
    # move a unit or a live marker backwards (an alarm in it still counts).
    fresh = device.last_at is None or report.at > device.last_at
    if fresh:
        tx.put(device.evolve(last_lat=report.lat, last_lon=report.lon, last_at=report.at))
    if device.kind == "panic":
        return _panic_device(tx, device, report, fresh, catalogue, locate, new_id)
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
        for record in (*decision.incidents, *decision.events):
            tx.put(record)
        incident = decision.incidents[0] if decision.incidents else None
        return IngestOutcome(True, f"panic alarm: incident {incident.folio if incident else '?'}",
                             incident_id=incident.id if incident else None)
    if fresh:
        # Her live position only; the confirmed location (lat/lon) is the operator's.
        for inc in open_incidents.values():
            tx.put(inc.evolve(live_lat=report.lat, live_lon=report.lon, live_at=report.at,
                              updated_at=tx.now))
    if report.alarm:
        log.info("alarm %r from panic device %s is not sos; position only", report.alarm, device.id)
    return IngestOutcome(True, "position stored" if fresh else "older fix: position kept")
