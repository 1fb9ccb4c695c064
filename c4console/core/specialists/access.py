"""Need-to-know for the specialist desk's records (pure), from the ``[interventions]``
table of ``resources/cases/access.toml``:

- ``intervention``: ``whole`` roles receive every record whole; ``legal`` roles receive a
  legal (``juridica``) record whole and, of a psychological one (``psicologica`` or
  ``ambas``: it holds psychological content), that it happened — without
  :data:`~c4console.core.specialists.records.CONTENT_FIELDS`; ``while_open`` roles receive
  only that it happened (:data:`~c4console.core.specialists.records.HAPPENED_FIELDS`) and
  only while her case has the open ground (an open incident of hers); anyone else nothing.
- ``desk_follow_up``: ``follow_up_readers`` receive it whole, anyone else nothing.
- ``case_timeline`` (her case's timeline entries): a role receives an entry if one of its
  case rules (``[[rules]]``) grants the entry's group without a ground.

:class:`DeskPolicy` applies these on the feed and the read endpoints and passes every other
record to the policy it wraps.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from c4console.core.cases.need_to_know import AccessPolicy
from c4console.core.catalogue import CatalogueError
from c4console.core.specialists.records import CONTENT_FIELDS, HAPPENED_FIELDS

DESK_ENTITIES = frozenset({"intervention", "desk_follow_up", "case_timeline"})
LEGAL_KIND = "juridica"
_KEYS = ("whole", "legal", "while_open", "follow_up_readers")


@dataclass(frozen=True)
class DeskAccess:
    """Who reads the desk's records (see module docstring)."""

    whole: frozenset[str]
    legal: frozenset[str]
    while_open: frozenset[str]
    follow_up_readers: frozenset[str]

    @classmethod
    def parse(cls, access_toml: str) -> DeskAccess:
        """The ``[interventions]`` table; refuses an unknown key or role, and a role in two
        intervention lists."""
        try:
            conf = tomllib.loads(access_toml)
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"access policy: {e}") from None
        roles = set(conf.get("roles", []))
        table = conf.get("interventions", {})
        unknown = sorted(set(table) - set(_KEYS))
        if unknown:
            raise CatalogueError(f"access policy, [interventions]: unknown keys {unknown}")
        lists = {}
        for key in _KEYS:
            values = table.get(key, [])
            bad = sorted(set(values) - roles)
            if bad:
                raise CatalogueError(f"access policy, [interventions] {key}: roles {bad} not in roles")
            lists[key] = frozenset(values)
        seen: set[str] = set()
        for key in ("whole", "legal", "while_open"):
            twice = seen & lists[key]
            if twice:
                raise CatalogueError(f"access policy, [interventions]: {sorted(twice)} in two lists")
            seen |= lists[key]
        return cls(**lists)

    def readers(self, entity: str) -> list[str]:
        """The roles that may receive ``entity`` records (on some ground)."""
        if entity == "desk_follow_up":
            return sorted(self.follow_up_readers)
        return sorted(self.whole | self.legal | self.while_open)

    def project(self, role: str, entity: str, data: Mapping[str, Any], *, open_incident: bool
                ) -> Mapping[str, Any] | None:
        """An intervention or follow-up as ``role`` may hold it (``open_incident``: her
        case's open ground), or None."""
        if entity == "desk_follow_up":
            return data if role in self.follow_up_readers else None
        if role in self.whole:
            return data
        if role in self.legal:
            if data.get("kind") == LEGAL_KIND:
                return data
            return {k: v for k, v in data.items() if k not in CONTENT_FIELDS}
        if role in self.while_open and open_incident:
            return {k: data[k] for k in HAPPENED_FIELDS if k in data}
        return None


@dataclass(frozen=True)
class DeskPolicy:
    """The feed's record policy: the desk's records here, the rest by ``inner``."""

    inner: Any  # the call intake's policy (core/calls/access.IntakePolicy) and what it wraps
    desk: DeskAccess
    cases: AccessPolicy

    def project(self, role: str, entity: str, data: Mapping[str, Any], *, open_incident: bool,
                today: date | None = None) -> Mapping[str, Any] | None:
        """The record as ``role`` may hold it, or None."""
        if entity == "case_timeline":
            return data if data.get("group") in self.timeline_groups(role) else None
        if entity in DESK_ENTITIES:
            return self.desk.project(role, entity, data, open_incident=open_incident)
        return self.inner.project(role, entity, data, open_incident=open_incident, today=today)

    def timeline_groups(self, role: str) -> frozenset[str]:
        """The case groups a role has without any ground (over all its purposes)."""
        out: set[str] = set()
        for purpose in self.cases.purposes_of(role):
            out |= self.cases.allowed_groups(role, purpose) or frozenset()
        return frozenset(out)

    def readers(self, entity: str) -> list[str]:
        """The roles that may receive ``entity`` records (on some ground)."""
        if entity in DESK_ENTITIES:
            return self.desk.readers(entity)
        return self.inner.readers(entity)

    def __getattr__(self, name: str) -> Any:
        # Whatever else the wrapped policy answers (case_fields…), it still answers.
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)
