"""What the page is told about an incident or a unit: JSON-ready dicts, or None to remove it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

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
    as a line), and a device's test activation as ``test``. A proximity alarm's
    ``live`` is the aggressor's tracker and ``proximity`` its zones (drawn while the
    incident is open) and her position (:func:`proximity_payload`).
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
    if incident.proximity:
        out["proximity"] = proximity_payload(incident.proximity, pos)
    return out


def proximity_payload(proximity: dict[str, Any], pos: list[float] | None) -> dict[str, Any]:
    """A proximity alarm's extras: the order's zones (``inside`` for the ones he is in), her
    position when it is apart from the incident's marker, and the tooltips' words. (The
    incident's ``live`` is his position, ``pos`` hers or the zone's.)"""
    inside = set(proximity.get("inside") or ())
    zones = []
    for z in proximity.get("zones") or ():
        center = map_point(z.get("lat"), z.get("lon"))
        if center is None:
            continue
        zone: dict[str, Any] = {"id": z.get("id", ""), "kind": z.get("kind", "circle"),
                                "label": z.get("label", ""), "inside": z.get("id") in inside,
                                "center": center, "radius": float(z.get("radius_m") or 0.0)}
        if zone["kind"] == "polygon":
            zone["points"] = [p for p in (map_point(*pt[:2]) for pt in z.get("points") or ()) if p]
            if len(zone["points"]) < 3:
                continue
        zones.append(zone)
    seen = proximity.get("victim")
    victim = map_point(seen[0], seen[1]) if seen else None
    if victim is not None and pos is not None and haversine_m(*victim, *pos) <= LIVE_SPLIT_M:
        victim = None  # the incident's marker is her position already
    return {"zones": zones, "victim": victim,
            "aggressorLabel": QCoreApplication.translate("MapPayload", "agresor"),
            "victimLabel": QCoreApplication.translate("MapPayload", "ella (última posición)")}


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
