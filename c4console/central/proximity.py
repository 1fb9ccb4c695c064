"""The aggressor's tracker at the central: one position judged against his order's
exclusion zones and her last position, in the report's own transaction.

The rules are pure (:mod:`c4console.core.zones.proximity`); this module reads what they
need — his order (``exclusion_order`` record, by primary key), her panic devices' last
positions, his open proximity incident, her registry record — keeps the
:class:`~c4console.core.zones.index.ZoneIndex` of the service in step with the order it
read (re-indexed when the order's ``updated_at`` differs, so an order changed by another
node is seen at the next position), and stores what the rules decided.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from c4console.central.records import Tx
from c4console.core.catalogue import Catalogue
from c4console.core.commands import Context
from c4console.core.geo import Cuadrante
from c4console.core.models import Device
from c4console.core.zones.index import ZoneIndex
from c4console.core.zones.proximity import fresh_victim, inside, proximity_step
from c4console.core.zones.records import ExclusionOrder

log = logging.getLogger(__name__)


def watch_aggressor(tx: Tx, device: Device, lat: float, lon: float, at: float, fresh: bool,
                    geofence: tuple[str, str] | None, *, zones: ZoneIndex, catalogue: Catalogue,
                    locate: Callable[[float, float], Cuadrante | None],
                    new_id: Callable[[], str]) -> tuple[str, str | None]:
    """Judge one position of his tracker; returns (what happened, new incident id or None).

    An older fix (buffered while offline) goes into an open incident's trail but opens
    nothing: where he is now is what the alarm is about."""
    order: ExclusionOrder | None = tx.get("exclusion_order", device.order_id) if device.order_id else None
    if order is None:
        return "position stored (no exclusion zones watch this tracker)", None
    zones.sync(order)
    current: Device = tx.get("device", device.id) or device
    open_incidents = [inc for inc in tx.open_incidents_of_device(device.id).values() if inc.proximity]
    open_incident = min(open_incidents, key=lambda i: i.created_at, default=None)
    victim = fresh_victim(order, [tx.get("device", d) for d in order.victim_device_ids], tx.now)
    if not fresh and geofence is None:
        keys = current.zone_inside  # an old fix says nothing of where he is now
    else:
        keys = inside(zones, order, device.id, lat, lon, victim, geofence)
    beneficiary = tx.get("beneficiary", order.beneficiary_id) if order.beneficiary_id else None
    ctx = Context(now=tx.now, actor=f"device:{device.id}", new_id=new_id, catalogue=catalogue,
                  next_folio=tx.next_folio, locate=locate)
    decision = proximity_step(current, order, tuple(keys), lat, lon, at, victim, open_incident,
                              beneficiary, ctx)
    for record in (*decision.incidents, *decision.devices, *decision.events):
        tx.put(record)
    tx.announce(decision.domain_events)
    if decision.domain_events:
        inc = decision.incidents[0]
        log.warning("proximity alarm: tracker %s breached order zones %s: incident %s",
                    device.id, order.id, inc.folio)
        return f"proximity alarm: incident {inc.folio}", inc.id
    return "position stored", None
