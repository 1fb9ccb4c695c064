"""The coordination commands (pure), registered in :func:`c4console.core.commands.decide`:

- ``schedule_meeting``: ``date`` YYYY-MM-DD, ``time`` HH:MM, ``place``, ``agencies`` (the
  agency ids invited), optional ``chair`` (default: who schedules) and ``meeting_id``;
- ``record_attendance``: ``meeting_id``, ``attendees`` [{name, agency_id, account?}] — the
  agencies present become the meeting's agencies;
- ``add_case_to_meeting``: ``meeting_id``, ``case_id``, ``view`` completo (default: shared
  with every agency at the table, else refused ``not_shared``) or reducido;
- ``record_agreement``: ``meeting_id``, ``case_id`` (reviewed), ``text``, optional
  ``agency_id`` (the agency it concerns; none: every agency at the table);
- ``assign_task``: ``meeting_id``, ``case_id``, ``what``, ``agency_id`` (at the table),
  ``due_on`` (not before the meeting), optional ``assignee`` and ``task_id``;
- ``complete_task``: ``task_id``, ``note`` — by C4 staff or a liaison of the task's agency
  (the central refuses a liaison of another agency before this runs: a security event);
- ``sign_minutes``: ``meeting_id`` — the chair signs; signed minutes never change again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from c4console.core.agencies.records import C4_AGENCY
from c4console.core.cases.records import CaseTimelineEntry
from c4console.core.command_kit import Context, Decision, Handler, text_field
from c4console.core.coordination.records import (
    DONE,
    FULL,
    MEETING_ENTITY,
    TASK_DONE_KIND,
    TASK_ENTITY,
    VIEWS,
    CoordinationTask,
    Meeting,
)
from c4console.core.refused import Refused

RECORD_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_ATTENDEES = 60
MAX_AGENCIES = 20


def _day(cmd: Mapping[str, Any], name: str) -> str:
    value = cmd.get(name)
    if not isinstance(value, str) or not DAY.match(value):
        raise Refused("bad_command", f"field {name!r} must be a date YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise Refused("bad_command", f"{name} {value!r} is not a calendar date") from None
    return value


def _new_id(cmd: Mapping[str, Any], name: str, ctx: Context, entity: str) -> str:
    rid = cmd.get(name) or ctx.new_id()
    if not isinstance(rid, str) or not RECORD_ID.match(rid):
        raise Refused("bad_command", f"field {name!r} must be 1-64 letters, digits, '.', '_', "
                                     "':' or '-'")
    if ctx.record(entity, rid) is not None:
        raise Refused("exists", f"{entity} {rid} already exists")
    return rid


def _agency_ids(values: Any, ctx: Context) -> tuple[str, ...]:
    """Known agency ids other than the C4's, in the order given, each once."""
    if not isinstance(values, list) or not values or len(values) > MAX_AGENCIES:
        raise Refused("bad_command", f"field 'agencies' must list 1-{MAX_AGENCIES} agency ids")
    out: list[str] = []
    for value in values:
        if not isinstance(value, str) or not value:
            raise Refused("bad_command", "every agency must be an agency id")
        if value == C4_AGENCY:
            continue  # the C4 convenes every meeting: it is not an invited agency
        if ctx.agency(value) is None:
            raise Refused("unknown_agency", f"agency {value} does not exist "
                                            "(c4central agencies list)")
        if value not in out:
            out.append(value)
    if not out:
        raise Refused("bad_command", "a coordination meeting needs another agency than the C4")
    return tuple(out)


def _meeting(cmd: Mapping[str, Any], ctx: Context, *, editing: bool = True) -> Meeting:
    mid = text_field(cmd, "meeting_id", limit=64)
    meeting = ctx.record(MEETING_ENTITY, mid)
    if meeting is None:
        raise Refused("not_found", f"meeting {mid} does not exist")
    if editing and meeting.signed:
        raise Refused("signed", f"the minutes of meeting {mid} were signed by {meeting.signed_by}: "
                                "signed minutes do not change (record it at the next meeting)")
    return meeting


def _unshared(case_id: str, agencies: tuple[str, ...], ctx: Context) -> list[str]:
    """The agencies at the table her case is not shared with today (at any level)."""
    today = ctx.today or date.min
    shared = {s.agency_id for s in ctx.shares_of(case_id) if s.in_force(today)}
    return [a for a in agencies if a not in shared]


def _reviewed(meeting: Meeting, cmd: Mapping[str, Any]) -> dict[str, Any]:
    case_id = text_field(cmd, "case_id", limit=128)
    entry = meeting.case_entry(case_id)
    if entry is None:
        raise Refused("not_reviewed", f"case {case_id} is not on meeting {meeting.id}: add it "
                                      "first (add_case_to_meeting)")
    return entry


