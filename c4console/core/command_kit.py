"""What every command handler shares: the decision context, the decision, the refusal,
and the field readers that turn bad input into a refusal with a reason (pure).

The handlers live by subject in ``commands`` (incidents and units), ``chat_commands``,
``shift_commands`` and ``registry_commands``; :func:`c4console.core.commands.decide` picks one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from c4console.core.catalogue import Catalogue
from c4console.core.domain_events import DomainEvent
from c4console.core.geo import Cuadrante
from c4console.core.models import Beneficiary, Device, Incident, Shift, TimelineEvent, Unit
from c4console.core.refused import Refused

if TYPE_CHECKING:  # core.cases builds on this module (its refusals are Refused)
    from c4console.core.banavim.registration import BanavimRegistration
    from c4console.core.calls.records import Call, Referral
    from c4console.core.cases.case_catalogues import CaseCatalogues
    from c4console.core.cases.records import Case
    from c4console.core.referrals.catalogue import InstitutionCatalogue
    from c4console.core.specialists.records import Intervention


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
    # The case area (core/cases/commands.py): a case by id, the live cases that may be the
    # same person as a given one (same name and birth date, or a shared number), the case
    # catalogues, and the C4's calendar date (birth dates, orders, reassessment).
    case: Callable[[str], Case | None] = lambda case_id: None
    case_candidates: Callable[[Case], Iterable[Case]] = lambda case: ()
    case_catalogues: CaseCatalogues | None = None
    today: date | None = None
    # How long a device's test mode lasts once armed (the central's device_test_minutes).
    device_test_minutes: float = 30.0
    # Any other feed record by entity and id (device health and its call tasks).
    record: Callable[[str, str], Any] = lambda entity, record_id: None
    # The call intake (core/calls/commands.py): a call record by its id.
    call: Callable[[str], Call | None] = lambda call_id: None
    # The recorded audio sessions of an incident, oldest first (a device's test call:
    # core/device_lifecycle_commands.py).
    audio_sessions_of: Callable[[str], Iterable[str]] = lambda incident_id: ()
    # Whether an account exists (``unlock_login``): the central knows; None: unknown (console).
    account_exists: Callable[[str], bool | None] = lambda name: None
    # The specialist desk (core/specialists/commands.py): the interventions of a case.
    interventions_of: Callable[[str], Iterable[Intervention]] = lambda case_id: ()
    # BANAVIM (core/banavim/commands.py): the registration that already holds a folio, if any.
    banavim_folio: Callable[[str], BanavimRegistration | None] = lambda folio: None
    # The institutions women are referred to (core/referrals, issue 12); None: not loaded.
    institutions: InstitutionCatalogue | None = None
    # Follow-up of protection orders (core/follow_up): the plan defaults per risk level
    # (PlanDefaults; None: not loaded) and a plan's patrol visits.
    follow_up_defaults: Any = None
    visits_of_plan: Callable[[str], Iterable[Any]] = lambda plan_id: ()
    # Each unit's planned visits not yet made (unit id → count): the planner shares by it.
    planned_load: Callable[[], Mapping[str, int]] = lambda: {}
    # Agencies (core/agencies, issue 15): an agency by id (an Agency), None if unknown; her
    # case timeline's entries (re-published with a share's change).
    agency: Callable[[str], Any] = lambda agency_id: None
    timeline_of: Callable[[str], Iterable[Any]] = lambda case_id: ()
    # Coordination tables (core/coordination, issue 15): the agency of the account sending
    # the command ("" unknown) and the shares of a case (CaseShare records).
    actor_agency: str = ""
    shares_of: Callable[[str], Iterable[Any]] = lambda case_id: ()
    # The meetings that reviewed a case and the tasks on it (re-published with a share's
    # change: a liaison's cut of them depends on the share).
    coordination_of: Callable[[str], Iterable[Any]] = lambda case_id: ()


@dataclass
class Decision:
    """The outcome of one command: accepted with changed records, or refused.

    ``domain_events`` are the facts others react to (a panic activation, a reply to
    send…: :mod:`c4console.core.domain_events`); they are not stored as records.
    """

    accepted: bool
    reason: str = ""
    message: str = ""
    incidents: list[Incident] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    events: list[TimelineEvent] = field(default_factory=list)
    devices: list[Device] = field(default_factory=list)
    beneficiaries: list[Beneficiary] = field(default_factory=list)
    shifts: list[Shift] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    domain_events: list[DomainEvent] = field(default_factory=list)
    # Other feed records the decision changes (device health, call tasks), stored as given.
    records: list[Any] = field(default_factory=list)

    @classmethod
    def refuse(cls, reason: str, message: str) -> Decision:
        """A refusal with a stable reason code and a sentence for people."""
        return cls(False, reason, message)


def text_field(cmd: Mapping[str, Any], name: str, *, required: bool = True, limit: int = 200
               ) -> str:
    """The stripped string field ``name`` (refused if missing, empty or longer than ``limit``)."""
    value = cmd.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise Refused("bad_command", f"field {name!r} must be a non-empty string")
    if len(value) > limit:
        raise Refused("bad_command", f"field {name!r} is longer than {limit} characters")
    return value.strip()


def find_incident(cmd: Mapping[str, Any], incidents: Mapping[str, Incident]) -> Incident:
    """The incident named by the command's ``incident_id`` (refused ``not_found`` if none)."""
    iid = text_field(cmd, "incident_id")
    inc = incidents.get(iid)
    if inc is None:
        raise Refused("not_found", f"incident {iid} does not exist")
    return inc


def find_unit(unit_id: str, units: Mapping[str, Unit]) -> Unit:
    """The unit ``unit_id`` (refused ``not_found`` if none)."""
    unit = units.get(unit_id)
    if unit is None:
        raise Refused("not_found", f"unit {unit_id} does not exist")
    return unit


def timeline_event(ctx: Context, inc: Incident, kind: str, text: str = "", **data: Any
                   ) -> TimelineEvent:
    """A timeline entry of ``inc`` by the context's actor, now."""
    return TimelineEvent(
        id=ctx.new_id(), incident_id=inc.id, at=ctx.now, kind=kind, actor=ctx.actor, text=text,
        data=data or None,
    )


def number(cmd: Mapping[str, Any], name: str) -> float | None:
    """The numeric field ``name`` as a float, None if absent (refused if not a number)."""
    value = cmd.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Refused("bad_command", f"field {name!r} must be a number")
    return float(value)


Handler = Callable[[Mapping[str, Any], Mapping[str, Incident], Mapping[str, Unit], Context], Decision]
