"""Operator commands and the pure rule that decides each one.

A command is a dict ``{"key", "type", ...}`` made by a console with a client-side
idempotency key. :func:`decide` judges it against the current records and returns
the records it changes, or a refusal with a reason. The central runs it inside a
transaction; the console runs it on its cache only to draw the pending overlay.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from c4console.core.catalogue import Catalogue
from c4console.core.enums import Channel, IncidentStatus, UnitStatus
from c4console.core.geo import Cuadrante, valid_position
from c4console.core.lifecycle import TransitionRefused, check_transition
from c4console.core.models import Beneficiary, Device, Incident, Shift, TimelineEvent, Unit

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


@dataclass(frozen=True)
class Context:
    """What a decision needs besides the records: clock, actor, ids, catalogue."""

    now: float
    actor: str
    new_id: Callable[[], str]
    catalogue: Catalogue
    next_folio: Callable[[], str] = lambda: ""
    locate: Callable[[float, float], Cuadrante | None] = lambda lat, lon: None
    device: Callable[[str], Device | None] = lambda device_id: None  # a registered device
    beneficiary: Callable[[str], Beneficiary | None] = lambda beneficiary_id: None
    sectors: frozenset[str] | None = None  # the jurisdiction's sector codes; None: unknown
    # The person at a console taking the incidents she acknowledges, dispatches or creates
    # (Incident.owner); "" for the central's gateways and devices, which never own one.
    owner: str = ""


@dataclass
class Decision:
    """The outcome of one command: accepted with changed records, or refused."""

    accepted: bool
    reason: str = ""
    message: str = ""
    incidents: list[Incident] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    events: list[TimelineEvent] = field(default_factory=list)
    devices: list[Device] = field(default_factory=list)
    beneficiaries: list[Beneficiary] = field(default_factory=list)
    shifts: list[Shift] = field(default_factory=list)

    @classmethod
    def refuse(cls, reason: str, message: str) -> Decision:
        """A refusal with a stable reason code and a sentence for people."""
        return cls(False, reason, message)


class _Refused(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


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


def _str(cmd: Mapping[str, Any], name: str, *, required: bool = True, limit: int = 200) -> str:
    value = cmd.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _Refused("bad_command", f"field {name!r} must be a non-empty string")
    if len(value) > limit:
        raise _Refused("bad_command", f"field {name!r} is longer than {limit} characters")
    return value.strip()


def _incident(cmd: Mapping[str, Any], incidents: Mapping[str, Incident]) -> Incident:
    iid = _str(cmd, "incident_id")
    inc = incidents.get(iid)
    if inc is None:
        raise _Refused("not_found", f"incident {iid} does not exist")
    return inc


def _unit(unit_id: str, units: Mapping[str, Unit]) -> Unit:
    unit = units.get(unit_id)
    if unit is None:
        raise _Refused("not_found", f"unit {unit_id} does not exist")
    return unit


def _event(ctx: Context, inc: Incident, kind: str, text: str = "", **data: Any) -> TimelineEvent:
    return TimelineEvent(
        id=ctx.new_id(), incident_id=inc.id, at=ctx.now, kind=kind, actor=ctx.actor, text=text,
        data=data or None,
    )


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


def _number(cmd: Mapping[str, Any], name: str) -> float | None:
    value = cmd.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Refused("bad_command", f"field {name!r} must be a number")
    return float(value)


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


# --- WhatsApp chat -------------------------------------------------------------------

CHAT_DIRECTIONS = ("in", "out")
CHAT_KINDS = ("text", "location", "image", "interactive", "button", "other")
MAX_CHAT_CHARS = 4096  # the Cloud API's limit for a text body
MAX_CHAT_BUTTONS = 3  # interactive reply buttons per message
MAX_BUTTON_CHARS = 20


def _buttons(cmd: Mapping[str, Any]) -> list[str]:
    raw = cmd.get("buttons")
    if raw is None:
        return []
    if (not isinstance(raw, list) or len(raw) > MAX_CHAT_BUTTONS
            or not all(isinstance(b, str) and 0 < len(b.strip()) <= MAX_BUTTON_CHARS for b in raw)):
        raise _Refused("bad_command", f"field 'buttons' must be a list of at most {MAX_CHAT_BUTTONS} "
                                      f"titles of 1 to {MAX_BUTTON_CHARS} characters")
    return [b.strip() for b in raw]


def _chat_message(cmd, incidents, units, ctx) -> Decision:
    """One WhatsApp message of an incident's conversation, in (from her) or out (a reply).

    It becomes a ``chat_message`` event. An inbound shared location places the incident:
    its confirmed location if it had none (with sector, cuadrante and colonia), else its
    live position (both are shown; a later location never silently replaces the first).
    ``sector`` (from a QR poster's prefilled text) places an incident that has no sector
    yet. Idempotency on ``wa_message_id`` is the command key (the gateway derives it).
    """
    inc = _incident(cmd, incidents)
    direction = cmd.get("direction")
    if direction not in CHAT_DIRECTIONS:
        raise _Refused("bad_command", "field 'direction' must be 'in' or 'out'")
    kind = cmd.get("kind", "text")
    if kind not in CHAT_KINDS:
        raise _Refused("bad_command", f"field 'kind' must be one of {', '.join(CHAT_KINDS)}")
    if inc.channel is not Channel.WHATSAPP:
        raise _Refused("not_whatsapp", f"incident {inc.folio} did not come by WhatsApp")
    text = _str(cmd, "text", required=direction == "out" and kind == "text", limit=MAX_CHAT_CHARS)
    data: dict[str, Any] = {"direction": direction, "kind": kind}
    for name in ("wa_message_id", "media_id", "name", "mime_type", "wa_timestamp"):
        value = _str(cmd, name, required=False, limit=300)
        if value:
            data[name] = value
    if direction == "out":
        if not inc.is_open:
            raise _Refused("terminal", f"incident {inc.folio} is {inc.status.value}")
        if kind not in ("text", "interactive"):
            raise _Refused("bad_command", "a reply is a text, or an interactive message with buttons")
        buttons = _buttons(cmd)
        if kind == "interactive" and not buttons:
            raise _Refused("bad_command", "an interactive reply needs 'buttons'")
        if buttons:
            data["buttons"] = buttons
    new = inc
    lat, lon = _number(cmd, "lat"), _number(cmd, "lon")
    if kind == "location":
        if lat is None or lon is None or not valid_position(lat, lon):
            raise _Refused("bad_command", "a location needs valid WGS84 'lat' and 'lon'")
        data.update(lat=lat, lon=lon)
        if direction == "in" and new.lat is None:
            place = ctx.locate(lat, lon)
            new = new.evolve(lat=lat, lon=lon, **({"sector": place.sector,
                                                    "cuadrante": place.cuadrante,
                                                    "colonia": place.colonia} if place else {}))
        elif direction == "in":
            new = new.evolve(live_lat=lat, live_lon=lon, live_at=ctx.now)
    sector = _str(cmd, "sector", required=False, limit=20)
    if sector and direction == "in":
        data["sector"] = sector
        if not new.sector:
            new = new.evolve(sector=sector)
    changed = [new.evolve(updated_at=ctx.now)] if new is not inc else []
    ev = TimelineEvent(id=ctx.new_id(), incident_id=inc.id, at=ctx.now, kind="chat_message",
                       actor=ctx.actor, text=text, data=data)
    return Decision(True, incidents=changed, events=[ev])


COMMAND_TYPES = (*COMMAND_TYPES, "chat_message")
_HANDLERS["chat_message"] = _chat_message


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
    # a real incident always wins over a test.)
    return Decision(True, devices=[device.evolve(test_armed_at=ctx.now, test_armed_by=ctx.actor)])


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


COMMAND_TYPES = (*COMMAND_TYPES, "start_device_test")
_HANDLERS["start_device_test"] = _start_device_test
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


# --- Shift roster: who works which period, with which patrols and sectors ---------------

MAX_SHIFT_S = 24 * 3600.0  # a shift is at most a day; longer is a typing error
MAX_SHIFT_MEMBERS = 200  # operators, units or sectors of one shift


def _time(cmd: Mapping[str, Any], name: str) -> float:
    value = _number(cmd, name)
    if value is None or value != value or value in (float("inf"), float("-inf")) or value < 0:
        raise _Refused("bad_command", f"field {name!r} must be a time (UTC epoch seconds)")
    return value


def _names_list(cmd: Mapping[str, Any], name: str, limit: int = 64) -> tuple[str, ...]:
    raw = cmd.get(name, [])
    if (not isinstance(raw, list) or len(raw) > MAX_SHIFT_MEMBERS
            or not all(isinstance(v, str) and 0 < len(v.strip()) <= limit for v in raw)):
        raise _Refused("bad_command", f"field {name!r} must be a list of at most "
                                      f"{MAX_SHIFT_MEMBERS} non-empty strings")
    return tuple(dict.fromkeys(v.strip() for v in raw))  # order kept, repeats dropped


def _set_shift(cmd, incidents, units, ctx) -> Decision:
    """Create or replace shift ``shift_id``: name, period, lead, operators, units, sectors.

    Refused ``bad_command`` (a field of the wrong type), ``bad_period`` (``ends_at`` not
    after ``starts_at``, or longer than 24 h), ``not_found`` (a unit id that does not
    exist) and ``unknown_sector`` (a sector the jurisdiction, when known, lacks).
    """
    shift_id = _str(cmd, "shift_id", limit=64)
    name = _str(cmd, "name", limit=120)
    starts, ends = _time(cmd, "starts_at"), _time(cmd, "ends_at")
    if ends <= starts:
        raise _Refused("bad_period", f"shift {name} ends before it starts "
                                     "(ends_at must be after starts_at)")
    if ends - starts > MAX_SHIFT_S:
        raise _Refused("bad_period", f"shift {name} lasts {(ends - starts) / 3600:.1f} h; "
                                     f"a shift is at most {MAX_SHIFT_S / 3600:.0f} h")
    lead = _str(cmd, "lead", required=False, limit=64)
    operators = _names_list(cmd, "operators")
    unit_ids = _names_list(cmd, "units")
    sectors = _names_list(cmd, "sectors", limit=20)
    for uid in unit_ids:
        if uid not in units:
            raise _Refused("not_found", f"unit {uid} does not exist; shift {name} not saved")
    if ctx.sectors is not None:
        for code in sectors:
            if code not in ctx.sectors:
                raise _Refused("unknown_sector", f"sector {code} is not in the jurisdiction; "
                                                 f"shift {name} not saved")
    shift = Shift(id=shift_id, name=name, starts_at=starts, ends_at=ends, lead=lead,
                  operators=operators, units=unit_ids, sectors=sectors, updated_at=ctx.now,
                  updated_by=ctx.actor)
    return Decision(True, shifts=[shift])


COMMAND_TYPES = (*COMMAND_TYPES, "set_shift")
_HANDLERS["set_shift"] = _set_shift


# --- Beneficiary registry: supervisors and admins edit her record -----------------------

MAX_TRUSTED_CONTACTS = 10
_PHONE_JUNK = re.compile(r"[\s\-.()/]")
_PHONE = re.compile(r"^\+?\d{7,15}$")
_BENEFICIARY_TEXT = {"name": 200, "address": 300, "colonia": 120, "order_number": 80,
                     "order_authority": 200, "order_measures": 2000, "aggressor": 1000}
_BENEFICIARY_DATES = ("order_valid_from", "order_valid_until")


def _phone(value: Any, what: str, *, required: bool) -> str:
    if not isinstance(value, str):
        raise _Refused("bad_phone", f"{what} must be a string")
    value = value.strip()
    if not value and not required:
        return ""
    if not _PHONE.match(_PHONE_JUNK.sub("", value)):
        raise _Refused("bad_phone", f"{what} {value!r} is not a phone number "
                                    "(7 to 15 digits, optionally after +)")
    return value


def _iso_date(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise _Refused("bad_date", f"field {name!r} must be a date YYYY-MM-DD")
    value = value.strip()
    if value:
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            raise _Refused("bad_date", f"field {name!r} {value!r} is not a date YYYY-MM-DD") from None
        if len(value) != 10:
            raise _Refused("bad_date", f"field {name!r} {value!r} is not a date YYYY-MM-DD")
    return value


MAX_DEVICE_MODEL = 80


def delivery_date_problem(value: str, now: float) -> str | None:
    """Why ``value`` is not a usable delivery date (None if it is, or if it is empty).

    A delivery date is an ISO date (YYYY-MM-DD) not after ``now``'s UTC date: a
    device is handed over on a day that has come (UTC is ahead of Mexico, so a
    local date is never refused for being "tomorrow"). Shared by the command and
    the CSV import (``c4console.central.seed``).
    """
    value = value.strip()
    if not value:
        return None
    try:
        day = _dt.date.fromisoformat(value)
    except ValueError:
        day = None
    if day is None or len(value) != 10:
        return f"delivery date {value!r} is not a date YYYY-MM-DD"
    today = _dt.datetime.fromtimestamp(now, _dt.UTC).date()
    if day > today:
        return f"delivery date {value} is in the future (today is {today.isoformat()})"
    return None


def _device_changes(cmd: Mapping[str, Any], bid: str, ctx: Context) -> list[Device]:
    """Her device's model and delivery date (``device_model``, ``device_delivered_on``),
    on the device ``device_id`` registered to her; [] if the command carries neither."""
    if "device_model" not in cmd and "device_delivered_on" not in cmd:
        return []
    device_id = _str(cmd, "device_id", limit=64)
    device = ctx.device(device_id)
    if device is None:
        raise _Refused("not_found", f"device {device_id} is not registered")
    if device.kind != "panic" or device.beneficiary_id != bid:
        raise _Refused("not_her_device", f"device {device_id} is not the panic device of "
                                         f"beneficiary {bid}")
    changes: dict[str, Any] = {}
    if "device_model" in cmd:
        model = cmd["device_model"]
        if not isinstance(model, str) or len(model) > MAX_DEVICE_MODEL:
            raise _Refused("bad_command", f"field 'device_model' must be a text of at most "
                                          f"{MAX_DEVICE_MODEL} characters")
        changes["model"] = model.strip()
    if "device_delivered_on" in cmd:
        day = cmd["device_delivered_on"]
        problem = (delivery_date_problem(day, ctx.now) if isinstance(day, str)
                   else "field 'device_delivered_on' must be a date YYYY-MM-DD or empty")
        if problem:
            raise _Refused("bad_date", problem)
        changes["delivered_on"] = day.strip()
    new = device.evolve(**changes)
    return [new] if new != device else []


def _trusted_contacts(raw: Any) -> list[dict[str, str]]:
    if not isinstance(raw, list):
        raise _Refused("bad_contact", "trusted_contacts must be a list of {name, phone, relation}")
    if len(raw) > MAX_TRUSTED_CONTACTS:
        raise _Refused("bad_contact", f"{len(raw)} trusted contacts; at most {MAX_TRUSTED_CONTACTS}")
    out = []
    for n, c in enumerate(raw, 1):
        if not isinstance(c, dict):
            raise _Refused("bad_contact", f"trusted contact {n} is not an object")
        name, relation = c.get("name"), c.get("relation", "")
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise _Refused("bad_contact", f"trusted contact {n} has no name")
        if not isinstance(relation, str) or len(relation) > 80:
            raise _Refused("bad_contact", f"trusted contact {n} ({name}): relation must be text")
        phone = _phone(c.get("phone"), f"trusted contact {n} ({name.strip()}): phone",
                       required=True)
        out.append({"name": name.strip(), "phone": phone, "relation": relation.strip()})
    return out


def _update_beneficiary(cmd, incidents, units, ctx) -> Decision:
    """Edit a beneficiary's record: only the fields the command carries change.

    Refused ``not_found`` (no such beneficiary), ``empty_name``, ``bad_phone``,
    ``bad_date`` (not YYYY-MM-DD), ``order_dates`` (valid_until before valid_from),
    ``bad_position`` and ``bad_contact``. ``device_model`` / ``device_delivered_on``
    (with ``device_id``) edit her panic device: ``not_found``, ``not_her_device``,
    ``bad_date`` (not YYYY-MM-DD, or after today).
    """
    bid = _str(cmd, "beneficiary_id", limit=64)
    ben = ctx.beneficiary(bid)
    if ben is None:
        raise _Refused("not_found", f"beneficiary {bid} is not registered")
    changes: dict[str, Any] = {}
    for name, limit in _BENEFICIARY_TEXT.items():
        if name in cmd:
            value = cmd[name]
            if not isinstance(value, str):
                raise _Refused("bad_command", f"field {name!r} must be a string")
            if len(value) > limit:
                raise _Refused("bad_command", f"field {name!r} is longer than {limit} characters")
            changes[name] = value.strip()
    if "name" in changes and not changes["name"]:
        raise _Refused("empty_name", "her name cannot be empty")
    if "phone" in cmd:
        changes["phone"] = _phone(cmd["phone"], "phone", required=False)
    for name in _BENEFICIARY_DATES:
        if name in cmd:
            changes[name] = _iso_date(cmd[name], name)
    since = changes.get("order_valid_from", ben.order_valid_from)
    until = changes.get("order_valid_until", ben.order_valid_until)
    if since and until and until < since:
        raise _Refused("order_dates", f"the protection order is valid until {until}, "
                                      f"before it is valid from {since}")
    if "home_lat" in cmd or "home_lon" in cmd:
        lat, lon = cmd.get("home_lat"), cmd.get("home_lon")
        if lat is None and lon is None:
            changes.update(home_lat=None, home_lon=None)
        elif (not isinstance(lat, (int, float)) or not isinstance(lon, (int, float))
              or isinstance(lat, bool) or isinstance(lon, bool)
              or not valid_position(float(lat), float(lon))):
            raise _Refused("bad_position", f"home {lat},{lon} is not a WGS84 position "
                                           "(both numbers, or both null)")
        else:
            changes.update(home_lat=float(lat), home_lon=float(lon))
    if "trusted_contacts" in cmd:
        changes["trusted_contacts"] = _trusted_contacts(cmd["trusted_contacts"]) or None
    devices = _device_changes(cmd, bid, ctx)
    return Decision(True, beneficiaries=[ben.evolve(**changes)], devices=devices)


COMMAND_TYPES = (*COMMAND_TYPES, "update_beneficiary")
_HANDLERS["update_beneficiary"] = _update_beneficiary
