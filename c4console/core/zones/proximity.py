"""What one position of an aggressor's tracker changes (pure): the proximity alarm.

:func:`inside` says which of his order's zones hold the position (through the
:class:`~c4console.core.zones.index.ZoneIndex`), plus ``victim`` when he is within the
order's distance of her last position, fresh within 5 minutes. Traccar's own geofence
events for a zone count as a position inside (enter) or outside (exit) it.

:func:`proximity_step` compares that with where his last position was
(``Device.zone_inside``):

- entering while no proximity incident of his is open: a new ALTA incident of breach of a
  protection order (channel ``aggressor_tracker``), her position (or the zone) as its
  location and his as its live position and trail, announced as :class:`ProximityAlarm`
  (her trusted contacts are texted); the specialist desk gets a timeline note (the desk
  itself is a later issue);
- entering again while that incident is open — he left and came back, within 10 minutes or
  later — records the re-entry on its timeline (no second incident);
- leaving every zone: ``proximity_left`` on the open incident, and the time he left;
- every position while the incident is open: his live position and trail, her latest.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from c4console.core.command_kit import Context, Decision
from c4console.core.domain_events import ProximityAlarm
from c4console.core.enums import Channel, IncidentStatus, Priority
from c4console.core.geo import haversine_m
from c4console.core.models import Beneficiary, Device, Incident, TimelineEvent
from c4console.core.zones.geometry import within_m
from c4console.core.zones.index import ZoneIndex
from c4console.core.zones.records import REENTRY_WINDOW_S, VICTIM_FRESH_S, ExclusionOrder

VICTIM_KEY = "victim"  # in Device.zone_inside: within the order's distance of her
TRAIL_MAX = 200
ENTER, EXIT = "enter", "exit"


@dataclass(frozen=True, slots=True)
class VictimFix:
    """Her panic device's last position (fix time ``at``)."""

    device_id: str
    lat: float
    lon: float
    at: float


def fresh_victim(order: ExclusionOrder, devices: Iterable[Device | None], now: float
                 ) -> VictimFix | None:
    """Her newest position among her devices, if it is at most 5 minutes old."""
    best: VictimFix | None = None
    for d in devices:
        if d is None or d.last_at is None or d.last_lat is None or d.last_lon is None:
            continue
        fresh = d.id in order.victim_device_ids and now - d.last_at <= VICTIM_FRESH_S
        if fresh and (best is None or d.last_at > best.at):
            best = VictimFix(d.id, d.last_lat, d.last_lon, d.last_at)
    return best


def inside(index: ZoneIndex, order: ExclusionOrder, device_id: str, lat: float, lon: float,
           victim: VictimFix | None, geofence: tuple[str, str] | None = None) -> tuple[str, ...]:
    """The keys his position is inside: zone ids of ``order`` and :data:`VICTIM_KEY`.

    ``geofence`` is Traccar's (``enter``/``exit``, geofence id) for this position: the zone
    with that ``traccar_geofence_id`` is counted inside or outside whatever the geometry says
    (Traccar may know the geofence's outline better)."""
    if not order.active:
        return ()
    keys = {zone.id for order_id, zone in index.zones_at(lat, lon, device_id) if order_id == order.id}
    if geofence is not None:
        for zone in order.zones:
            if zone.traccar_geofence_id and zone.traccar_geofence_id == geofence[1]:
                (keys.add if geofence[0] == ENTER else keys.discard)(zone.id)
    if order.keep_away_m and victim is not None and within_m(lat, lon, victim.lat, victim.lon,
                                                              order.keep_away_m):
        keys.add(VICTIM_KEY)
    return tuple(sorted(keys))


def proximity_step(device: Device, order: ExclusionOrder, keys: tuple[str, ...], lat: float,
                   lon: float, at: float, victim: VictimFix | None, open_incident: Incident | None,
                   beneficiary: Beneficiary | None, ctx: Context) -> Decision:
    """Decide what his position (lat, lon) at fix time ``at`` changes (see module doc).

    ``device`` is his tracker as stored before this step; ``keys`` what :func:`inside` said."""
    was, now_in = set(device.zone_inside), set(keys)
    entered = sorted(now_in - was)
    left = sorted(was - now_in)
    moved = device.evolve(zone_inside=tuple(sorted(now_in)),
                          zone_left_at=ctx.now if was and not now_in else device.zone_left_at)
    if entered and open_incident is None:
        return _new_incident(moved, order, entered, lat, lon, at, victim, beneficiary, ctx)
    incidents: list[Incident] = []
    events: list[TimelineEvent] = []
    if open_incident is not None:
        inc = _followed(open_incident, order, keys, lat, lon, at, victim, ctx.now)
        if entered:
            away = (ctx.now - device.zone_left_at) if device.zone_left_at is not None and not was else None
            kind = "proximity_reentered" if not was else "proximity_entered"
            events.append(_event(ctx, inc, kind, _names(order, entered), lat, lon, zones=entered,
                                 minutes_away=round(away / 60, 1) if away is not None else None,
                                 within_window=away is not None and away <= REENTRY_WINDOW_S))
        if left:
            events.append(_event(ctx, inc, "proximity_left", _names(order, left), lat, lon, zones=left))
        if inc is not open_incident:
            incidents.append(inc)
        moved = moved.evolve(breach_incident_id=open_incident.id)
    changed = [moved] if moved != device else []
    return Decision(True, incidents=incidents, events=events, devices=changed)


