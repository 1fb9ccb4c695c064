"""Who receives the meeting and task records (pure).

C4 roles: ``[coordination] readers`` of ``resources/cases/access.toml`` (supervisors, the
specialist desk, admins) receive every meeting and task whole; every other C4 role receives
them as deletes. A liaison (role ``enlace``) never reaches this policy: the feed gate gives
her her agency's part (:func:`liaison_meeting`, :func:`liaison_task`, called from
:func:`c4console.core.agencies.feed.liaison_view`):

- a meeting only if her agency was at the table; its reviewed cases shared with her agency
  keep their case id and the agreements that concern every agency or hers; a case *not*
  shared with her agency (reviewed at view reducido) keeps only its reference (``ref``, no
  case id) and the agreements addressed to her agency; agreements addressed to another
  agency never reach her;
- a task only if it is her agency's; its case id only while that case is shared with her
  agency (else the reference alone);
- on her case timeline (a completo share gives the history group), the entry of a task
  marked done only if the task was her agency's (:func:`liaison_timeline_entry`): another
  agency's work at the table is the C4's to know, not hers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from c4console.core.access_sections import section_readers
from c4console.core.coordination.records import MEETING_ENTITY, TASK_DONE_KIND, TASK_ENTITY
from c4console.core.need_to_know import RecordPolicy

ENTITIES = frozenset({MEETING_ENTITY, TASK_ENTITY})

# (agency, case id) → whether her case is shared with that agency now (any level).
SharedWith = Callable[[str, str], bool]


def coordination_readers(text: str) -> frozenset[str]:
    """The ``[coordination] readers`` of access.toml."""
    return section_readers(text, "coordination")


@dataclass(frozen=True)
class CoordinationPolicy:
    """The feed's record policy with meetings and tasks: these here, the rest to ``inner``."""

    inner: RecordPolicy
    coordination_readers: frozenset[str]

    def project(self, role: str, entity: str, data: Mapping[str, Any], *, open_incident: bool,
                today: date | None = None) -> Mapping[str, Any] | None:
        """The record as ``role`` may hold it."""
        if entity in ENTITIES:
            return data if role in self.coordination_readers else None
        return self.inner.project(role, entity, data, open_incident=open_incident, today=today)

    def __getattr__(self, name: str) -> Any:
        # The wrapped policies' other helpers stay reachable (never during construction).
        if name.startswith("__") or name in ("inner", "coordination_readers"):
            raise AttributeError(name)
        return getattr(self.inner, name)


def liaison_meeting(data: Mapping[str, Any], agency: str, shared: SharedWith
                    ) -> dict[str, Any] | None:
    """A meeting as a liaison of ``agency`` reads it (None: her agency was not there)."""
    if agency not in (data.get("agencies") or ()):
        return None
    cases, full = [], set()
    for entry in data.get("cases") or ():
        if shared(agency, entry.get("case_id", "")):
            full.add(entry.get("case_id", ""))
            cases.append(dict(entry))
        else:
            cases.append({"case_id": "", "ref": entry.get("ref", ""), "view": "reducido"})
    ref_of = {e.get("case_id", ""): e.get("ref", "") for e in data.get("cases") or ()}
    agreements = []
    for agreement in data.get("agreements") or ():
        to = agreement.get("agency_id", "")
        case_id = agreement.get("case_id", "")
        if to == agency or (not to and case_id in full):
            shown = dict(agreement, ref=ref_of.get(case_id, ""))
            if case_id not in full:
                shown["case_id"] = ""
            agreements.append(shown)
    return {**data, "cases": cases, "agreements": agreements}


def liaison_task(data: Mapping[str, Any], agency: str, shared: SharedWith
                 ) -> dict[str, Any] | None:
    """A task as a liaison of ``agency`` reads it (None: another agency's)."""
    if data.get("agency_id") != agency:
        return None
    if shared(agency, data.get("case_id", "")):
        return dict(data)
    return {**data, "case_id": ""}


def liaison_record(entity: str, data: Mapping[str, Any], agency: str, shared: SharedWith
                   ) -> dict[str, Any] | None:
    """A meeting or task as a liaison of ``agency`` reads it, or None."""
    if entity == MEETING_ENTITY:
        return liaison_meeting(data, agency, shared)
    return liaison_task(data, agency, shared)


def liaison_timeline_entry(data: Mapping[str, Any], agency: str) -> bool:
    """False for a timeline entry of another agency's coordination task (its completion
    note); True for every other entry (the share's groups decide those)."""
    if data.get("kind") != TASK_DONE_KIND:
        return True
    return (data.get("data") or {}).get("agency_id") == agency
