"""Possible duplicates of a call being taken: open incidents within 200 m and 10 minutes of
its location, or from the same number (pure).

The console runs this on the incidents it mirrors as the operator types or picks an
address (the call's own ``history`` carries the central's answer for the carrier's
location at the screen pop); one key then links the call to one of them (``link_call``)
instead of opening a new incident. The radius and window are the case history's
(``core/cases/history.py``), so the two lists agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from c4console.core.cases.history import DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_S
from c4console.core.cases.identity_keys import looks_like_number, number_key
from c4console.core.geo import haversine_m
from c4console.core.models import Incident


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An open incident that may be the same emergency, and why (``nearby``: within the
    radius and window; ``same_number``: same caller's number)."""

    incident: Incident
    reasons: tuple[str, ...]
    distance_m: float | None = None


def possible_duplicates(incidents: Iterable[Incident], *, at: float,
                        lat: float | None = None, lon: float | None = None, number: str = "",
                        radius_m: float = DUPLICATE_RADIUS_M,
                        window_s: float = DUPLICATE_WINDOW_S) -> list[Duplicate]:
    """Open incidents that may be the call at ``at`` (epoch seconds) from ``lat``/``lon``
    and ``number``: nearest first, then newest. A number matches on its last ten digits
    (``+52 686…`` and ``686…`` are one number)."""
    wanted = number_key(number) if number and looks_like_number(number) else ""
    out: list[Duplicate] = []
    for inc in incidents:
        if not inc.is_open:
            continue
        reasons: list[str] = []
        distance = None
        point = (inc.lat, inc.lon) if inc.lat is not None and inc.lon is not None else (
            (inc.live_lat, inc.live_lon) if inc.live_lat is not None and inc.live_lon is not None
            else None)
        if lat is not None and lon is not None and point is not None:
            distance = haversine_m(lat, lon, point[0], point[1])  # type: ignore[arg-type]
            if distance <= radius_m and abs(inc.created_at - at) <= window_s:
                reasons.append("nearby")
        if wanted and looks_like_number(inc.caller) and number_key(inc.caller) == wanted:
            reasons.append("same_number")
        if reasons:
            out.append(Duplicate(inc, tuple(reasons), distance))
    out.sort(key=lambda d: (d.distance_m if d.distance_m is not None else float("inf"),
                            -d.incident.created_at, d.incident.id))
    return out