def _new_incident(device: Device, order: ExclusionOrder, entered: list[str], lat: float, lon: float,
                  at: float, victim: VictimFix | None, beneficiary: Beneficiary | None,
                  ctx: Context) -> Decision:
    zone = next((order.zone(k) for k in entered if k != VICTIM_KEY), None)
    breach = "zone" if zone is not None else "distance"
    where = (victim.lat, victim.lon) if victim is not None else (zone.lat, zone.lon) if zone else (lat, lon)
    place = ctx.locate(*where)
    itype = ctx.catalogue.default_for(Channel.AGGRESSOR_TRACKER)
    inc = Incident(
        id=ctx.new_id(), folio=ctx.next_folio(), type_code=itype.code, priority=Priority.ALTA,
        channel=Channel.AGGRESSOR_TRACKER, status=IncidentStatus.NEW, created_at=ctx.now,
        lat=where[0], lon=where[1], live_lat=lat, live_lon=lon, live_at=at,
        sector=place.sector if place else "", cuadrante=place.cuadrante if place else "",
        colonia=place.colonia if place else "",
        address=(zone.label if zone and zone.label else beneficiary.address if beneficiary else ""),
        caller=beneficiary.name if beneficiary else "",
        beneficiary_id=order.beneficiary_id, device_id=device.id, updated_at=ctx.now,
        trail=((lat, lon, at),),
        proximity=_proximity(order, tuple(entered), victim, breach))
    distance = haversine_m(lat, lon, victim.lat, victim.lon) if victim is not None else None
    events = [
        _event(ctx, inc, "created", Channel.AGGRESSOR_TRACKER.value, lat, lon, device_id=device.id,
               order_id=order.id),
        _event(ctx, inc, "proximity_breach", _names(order, entered), lat, lon, zones=entered,
               breach=breach, order_number=order.order_number,
               distance_m=round(distance) if distance is not None else None),
        # No specialist desk exists yet (a later issue): the timeline says it is owed one.
        _event(ctx, inc, "specialist_desk", "aviso a la mesa especializada pendiente: "
                                           "incumplimiento de orden de protección",
               None, None, order_id=order.id),
    ]
    alarm = ProximityAlarm(inc.id, inc.folio, order.beneficiary_id, device.id, ctx.now, inc.lat,
                           inc.lon, breach, zone.label if zone else "")
    return Decision(True, incidents=[inc], events=events,
                    devices=[device.evolve(breach_incident_id=inc.id)], domain_events=[alarm])


def _followed(inc: Incident, order: ExclusionOrder, keys: tuple[str, ...], lat: float, lon: float,
              at: float, victim: VictimFix | None, now: float) -> Incident:
    """The open incident with his newest position (never an older fix), his trail, hers."""
    changes: dict[str, Any] = {}
    if inc.live_at is None or at > inc.live_at:
        changes.update(live_lat=lat, live_lon=lon, live_at=at)
    trail = with_trail_point(inc.trail, lat, lon, at)
    if trail != inc.trail:
        changes["trail"] = trail
    old = inc.proximity or {}
    seen = old.get("victim")
    if victim is not None and (seen is None or victim.at > seen[2]) or tuple(old.get("inside") or ()) != keys:
        fresher = victim if victim is not None and (seen is None or victim.at > seen[2]) else None
        changes["proximity"] = {**old, "inside": list(keys),
                                **({"victim": [fresher.lat, fresher.lon, fresher.at]} if fresher else {})}
    if not changes:
        return inc
    return inc.evolve(updated_at=now, **changes)


def _proximity(order: ExclusionOrder, inside_keys: tuple[str, ...], victim: VictimFix | None,
               breach: str) -> dict[str, Any]:
    return {
        "order_id": order.id, "order_number": order.order_number, "case_id": order.case_id,
        "breach": breach, "inside": list(inside_keys), "keep_away_m": order.keep_away_m,
        "victim": [victim.lat, victim.lon, victim.at] if victim is not None else None,
        "zones": [z.to_wire() for z in order.zones],
    }


def _names(order: ExclusionOrder, keys: Iterable[str]) -> str:
    out = []
    for k in keys:
        zone = order.zone(k)
        out.append("distancia a ella" if k == VICTIM_KEY else (zone.label or zone.id) if zone else k)
    return ", ".join(out)


def _event(ctx: Context, inc: Incident, kind: str, text: str, lat: float | None, lon: float | None,
           **data: Any) -> TimelineEvent:
    payload: Mapping[str, Any] = {k: v for k, v in data.items() if v is not None}
    if lat is not None:
        payload = {**payload, "lat": lat, "lon": lon}
    return TimelineEvent(ctx.new_id(), inc.id, ctx.now, kind, ctx.actor, text, dict(payload) or None)


def with_trail_point(trail: tuple[tuple[float, float, float], ...] | None, lat: float, lon: float,
                     at: float, *, limit: int = TRAIL_MAX) -> tuple[tuple[float, float, float], ...]:
    """``trail`` with the fix in time order (the same fix time again is ignored), newest
    ``limit`` kept."""
    points = list(trail or ())
    times = [p[2] for p in points]
    i = bisect.bisect_left(times, at)
    if i < len(points) and points[i][2] == at:
        return tuple(points)
    points.insert(i, (lat, lon, at))
    return tuple(points[-limit:])
