"""Which cases a new incident may belong to: suggestions for a person to confirm.

A case is suggested when the incident's device, phone or WhatsApp number, registry
beneficiary, or place (within 50 m of one of her addresses) matches. A suggestion is
never a link: an operator or supervisor confirms it.
"""

from __future__ import annotations

from dataclasses import dataclass

from c4console.core.cases.case_index import CaseIndex
from c4console.core.cases.facts import IncidentFacts
from c4console.core.cases.identity_keys import number_key
from c4console.core.cases.records import Case

ADDRESS_MATCH_M = 50.0

# Strongest first: a registered device or registry id is hers; a number may be shared
# (a family phone); an address is a neighbour as often as it is her.
REASON_ORDER = ("linked", "device", "beneficiary", "number", "whatsapp", "address")


@dataclass(frozen=True, slots=True)
class CaseSuggestion:
    """A case that may be hers, with every reason it matched and how near her address is."""

    case: Case
    reasons: tuple[str, ...]
    distance_m: float | None = None  # to the nearest of her addresses, when "address" matched

    @property
    def strength(self) -> int:
        """0 for the strongest reason (lower sorts first)."""
        return min(REASON_ORDER.index(r) for r in self.reasons)


def suggest_cases(facts: IncidentFacts, index: CaseIndex,
                  radius_m: float = ADDRESS_MATCH_M) -> list[CaseSuggestion]:
    """Cases that may be the incident's, strongest reason first, then nearest.

    ``number`` means one of her phones matched, ``whatsapp`` one of her WhatsApp numbers;
    merged cases are left out (their survivor is suggested instead).
    """
    reasons: dict[str, list[str]] = {}
    distance: dict[str, float] = {}

    def add(case: Case, reason: str) -> None:
        if case.merged_into is None and reason not in reasons.setdefault(case.id, []):
            reasons[case.id].append(reason)

    for case in index.by_incident(facts.id):
        add(case, "linked")
    if facts.device_id:
        for case in index.by_device(facts.device_id):
            add(case, "device")
    if facts.beneficiary_id:
        for case in index.by_beneficiary(facts.beneficiary_id):
            add(case, "beneficiary")
    if facts.number:
        for case in index.by_number(facts.number):
            in_whatsapp = any(number_key(n) == facts.number for n in case.whatsapp)
            in_phones = any(number_key(n) == facts.number for n in case.phones)
            if in_phones:
                add(case, "number")
            if in_whatsapp:
                add(case, "whatsapp")
    if facts.has_point:
        for near in index.near(facts.lat, facts.lon, radius_m):  # type: ignore[arg-type]
            add(near.case, "address")
            distance.setdefault(near.case.id, near.distance_m)  # nearest first
    out = [CaseSuggestion(index.cases[cid], tuple(sorted(rs, key=REASON_ORDER.index)),
                          distance.get(cid))
           for cid, rs in reasons.items() if rs]
    out.sort(key=lambda s: (s.strength, s.distance_m if s.distance_m is not None else 0.0, s.case.id))
    return out
