"""The aggressor's tracker at the central: one position judged against his order's
exclusion zones and her last position, in the report's own transaction.

The rules are pure (:mod:`c4console.core.zones.proximity`); this module reads what they
need — his order (``exclusion_order`` record, by primary key), her panic devices' last
positions, his open proximity incident, her registry record — keeps the
:class:`~c4console.core.zones.index.ZoneIndex` of the service in step with the order it
compares (the table's ``updated_at`` column, one query per transaction; the record is
parsed only when it changed — by this node or another — since it was indexed), and stores
what the rules decided.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from weakref import WeakKeyDictionary

from sqlalchemy import bindparam, select

from c4console.central import schema as t
from c4console.central.records import Tx
from c4console.core.catalogue import Catalogue
from c4console.core.commands import Context
from c4console.core.geo import Cuadrante
from c4console.core.models import Device
from c4console.core.zones.index import ZoneIndex
from c4console.core.zones.proximity import fresh_victim, inside, proximity_step
from c4console.core.zones.records import AGGRESSOR_KIND, ExclusionOrder

log = logging.getLogger(__name__)


# Per transaction: the orders whose version was compared with the index already.
_checked: WeakKeyDictionary[Tx, set[str]] = WeakKeyDictionary()
_VERSIONS = select(t.exclusion_orders.c.id, t.exclusion_orders.c.updated_at).where(
    t.exclusion_orders.c.id.in_(bindparam("ids", expanding=True)))


def current_orders(tx: Tx, order_ids: list[str], zones: ZoneIndex) -> None:
    """Bring these orders up to date in the index: one query for their versions, and the
    record read (and parsed) only for an order that changed since it was indexed."""
    checked = _checked.setdefault(tx, set())
    wanted = [o for o in dict.fromkeys(order_ids) if o and o not in checked]
    if not wanted:
        return
    tx.flush()  # the versions are read from the table itself
    versions = dict(tx.conn.execute(_VERSIONS, {"ids": wanted}).all())
    for order_id in wanted:
        if order_id not in versions:
            zones.remove(order_id)
        elif zones.version(order_id) != versions[order_id]:
            order = tx.get("exclusion_order", order_id)
            if order is not None:
                zones.put(order)
        checked.add(order_id)


def prefetch_aggressors(tx: Tx, devices: list[Device | None], zones: ZoneIndex | None) -> None:
    """Batched mode: the orders, her devices and the open incidents that a group of his
    trackers' reports will need, in a few queries (instead of a few per report)."""
    trackers = [d for d in devices if d is not None and d.kind == AGGRESSOR_KIND and d.order_id]
    if not trackers or zones is None:
        return
    current_orders(tx, [d.order_id for d in trackers], zones)
    orders = [zones.order(d.order_id) for d in trackers]
    tx.prefetch("device", [v for o in orders if o is not None for v in o.victim_device_ids])
    tx.prefetch_open_incidents([d.id for d in trackers])


def watch_aggressor(tx: Tx, device: Device, lat: float, lon: float, at: float, fresh: bool,
                    geofence: tuple[str, str] | None, *, zones: ZoneIndex, catalogue: Catalogue,
                    locate: Callable[[float, float], Cuadrante | None],
                    new_id: Callable[[], str]) -> tuple[str, str | None]:
    """Judge one position of his tracker; returns (what happened, new incident id or None).

    An older fix (buffered while offline) goes into an open incident's trail but opens
    nothing: where he is now is what the alarm is about."""
    if device.order_id:
        current_orders(tx, [device.order_id], zones)
    order: ExclusionOrder | None = zones.order(device.order_id) if device.order_id else None
    if order is None:
        return "position stored (no exclusion zones watch this tracker)", None
    current: Device = tx.get("device", device.id) or device
    open_incidents = [inc for inc in tx.open_incidents_of_device(device.id).values() if inc.proximity]
    open_incident = min(open_incidents, key=lambda i: i.created_at, default=None)
    victim = fresh_victim(order, [tx.get("device", d) for d in order.victim_device_ids], tx.now)
    if not fresh and geofence is None:
        keys = current.zone_inside  # an old fix says nothing of where he is now
    else:
        keys = inside(zones, order, device.id, lat, lon, victim, geofence)
    # Her registry record names the incident: read only when one may open.
    may_open = open_incident is None and bool(set(keys) - set(current.zone_inside))
    beneficiary = tx.get("beneficiary", order.beneficiary_id) if order.beneficiary_id and may_open else None
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
