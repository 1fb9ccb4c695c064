"""Need-to-know for the follow-up records (pure), from ``resources/cases/access.toml``
``[follow_up]``, and for her case's timeline entries (by their group, through the case
table's rules).

- ``follow_plan``, ``interview``, ``follow_call``: ``readers`` receive whole records
  (her plan, what was said, the number called); no one else receives them.
- ``patrol_visit``: ``readers`` whole; ``crew`` roles (operators, who talk to the crews)
  only ``crew_fields`` — where and when to go, which unit, what was proven — never her
  case id or the reason of a visit recorded by hand.
- ``case_timeline``: an entry goes to the roles whose case rules (on no ground) include
  its group (``history``, ``interventions``…).

Applied through :class:`FollowUpPolicy`, which passes every other record to the feed's
policy it wraps.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from c4console.core.cases.need_to_know import AccessPolicy
from c4console.core.catalogue import CatalogueError
from c4console.core.follow_up.records import (
    CALL_ENTITY,
    INTERVIEW_ENTITY,
    PLAN_ENTITY,
    VISIT_ENTITY,
)
from c4console.core.need_to_know import RecordPolicy

TIMELINE_ENTITY = "case_timeline"
FOLLOW_UP_FEED = frozenset({PLAN_ENTITY, VISIT_ENTITY, INTERVIEW_ENTITY, CALL_ENTITY, TIMELINE_ENTITY})


@dataclass(frozen=True)
class FollowUpAccess:
    """Who receives the follow-up records, and which fields the crews get of a visit."""

    readers: frozenset[str]
    crew: frozenset[str]
    crew_fields: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> FollowUpAccess:
        """The ``[follow_up]`` table of access.toml (missing: refused — say who reads)."""
        try:
            conf = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"access policy: {e}") from None
        section = conf.get("follow_up")
        if not isinstance(section, dict):
            raise CatalogueError("access policy: [follow_up] is missing: say who reads the "
                                 "follow-up plans, visits, interviews and calls")
        roles = set(conf.get("roles", []))
        lists = {k: section.get(k, []) for k in ("readers", "crew", "crew_fields")}
        for k, v in lists.items():
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise CatalogueError(f"access policy: [follow_up] {k} must be a list of strings")
        unknown = sorted((set(lists["readers"]) | set(lists["crew"])) - roles)
        if unknown:
            raise CatalogueError(f"access policy: [follow_up] names unknown roles {unknown}")
        if "case_id" in lists["crew_fields"] or "manual_reason" in lists["crew_fields"]:
            raise CatalogueError("access policy: [follow_up] crew_fields may not include her "
                                 "case id or a manual record's reason")
        return cls(frozenset(lists["readers"]), frozenset(lists["crew"]),
                   frozenset(lists["crew_fields"]) | {"id"})

    def project(self, role: str, entity: str, data: Mapping[str, Any]) -> Mapping[str, Any] | None:
        """A plan, visit, interview or call as ``role`` may hold it, or None."""
        if role in self.readers:
            return data
        if entity == VISIT_ENTITY and role in self.crew:
            return {k: v for k, v in data.items() if k in self.crew_fields}
        return None


@dataclass(frozen=True)
class FollowUpPolicy:
    """The feed's record policy with the follow-up records: these here, the rest to
    ``inner`` (the call intake's policy, then the case table)."""

    inner: RecordPolicy
    access: FollowUpAccess
    cases: AccessPolicy
    _groups_of: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def timeline_groups(self, role: str) -> frozenset[str]:
        """The case timeline groups ``role`` reads (its rules on no ground, all purposes)."""
        known = self._groups_of.get(role)
        if known is None:
            groups: set[str] = set()
            for purpose in self.cases.purposes_of(role):
                groups |= self.cases.allowed_groups(role, purpose) or frozenset()
            known = self._groups_of[role] = frozenset(groups)
        return known

    def project(self, role: str, entity: str, data: Mapping[str, Any], *, open_incident: bool,
                today: date | None = None) -> Mapping[str, Any] | None:
        """The record as ``role`` may hold it (see the module)."""
        if entity == TIMELINE_ENTITY:
            return data if data.get("group") in self.timeline_groups(role) else None
        if entity in FOLLOW_UP_FEED:
            return self.access.project(role, entity, data)
        return self.inner.project(role, entity, data, open_incident=open_incident, today=today)

    def __getattr__(self, name: str) -> Any:
        # The wrapped policy's other helpers (readers(), cases…) stay reachable; never
        # during construction or copying (no ``inner`` yet: no recursion).
        if name.startswith("__") or name in ("inner", "access", "cases", "_groups_of"):
            raise AttributeError(name)
        return getattr(self.inner, name)
