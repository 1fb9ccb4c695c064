"""The call-taker's commands (pure), registered in :func:`c4console.core.commands.decide`:

- ``take_call``: a call (a screen pop's, or one typed in: F1, walk-in) becomes a new
  incident with its CNIE type, priority (the type's, or overridden with a reason),
  narrative, persons, weapons, children present and location;
- ``link_call``: the call is the same emergency as an open incident: its narrative goes
  into that incident's timeline instead;
- ``reclassify_incident``: a new type and priority, with a reason, in the timeline;
- ``hand_to_specialists``: the call or incident enters the specialist desk's queue (a
  ``referral`` record) with its narrative and her case; the timeline says who and when.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from c4console.core.calls import intake_fields as f
from c4console.core.calls.records import (
    CALL_HANDED,
    CALL_LINKED,
    CALL_TAKEN,
    DESKS,
    Call,
    Referral,
)
from c4console.core.calls.screen_pop import ScreenPopRefused, parse_number
from c4console.core.cases.registry_link import with_links
from c4console.core.command_kit import (
    Context,
    Decision,
    Handler,
    find_incident,
    number,
    text_field,
    timeline_event,
)
from c4console.core.enums import Channel, IncidentStatus
from c4console.core.geo import valid_position
from c4console.core.models import Incident
from c4console.core.refused import Refused

# Where a call-taker's incident comes from (the catalogue's channel names).
INTAKE_CHANNELS = (Channel.CALL_911, Channel.PHONE, Channel.WALK_IN)
SILENT_CALL_CODES = frozenset({"70104"})  # as core.commands: never for a panic activation


def _open_call(cmd: Mapping[str, Any], ctx: Context, *, required: bool = False) -> Call | None:
    call_id = cmd.get("call_id")
    if call_id is None and not required:
        return None
    call_id = text_field(cmd, "call_id", limit=64)
    call = ctx.call(call_id)
    if call is None:
        raise Refused("not_found", f"call {call_id} does not exist (no screen pop with that id)")
    if not call.is_open:
        raise Refused("call_closed", f"call {call_id} is already {call.status}"
                                     + (f" (incident {call.incident_id})" if call.incident_id else ""))
    return call


def _channel(cmd: Mapping[str, Any]) -> Channel:
    raw = cmd.get("channel", Channel.CALL_911.value)
    if raw not in [c.value for c in INTAKE_CHANNELS]:
        raise Refused("bad_command", f"channel must be one of "
                                     f"{', '.join(c.value for c in INTAKE_CHANNELS)}")
    return Channel(raw)


def _callback(cmd: Mapping[str, Any]) -> str:
    try:
        number_given, _ = parse_number(cmd.get("callback_number"))
    except ScreenPopRefused as e:
        raise Refused("bad_number", str(e).replace("number must", "callback_number must", 1)) from None
    return number_given


def _point(cmd: Mapping[str, Any], call: Call | None) -> tuple[float | None, float | None]:
    lat, lon = number(cmd, "lat"), number(cmd, "lon")
    if (lat is None) != (lon is None) or (lat is not None and not valid_position(lat, lon)):
        raise Refused("bad_location", "lat and lon must both be valid WGS84 degrees or absent")
    if lat is None and call is not None and call.location is not None:
        return call.location.lat, call.location.lon  # the carrier's, until the operator picks one
    return lat, lon


def take_call(cmd, incidents, units, ctx: Context) -> Decision:
    """A new incident from a call (or a walk-in); see module docstring."""
    iid = text_field(cmd, "incident_id", limit=64)
    if iid in incidents:
        raise Refused("exists", f"incident {iid} already exists")
    channel = _channel(cmd)
    call = _open_call(cmd, ctx)
    itype = f.incident_type(cmd, ctx.catalogue)
    prio, override = f.priority(cmd, itype)
    text = f.narrative(cmd)
    persons = f.persons(cmd, lambda cid: ctx.case(cid) is not None)
    weapons = f.weapons(cmd)
    children = f.flag(cmd, "children_present")
    caller_name = text_field(cmd, "caller_name", required=False, limit=200)
    callback = _callback(cmd) or (call.number if call else "")
    lat, lon = _point(cmd, call)
    place = ctx.locate(lat, lon) if lat is not None and lon is not None else None
    outside = lat is not None and place is None and ctx.sectors is not None
    inc = Incident(
        id=iid, folio=ctx.next_folio(), type_code=itype.code, priority=prio, channel=channel,
        status=IncidentStatus.NEW, created_at=ctx.now, lat=lat, lon=lon,
        sector=place.sector if place else "", cuadrante=place.cuadrante if place else "",
        colonia=place.colonia if place else "",
        address=text_field(cmd, "address", required=False, limit=300),
        caller=callback, caller_name=caller_name or (call.caller_name if call else ""),
        updated_at=ctx.now, owner=ctx.owner, call_id=call.id if call else None,
        weapons=weapons, children_present=children, transfer=outside)
    data: dict[str, Any] = {"call_id": inc.call_id, "persons": persons, "weapons": list(weapons),
                            "children_present": children, "type_code": itype.code,
                            "priority": prio.value}
    if call is not None:
        data["answered_at"] = call.answered_at
    if override:
        data.update(priority_from_type=itype.priority.value, priority_reason=override)
    events = [timeline_event(ctx, inc, "created", channel.value),
              timeline_event(ctx, inc, "call_taken", text, **data)]
    if outside:
        events.append(timeline_event(ctx, inc, "transfer_needed",
                                     "location outside the jurisdiction", lat=lat, lon=lon))
    cases = []
    for cid in dict.fromkeys(p["case_id"] for p in persons if p["role"] == "victim" and "case_id" in p):
        case = ctx.case(cid)
        if case is not None:
            cases.append(with_links(case, now=ctx.now, incident_ids=[iid]))
    calls = [call.evolve(status=CALL_TAKEN, incident_id=iid, taken_by=ctx.actor,
                         taken_at=ctx.now)] if call else []
    return Decision(True, incidents=[inc], events=events, cases=cases, calls=calls)


def link_call(cmd, incidents, units, ctx: Context) -> Decision:
    """The call is an open incident's (a duplicate): its narrative joins that timeline."""
    inc = find_incident(cmd, incidents)
    if not inc.is_open:
        raise Refused("terminal", f"incident {inc.folio} is {inc.status.value}: link the call "
                                  "to an open incident, or take it as a new one")
    call = _open_call(cmd, ctx)
    text = f.narrative(cmd, required=call is None)
    caller = _callback(cmd) or (call.number if call else "")
    data: dict[str, Any] = {"call_id": call.id if call else None, "caller": caller}
    if call is not None:
        data["answered_at"] = call.answered_at
    events = [timeline_event(ctx, inc, "call_linked", text, **data)]
    calls = [call.evolve(status=CALL_LINKED, incident_id=inc.id, taken_by=ctx.actor,
                         taken_at=ctx.now)] if call else []
    return Decision(True, events=events, calls=calls)


