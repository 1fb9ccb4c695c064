"""The reads the agenda and the minutes need, in one connection each (reader threads)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select

from c4console.central import schema as t
from c4console.central.coordination.store import all_meetings, meeting, open_tasks, tasks_of_meeting
from c4console.core.agencies.records import CaseShare
from c4console.core.cases.records import Case
from c4console.core.coordination.records import CoordinationTask, Meeting
from c4console.core.models import Incident


@dataclass
class AgendaInputs:
    """What :func:`c4console.core.coordination.agenda.prepare_agenda` reads."""

    meeting: Meeting
    cases: list[Case]
    shared_with: dict[str, list[str]]  # case id → agencies it is shared with today
    incidents: dict[str, Incident]
    tasks: list[CoordinationTask]
    meetings: list[Meeting]


def agenda_inputs(engine: Engine, meeting_id: str, today: date) -> AgendaInputs | None:
    """The meeting, the cases shared today with its agencies (and their incidents), the open
    tasks and every meeting; None if there is no such meeting."""
    with engine.connect() as conn:
        found = meeting(conn, meeting_id)
        if found is None:
            return None
        shared_with: dict[str, list[str]] = {}
        rows = conn.execute(select(t.case_shares.c.data)
                            .where(t.case_shares.c.agency_id.in_(list(found.agencies))))
        for (data,) in rows:
            share = CaseShare.from_wire(data)
            if share.in_force(today):
                shared_with.setdefault(share.case_id, []).append(share.agency_id)
        cases = [Case.from_wire(r[0]) for r in conn.execute(
            select(t.cases.c.data).where(t.cases.c.id.in_(list(shared_with))))]
        wanted = [iid for c in cases for iid in c.incident_ids]
        incidents = {r[0]: Incident.from_wire(r[1]) for r in conn.execute(
            select(t.incidents.c.id, t.incidents.c.data).where(t.incidents.c.id.in_(wanted)))}
        return AgendaInputs(found, cases, shared_with, incidents, open_tasks(conn),
                            all_meetings(conn))


def minutes_inputs(engine: Engine, meeting_id: str
                   ) -> tuple[Meeting, list[CoordinationTask], dict[str, str]] | None:
    """The meeting, its tasks and the agencies' names; None if there is no such meeting."""
    with engine.connect() as conn:
        found = meeting(conn, meeting_id)
        if found is None:
            return None
        names = dict(conn.execute(select(t.agencies.c.id, t.agencies.c.name)).all())
        return found, tasks_of_meeting(conn, meeting_id), names

