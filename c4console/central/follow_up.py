"""Patrol visits proven by GPS at the central: the units' positions (the OsmAnd / Traccar
ingest, in the report's own transaction) fed to the pure detector
(:class:`~c4console.core.follow_up.proof.VisitProof`), and a proven visit stored.

The detector watches the *planned* visits of the units that report. Like the exclusion
zones (central/proximity.py) it is kept in step with the table, whoever changed it (this
node or another): once per transaction, one query for the planned visits of the units in
it (``unit_id``, ``status`` index) and their ``updated_at``; a visit's record is read and
parsed only when it is new or changed. A proven visit becomes, in the same transaction,
the ``patrol_visit`` record (status ``proven``, proof ``gps``, its time) and her case's
timeline entry (kind ``patrol_visit``, group ``history``). The stay timers live in the
node's memory: a unit's reports are expected to reach one node (they come from one
gateway connection).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from weakref import WeakKeyDictionary

from sqlalchemy import bindparam, func, select

from c4console.central import schema as t
from c4console.central.records import Tx
from c4console.core.cases.records import CaseTimelineEntry
from c4console.core.follow_up.commands import TIMELINE_GROUP
from c4console.core.follow_up.proof import VisitProof
from c4console.core.follow_up.records import PLANNED, PROOF_GPS, PROVEN, VISIT_ENTITY, PatrolVisit

log = logging.getLogger(__name__)

_checked: WeakKeyDictionary[Tx, set[str]] = WeakKeyDictionary()
_PLANNED_OF = select(t.patrol_visits.c.id, t.patrol_visits.c.unit_id, t.patrol_visits.c.updated_at).where(
    t.patrol_visits.c.unit_id.in_(bindparam("units", expanding=True)),
    t.patrol_visits.c.status == PLANNED)
VISITS_OF_PLAN = select(t.patrol_visits.c.data).where(t.patrol_visits.c.plan_id == bindparam("plan_id"))
_PLANNED_PER_UNIT = select(t.patrol_visits.c.unit_id, func.count()).where(
    t.patrol_visits.c.status == PLANNED).group_by(t.patrol_visits.c.unit_id)


class VisitWatch:
    """The node's visit proof (used on the writer thread only)."""

    def __init__(self) -> None:
        self.proof = VisitProof()

    def current(self, tx: Tx, unit_ids: Iterable[str]) -> None:
        """Bring these units' planned visits up to date in the detector (one query per
        transaction for the units not yet checked in it)."""
        checked = _checked.setdefault(tx, set())
        wanted = [u for u in dict.fromkeys(unit_ids) if u and u not in checked]
        if not wanted:
            return
        tx.flush()  # the planned visits are read from the table itself
        rows = tx.conn.execute(_PLANNED_OF, {"units": wanted}).all()
        planned = {vid: (uid, version) for vid, uid, version in rows}
        for unit_id in wanted:
            for vid in self.proof.watched_of(unit_id):
                if vid not in planned or planned[vid][0] != unit_id:
                    self.proof.remove(vid)  # made, moved or gone
            checked.add(unit_id)
        changed = [vid for vid, (_, version) in planned.items() if self.proof.version(vid) != version]
        if len(changed) > 1:
            tx.prefetch(VISIT_ENTITY, changed)  # a few queries instead of one per visit
        for vid in changed:
            visit: PatrolVisit | None = tx.get(VISIT_ENTITY, vid)
            if visit is not None:
                self.proof.put(visit)

    def observe(self, tx: Tx, unit_id: str, lat: float, lon: float, at: float,
                new_id: Callable[[], str]) -> list[str]:
        """One fresh position of a unit; the ids of the visits it proves (stored here)."""
        self.current(tx, [unit_id])
        proven = self.proof.feed(unit_id, lat, lon, at)
        out = []
        for p in proven:
            visit: PatrolVisit | None = tx.get(VISIT_ENTITY, p.visit_id)
            if visit is None or visit.status != PLANNED:
                continue
            tx.put(visit.evolve(status=PROVEN, proven_at=p.proven_at, proof=PROOF_GPS,
                                updated_at=tx.now, updated_by=f"unit:{unit_id}"))
            tx.put(CaseTimelineEntry(
                id=new_id(), case_id=visit.case_id, at=p.proven_at, kind="patrol_visit",
                actor=f"unit:{unit_id}", group=TIMELINE_GROUP,
                data={"visit_id": visit.id, "plan_id": visit.plan_id, "unit_id": unit_id,
                      "due_at": visit.due_at, "arrived_at": p.arrived_at,
                      "proven_at": p.proven_at, "proof": PROOF_GPS}))
            log.info("patrol visit %s proven by GPS: unit %s", visit.id, unit_id)
            out.append(visit.id)
        return out


def visits_of_plan(tx: Tx, plan_id: str) -> list[PatrolVisit]:
    """Every visit of a plan (the planner's look-up)."""
    tx.flush()
    return [PatrolVisit.from_wire(row[0]) for row in
            tx.conn.execute(VISITS_OF_PLAN, {"plan_id": plan_id}).all()]


def planned_per_unit(tx: Tx) -> dict[str, int]:
    """How many visits each unit has planned and not yet made (the planner shares new
    visits by it, not only within one command)."""
    tx.flush()
    return {unit: n for unit, n in tx.conn.execute(_PLANNED_PER_UNIT).all()}