def reclassify_incident(cmd, incidents, units, ctx: Context) -> Decision:
    """A new CNIE type (and its priority, or an override) with a reason."""
    inc = find_incident(cmd, incidents)
    if not inc.is_open:
        raise Refused("terminal", f"incident {inc.folio} is {inc.status.value}")
    itype = f.incident_type(cmd, ctx.catalogue)
    reason = cmd.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise Refused("reason_required", "say why the incident is reclassified (reason)")
    if len(reason) > f.MAX_REASON:
        raise Refused("too_long", f"reason is longer than {f.MAX_REASON} characters")
    if inc.channel is Channel.PANIC_BUTTON and itype.code in SILENT_CALL_CODES:
        raise Refused("panic_is_not_silent_call",
                      "a panic activation is an emergency, never a silent call")
    prio, _ = f.priority({**cmd, "priority_reason": reason}, itype)
    if itype.code == inc.type_code and prio is inc.priority:
        raise Refused("no_change", f"incident {inc.folio} is already {itype.code} {prio.value}")
    new = inc.evolve(type_code=itype.code, priority=prio, updated_at=ctx.now)
    ev = timeline_event(ctx, new, "reclassified", reason.strip(), from_type=inc.type_code,
                        to_type=itype.code, from_priority=inc.priority.value,
                        to_priority=prio.value, type_priority=itype.priority.value)
    return Decision(True, incidents=[new], events=[ev])


def hand_to_specialists(cmd, incidents, units, ctx: Context) -> Decision:
    """The call or incident enters the specialist desk's queue (see module docstring)."""
    inc = find_incident(cmd, incidents) if cmd.get("incident_id") is not None else None
    call = None
    if cmd.get("call_id") is not None:
        call_id = text_field(cmd, "call_id", limit=64)
        call = ctx.call(call_id)
        if call is None:
            raise Refused("not_found", f"call {call_id} does not exist")
    if inc is None and call is None:
        raise Refused("bad_command", "name the incident (incident_id) or the call (call_id) "
                                     "to hand over")
    if inc is None and call is not None and call.incident_id:
        inc = incidents.get(call.incident_id)
    desks = cmd.get("desks")
    if (not isinstance(desks, list) or not desks or not all(d in DESKS for d in desks)):
        raise Refused("bad_command", f"field 'desks' must list one or more of {', '.join(DESKS)}")
    text = f.narrative(cmd)
    patrol = f.flag(cmd, "patrol")
    case_id = cmd.get("case_id")
    if case_id is not None and (not isinstance(case_id, str) or ctx.case(case_id) is None):
        raise Refused("not_found", f"case {str(case_id)[:64]!r} does not exist")
    if case_id is None and call is not None and call.history:
        case_id = call.history.get("case_id")
    rid = cmd.get("referral_id") or ctx.new_id()
    if not isinstance(rid, str) or len(rid) > 64:
        raise Refused("bad_command", "field 'referral_id' must be a string of at most 64 characters")
    referral = Referral(id=rid, desks=tuple(dict.fromkeys(desks)), handed_by=ctx.actor,
                        handed_at=ctx.now, incident_id=inc.id if inc else None,
                        call_id=call.id if call else (inc.call_id if inc else None),
                        case_id=case_id, narrative=text, patrol=patrol)
    events = [timeline_event(ctx, inc, "handed_to_specialists", text, referral_id=rid,
                             desks=list(referral.desks), case_id=case_id, patrol=patrol)] if inc else []
    calls = [call.evolve(status=CALL_HANDED, taken_by=ctx.actor, taken_at=ctx.now)] if (
        call is not None and call.is_open and inc is None) else []
    return Decision(True, events=events, calls=calls, referrals=[referral])


HANDLERS: dict[str, Handler] = {
    "take_call": take_call,
    "link_call": link_call,
    "reclassify_incident": reclassify_incident,
    "hand_to_specialists": hand_to_specialists,
}
