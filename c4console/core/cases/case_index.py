"""Cases indexed by what links an incident to a woman: her numbers, devices, incidents,
registry id, name and birth date, and her addresses' grid cells. Built once, then
updated one case at a time (``put``/``remove``), so a look-up never scans every case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from c4console.core.cases.grid import Cell, cell_of, cells_around
from c4console.core.cases.identity_keys import name_key, number_key
from c4console.core.cases.records import Address, Case
from c4console.core.geo import haversine_m


@dataclass(frozen=True, slots=True)
class NearAddress:
    """One of her addresses near a point."""

    case: Case
    address: Address
    distance_m: float


def _keys(case: Case) -> dict[str, set]:
    birth = case.person.date_of_birth
    return {
        "number": {k for k in map(number_key, case.numbers()) if k},
        "device": set(case.device_ids),
        "incident": set(case.incident_ids),
        "beneficiary": {case.beneficiary_id} if case.beneficiary_id else set(),
        "person": {(name_key(case.person.name), birth)} if birth and case.person.name.strip() else set(),
        "cell": {cell_of(a.lat, a.lon) for a in case.addresses if a.has_point},  # type: ignore[arg-type]
    }


class CaseIndex:
    """The cases by id, and the indexes that find them from an incident's facts."""

    def __init__(self, cases: Iterable[Case] = ()) -> None:
        self.cases: dict[str, Case] = {}
        self._by: dict[str, defaultdict[object, set[str]]] = {
            kind: defaultdict(set) for kind in ("number", "device", "incident", "beneficiary",
                                                "person", "cell")}
        for case in cases:
            self.put(case)

    def __len__(self) -> int:
        return len(self.cases)

    def put(self, case: Case) -> None:
        """Add a case or replace the stored version of it (its keys are re-indexed)."""
        self.remove(case.id)
        self.cases[case.id] = case
        for kind, keys in _keys(case).items():
            for key in keys:
                self._by[kind][key].add(case.id)

    def remove(self, case_id: str) -> None:
        """Forget a case (nothing happens if it is not indexed)."""
        old = self.cases.pop(case_id, None)
        if old is None:
            return
        for kind, keys in _keys(old).items():
            for key in keys:
                ids = self._by[kind].get(key)
                if ids is not None:
                    ids.discard(case_id)
                    if not ids:
                        del self._by[kind][key]

    def _cases(self, kind: str, key: object) -> list[Case]:
        return [self.cases[i] for i in sorted(self._by[kind].get(key, ()))]

    def by_number(self, number: str) -> list[Case]:
        """Cases holding this phone or WhatsApp number (in any format)."""
        key = number_key(number)
        return self._cases("number", key) if key else []

    def by_device(self, device_id: str) -> list[Case]:
        """Cases holding this device."""
        return self._cases("device", device_id)

    def by_incident(self, incident_id: str) -> list[Case]:
        """The case(s) this incident is confirmed as part of."""
        return self._cases("incident", incident_id)

    def by_beneficiary(self, beneficiary_id: str) -> list[Case]:
        """The case of a registry beneficiary."""
        return self._cases("beneficiary", beneficiary_id)

    def by_person(self, name: str, date_of_birth: str) -> list[Case]:
        """Cases of a person with this name (any accents or case) and date of birth."""
        return self._cases("person", (name_key(name), date_of_birth))

    def near(self, lat: float, lon: float, radius_m: float) -> list[NearAddress]:
        """Addresses of cases within ``radius_m`` of the point, nearest first."""
        found: list[NearAddress] = []
        seen: set[str] = set()
        for cell in cells_around(lat, lon, radius_m):
            for cid in self._by["cell"].get(cell, ()):
                if cid in seen:
                    continue
                seen.add(cid)
                case = self.cases[cid]
                for a in case.addresses:
                    if a.has_point:
                        d = haversine_m(lat, lon, a.lat, a.lon)  # type: ignore[arg-type]
                        if d <= radius_m:
                            found.append(NearAddress(case, a, d))
        found.sort(key=lambda n: (n.distance_m, n.case.id))
        return found

    def cells(self) -> Iterable[Cell]:
        """The grid cells holding at least one address (for tests and benches)."""
        return self._by["cell"].keys()
