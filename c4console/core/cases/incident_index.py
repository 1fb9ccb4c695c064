"""Incidents (as :class:`IncidentFacts`) indexed by number, device, registry id and grid
cell, with the open ones also by cell: history and duplicate look-ups read a few
buckets, never the whole history. Updated one incident at a time (``put``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from c4console.core.cases.facts import IncidentFacts
from c4console.core.cases.grid import cell_of, cells_around
from c4console.core.geo import haversine_m


def _keys(f: IncidentFacts) -> dict[str, object]:
    keys: dict[str, object] = {}
    if f.number:
        keys["number"] = f.number
    if f.device_id:
        keys["device"] = f.device_id
    if f.beneficiary_id:
        keys["beneficiary"] = f.beneficiary_id
    if f.has_point:
        keys["cell"] = cell_of(f.lat, f.lon)  # type: ignore[arg-type]
        if f.is_open:
            keys["open_cell"] = keys["cell"]
    return keys


class IncidentIndex:
    """The facts of every incident by id, and buckets to find related ones."""

    def __init__(self, facts: Iterable[IncidentFacts] = ()) -> None:
        self.facts: dict[str, IncidentFacts] = {}
        self._by: dict[str, defaultdict[object, set[str]]] = {
            kind: defaultdict(set) for kind in ("number", "device", "beneficiary", "cell", "open_cell")}
        for f in facts:
            self.put(f)

    def __len__(self) -> int:
        return len(self.facts)

    def put(self, facts: IncidentFacts) -> None:
        """Add an incident or replace what is known of it (closing it, moving it…)."""
        old = self.facts.get(facts.id)
        if old is not None:
            self._unindex(old)
        self.facts[facts.id] = facts
        for kind, key in _keys(facts).items():
            self._by[kind][key].add(facts.id)

    def remove(self, incident_id: str) -> None:
        """Forget an incident (nothing happens if it is not indexed)."""
        old = self.facts.pop(incident_id, None)
        if old is not None:
            self._unindex(old)

    def _unindex(self, f: IncidentFacts) -> None:
        for kind, key in _keys(f).items():
            ids = self._by[kind].get(key)
            if ids is not None:
                ids.discard(f.id)
                if not ids:
                    del self._by[kind][key]

    def _facts(self, kind: str, key: object) -> list[IncidentFacts]:
        return [self.facts[i] for i in self._by[kind].get(key, ())]

    def by_number(self, number_key: str) -> list[IncidentFacts]:
        """Incidents that came from this number (a :func:`number_key`)."""
        return self._facts("number", number_key) if number_key else []

    def by_device(self, device_id: str) -> list[IncidentFacts]:
        """Incidents raised by this device."""
        return self._facts("device", device_id)

    def by_beneficiary(self, beneficiary_id: str) -> list[IncidentFacts]:
        """Incidents the registry tied to this beneficiary."""
        return self._facts("beneficiary", beneficiary_id)

    def near(self, lat: float, lon: float, radius_m: float, *, open_only: bool = False
             ) -> list[tuple[IncidentFacts, float]]:
        """Incidents within ``radius_m`` of the point with their distance (open ones only
        if asked), unsorted."""
        kind = "open_cell" if open_only else "cell"
        out = []
        for cell in cells_around(lat, lon, radius_m):
            for iid in self._by[kind].get(cell, ()):
                f = self.facts[iid]
                d = haversine_m(lat, lon, f.lat, f.lon)  # type: ignore[arg-type]
                if d <= radius_m:
                    out.append((f, d))
        return out
