"""Operator commands and the pure rule that decides each one.

A command is a dict ``{"key", "type", ...}`` made by a console with a client-side
idempotency key. :func:`decide` judges it against the current records and returns
the records it changes, or a refusal with a reason. The central runs it inside a
transaction; the console runs it on its cache only to draw the pending overlay.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from c4console.core import (
    account_commands,
    chat_commands,
    device_lifecycle_commands,
    health_commands,
    registry_commands,
    shift_commands,
)
from c4console.core.agencies import commands as agency_commands
from c4console.core.banavim import commands as banavim_commands
from c4console.core.calls import commands as call_commands
from c4console.core.cases import commands as case_commands
from c4console.core.command_kit import Context, Decision
from c4console.core.command_kit import Refused as _Refused
from c4console.core.command_kit import find_incident as _incident
from c4console.core.command_kit import find_unit as _unit
from c4console.core.command_kit import number as _number
from c4console.core.command_kit import text_field as _str
from c4console.core.command_kit import timeline_event as _event
from c4console.core.coordination import commands as coordination_commands
from c4console.core.device_testing import disarmed, in_test_mode
from c4console.core.enums import Channel, IncidentStatus, UnitStatus
from c4console.core.follow_up import commands as follow_up_commands
from c4console.core.geo import valid_position
from c4console.core.lifecycle import TransitionRefused, check_transition
from c4console.core.models import Incident, TimelineEvent, Unit
from c4console.core.referrals import commands as referral_commands
from c4console.core.specialists import commands as desk_commands
from c4console.core.zones import commands as zone_commands

COMMAND_TYPES = (
    "acknowledge",
    "dispatch",
    "set_status",
    "close",
    "add_note",
    "classify",
    "create_incident",
    "unit_status",
    "add_bookmark",
)

CLOSING_STATUSES = (
    IncidentStatus.CLOSED,
    IncidentStatus.CANCELLED,
    IncidentStatus.FALSE_ALARM,
    IncidentStatus.TEST,
)

# A panic activation is never a silent call: these codes are refused for it.
SILENT_CALL_CODES = frozenset({"70104"})

MAX_NOTE_CHARS = 4000


def decide(
    cmd: Mapping[str, Any],
    incidents: Mapping[str, Incident],
    units: Mapping[str, Unit],
    ctx: Context,
) -> Decision:
    """Judge one command; never raises for bad input, it refuses with a reason."""
    kind = cmd.get("type")
    handler = _HANDLERS.get(kind) if isinstance(kind, str) else None
    if handler is None:
        return Decision.refuse("unknown_command", f"unknown command type {kind!r}")
    try:
        return handler(cmd, incidents, units, ctx)
    except _Refused as r:
        return Decision.refuse(r.reason, str(r))
    except TransitionRefused as r:
        return Decision.refuse(r.reason, str(r))




def _acknowledge(cmd, incidents, units, ctx) -> Decision:
    inc = _incident(cmd, incidents)
    if inc.status is not IncidentStatus.NEW:
        raise _Refused(
            "already_acknowledged" if inc.acknowledged_at else "illegal_transition",
            f"incident {inc.folio} is {inc.status.value}, not new",
        )
    new = inc.evolve(status=IncidentStatus.ACKNOWLEDGED, acknowledged_at=ctx.now,
                     updated_at=ctx.now, owner=inc.owner or ctx.owner)
    return Decision(True, incidents=[new], events=[_event(ctx, new, "acknowledged")])


def _dispatch(cmd, incidents, units, ctx) -> Decision:
    inc = _incident(cmd, incidents)
    unit = _unit(_str(cmd, "unit_id"), units)
    if inc.status is IncidentStatus.NEW:
        raise _Refused("not_acknowledged", f"incident {inc.folio} must be acknowledged first")
    if inc.unit_id:
        raise _Refused("already_dispatched",
                       f"incident {inc.folio} already has unit {inc.unit_id}")
    check_transition(inc.status, IncidentStatus.DISPATCHED)
    if unit.status is not UnitStatus.AVAILABLE:
        raise _Refused("unit_unavailable",
                       f"unit {unit.callsign} is {unit.status.value}, not available")
    new_inc = inc.evolve(status=IncidentStatus.DISPATCHED, unit_id=unit.id,
                         dispatched_at=ctx.now, updated_at=ctx.now, owner=inc.owner or ctx.owner)
    new_unit = unit.evolve(status=UnitStatus.ASSIGNED, incident_id=inc.id, status_since=ctx.now)
    ev = _event(ctx, new_inc, "dispatched", unit.callsign, unit_id=unit.id)
    return Decision(True, incidents=[new_inc], units=[new_unit], events=[ev])


_UNIT_FOR_INCIDENT = {
    IncidentStatus.EN_ROUTE: UnitStatus.EN_ROUTE,
    IncidentStatus.ON_SCENE: UnitStatus.ON_SCENE,
}
_STAMP = {IncidentStatus.EN_ROUTE: "en_route_at", IncidentStatus.ON_SCENE: "on_scene_at"}


def _set_status(cmd, incidents, units, ctx) -> Decision:
    inc = _incident(cmd, incidents)
    try:
        target = IncidentStatus(_str(cmd, "status"))
    except ValueError:
        raise _Refused("bad_command", f"unknown status {cmd.get('status')!r}") from None
    if target not in _UNIT_FOR_INCIDENT:
        raise _Refused("bad_command", "set_status takes en_route or on_scene; use close to finish")
    check_transition(inc.status, target)
    new_inc = inc.evolve(status=target, updated_at=ctx.now, **{_STAMP[target]: ctx.now})
    changed_units = []
    if inc.unit_id and inc.unit_id in units:
        changed_units.append(units[inc.unit_id].evolve(status=_UNIT_FOR_INCIDENT[target],
                                                       status_since=ctx.now))
    ev = _event(ctx, new_inc, "status", target.value)
    return Decision(True, incidents=[new_inc], units=changed_units, events=[ev])


def _release(inc: Incident, units: Mapping[str, Unit], now: float) -> list[Unit]:
    unit = units.get(inc.unit_id or "")
    if unit is None or unit.incident_id != inc.id:
        return []
    return [unit.evolve(status=UnitStatus.AVAILABLE, incident_id=None, status_since=now)]


def _close(cmd, incidents, units, ctx) -> Decision:
    inc = _incident(cmd, incidents)
    try:
        target = IncidentStatus(cmd.get("status", IncidentStatus.CLOSED.value))
    except ValueError:
        raise _Refused("bad_command", f"unknown status {cmd.get('status')!r}") from None
    if target not in CLOSING_STATUSES:
        raise _Refused("bad_command", f"{target.value} does not finish an incident")
    disposition = _str(cmd, "disposition", required=target is IncidentStatus.CLOSED, limit=500)
    check_transition(inc.status, target)
    new_inc = inc.evolve(status=target, closed_at=ctx.now, disposition=disposition,
                         updated_at=ctx.now)
    ev = _event(ctx, new_inc, "closed", disposition, status=target.value)
    return Decision(True, incidents=[new_inc], units=_release(inc, units, ctx.now), events=[ev])


def _add_note(cmd, incidents, units, ctx) -> Decision:
    inc = _incident(cmd, incidents)
    text = _str(cmd, "text", limit=MAX_NOTE_CHARS)
    return Decision(True, events=[_event(ctx, inc, "note", text)])


def _classify(cmd, incidents, units, ctx) -> Decision:
    inc = _incident(cmd, incidents)
    code = _str(cmd, "type_code")
    if code not in ctx.catalogue.types:
        raise _Refused("bad_command", f"incident type {code} is not in the catalogue")
    if inc.channel is Channel.PANIC_BUTTON and code in SILENT_CALL_CODES:
        raise _Refused("panic_is_not_silent_call",
                       "a panic activation is an emergency, never a silent call")
    if not inc.is_open:
        raise _Refused("terminal", f"incident {inc.folio} is {inc.status.value}")
    itype = ctx.catalogue.get(code)
    new = inc.evolve(type_code=code, priority=itype.priority, updated_at=ctx.now)
    return Decision(True, incidents=[new], events=[_event(ctx, new, "classified", code)])




def _create_incident(cmd, incidents, units, ctx) -> Decision:
    iid = _str(cmd, "incident_id", limit=64)
    if iid in incidents:
        raise _Refused("exists", f"incident {iid} already exists")
    try:
        channel = Channel(_str(cmd, "channel"))
    except ValueError:
        raise _Refused("bad_command", f"unknown channel {cmd.get('channel')!r}") from None
    code = cmd.get("type_code") or ctx.catalogue.default_for(channel).code
    if code not in ctx.catalogue.types:
        raise _Refused("bad_command", f"incident type {code} is not in the catalogue")
    lat, lon = _number(cmd, "lat"), _number(cmd, "lon")
    if (lat is None) != (lon is None) or (lat is not None and not valid_position(lat, lon)):
        raise _Refused("bad_command", "lat and lon must both be valid WGS84 degrees or absent")
    place = ctx.locate(lat, lon) if lat is not None else None
    inc = Incident(
        id=iid, folio=ctx.next_folio(), type_code=code,
        priority=ctx.catalogue.get(code).priority, channel=channel,
        status=IncidentStatus.NEW, created_at=ctx.now, lat=lat, lon=lon,
        sector=place.sector if place else "", cuadrante=place.cuadrante if place else "",
        colonia=place.colonia if place else "",
        address=_str(cmd, "address", required=False, limit=300),
        caller=_str(cmd, "caller", required=False, limit=200), updated_at=ctx.now,
        owner=ctx.owner,
    )
    return Decision(True, incidents=[inc], events=[_event(ctx, inc, "created", channel.value)])


def _unit_status(cmd, incidents, units, ctx) -> Decision:
    unit = _unit(_str(cmd, "unit_id"), units)
    try:
        target = UnitStatus(_str(cmd, "status"))
    except ValueError:
        raise _Refused("bad_command", f"unknown unit status {cmd.get('status')!r}") from None
    if unit.status is target:
        raise _Refused("no_change", f"unit {unit.callsign} is already {target.value}")
    inc = incidents.get(unit.incident_id or "")
    out_units = [unit.evolve(status=target, status_since=ctx.now)]
    out_incidents: list[Incident] = []
    events: list[TimelineEvent] = []
    if target in (UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE):
        if inc is None:
            raise _Refused("no_assignment", f"unit {unit.callsign} has no incident assigned")
        inc_target = IncidentStatus(target.value)
        if inc.status is not inc_target:
            check_transition(inc.status, inc_target)
            inc = inc.evolve(status=inc_target, updated_at=ctx.now,
                             **{_STAMP[inc_target]: ctx.now})
            out_incidents.append(inc)
            events.append(_event(ctx, inc, "status", target.value, unit_id=unit.id))
    elif target in (UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE):
        reason = _str(cmd, "reason", required=target is UnitStatus.OUT_OF_SERVICE, limit=300)
        out_units = [unit.evolve(status=target, status_since=ctx.now, incident_id=None)]
        if inc is not None and inc.is_open:
            events.append(_event(ctx, inc, "unit_released", reason or target.value,
                                 unit_id=unit.id))
    else:
        raise _Refused("bad_command", "a unit is assigned by dispatching it")
    return Decision(True, incidents=out_incidents, units=out_units, events=events)


MAX_BOOKMARK_OFFSET_S = 7 * 24 * 3600.0  # a week: longer than any recording


def _add_bookmark(cmd, incidents, units, ctx) -> Decision:
    """A supervisor's mark at ``offset_s`` seconds into recording ``session_id``, with a note.

    It becomes a ``bookmark`` event on the incident's timeline (so every console gets it
    through the feed). Any incident, open or closed: recordings are reviewed afterwards.
    """
    inc = _incident(cmd, incidents)
    session_id = _str(cmd, "session_id", limit=64)
    offset = _number(cmd, "offset_s")
    if offset is None or offset != offset or not 0.0 <= offset <= MAX_BOOKMARK_OFFSET_S:
        raise _Refused("bad_command", "field 'offset_s' must be a number of seconds, 0 or more")
    text = _str(cmd, "text", required=False, limit=MAX_NOTE_CHARS)
    ev = _event(ctx, inc, "bookmark", text, session_id=session_id, offset_s=round(offset, 3))
    return Decision(True, events=[ev])


_HANDLERS: dict[str, Callable[..., Decision]] = {
    "acknowledge": _acknowledge,
    "dispatch": _dispatch,
    "set_status": _set_status,
    "close": _close,
    "add_note": _add_note,
    "classify": _classify,
    "create_incident": _create_incident,
    "unit_status": _unit_status,
    "add_bookmark": _add_bookmark,
}
assert set(_HANDLERS) == set(COMMAND_TYPES)


# --- test activations at delivery ---------------------------------------------------

TEST_DISPOSITION = "successful test activation"


def _start_device_test(cmd, incidents, units, ctx) -> Decision:
    """Arm a panic device for its test activation: her next alarm opens a TEST incident.

    The device record carries when and by whom it was armed; the activation clears it.
    """
    device_id = _str(cmd, "device_id", limit=64)
    device = ctx.device(device_id)
    if device is None:
        raise _Refused("not_found", f"device {device_id} is not registered")
    if device.kind != "panic":
        raise _Refused("not_panic_device", f"device {device_id} is a {device.kind} tracker, "
                                           "not a panic device")
    # (If she has an emergency open when the alarm comes, the alarm is that emergency's:
    # a real incident always wins over a test.) The mode ends by itself after the
    # central's window (core/device_testing.py): a forgotten test never swallows an alarm.
    return Decision(True, devices=[device.evolve(
        test_armed_at=ctx.now, test_armed_by=ctx.actor,
        test_expires_at=ctx.now + ctx.device_test_minutes * 60)])


def _cancel_device_test(cmd, incidents, units, ctx) -> Decision:
    """End a device's test mode before its call or expiry: her next alarm is an emergency."""
    device_id = _str(cmd, "device_id", limit=64)
    device = ctx.device(device_id)
    if device is None:
        raise _Refused("not_found", f"device {device_id} is not registered")
    if not in_test_mode(device, ctx.now):
        raise _Refused("not_in_test_mode", f"device {device_id} is not in test mode "
                                           "(never armed, already used, expired or cancelled)")
    return Decision(True, devices=[disarmed(device).evolve(test_cancelled_at=ctx.now,
                                                           test_cancelled_by=ctx.actor)])


