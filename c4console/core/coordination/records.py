"""The meeting (mesa) and the task records of the feed (pure).

A meeting holds its minutes: when and where, the agencies at the table, the people present,
the chair, the cases reviewed (each with a reference the minutes use and the view it was
reviewed at) and the agreements per case. Once the chair signs, the minutes are immutable.
A task is its own record (what, which agency, who, due date, done with a note): it lives on
after the meeting is signed and reaches that agency's console.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from c4console.core.wire import _Wire, as_lists

MEETING_ENTITY = "meeting"
TASK_ENTITY = "coordination_task"
FULL = "completo"   # the case is shared with every agency at the table
REDUCED = "reducido"  # not shared with some agency: she reads the reference and her part
VIEWS = (FULL, REDUCED)
OPEN, DONE = "abierta", "hecha"
# Her case timeline's entry when an agency marks its task done (``data.agency_id``: whose).
TASK_DONE_KIND = "coordination_task_done"


@dataclass(frozen=True, slots=True)
class Meeting(_Wire):
    """One coordination meeting and its minutes.

    ``agencies``: the agency ids at the table (invited when scheduled, the ones present once
    attendance is recorded); the C4 chairs and is not listed. ``attendees``: dicts
    ``{name, agency_id, account}`` (the name as typed, the account where she has one).
    ``cases``: dicts ``{case_id, ref, view}``. ``agreements``: dicts ``{id, case_id, text,
    agency_id, by, at}`` (``agency_id`` "": concerns every agency at the table)."""

    id: str
    date: str  # YYYY-MM-DD, the C4's calendar
    time: str  # HH:MM
    place: str
    chair: str  # the account that chairs and signs the minutes
    agencies: tuple[str, ...] = ()
    attendees: tuple[dict[str, Any], ...] = ()
    cases: tuple[dict[str, Any], ...] = ()
    agreements: tuple[dict[str, Any], ...] = ()
    created_by: str = ""
    created_at: float = 0.0
    updated_at: float = 0.0
    attendance_recorded: bool = False
    signed_by: str = ""
    signed_at: float | None = None

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (lists for tuples)."""
        return as_lists({f: getattr(self, f) for f in self.__dataclass_fields__})

    def _coerce(self) -> Meeting:
        return replace(self, agencies=tuple(self.agencies), attendees=tuple(self.attendees),
                       cases=tuple(self.cases), agreements=tuple(self.agreements))

    @property
    def signed(self) -> bool:
        """True once the chair signed the minutes (then nothing of them changes)."""
        return self.signed_at is not None

    def case_entry(self, case_id: str) -> dict[str, Any] | None:
        """The reviewed case's entry ``{case_id, ref, view}``, or None."""
        return next((c for c in self.cases if c.get("case_id") == case_id), None)

    def day(self) -> date:
        """The meeting's date."""
        return date.fromisoformat(self.date)


@dataclass(frozen=True, slots=True)
class CoordinationTask(_Wire):
    """A task agreed at a meeting for one agency (and, optionally, one of its accounts).

    ``overdue`` is set by the central once ``due_on`` has passed with the task still open
    (and cleared when it is done): the flag the feed carries to the C4."""

    id: str
    meeting_id: str
    case_id: str
    case_ref: str
    what: str
    agency_id: str
    due_on: str  # YYYY-MM-DD
    assignee: str = ""  # an account of that agency, or ""
    status: str = OPEN
    created_by: str = ""
    created_at: float = 0.0
    done_by: str = ""
    done_at: float | None = None
    done_note: str = ""
    overdue: bool = False

    def is_overdue(self, today: date) -> bool:
        """True while open and its due date is before ``today``."""
        return self.status == OPEN and self.due_on < today.isoformat()