def _at_table(meeting: Meeting, agency_id: str) -> None:
    if agency_id not in meeting.agencies:
        raise Refused("agency_not_present", f"agency {agency_id} is not at meeting {meeting.id} "
                                            f"(present: {', '.join(meeting.agencies)})")


def schedule_meeting(cmd, incidents, units, ctx: Context) -> Decision:
    """A new meeting: when, where, who is invited and who chairs."""
    day = _day(cmd, "date")
    clock = cmd.get("time")
    if not isinstance(clock, str) or not CLOCK.match(clock):
        raise Refused("bad_command", "field 'time' must be HH:MM (24 h)")
    place = text_field(cmd, "place", limit=200)
    agencies = _agency_ids(cmd.get("agencies"), ctx)
    chair = text_field(cmd, "chair", required=False, limit=120) or ctx.actor
    if ctx.account_exists(chair) is False:
        raise Refused("unknown_account", f"chair {chair} has no account: the chair signs the "
                                         "minutes at a console")
    mid = _new_id(cmd, "meeting_id", ctx, MEETING_ENTITY)
    meeting = Meeting(id=mid, date=day, time=clock, place=place, chair=chair, agencies=agencies,
                      created_by=ctx.actor, created_at=ctx.now, updated_at=ctx.now)
    return Decision(True, records=[meeting])


def _attendee(value: Any, ctx: Context) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Refused("bad_command", "every attendee is {name, agency_id, account?}")
    name = text_field(value, "name", limit=120)
    agency_id = text_field(value, "agency_id", limit=64)
    if agency_id != C4_AGENCY and ctx.agency(agency_id) is None:
        raise Refused("unknown_agency", f"agency {agency_id} of {name} does not exist")
    account = text_field(value, "account", required=False, limit=120)
    if account and ctx.account_exists(account) is False:
        raise Refused("unknown_account", f"account {account} ({name}) does not exist: leave it "
                                         "empty for someone without an account")
    return {"name": name, "agency_id": agency_id, "account": account}


def record_attendance(cmd, incidents, units, ctx: Context) -> Decision:
    """Who came: the people (names as typed, accounts where they have one) and, from them,
    the agencies at the table. A case already reviewed at full view must stay shared with
    every agency present."""
    meeting = _meeting(cmd, ctx)
    people = cmd.get("attendees")
    if not isinstance(people, list) or not people or len(people) > MAX_ATTENDEES:
        raise Refused("bad_command", f"field 'attendees' must list 1-{MAX_ATTENDEES} people")
    attendees = tuple(_attendee(p, ctx) for p in people)
    agencies = tuple(dict.fromkeys(a["agency_id"] for a in attendees
                                   if a["agency_id"] != C4_AGENCY))
    if not agencies:
        raise Refused("bad_command", "nobody of another agency is present")
    for entry in meeting.cases:
        missing = _unshared(entry["case_id"], agencies, ctx) if entry["view"] == FULL else []
        if missing:
            raise Refused("not_shared", f"case {entry['ref']} is reviewed at full view but is "
                                        f"not shared with {', '.join(missing)}")
    return Decision(True, records=[meeting.evolve(attendees=attendees, agencies=agencies,
                                                  attendance_recorded=True, updated_at=ctx.now)])


def add_case_to_meeting(cmd, incidents, units, ctx: Context) -> Decision:
    """Review her case at the meeting: at full view only if it is shared with every agency
    at the table; at reduced view an agency without a share reads its reference and her own
    agreements and tasks only."""
    meeting = _meeting(cmd, ctx)
    case_id = text_field(cmd, "case_id", limit=128)
    case = ctx.case(case_id)
    if case is None:
        raise Refused("not_found", f"case {case_id} does not exist")
    if meeting.case_entry(case.id) is not None:
        raise Refused("exists", f"case {case.id} is already on meeting {meeting.id}")
    view = cmd.get("view") or FULL
    if view not in VIEWS:
        raise Refused("bad_command", f"view must be one of {', '.join(VIEWS)}")
    missing = _unshared(case.id, meeting.agencies, ctx)
    if view == FULL and missing:
        raise Refused("not_shared", f"case {case.id} is not shared with {', '.join(missing)}: "
                                    "share it first, or review it at view reducido")
    ref = f"CM-{meeting.date.replace('-', '')}-{len(meeting.cases) + 1:02d}"
    entry = {"case_id": case.id, "ref": ref, "view": view}
    return Decision(True, records=[meeting.evolve(cases=(*meeting.cases, entry),
                                                  updated_at=ctx.now)])