def _dispatch_unless_test(cmd, incidents, units, ctx) -> Decision:
    """Dispatch, except a test activation: it is never dispatched."""
    inc = incidents.get(cmd.get("incident_id")) if isinstance(cmd.get("incident_id"), str) else None
    if inc is not None and inc.test:
        raise _Refused("test_activation", f"incident {inc.folio} is a device test activation; "
                                          "a test is never dispatched (close it as a test)")
    return _dispatch(cmd, incidents, units, ctx)


def _close_test_aware(cmd, incidents, units, ctx) -> Decision:
    """Close; a test activation finishes as ``test`` (its successful result, timed) or cancelled."""
    inc = incidents.get(cmd.get("incident_id")) if isinstance(cmd.get("incident_id"), str) else None
    if inc is None or not inc.test:
        return _close(cmd, incidents, units, ctx)
    status = cmd.get("status", IncidentStatus.TEST.value)
    if status not in (IncidentStatus.TEST.value, IncidentStatus.CANCELLED.value):
        raise _Refused("test_activation", f"incident {inc.folio} is a device test activation: "
                                          "close it as test (successful) or cancelled")
    decision = _close({**cmd, "status": status,
                       "disposition": cmd.get("disposition") or (
                           TEST_DISPOSITION if status == IncidentStatus.TEST.value else "")},
                      incidents, units, ctx)
    if decision.accepted and status == IncidentStatus.TEST.value:
        decision.events.append(_event(ctx, inc, "test_result", "successful",
                                      device_id=inc.device_id,
                                      seconds=round(ctx.now - inc.created_at, 1)))
    return decision


