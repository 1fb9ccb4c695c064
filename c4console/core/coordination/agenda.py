"""The agenda of a coordination meeting, prepared automatically (pure).

For a meeting on day D with agencies A (invited or present):

- **cases**: the cases shared today with at least one agency of A whose current risk level is
  one of ``risk_levels`` (alto, extremo) — each says which agencies of A it is shared with and
  the view it can be reviewed at (completo: shared with every agency of A; else reducido);
- **new incidents**: incidents of those cases created since the previous meeting (its date and
  time; the latest meeting before D with an agency of A; none: every incident of the case);
- **overdue tasks**: tasks of the agencies of A still open whose due date is before today;
- **orders expiring**: orders of those cases ending between D and D + ``orders_expiring_days``.

The settings are data: ``resources/agencies/agenda.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from c4console.core.cases.records import Case
from c4console.core.catalogue import CatalogueError
from c4console.core.coordination.records import FULL, REDUCED, CoordinationTask, Meeting
from c4console.core.models import Incident


@dataclass(frozen=True, slots=True)
class AgendaSettings:
    """Which risk levels put a case on the agenda; how far ahead an order's end counts."""

    risk_levels: frozenset[str] = frozenset({"alto", "extremo"})
    orders_expiring_days: int = 15

    @classmethod
    def parse(cls, text: str) -> AgendaSettings:
        """Parse agenda.toml (refuses a negative window or no risk level)."""
        try:
            conf = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"agenda settings: {e}") from None
        levels = frozenset(str(v) for v in conf.get("risk_levels", ("alto", "extremo")))
        days = conf.get("orders_expiring_days", 15)
        if not levels:
            raise CatalogueError("agenda settings: risk_levels is empty")
        if not isinstance(days, int) or days < 0:
            raise CatalogueError("agenda settings: orders_expiring_days must be a whole number >= 0")
        return cls(levels, days)


def previous_meeting(meeting: Meeting, meetings: Iterable[Meeting]) -> Meeting | None:
    """The latest other meeting before this one's date with an agency of this one."""
    before = [m for m in meetings if m.id != meeting.id and m.date < meeting.date
              and set(m.agencies) & set(meeting.agencies)]
    return max(before, key=lambda m: (m.date, m.time), default=None)


def prepare_agenda(meeting: Meeting, *, cases: Iterable[Case],
                   shared_with: Callable[[str], Iterable[str]],
                   incidents: Mapping[str, Incident], tasks: Iterable[CoordinationTask],
                   meetings: Iterable[Meeting], settings: AgendaSettings, today: date,
                   local_time: Callable[[float], str]) -> dict[str, Any]:
    """The agenda as a JSON-ready dict (see the module docstring).

    ``shared_with(case_id)``: the agencies her case is shared with today;
    ``local_time(at)``: a timestamp as the C4's "YYYY-MM-DD HH:MM" (a meeting's date and time
    are the C4's)."""
    invited = list(meeting.agencies)
    day = meeting.day()
    last = previous_meeting(meeting, meetings)
    since = f"{last.date} {last.time}" if last is not None else ""
    horizon = day + timedelta(days=settings.orders_expiring_days)
    out_cases, new_incidents, expiring = [], [], []
    for case in sorted(cases, key=lambda c: c.id):
        if case.merged_into:
            continue
        level = case.risk_level
        if level is None or str(level) not in settings.risk_levels:
            continue
        with_ = [a for a in invited if a in set(shared_with(case.id))]
        if not with_:
            continue
        out_cases.append({"case_id": case.id, "name": case.person.name, "risk_level": str(level),
                          "shared_with": with_, "view": FULL if len(with_) == len(invited)
                          else REDUCED})
        for iid in case.incident_ids:
            inc = incidents.get(iid)
            if inc is None or (since and local_time(inc.created_at) < since):
                continue
            new_incidents.append({"case_id": case.id, "incident_id": inc.id, "folio": inc.folio,
                                  "type_code": inc.type_code, "created_at": inc.created_at})
        for order in case.orders:
            if order.valid_until and day.isoformat() <= order.valid_until <= horizon.isoformat():
                expiring.append({"case_id": case.id, "number": order.number,
                                 "authority": order.authority, "valid_until": order.valid_until})
    overdue = [{"task_id": t.id, "meeting_id": t.meeting_id, "case_ref": t.case_ref,
                "case_id": t.case_id, "what": t.what, "agency_id": t.agency_id,
                "due_on": t.due_on, "assignee": t.assignee}
               for t in sorted(tasks, key=lambda t: (t.due_on, t.id))
               if t.agency_id in invited and t.is_overdue(today)]
    return {"meeting_id": meeting.id, "date": meeting.date, "agencies": invited,
            "since_meeting": last.id if last is not None else "", "since": since,
            "cases": out_cases, "new_incidents": new_incidents, "overdue_tasks": overdue,
            "orders_expiring": expiring, "orders_expiring_days": settings.orders_expiring_days}

