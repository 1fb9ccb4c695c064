"""The follow-up feed records (pure): ``follow_plan``, ``patrol_visit``, ``interview`` and
``follow_call``. Times are UTC epoch seconds; intervals are hours (visits, calls) and days
(interviews) as the plan table gives them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from c4console.core.wire import _Wire, as_lists

PLAN_ENTITY = "follow_plan"
VISIT_ENTITY = "patrol_visit"
INTERVIEW_ENTITY = "interview"
CALL_ENTITY = "follow_call"
FOLLOW_UP_ENTITIES = frozenset({PLAN_ENTITY, VISIT_ENTITY, INTERVIEW_ENTITY, CALL_ENTITY})

# A patrol visit's life: planned (assigned to a unit, due at a time) → proven by GPS, or
# recorded by hand with a reason; then the crew or the operator adds the outcome.
PLANNED, PROVEN, MANUAL = "planned", "proven", "manual"
VISIT_STATUSES = (PLANNED, PROVEN, MANUAL)
PROOF_GPS, PROOF_MANUAL = "gps", "manual"
OUTCOMES = ("presente_sin_novedad", "no_estaba", "incidente")
CALL_RESULTS = ("reached", "not_reached", "asks_help")



@dataclass(frozen=True, slots=True)
class VisitPlace(_Wire):
    """A place the patrol visits: her home, or her work or school if she asks."""

    kind: str  # home | work | school | other (her case address kinds)
    lat: float
    lon: float
    label: str = ""

    def _coerce(self) -> VisitPlace:
        return replace(self, lat=float(self.lat), lon=float(self.lon))


@dataclass(frozen=True, slots=True)
class FollowPlan(_Wire):
    """The follow-up plan of one protection order of her case.

    ``visit_every_h`` / ``call_every_h`` in hours, ``interview_every_days`` in days;
    ``risk_level`` is the level the plan was made for (the overdue list's order);
    ``sector`` her home's sector (Fuerza Rosa units of that sector are assigned first).
    ``active`` False: the order ended, nothing more is planned."""

    id: str
    case_id: str
    order_number: str
    places: tuple[VisitPlace, ...] = ()
    visit_every_h: float = 0.0
    call_every_h: float = 0.0
    interview_every_days: float = 0.0
    risk_level: str = ""
    sector: str = ""
    phone: str = ""  # the number her follow-up calls use (from her case)
    set_by: str = ""
    reason: str = ""
    set_at: float = 0.0
    active: bool = True
    # The GPS proof for her visits (0: the C4's default, resources/follow_up/plan_defaults.toml).
    radius_m: float = 0.0
    dwell_s: float = 0.0

    def _coerce(self) -> FollowPlan:
        return replace(self, places=tuple(p if isinstance(p, VisitPlace) else VisitPlace.from_wire(p)
                                          for p in self.places or ()),
                       visit_every_h=float(self.visit_every_h), call_every_h=float(self.call_every_h),
                       interview_every_days=float(self.interview_every_days))

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (places as dicts)."""
        return as_lists(asdict(self))


@dataclass(frozen=True, slots=True)
class PatrolVisit(_Wire):
    """One patrol visit of a plan: planned for a unit and a time, then proven (GPS) or
    recorded by hand (with a reason), then its outcome (``incidente`` names the incident).

    ``lat``/``lon`` is the visited place (what the crew needs, not her file). An operator's
    console receives the crew's projection, without ``case_id``: it defaults to empty so
    that record decodes (a required field made every such change fail to apply)."""

    id: str
    plan_id: str
    case_id: str = ""
    unit_id: str = ""
    due_at: float = 0.0
    place_kind: str = "home"
    lat: float = 0.0
    lon: float = 0.0
    radius_m: float = 100.0
    dwell_s: float = 120.0
    status: str = PLANNED
    proven_at: float | None = None
    proof: str = ""  # gps | manual
    manual_reason: str = ""
    outcome: str = ""
    incident_id: str | None = None
    outcome_by: str = ""
    updated_at: float = 0.0
    updated_by: str = ""

    @property
    def happened(self) -> bool:
        """True once proven by GPS or recorded by hand."""
        return self.status in (PROVEN, MANUAL)

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> PatrolVisit:
        """From its wire dict. A crew's projection (what an operator's console receives,
        resources/cases/access.toml ``crew_fields``) never carries ``case_id`` and may leave
        out other identifying fields: those are blank here, not an error."""
        return _Wire.from_wire.__func__(cls, {**_CREW_BLANKS, **data})  # type: ignore[attr-defined]


# What a crew's projection of a visit may lack (PatrolVisit.from_wire).
_CREW_BLANKS: dict[str, Any] = {"plan_id": "", "case_id": "", "unit_id": "", "due_at": 0.0}


@dataclass(frozen=True, slots=True)
class Interview(_Wire):
    """An in-person interview by specialised officers."""

    id: str
    case_id: str
    plan_id: str
    held_at: float
    place: str
    who: str
    notes: str = ""
    agreements: str = ""
    recorded_by: str = ""


@dataclass(frozen=True, slots=True)
class FollowCall(_Wire):
    """A follow-up call to her (placed on the C4's phones, recorded at the console).

    ``asks_help`` names what it led to: an incident or a specialist referral."""

    id: str
    case_id: str
    plan_id: str
    placed_at: float
    by: str
    number: str
    result: str
    duration_s: float = 0.0
    notes: str = ""
    incident_id: str | None = None
    referral_id: str | None = None