COMMAND_TYPES = (*COMMAND_TYPES, "start_device_test", "cancel_device_test")
_HANDLERS["start_device_test"] = _start_device_test
_HANDLERS["cancel_device_test"] = _cancel_device_test
_HANDLERS["dispatch"] = _dispatch_unless_test
_HANDLERS["close"] = _close_test_aware


# --- Shift lead: a patrol reassigned to another sector --------------------------------

# A unit working an incident stays in its sector until released.
BUSY_UNIT_STATUSES = frozenset({UnitStatus.ASSIGNED, UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE})


def _reassign_unit(cmd, incidents, units, ctx) -> Decision:
    """Move a patrol to another ``sector`` (optional ``reason``); only the unit record changes.

    Refused ``unit_busy`` while it is on an assignment, ``no_change`` for its own sector,
    ``unknown_sector`` for a sector the jurisdiction (``ctx.sectors``, when known) lacks.
    """
    unit = _unit(_str(cmd, "unit_id"), units)
    sector = _str(cmd, "sector", limit=20)
    _str(cmd, "reason", required=False, limit=300)
    if ctx.sectors is not None and sector not in ctx.sectors:
        raise _Refused("unknown_sector", f"sector {sector} is not in the jurisdiction")
    if sector == unit.sector:
        raise _Refused("no_change", f"unit {unit.callsign} is already in sector {sector}")
    if unit.status in BUSY_UNIT_STATUSES:
        raise _Refused("unit_busy", f"unit {unit.callsign} is {unit.status.value}; "
                                    "release it before moving it to another sector")
    return Decision(True, units=[unit.evolve(sector=sector)])


COMMAND_TYPES = (*COMMAND_TYPES, "reassign_unit")
_HANDLERS["reassign_unit"] = _reassign_unit


# The other subjects' commands: the chat, the shift roster, the beneficiary registry, cases,
# the call intake, a device's life (stock → her hands → back), accounts (a shift lead
# unlocking a login), referrals to institutions.
for _subject in (chat_commands.HANDLERS, shift_commands.HANDLERS, registry_commands.HANDLERS,
                 case_commands.HANDLERS, health_commands.HANDLERS, call_commands.HANDLERS,
                 zone_commands.HANDLERS, device_lifecycle_commands.HANDLERS,
                 account_commands.HANDLERS, desk_commands.HANDLERS,
                 banavim_commands.HANDLERS, referral_commands.HANDLERS,
                 follow_up_commands.HANDLERS, agency_commands.HANDLERS,
                 coordination_commands.HANDLERS):
    COMMAND_TYPES = (*COMMAND_TYPES, *_subject)
    _HANDLERS.update(_subject)
