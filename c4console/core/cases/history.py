"""Her history for a new incident: what the detail panel shows in the same frame.

Prior incidents of the same woman, the same phone or WhatsApp number, the same device
and the same place (within 50 m); her orders and whether each is in force; her risk
level; the last follow-up contact; the aggressors' names; a repeat within 30 days; and
open incidents that may be the same emergency (within 200 m and 10 minutes, or the same
number or device). Every look-up goes through :class:`HistoryIndex` buckets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from c4console.core.cases.case_index import CaseIndex
from c4console.core.cases.facts import IncidentFacts, facts_of
from c4console.core.cases.identity_keys import number_key
from c4console.core.cases.incident_index import IncidentIndex
from c4console.core.cases.matching import ADDRESS_MATCH_M, CaseSuggestion, suggest_cases
from c4console.core.cases.records import Case, CaseTimelineEntry, ProtectionOrder
from c4console.core.cases.risk import priority_for
from c4console.core.cases.vocabulary import RiskLevel
from c4console.core.enums import Priority
from c4console.core.models import Incident

REPEAT_WINDOW_S = 30 * 86400.0
DUPLICATE_RADIUS_M = 200.0
DUPLICATE_WINDOW_S = 600.0
PRIOR_SHOWN = 20
# Timeline kinds that are a follow-up contact with her (issue 13 records them).
FOLLOW_UP_KINDS = frozenset({"follow_up_call", "patrol_visit", "interview", "contact"})
# A prior incident that matched only by place may be a neighbour's: not a repeat of hers.
_HERS = frozenset({"same_case", "same_number", "same_device"})


class HistoryIndex:
    """Cases, incidents and each case's last follow-up contact, indexed for history."""

    def __init__(self, cases: Iterable[Case] = (), incidents: Iterable[Incident | IncidentFacts] = (),
                 timeline: Iterable[CaseTimelineEntry] = ()) -> None:
        self.cases = CaseIndex(cases)
        self.incidents = IncidentIndex(_facts(i) for i in incidents)
        self.last_contact: dict[str, CaseTimelineEntry] = {}
        for entry in timeline:
            self.add_timeline_entry(entry)

    def put_case(self, case: Case) -> None:
        """Add or update a case."""
        self.cases.put(case)

    def put_incident(self, incident: Incident | IncidentFacts) -> None:
        """Add or update an incident (a new one, a closed one, a moved one)."""
        self.incidents.put(_facts(incident))

    def add_timeline_entry(self, entry: CaseTimelineEntry) -> None:
        """Note an entry of a case's timeline (only follow-up contacts matter here)."""
        if entry.kind in FOLLOW_UP_KINDS:
            last = self.last_contact.get(entry.case_id)
            if last is None or entry.at >= last.at:
                self.last_contact[entry.case_id] = entry


@dataclass(frozen=True, slots=True)
class PriorIncident:
    """An earlier incident related to this one, and why."""

    facts: IncidentFacts
    reasons: tuple[str, ...]  # same_case, same_number, same_device, same_address
    distance_m: float | None = None


@dataclass(frozen=True, slots=True)
class PossibleDuplicate:
    """An open incident that may be the same emergency."""

    facts: IncidentFacts
    reasons: tuple[str, ...]  # nearby (200 m, 10 min), same_number, same_device
    distance_m: float | None = None


@dataclass(frozen=True, slots=True)
class OrderStatus:
    """One of her orders and whether it holds today."""

    order: ProtectionOrder
    in_force: bool


