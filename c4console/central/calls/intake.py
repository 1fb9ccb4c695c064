"""A screen pop stored (in the writer's transaction): the call record, located in the
jurisdiction, with her history for the caller's number and place — computed by the same
indexed queries and pure rule as a new incident's (``cases/history_query.py``), so the
console shows it as soon as the call reaches it.

Idempotent by call id: a second screen pop of a call already recorded changes nothing
and answers the stored record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from c4console.central.cases.history_query import history_at_central
from c4console.central.cases.steps import c4_date
from c4console.core.calls.records import Call
from c4console.core.calls.screen_pop import ScreenPop
from c4console.core.cases.history_record import IncidentHistory
from c4console.core.enums import Channel, IncidentStatus
from c4console.core.models import Incident

if TYPE_CHECKING:
    from c4console.central.records import Tx
    from c4console.central.service import Service

# The carrier's location is used for her history by place (her addresses within 50 m,
# open incidents within 200 m) only when it is that precise; a cell's wide sector still
# locates the call (sector, cuadrante) but would match a whole neighbourhood.
HISTORY_RADIUS_M = 200.0


def record_screen_pop(tx: Tx, service: Service, pop: ScreenPop) -> tuple[Call, bool]:
    """(the call record, True if this screen pop created it)."""
    known = tx.get("call", pop.call_id)
    if known is not None:
        return known, False
    loc = pop.location
    place = service.locate(loc.lat, loc.lon) if loc is not None else None
    precise = loc is not None and loc.radius_m <= HISTORY_RADIUS_M
    code = service.catalogue.default_for(Channel.CALL_911)
    probe = Incident(id=f"call:{pop.call_id}"[:64], folio="", type_code=code.code,
                     priority=code.priority, channel=Channel.CALL_911, status=IncidentStatus.NEW,
                     created_at=pop.answered_at, lat=loc.lat if precise else None,  # type: ignore[union-attr]
                     lon=loc.lon if precise else None, caller=pop.number)  # type: ignore[union-attr]
    tx.flush()
    history, snapshots = history_at_central(tx.conn, probe, c4_date(tx.now, service.folio_tz))
    record = IncidentHistory.of(history, snapshots, tx.now).to_wire()
    record.pop("id")
    call = Call(id=pop.call_id, number=pop.number, withheld=pop.withheld,
                answered_at=pop.answered_at, received_at=tx.now, caller_name=pop.caller_name,
                agent=pop.agent, dialed=pop.dialed, location=loc,
                sector=place.sector if place else "", cuadrante=place.cuadrante if place else "",
                colonia=place.colonia if place else "",
                outside_jurisdiction=loc is not None and place is None
                and service.jurisdiction is not None,
                history=record)
    tx.put(call)
    return call, True
