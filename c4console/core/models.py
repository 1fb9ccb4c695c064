"""The records that travel on the change feed: incidents, units, timeline events,
beneficiaries, devices and shifts.

Each is a frozen dataclass with ``to_wire``/``from_wire`` for the JSON the
central sends. Times are UTC epoch seconds (floats) on the wire and here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from c4console.core.enums import Channel, IncidentStatus, Priority, UnitStatus
from c4console.core.wire import _Wire


@dataclass(frozen=True, slots=True)
class Incident(_Wire):
    """An emergency the C4 is handling.

    ``lat``/``lon`` is the confirmed location; ``live_lat``/``live_lon`` the
    device's latest position, kept apart so one never silently overwrites the other.
    """

    id: str
    folio: str
    type_code: str
    priority: Priority
    channel: Channel
    status: IncidentStatus
    created_at: float
    lat: float | None = None
    lon: float | None = None
    live_lat: float | None = None
    live_lon: float | None = None
    live_at: float | None = None
    sector: str = ""
    cuadrante: str = ""
    colonia: str = ""
    address: str = ""
    caller: str = ""
    beneficiary_id: str | None = None
    device_id: str | None = None
    unit_id: str | None = None
    acknowledged_at: float | None = None
    dispatched_at: float | None = None
    en_route_at: float | None = None
    on_scene_at: float | None = None
    closed_at: float | None = None
    disposition: str = ""
    updated_at: float = 0.0
    # A device's test activation (at delivery): shown marked TEST, never dispatched.
    test: bool = False
    # The device's positions while the incident is open: (lat, lon, fix time), oldest
    # first, bounded (see c4console.central.ingest.TRAIL_MAX).
    trail: tuple[tuple[float, float, float], ...] | None = None
    # The operator who took the incident (first to acknowledge, dispatch or create it):
    # another operator may not move the patrols working it (shift leads and admins may).
    owner: str = ""
    # A 911/phone/walk-in intake (issue 11, core/calls): the PBX's call id it came from,
    # the caller's name as given, weapons mentioned, children present, and a location
    # outside the jurisdiction (taken anyway, to be transferred).
    call_id: str | None = None
    caller_name: str = ""
    weapons: tuple[str, ...] = ()
    children_present: bool = False
    transfer: bool = False
    # A proximity alarm (core/zones/proximity.py): the order, his tracker, her last fresh
    # position, the zones of the order and which he breached. Then lat/lon is where she is
    # (or the zone breached) and live_* / trail are his positions.
    proximity: dict[str, Any] | None = None

    def _coerce(self) -> Incident:
        return replace(
            self,
            weapons=tuple(self.weapons),
            priority=Priority(self.priority),
            channel=Channel(self.channel),
            status=IncidentStatus(self.status),
            trail=tuple((float(p[0]), float(p[1]), float(p[2])) for p in self.trail)
            if self.trail else None,
        )

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (the trail as lists, as it comes back from JSON)."""
        data = asdict(self)
        if self.trail is not None:
            data["trail"] = [list(p) for p in self.trail]
        data["weapons"] = list(self.weapons)
        return data

    @property
    def is_open(self) -> bool:
        """True while the incident needs attention."""
        return self.status.is_open


@dataclass(frozen=True, slots=True)
class Unit(_Wire):
    """A patrol unit (vehicle and crew) with its tracker's latest position."""

    id: str
    callsign: str
    status: UnitStatus
    sector: str = ""
    lat: float | None = None
    lon: float | None = None
    position_at: float | None = None
    incident_id: str | None = None
    status_since: float = 0.0
    device_id: str | None = None
    # What kind of unit (resources/catalogue/unit_kinds.csv): "general" patrol, "fuerza_rosa"
    # (Unidad de Violencia Intrafamiliar, first for her follow-up visits), others.
    kind: str = "general"

    def _coerce(self) -> Unit:
        # from_wire's own new object, not yet shared: set in place (a patrol's tracker
        # report is the feed's most frequent record; replace() was most of its cost).
        object.__setattr__(self, "status", UnitStatus(self.status))
        return self


@dataclass(frozen=True, slots=True)
class TimelineEvent(_Wire):
    """One entry of an incident's timeline: what happened, when, and who did it."""

    id: str
    incident_id: str
    at: float
    kind: str
    actor: str
    text: str = ""
    data: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Beneficiary(_Wire):
    """A woman in the Botón Seguro programme."""

    id: str
    name: str
    phone: str = ""
    address: str = ""
    colonia: str = ""
    home_lat: float | None = None
    home_lon: float | None = None
    order_number: str = ""
    order_authority: str = ""
    order_valid_until: str = ""
    order_measures: str = ""
    aggressor: str = ""
    order_valid_from: str = ""
    # [{name, phone, relation}]: the SMS gateway writes to them on an activation.
    trusted_contacts: list[dict[str, str]] | None = None