def record_agreement(cmd, incidents, units, ctx: Context) -> Decision:
    """An agreement on a reviewed case (optionally concerning one agency at the table)."""
    meeting = _meeting(cmd, ctx)
    entry = _reviewed(meeting, cmd)
    text = text_field(cmd, "text", limit=2000)
    agency_id = text_field(cmd, "agency_id", required=False, limit=64)
    if agency_id:
        _at_table(meeting, agency_id)
    agreement = {"id": ctx.new_id(), "case_id": entry["case_id"], "text": text,
                 "agency_id": agency_id, "by": ctx.actor, "at": ctx.now}
    return Decision(True, records=[meeting.evolve(agreements=(*meeting.agreements, agreement),
                                                  updated_at=ctx.now)])


def assign_task(cmd, incidents, units, ctx: Context) -> Decision:
    """A task for an agency at the table, due on or after the meeting's date."""
    meeting = _meeting(cmd, ctx)
    entry = _reviewed(meeting, cmd)
    what = text_field(cmd, "what", limit=1000)
    agency_id = text_field(cmd, "agency_id", limit=64)
    _at_table(meeting, agency_id)
    due_on = _day(cmd, "due_on")
    if due_on < meeting.date:
        raise Refused("due_before_meeting", f"a task due on {due_on} would be due before the "
                                            f"meeting ({meeting.date})")
    assignee = text_field(cmd, "assignee", required=False, limit=120)
    if assignee and ctx.account_exists(assignee) is False:
        raise Refused("unknown_account", f"account {assignee} does not exist")
    tid = _new_id(cmd, "task_id", ctx, TASK_ENTITY)
    task = CoordinationTask(id=tid, meeting_id=meeting.id, case_id=entry["case_id"],
                            case_ref=entry["ref"], what=what, agency_id=agency_id, due_on=due_on,
                            assignee=assignee, created_by=ctx.actor, created_at=ctx.now)
    return Decision(True, records=[task.evolve(overdue=task.is_overdue(ctx.today or date.min))])


def complete_task(cmd, incidents, units, ctx: Context) -> Decision:
    """A task done, with a note; an entry on her case timeline tells the C4."""
    tid = text_field(cmd, "task_id", limit=64)
    task = ctx.record(TASK_ENTITY, tid)
    if task is None:
        raise Refused("not_found", f"task {tid} does not exist")
    if ctx.actor_agency and ctx.actor_agency not in (C4_AGENCY, task.agency_id):
        raise Refused("other_agency", f"task {tid} belongs to agency {task.agency_id}")
    if task.status == DONE:
        raise Refused("done", f"task {tid} was already marked done by {task.done_by}")
    note = text_field(cmd, "note", limit=2000)
    done = task.evolve(status=DONE, done_by=ctx.actor, done_at=ctx.now, done_note=note,
                       overdue=False)
    entry = CaseTimelineEntry(id=ctx.new_id(), case_id=task.case_id, at=ctx.now,
                              kind=TASK_DONE_KIND, actor=ctx.actor,
                              text=f"{task.agency_id}: {task.what} — {note}", group="history",
                              data={"task_id": task.id, "meeting_id": task.meeting_id,
                                    "agency_id": task.agency_id})
    return Decision(True, records=[done, entry])


def sign_minutes(cmd, incidents, units, ctx: Context) -> Decision:
    """The chair signs the minutes: who and when are recorded; nothing changes afterwards."""
    meeting = _meeting(cmd, ctx, editing=False)
    if meeting.signed:
        raise Refused("signed", f"the minutes of meeting {meeting.id} were already signed by "
                                f"{meeting.signed_by}")
    if ctx.actor != meeting.chair:
        raise Refused("not_chair", f"only the chair ({meeting.chair}) signs the minutes of "
                                   f"meeting {meeting.id}")
    if ctx.today is not None and date.fromisoformat(meeting.date) > ctx.today:
        # Minutes record what was agreed at the table: none before the meeting is held.
        raise Refused("not_held", f"meeting {meeting.id} is on {meeting.date}: its minutes are "
                                  f"signed on or after that day")
    return Decision(True, records=[meeting.evolve(signed_by=ctx.actor, signed_at=ctx.now,
                                                  updated_at=ctx.now)])


HANDLERS: dict[str, Handler] = {
    "schedule_meeting": schedule_meeting,
    "record_attendance": record_attendance,
    "add_case_to_meeting": add_case_to_meeting,
    "record_agreement": record_agreement,
    "assign_task": assign_task,
    "complete_task": complete_task,
    "sign_minutes": sign_minutes,
}