@dataclass(frozen=True, slots=True)
class History:
    """What the panel shows for a new incident. ``case`` is her case when the incident
    is confirmed as hers or came from her registered device; otherwise ``suggestions``
    lists the cases a person may link it to."""

    incident_id: str
    case: Case | None
    suggestions: tuple[CaseSuggestion, ...]
    prior: tuple[PriorIncident, ...]  # newest first, at most PRIOR_SHOWN
    prior_total: int
    orders: tuple[OrderStatus, ...]
    risk_level: RiskLevel | None
    last_contact: CaseTimelineEntry | None
    aggressor_names: tuple[str, ...]
    repeat_within_30_days: bool
    possible_duplicates: tuple[PossibleDuplicate, ...]

    def priority(self, catalogue_priority: Priority) -> Priority:
        """The incident's priority raised by her risk level (alto/extremo → ALTA)."""
        return priority_for(self.risk_level, catalogue_priority)

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (the central filters the case part through need-to-know)."""
        return {
            "incident_id": self.incident_id,
            "case_id": self.case.id if self.case else None,
            "suggestions": [{"case_id": s.case.id, "reasons": list(s.reasons),
                             "distance_m": s.distance_m} for s in self.suggestions],
            "prior": [{"incident_id": p.facts.id, "created_at": p.facts.created_at,
                       "reasons": list(p.reasons), "distance_m": p.distance_m} for p in self.prior],
            "prior_total": self.prior_total,
            "orders": [{**o.order.to_wire(), "in_force": o.in_force} for o in self.orders],
            "risk_level": self.risk_level.value if self.risk_level else None,
            "last_contact": self.last_contact.to_wire() if self.last_contact else None,
            "aggressor_names": list(self.aggressor_names),
            "repeat_within_30_days": self.repeat_within_30_days,
            "possible_duplicates": [{"incident_id": d.facts.id, "reasons": list(d.reasons),
                                     "distance_m": d.distance_m} for d in self.possible_duplicates],
        }


def _facts(incident: Incident | IncidentFacts) -> IncidentFacts:
    return incident if isinstance(incident, IncidentFacts) else facts_of(incident)


def _her_case(suggestions: list[CaseSuggestion]) -> Case | None:
    """The case the incident is hers for certain: confirmed, or her registered device or
    registry id (one case only; two would need a person to choose)."""
    for reason in ("linked", "device", "beneficiary"):
        hits = [s.case for s in suggestions if reason in s.reasons]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    return None


def history_for(incident: Incident | IncidentFacts, index: HistoryIndex, today: date) -> History:
    """Her history for this incident (``today`` is the C4's calendar date, for orders)."""
    me = _facts(incident)
    suggestions = suggest_cases(me, index.cases)
    case = _her_case(suggestions)
    prior = _prior(me, case, index.incidents)
    newest = sorted(prior.values(), key=lambda p: p.facts.created_at, reverse=True)
    repeat = any(p.facts.created_at >= me.created_at - REPEAT_WINDOW_S and _HERS & set(p.reasons)
                 for p in newest)
    return History(
        incident_id=me.id, case=case,
        suggestions=tuple(s for s in suggestions if case is None or s.case.id != case.id),
        prior=tuple(newest[:PRIOR_SHOWN]), prior_total=len(newest),
        orders=tuple(OrderStatus(o, o.in_force(today)) for o in case.orders) if case else (),
        risk_level=case.risk_level if case else None,
        last_contact=index.last_contact.get(case.id) if case else None,
        aggressor_names=tuple(a.name for a in case.aggressors) if case else (),
        repeat_within_30_days=repeat,
        possible_duplicates=tuple(_duplicates(me, index.incidents)),
    )


def _prior(me: IncidentFacts, case: Case | None, incidents: IncidentIndex) -> dict[str, PriorIncident]:
    found: dict[str, tuple[list[str], float | None]] = {}

    def add(facts: Iterable[IncidentFacts], reason: str, distance: float | None = None) -> None:
        for f in facts:
            if f.id == me.id or f.created_at >= me.created_at:
                continue
            reasons, d = found.setdefault(f.id, ([], None))
            if reason not in reasons:
                reasons.append(reason)
            if distance is not None and (d is None or distance < d):
                found[f.id] = (reasons, distance)

    numbers = {me.number} if me.number else set()
    devices = {me.device_id} if me.device_id else set()
    points = [(me.lat, me.lon)] if me.has_point else []
    if case is not None:
        add((incidents.facts[i] for i in case.incident_ids if i in incidents.facts), "same_case")
        if case.beneficiary_id:
            add(incidents.by_beneficiary(case.beneficiary_id), "same_case")
        numbers |= {k for k in map(number_key, case.numbers()) if k}
        devices |= set(case.device_ids)
        points += [(a.lat, a.lon) for a in case.addresses if a.has_point]
    for n in sorted(numbers):
        add(incidents.by_number(n), "same_number")
    for d in sorted(devices):
        add(incidents.by_device(d), "same_device")
    for lat, lon in points:
        for f, dist in incidents.near(lat, lon, ADDRESS_MATCH_M):  # type: ignore[arg-type]
            add([f], "same_address", dist)
    return {iid: PriorIncident(incidents.facts[iid], tuple(rs), d) for iid, (rs, d) in found.items()}


def _duplicates(me: IncidentFacts, incidents: IncidentIndex) -> list[PossibleDuplicate]:
    found: dict[str, tuple[list[str], float | None]] = {}

    def add(f: IncidentFacts, reason: str, distance: float | None = None) -> None:
        if f.id == me.id or not f.is_open:
            return
        reasons, d = found.setdefault(f.id, ([], distance))
        reasons.append(reason)

    if me.has_point:
        for f, dist in incidents.near(me.lat, me.lon, DUPLICATE_RADIUS_M, open_only=True):  # type: ignore[arg-type]
            if abs(f.created_at - me.created_at) <= DUPLICATE_WINDOW_S:
                add(f, "nearby", dist)
    if me.number:
        for f in incidents.by_number(me.number):
            add(f, "same_number")
    if me.device_id:
        for f in incidents.by_device(me.device_id):
            add(f, "same_device")
    out = [PossibleDuplicate(incidents.facts[i], tuple(rs), d) for i, (rs, d) in found.items()]
    out.sort(key=lambda p: (abs(p.facts.created_at - me.created_at), p.facts.id))
    return out
