"""Reads of the coordination records in the central's database (inside a write transaction
or on a reader thread): the shares of a case, an account's agency, meetings and tasks."""

from __future__ import annotations

from sqlalchemy import Connection, select

from c4console.central import schema as t
from c4console.core.agencies.records import CaseShare
from c4console.core.coordination.records import OPEN, CoordinationTask, Meeting


def shares_of(conn: Connection, case_id: str) -> list[CaseShare]:
    """Every share of her case (revoked and ended ones too: the caller judges)."""
    rows = conn.execute(select(t.case_shares.c.data).where(t.case_shares.c.case_id == case_id))
    return [CaseShare.from_wire(r[0]) for r in rows]


def account_agency(conn: Connection, name: str) -> str:
    """The agency of an account ("" if there is no such account)."""
    return conn.execute(select(t.users.c.agency_id).where(t.users.c.name == name)).scalar() or ""


def all_meetings(conn: Connection) -> list[Meeting]:
    """Every meeting, by date."""
    rows = conn.execute(select(t.meetings.c.data).order_by(t.meetings.c.date, t.meetings.c.id))
    return [Meeting.from_wire(r[0]) for r in rows]


def meeting(conn: Connection, meeting_id: str) -> Meeting | None:
    """One meeting, or None."""
    data = conn.execute(select(t.meetings.c.data).where(t.meetings.c.id == meeting_id)).scalar()
    return None if data is None else Meeting.from_wire(data)


def tasks_of_meeting(conn: Connection, meeting_id: str) -> list[CoordinationTask]:
    """The tasks agreed at one meeting, in the order given."""
    rows = conn.execute(select(t.coordination_tasks.c.data)
                        .where(t.coordination_tasks.c.meeting_id == meeting_id))
    return sorted((CoordinationTask.from_wire(r[0]) for r in rows), key=lambda x: x.created_at)


def open_tasks(conn: Connection, due_before: str | None = None) -> list[CoordinationTask]:
    """Every task not done (only those due before ``due_before`` YYYY-MM-DD if given)."""
    query = select(t.coordination_tasks.c.data).where(t.coordination_tasks.c.status == OPEN)
    if due_before is not None:
        query = query.where(t.coordination_tasks.c.due_on < due_before)
    return [CoordinationTask.from_wire(r[0]) for r in conn.execute(query)]


def coordination_of_case(conn: Connection, case_id: str) -> list[Meeting | CoordinationTask]:
    """The meetings that reviewed her case, then the tasks on it: what a change of her case's
    shares re-publishes (a liaison's cut of them depends on the share). Meetings are few: they
    are read whole and kept if her case is on them."""
    meetings = [m for m in all_meetings(conn) if m.case_entry(case_id) is not None]
    rows = conn.execute(select(t.coordination_tasks.c.data)
                        .where(t.coordination_tasks.c.case_id == case_id)
                        .order_by(t.coordination_tasks.c.id))
    return [*meetings, *(CoordinationTask.from_wire(r[0]) for r in rows)]
