"""Location search as the operator types (pure): streets, street and number, crossings
("Uxmal y Palenque"), colonias and landmarks, ranked, accents and case ignored.

Built once from :class:`~c4console.core.places.data.Places`; a keystroke costs a binary
search over the sorted name tokens for each typed word (every typed word must be the
start of a word of the name, in any order), a filter of the fewest candidates, and a
partial sort. Streets are one entry per street (``cvevial``), whatever its segments;
numbers and crossings are answered from the street's segments and the crossing points
(segment ends shared by two streets), computed at build.

Ranking, best first: an exact name; a name that starts with what was typed; the typed
words at the start of the name's words in order; in any order — then colonias before
landmarks before streets at equal rank (a street's type word typed, "calz.", puts the
streets first; "col.", the colonias), then shorter names. A street and number, and a
crossing, come before names when the text has that shape.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from c4console.core.geo import Cuadrante
from c4console.core.places.data import Places, StreetSegment
from c4console.core.places.fold import fold, name_tokens, typed_kind

STREET, ADDRESS, CROSSING, COLONIA, LANDMARK = "street", "address", "crossing", "colonia", "landmark"
_KIND_RANK = {ADDRESS: 0, CROSSING: 0, COLONIA: 1, LANDMARK: 2, STREET: 3}
_CROSSING = re.compile(r"\s+(?:y|e|esq|esquina|con|&)\s+")
MAX_SIDE = 40  # streets considered on each side of a crossing
_NODE = 1e-5  # segment ends closer than ~1 m are one crossing


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """One result: what the list shows (``label``), its kind and point, its colonia."""

    kind: str
    label: str
    lat: float
    lon: float
    colonia: str = ""
    number: int | None = None  # an address: the exterior number
    streets: tuple[str, ...] = ()  # a crossing: its two streets


@dataclass(slots=True)
class _Entry:
    kind: str
    label: str
    tokens: tuple[str, ...]
    joined: str
    colonia: str
    lat: float
    lon: float
    segments: list[StreetSegment] = field(default_factory=list)  # a street's


class PlaceIndex:
    """The places indexed for search (see module docstring)."""

    def __init__(self, places: Places) -> None:
        self._entries: list[_Entry] = []
        streets: dict[str, _Entry] = {}
        for seg in places.streets:
            entry = streets.get(seg.street_key)
            if entry is None:
                label = f"{seg.street_type} {seg.name}".strip()
                tokens = name_tokens(label)
                entry = _Entry(STREET, label, tokens, " ".join(tokens), "", 0.0, 0.0)
                streets[seg.street_key] = entry
            entry.segments.append(seg)
        for entry in streets.values():
            colonias = list(dict.fromkeys(s.colonia for s in entry.segments if s.colonia))
            entry.colonia = ", ".join(colonias[:2]) + ("…" if len(colonias) > 2 else "")
            entry.lat, entry.lon = entry.segments[len(entry.segments) // 2].middle
            self._entries.append(entry)
        self._street_ids = {key: n for n, key in enumerate(streets)}
        for c in places.colonias:
            tokens = name_tokens(c.name)
            label = f"{c.kind} {c.name}".strip() if c.kind else c.name
            self._entries.append(_Entry(COLONIA, label, tokens, " ".join(tokens), c.name, c.lat, c.lon))
        for m in places.landmarks:
            tokens = name_tokens(m.name)
            self._entries.append(_Entry(LANDMARK, m.name, tokens, " ".join(tokens), m.colonia,
                                        m.lat, m.lon))
        pairs = sorted((tok, n) for n, e in enumerate(self._entries) for tok in set(e.tokens))
        self._tokens = [tok for tok, _ in pairs]
        self._owners = [n for _, n in pairs]
        self._crossings = _crossings(places.streets, self._street_ids)

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, text: str, limit: int = 10) -> list[PlaceHit]:
        """The best ``limit`` places for what was typed so far."""
        folded = fold(text)
        if not folded:
            return []
        ranked: list[tuple[tuple, PlaceHit]] = []
        parts = [p for p in _CROSSING.split(folded) if p]
        if len(parts) == 2:
            ranked += self._crossing_hits(parts[0], parts[1])
        words = folded.split()
        if len(words) > 1 and words[-1].isdigit():
            ranked += self._address_hits(tuple(name_tokens(" ".join(words[:-1]))), int(words[-1]))
        tokens = name_tokens(folded)
        wanted = typed_kind(folded)  # "calz. independencia": the street before the colonia
        for tier, n in self._matches(tokens, limit * 4):
            e = self._entries[n]
            kind_rank = -1 if e.kind == wanted else _KIND_RANK[e.kind]
            ranked.append(((tier, kind_rank, len(e.label), e.label),
                           PlaceHit(e.kind, e.label, e.lat, e.lon, e.colonia)))
        seen: set[tuple[str, str]] = set()
        out = []
        for _, hit in sorted(ranked, key=lambda r: r[0]):
            if (hit.kind, hit.label) not in seen:
                seen.add((hit.kind, hit.label))
                out.append(hit)
                if len(out) == limit:
                    break
        return out

    # --- matching ---------------------------------------------------------------------

    def _range(self, token: str) -> tuple[int, int]:
        lo = bisect.bisect_left(self._tokens, token)
        return lo, bisect.bisect_left(self._tokens, token + "\uffff", lo)

    def _candidates(self, tokens: tuple[str, ...], kinds: Iterable[str] | None = None) -> set[int]:
        ranges = sorted((self._range(t), t) for t in tokens)
        ranges.sort(key=lambda r: r[0][1] - r[0][0])
        (lo, hi), _ = ranges[0]
        found = set(self._owners[lo:hi])
        for _, token in ranges[1:]:
            found = {n for n in found if any(w.startswith(token) for w in self._entries[n].tokens)}
        if kinds is not None:
            wanted = set(kinds)
            found = {n for n in found if self._entries[n].kind in wanted}
        return found

    def _tier(self, n: int, tokens: tuple[str, ...], joined: str) -> int:
        e = self._entries[n]
        if e.joined == joined:
            return 0
        if e.joined.startswith(joined):
            return 1
        if all(i < len(e.tokens) and e.tokens[i].startswith(t) for i, t in enumerate(tokens)):
            return 2
        return 3

    def _matches(self, tokens: tuple[str, ...], keep: int, kinds: Iterable[str] | None = None
                 ) -> list[tuple[int, int]]:
        """(tier, entry) of the best ``keep`` entries matching every token."""
        if not tokens:
            return []
        joined = " ".join(tokens)
        found = self._candidates(tokens, kinds)
        entries = self._entries
        return heapq.nsmallest(keep, ((self._tier(n, tokens, joined), n) for n in found),
                               key=lambda r: (r[0], _KIND_RANK[entries[r[1]].kind],
                                              len(entries[r[1]].label), entries[r[1]].label))

    def _address_hits(self, tokens: tuple[str, ...], number: int) -> list[tuple[tuple, PlaceHit]]:
        out = []
        for tier, n in self._matches(tokens, MAX_SIDE, kinds=(STREET,)):
            e = self._entries[n]
            for seg in e.segments:
                point = seg.point_for(number)
                if point is not None:
                    out.append(((tier, 0, len(e.label), e.label),
                                PlaceHit(ADDRESS, f"{e.label} {number}, {seg.colonia}".rstrip(", "),
                                         point[0], point[1], seg.colonia, number=number)))
                    break
        return out

    def _crossing_hits(self, first: str, second: str) -> list[tuple[tuple, PlaceHit]]:
        a = self._matches(name_tokens(first), MAX_SIDE, kinds=(STREET,))
        b = self._matches(name_tokens(second), MAX_SIDE, kinds=(STREET,))
        out = []
        for tier_a, na in a:
            for tier_b, nb in b:
                point = self._crossings.get((min(na, nb), max(na, nb)))
                if point is None:
                    continue
                ea, eb = self._entries[na], self._entries[nb]
                label = f"{ea.label} y {eb.label}"
                out.append(((max(tier_a, tier_b), 0, len(label), label),
                            PlaceHit(CROSSING, label, point[0], point[1], point[2],
                                     streets=(ea.label, eb.label))))
        return out


def _crossings(segments: Iterable[StreetSegment], ids: dict[str, int]
               ) -> dict[tuple[int, int], tuple[float, float, str]]:
    """(street entry, street entry) → the point where they meet (shared segment ends)."""
    nodes: dict[tuple[int, int], dict[int, tuple[float, float, str]]] = {}
    for seg in segments:
        sid = ids[seg.street_key]
        for lat, lon in ((seg.lat1, seg.lon1), (seg.lat2, seg.lon2)):
            key = (round(lat / _NODE), round(lon / _NODE))
            nodes.setdefault(key, {}).setdefault(sid, (lat, lon, seg.colonia))
    out: dict[tuple[int, int], tuple[float, float, str]] = {}
    for streets in nodes.values():
        if len(streets) < 2:
            continue
        ids_here = sorted(streets)
        for i, a in enumerate(ids_here):
            for b in ids_here[i + 1:]:
                out.setdefault((a, b), streets[a])
    return out


@dataclass(frozen=True, slots=True)
class ChosenPlace:
    """A chosen result placed in the jurisdiction: its point, sector, cuadrante and
    colonia, or ``outside`` (accepted, flagged for transfer)."""

    hit: PlaceHit
    sector: str
    cuadrante: str
    colonia: str
    outside: bool


def place_in_jurisdiction(hit: PlaceHit, locate: Callable[[float, float], Cuadrante | None]
                          ) -> ChosenPlace:
    """The chosen point through the jurisdiction's ``locate`` (``Jurisdiction.locate``)."""
    where = locate(hit.lat, hit.lon)
    if where is None:
        return ChosenPlace(hit, "", "", hit.colonia, True)
    return ChosenPlace(hit, where.sector, where.cuadrante, where.colonia or hit.colonia, False)
