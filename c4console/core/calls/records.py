"""The call intake's feed records: ``call`` (one per telephone call the PBX announced, or
per call an operator typed in) and ``referral`` (a call or incident handed to the
specialist desk). Both are personal data: the feed gives them only to the roles
``resources/cases/access.toml`` names (:mod:`c4console.core.calls.access`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from c4console.core.wire import _Wire

# Call statuses: open until an operator takes it (a new incident), links it to an open
# incident, or hands it to the specialist desk without an incident.
CALL_OPEN = "open"
CALL_TAKEN = "taken"
CALL_LINKED = "linked"
CALL_HANDED = "handed"
CALL_STATUSES = (CALL_OPEN, CALL_TAKEN, CALL_LINKED, CALL_HANDED)

# The specialist desk's kinds of attention (issue 12 will add its own statuses).
DESKS = ("psicologica", "juridica")
REFERRAL_WAITING = "waiting"


@dataclass(frozen=True, slots=True)
class CallLocation:
    """Where the carrier says the caller is: a point and its uncertainty radius.

    ``source`` is ``cell`` (the serving cell's position), ``device`` (the handset's own
    fix: AML, a GNSS position) or ``network`` (anything else the carrier computed);
    ``source_id`` the cell or device identifier the carrier gave, if any."""

    lat: float
    lon: float
    radius_m: float
    source: str = "cell"
    source_id: str = ""


@dataclass(frozen=True, slots=True)
class Call(_Wire):
    """One telephone call, from the moment it was answered.

    ``id`` is the PBX's call id (Asterisk ``${UNIQUEID}``/``${CDR(linkedid)}``), so two
    screen pops of the same call are one record. ``number`` is the caller's number (ANI)
    as the PBX gave it, ``""`` when withheld (``withheld``). The location is the carrier's;
    ``sector``/``cuadrante``/``colonia`` are the jurisdiction's for it, and
    ``outside_jurisdiction`` flags a point no cuadrante holds (the call is still taken,
    and marked for transfer). ``history`` is her history for the number and place (the
    same record the incident gets: ``core/cases/history_record.IncidentHistory``'s wire
    form without its id), so the console shows it before the operator types anything.
    """

    id: str
    number: str
    answered_at: float
    received_at: float
    withheld: bool = False
    caller_name: str = ""
    agent: str = ""  # the console user (or extension) whose telephone answered, if known
    dialed: str = ""  # the number dialled (911, an 800 line…), if the PBX gives it
    location: CallLocation | None = None
    sector: str = ""
    cuadrante: str = ""
    colonia: str = ""
    outside_jurisdiction: bool = False
    status: str = CALL_OPEN
    incident_id: str | None = None
    taken_by: str = ""
    taken_at: float | None = None
    history: dict[str, Any] | None = None
    channel: str = "call_911"

    def _coerce(self) -> Call:
        loc = self.location
        if isinstance(loc, dict):
            loc = CallLocation(float(loc["lat"]), float(loc["lon"]), float(loc["radius_m"]),
                               str(loc.get("source", "cell")), str(loc.get("source_id", "")))
        return replace(self, location=loc, answered_at=float(self.answered_at),
                       received_at=float(self.received_at))

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)

    @property
    def is_open(self) -> bool:
        """True until the call is taken, linked or handed over."""
        return self.status == CALL_OPEN


@dataclass(frozen=True, slots=True)
class Referral(_Wire):
    """A call or incident handed to the specialist desk (psychological and/or legal
    attention): the desk's queue record. ``narrative`` is what the operator handed over;
    ``case_id`` her case, when known; ``patrol`` whether a patrol goes as well;
    ``attended_desks`` the desks that have answered it (it stays waiting until every desk
    it was handed to has: handed to both, the lawyer still has it after the psychologist)."""

    id: str
    desks: tuple[str, ...]
    handed_by: str
    handed_at: float
    incident_id: str | None = None
    call_id: str | None = None
    case_id: str | None = None
    narrative: str = ""
    patrol: bool = False
    status: str = REFERRAL_WAITING
    attended_desks: tuple[str, ...] = ()

    def _coerce(self) -> Referral:
        return replace(self, desks=tuple(self.desks), attended_desks=tuple(self.attended_desks))

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (lists, as they come back from JSON)."""
        data = asdict(self)
        data["desks"] = list(self.desks)
        data["attended_desks"] = list(self.attended_desks)
        return data

    @property
    def pending_desks(self) -> tuple[str, ...]:
        """The desks it was handed to that have not answered it yet."""
        return tuple(d for d in self.desks if d not in self.attended_desks)
