"""Her history for a new incident at the central: indexed SQL finds the few cases and
incidents that can matter, the pure :func:`~c4console.core.cases.history.history_for`
decides on them. Nothing scans: every query is on an index (case_keys; incidents'
beneficiary_id, caller_key, device_id, (lat, lon) bounding box, (status, created_at)).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, select

from c4console.central import schema as t
from c4console.central.cases.store import case_of_beneficiary, cases_by_keys, cases_near
from c4console.core.cases.facts import facts_of
from c4console.core.cases.grid import cell_key, cells_around
from c4console.core.cases.history import (
    DUPLICATE_RADIUS_M,
    DUPLICATE_WINDOW_S,
    History,
    HistoryIndex,
    history_for,
)
from c4console.core.cases.identity_keys import number_key
from c4console.core.cases.matching import ADDRESS_MATCH_M
from c4console.core.cases.records import Case
from c4console.core.enums import OPEN_STATUSES
from c4console.core.geo import haversine_m
from c4console.core.models import Incident

_OPEN = [s.value for s in OPEN_STATUSES]
_inc = t.incidents


def _box(lat: float, lon: float, radius_m: float) -> Any:
    """The grid cells that may hold a point within the circle, for the cell index (the exact
    distance is the pure history's)."""
    return _inc.c.cell.in_([cell_key(c) for c in cells_around(lat, lon, radius_m)])


def _candidate_cases(conn: Connection, incident: Incident) -> list[Case]:
    me = facts_of(incident)
    keys = [("incident", me.id)]
    if me.device_id:
        keys.append(("device", me.device_id))
    if me.number:
        keys.append(("number", me.number))
    found = {c.id: c for c in cases_by_keys(conn, keys)}
    if me.beneficiary_id:
        hers = case_of_beneficiary(conn, me.beneficiary_id)
        if hers is not None:
            found[hers.id] = hers
    if me.has_point:
        # The grid cells around the point hold a dozen or more cases at city density: keep
        # those with an address really within reach, or each would cost its own box
        # queries in _incidents for nothing (the history bench: 25 queries a history).
        found.update({c.id: c for c in cases_near(conn, me.lat, me.lon, ADDRESS_MATCH_M)  # type: ignore[arg-type]
                      if _has_address_near(c, me.lat, me.lon)})  # type: ignore[arg-type]
    return list(found.values())


def _has_address_near(case: Case, lat: float, lon: float) -> bool:
    return any(a.has_point and haversine_m(a.lat, a.lon, lat, lon) <= ADDRESS_MATCH_M  # type: ignore[arg-type]
               for a in case.addresses)


def _incidents(conn: Connection, incident: Incident, cases: Iterable[Case]) -> dict[str, dict[str, Any]]:
    """Wire snapshots of every incident the history may name."""
    me = facts_of(incident)
    ids: set[str] = set()
    bids = {me.beneficiary_id} - {None}
    numbers = {me.number} - {""}
    devices = {me.device_id} - {None}
    points = [(me.lat, me.lon)] if me.has_point else []
    for case in cases:
        ids |= set(case.incident_ids)
        if case.beneficiary_id:
            bids.add(case.beneficiary_id)
        numbers |= {k for k in map(number_key, case.numbers()) if k}
        devices |= set(case.device_ids)
        points += [(a.lat, a.lon) for a in case.addresses if a.has_point]
    wheres = []
    if ids:
        wheres.append(_inc.c.id.in_(sorted(ids)))
    if bids:
        wheres.append(_inc.c.beneficiary_id.in_(sorted(bids)))  # type: ignore[arg-type]
    if numbers:
        wheres.append(_inc.c.caller_key.in_(sorted(numbers)))
    if devices:
        wheres.append(_inc.c.device_id.in_(sorted(devices)))  # type: ignore[arg-type]
    wheres += [_box(lat, lon, ADDRESS_MATCH_M) for lat, lon in points]  # type: ignore[arg-type]
    if me.has_point:  # possible duplicates: open, nearby, within minutes
        wheres.append(and_(_inc.c.status.in_(_OPEN),
                           _inc.c.created_at.between(me.created_at - DUPLICATE_WINDOW_S,
                                                     me.created_at + DUPLICATE_WINDOW_S),
                           _box(me.lat, me.lon, DUPLICATE_RADIUS_M)))  # type: ignore[arg-type]
    found: dict[str, dict[str, Any]] = {}
    for where in wheres:  # one indexed query each (an OR would defeat the indexes)
        for iid, data in conn.execute(select(_inc.c.id, _inc.c.data).where(where)):
            if iid != me.id:
                found[iid] = data
    return found


def history_at_central(conn: Connection, incident: Incident, today: date
                       ) -> tuple[History, dict[str, dict[str, Any]]]:
    """Her history for ``incident`` and the snapshots of the incidents it names."""
    cases = _candidate_cases(conn, incident)
    snapshots = _incidents(conn, incident, cases)
    index = HistoryIndex(cases, [Incident.from_wire(d) for d in snapshots.values()])
    return history_for(incident, index, today), snapshots