@dataclass(frozen=True, slots=True)
class Device(_Wire):
    """A tracker: a beneficiary's panic device, a patrol's vehicle tracker, or an
    aggressor's ankle/wrist tracker under a protection order (kind ``aggressor``)."""

    id: str
    kind: str  # "panic" | "unit" | "aggressor"
    beneficiary_id: str | None = None
    unit_id: str | None = None
    model: str = ""
    last_lat: float | None = None
    last_lon: float | None = None
    last_at: float | None = None
    # Armed for a test activation (command start_device_test): her next activation (alarm
    # or audio) opens a TEST incident instead of an emergency, until ``test_expires_at``;
    # cleared by that activation, by the expiry, or by cancel_device_test (core/device_test.py).
    test_armed_at: float | None = None
    test_armed_by: str = ""
    test_expires_at: float | None = None
    # The last cancellation of a test mode (who, when): shown in the registry.
    test_cancelled_at: float | None = None
    test_cancelled_by: str = ""
    # When the device was handed to her (ISO date, YYYY-MM-DD; "" if not recorded).
    delivered_on: str = ""
    # An aggressor's tracker (core/zones): the exclusion_order record that watches it, the
    # zones (and "victim": within the distance of her) his last position was inside, when
    # he last left them all, and the proximity incident of his last breach.
    order_id: str = ""
    zone_inside: tuple[str, ...] = ()
    zone_left_at: float | None = None
    breach_incident_id: str = ""

    def _coerce(self) -> Device:
        return replace(self, zone_inside=tuple(self.zone_inside)) if self.zone_inside else self

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (lists, as they come back from JSON)."""
        data = asdict(self)
        data["zone_inside"] = list(self.zone_inside)
        return data


@dataclass(frozen=True, slots=True)
class Shift(_Wire):
    """One shift of the control room: its period, who works it and what it covers.

    ``operators`` are login names, ``units`` unit ids, ``sectors`` sector codes (the
    desks' area): an operator on the shift sees incidents in those sectors, and the
    ones she owns, first. Times are UTC epoch seconds; ``ends_at`` > ``starts_at``.
    """

    id: str
    name: str
    starts_at: float
    ends_at: float
    lead: str = ""
    operators: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    updated_at: float = 0.0
    updated_by: str = ""

    def _coerce(self) -> Shift:
        return replace(self, starts_at=float(self.starts_at), ends_at=float(self.ends_at),
                       operators=tuple(self.operators), units=tuple(self.units),
                       sectors=tuple(self.sectors))

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (lists, as they come back from JSON)."""
        data = asdict(self)
        for name in ("operators", "units", "sectors"):
            data[name] = list(data[name])
        return data

    def covers(self, at: float) -> bool:
        """True if ``at`` falls in the shift's period (start inclusive, end exclusive)."""
        return self.starts_at <= at < self.ends_at


ENTITY_TYPES: dict[str, type[_Wire]] = {
    "incident": Incident,
    "unit": Unit,
    "event": TimelineEvent,
    "beneficiary": Beneficiary,
    "device": Device,
    "shift": Shift,
}


# The case area's records travel on the same feed (registered last: core.cases builds on
# this module's _Wire and Incident).
from c4console.core.cases.history_record import IncidentHistory  # noqa: E402
from c4console.core.cases.records import Case  # noqa: E402

ENTITY_TYPES["case"] = Case
ENTITY_TYPES["history"] = IncidentHistory

# Device health (issue 17): what trackers say of themselves, and the calls it asks for.
from c4console.core.device_health import DeviceHealth, HealthTask  # noqa: E402

ENTITY_TYPES["device_health"] = DeviceHealth
ENTITY_TYPES["health_task"] = HealthTask
# The call intake's records (issue 11): a telephone call and a referral to the specialist desk.
from c4console.core.calls.records import Call, Referral  # noqa: E402

ENTITY_TYPES["call"] = Call
ENTITY_TYPES["referral"] = Referral

# Exclusion zones of a protection order (issue 17): watched on the aggressor's tracker.
from c4console.core.zones.records import ExclusionOrder  # noqa: E402

ENTITY_TYPES["exclusion_order"] = ExclusionOrder

# A panic device's life (issue 17): stock → requested → approved → delivered → tested → in use.
from c4console.core.device_lifecycle import DeviceLifecycle  # noqa: E402

ENTITY_TYPES["device_lifecycle"] = DeviceLifecycle

# The specialist desk (issue 12): interventions, the follow-ups the specialists schedule,
# and the case timeline's entries (the intervention entries; other areas may add kinds).
from c4console.core.cases.records import CaseTimelineEntry  # noqa: E402
from c4console.core.specialists.records import DeskFollowUp, Intervention  # noqa: E402

ENTITY_TYPES["intervention"] = Intervention
ENTITY_TYPES["desk_follow_up"] = DeskFollowUp
ENTITY_TYPES["case_timeline"] = CaseTimelineEntry
# A case marked for BANAVIM and, later, its folio (issue 12).
from c4console.core.banavim.registration import BanavimRegistration  # noqa: E402

ENTITY_TYPES["banavim_registration"] = BanavimRegistration
# Referrals of her case to institutions (issue 12).
from c4console.core.referrals.records import InstitutionReferral  # noqa: E402

ENTITY_TYPES["institution_referral"] = InstitutionReferral
# Follow-up of protection orders (issue 13): plans, patrol visits, interviews, follow-up calls.
from c4console.core.follow_up.records import FollowCall, FollowPlan, Interview, PatrolVisit  # noqa: E402

ENTITY_TYPES["follow_plan"] = FollowPlan
ENTITY_TYPES["patrol_visit"] = PatrolVisit
ENTITY_TYPES["interview"] = Interview
ENTITY_TYPES["follow_call"] = FollowCall
# Her case shared with another agency (issue 15): level, reason, end date, revocation.
from c4console.core.agencies.records import CaseShare  # noqa: E402

ENTITY_TYPES["case_share"] = CaseShare
# Coordination meetings and their tasks (issue 15, core/coordination).
from c4console.core.coordination.records import CoordinationTask, Meeting  # noqa: E402

ENTITY_TYPES["meeting"] = Meeting
ENTITY_TYPES["coordination_task"] = CoordinationTask
