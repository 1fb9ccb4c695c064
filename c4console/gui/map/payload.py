"""What the page is told about an incident or a unit: JSON-ready dicts, or None to remove it."""

from __future__ import annotations

from typing import Any

from c4console.core.enums import IncidentStatus
from c4console.core.geo import haversine_m, valid_position
from c4console.core.models import Incident, Unit

LIVE_SPLIT_M = 25.0
"""A device position farther than this from the confirmed location is drawn apart."""


def map_point(lat: float | None, lon: float | None) -> list[float] | None:
    """``[lat, lon]`` as the page takes a position, or None if it is not a usable one."""
    if lat is None or lon is None or not valid_position(lat, lon):
        return None
    return [float(lat), float(lon)]


def incident_payload(incident: Incident) -> dict[str, Any] | None:
    """The marker data for an open incident; None when it must not be on the map.

    Closed, cancelled, false-alarm and test incidents are removed, as are ones
    with no usable position. The device's live position is sent only when it
    is more than :data:`LIVE_SPLIT_M` from the confirmed one, so the page
    draws both and never moves the confirmed marker. An active alarm's position
    trail (two points or more) is sent as ``trail`` ([lat, lon] oldest first, drawn
    as a line), and a device's test activation as ``test``.
    """
    if not incident.is_open:
        return None
    pos = map_point(incident.lat, incident.lon)
    live = map_point(incident.live_lat, incident.live_lon)
    if pos is not None and live is not None and haversine_m(*pos, *live) <= LIVE_SPLIT_M:
        live = None
    if pos is None and live is None:
        return None
    out: dict[str, Any] = {
        "id": incident.id,
        "folio": incident.folio,
        "typeCode": incident.type_code,
        "priority": str(incident.priority),
        "status": str(incident.status),
        "alarm": incident.status == IncidentStatus.NEW,
        "pos": pos,
        "live": live,
        "unitId": incident.unit_id,
    }
    trail = [p for p in (map_point(t[0], t[1]) for t in incident.trail or ()) if p is not None]
    if len(trail) >= 2:
        out["trail"] = trail
    if incident.test:
        out["test"] = True
    return out


def unit_payload(unit: Unit) -> dict[str, Any] | None:
    """The marker data for a unit; None when it has no usable position."""
    pos = map_point(unit.lat, unit.lon)
    if pos is None:
        return None
    return {
        "id": unit.id,
        "callsign": unit.callsign,
        "status": str(unit.status),
        "pos": pos,
        "incidentId": unit.incident_id,
    }
