"""What a panic activation does: open an ALTA incident at her location (announced as
:class:`~c4console.core.domain_events.PanicActivated`), or add the repeat activation to
the incident she already has open."""

from __future__ import annotations

from collections.abc import Mapping

from c4console.core.commands import Context, Decision
from c4console.core.domain_events import PanicActivated
from c4console.core.enums import Channel, IncidentStatus
from c4console.core.models import Beneficiary, Device, Incident, TimelineEvent


def panic_activation(
    device: Device,
    beneficiary: Beneficiary | None,
    lat: float,
    lon: float,
    open_incidents: Mapping[str, Incident],
    ctx: Context,
) -> Decision:
    """Decide what a panic alarm from ``device`` at (lat, lon) changes.

    A second activation while her incident is open adds a timeline event and
    updates the live position instead of opening a duplicate.
    """
    for inc in open_incidents.values():
        if inc.device_id == device.id and inc.is_open:
            updated = inc.evolve(live_lat=lat, live_lon=lon, live_at=ctx.now, updated_at=ctx.now)
            ev = TimelineEvent(ctx.new_id(), inc.id, ctx.now, "reactivated", ctx.actor,
                               "", {"lat": lat, "lon": lon})
            return Decision(True, incidents=[updated], events=[ev])
    itype = ctx.catalogue.default_for(Channel.PANIC_BUTTON)
    place = ctx.locate(lat, lon)
    inc = Incident(
        id=ctx.new_id(), folio=ctx.next_folio(), type_code=itype.code, priority=itype.priority,
        channel=Channel.PANIC_BUTTON, status=IncidentStatus.NEW, created_at=ctx.now,
        lat=lat, lon=lon, live_lat=lat, live_lon=lon, live_at=ctx.now,
        sector=place.sector if place else "", cuadrante=place.cuadrante if place else "",
        colonia=place.colonia if place else "",
        address=beneficiary.address if beneficiary else "",
        caller=beneficiary.name if beneficiary else "",
        beneficiary_id=beneficiary.id if beneficiary else None, device_id=device.id,
        updated_at=ctx.now,
    )
    ev = TimelineEvent(ctx.new_id(), inc.id, ctx.now, "created", ctx.actor, "panic_button",
                       {"lat": lat, "lon": lon, "device_id": device.id})
    activated = PanicActivated(inc.id, inc.folio, inc.beneficiary_id, device.id, ctx.now, lat, lon)
    return Decision(True, incidents=[inc], events=[ev], domain_events=[activated])
