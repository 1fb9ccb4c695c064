"""Who may take which patrol: the role check that needs the records.

The table of which role may send each command or make each restricted read is
pure and shared with the console (c4console/core/access.py); the check here
needs the incidents and units, so the central runs it inside the command's
transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The role table lives in the core (one table for the central and the console);
# GATEWAY and command_refusal are re-exported for the service and the WhatsApp gateway.
from c4console.core.access import GATEWAY, Refusal, Role, command_refusal

__all__ = ["GATEWAY", "Refusal", "command_refusal", "patrol_refusal"]

# Commands that take a patrol away from the incident it works (unit_id names the patrol).
# unit_status only when it frees the unit: en route / on scene are the crew's progress on
# that same incident (the radio, or the demo's simulated crews), not a taking.
PATROL_COMMANDS = frozenset({"dispatch", "unit_status", "reassign_unit"})
RELEASING_STATUSES = frozenset({"available", "out_of_service"})


def patrol_refusal(role: str, actor: str, cmd: Mapping[str, Any],
                   incidents: Mapping[str, Any], units: Mapping[str, Any]) -> Refusal | None:
    """None unless an operator would take a patrol from another operator's open incident.

    An operator may not dispatch elsewhere, release (``unit_status`` available or out of
    service) or move a unit working an open incident owned by someone else; shift leads,
    supervisors and admins may (they rearrange the room). Needs the records, so the
    central calls it inside the command's transaction, after :func:`command_refusal`.
    ``incidents``/``units`` map ids to core.models records.
    """
    kind = cmd.get("type")
    if role != Role.OPERATOR or kind not in PATROL_COMMANDS:
        return None
    if kind == "unit_status" and cmd.get("status") not in RELEASING_STATUSES:
        return None
    unit_id = cmd.get("unit_id")
    unit = units.get(unit_id) if isinstance(unit_id, str) else None
    if unit is None or not unit.incident_id:
        return None
    inc = incidents.get(unit.incident_id)
    if inc is None or not inc.is_open or not inc.owner or inc.owner == actor:
        return None
    if cmd.get("type") == "dispatch" and cmd.get("incident_id") == inc.id:
        return None  # not elsewhere: the core answers it (already dispatched)
    return Refusal(f"unit {unit.callsign} works incident {inc.folio}, owned by {inc.owner}: "
                   f"an operator may not take it ({kind}); ask {inc.owner} or the "
                   f"shift lead")

