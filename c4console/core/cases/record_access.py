"""The case need-to-know table applied to the registry's records on the change feed: what
a role receives of a beneficiary record and of her panic device (pure).

The central does not send case fields for these records but their own wire fields; which
of those a role receives follows from ``resources/cases/access.toml`` (the case fields its
rules give it, over all its purposes, on the grounds it has now) through the mapping in
``resources/cases/record_fields.toml``. One table decides for the case file and for the
records it grew from.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from c4console.core.cases.case_fields import FIELDS
from c4console.core.cases.case_view import case_wire_view, history_view
from c4console.core.cases.need_to_know import AccessPolicy, Grounds
from c4console.core.catalogue import CatalogueError
from c4console.core.device_health_access import HEALTH_ENTITIES, HealthAccess
from c4console.core.zones.access import ORDER_ENTITY, ZoneAccess, is_aggressor_device

WHOLE_RECORD = "*"
CONTACT_NAME_KEYS = ("name", "relation")
# Only these records are re-published when her incidents open and close
# (central/records.py, central/cases/steps.py), so only they may be granted on the
# open_incident ground.
FOLLOWS_INCIDENTS = frozenset({"beneficiary", "case", "history"})
# Records projected by code (case_view.py) rather than through record_fields.toml.
CASE_RECORDS = frozenset({"case", "history"})


@dataclass(frozen=True)
class RecordAccess:
    """What each role receives of a beneficiary record or a panic device."""

    policy: AccessPolicy
    # entity → record field (or "*") → the case fields that each grant it
    fields: Mapping[str, Mapping[str, frozenset[str]]]
    # The device-health records' readers (access.toml [device_health]); None: nobody.
    health: HealthAccess | None = None
    # Exclusion zones and the aggressor's positions (access.toml [exclusion_zones]); None: nobody.
    zones: ZoneAccess | None = None
    # (role, open_incident) → case_fields: asked for every personal record on the feed.
    _fields_of: dict[tuple[str, bool], frozenset[str]] = field(
        default_factory=dict, compare=False, repr=False)

    @classmethod
    def parse(cls, text: str, policy: AccessPolicy, health: HealthAccess | None = None,
              zones: ZoneAccess | None = None) -> RecordAccess:
        """Parse record_fields.toml against the policy; refuses unknown case fields and a
        rule that would grant a record that does not follow her incidents only while she
        has an open incident (it would never be withdrawn)."""
        try:
            conf = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"record fields: {e}") from None
        fields: dict[str, dict[str, frozenset[str]]] = {}
        for entity, mapping in conf.items():
            if not isinstance(mapping, dict):
                raise CatalogueError(f"record fields: [{entity}] must be a table")
            fields[entity] = {k: frozenset([v] if isinstance(v, str) else v) for k, v in mapping.items()}
            unknown = sorted({f for granting in fields[entity].values() for f in granting} - FIELDS.keys())
            if unknown:
                raise CatalogueError(f"record fields: [{entity}] names unknown case fields {unknown}")
        access = cls(policy, fields, health, zones)
        for entity, mapping in fields.items():
            if entity in FOLLOWS_INCIDENTS:
                continue
            for rule in policy.rules.values():
                given = policy.fields_of(rule.groups) & frozenset().union(*mapping.values())
                if rule.requires == "open_incident" and given:
                    raise CatalogueError(
                        f"record fields: {rule.role}/{rule.purpose} would receive {entity} records "
                        f"({', '.join(sorted(given))}) only while she has an open incident, but "
                        f"{entity} records are not re-published when her incidents close")
        return access

    def case_fields(self, role: str, open_incident: bool) -> frozenset[str]:
        """The case fields ``role`` has now, over all its purposes."""
        known = self._fields_of.get((role, open_incident))
        if known is not None:
            return known
        grounds = Grounds(open_incident=open_incident)
        out: set[str] = set()
        for purpose in self.policy.purposes_of(role):
            groups = self.policy.allowed_groups(role, purpose, grounds)
            if groups is not None:
                out |= self.policy.fields_of(groups)
        self._fields_of[(role, open_incident)] = frozenset(out)
        return self._fields_of[(role, open_incident)]

    def project(self, role: str, entity: str, data: Mapping[str, Any], *, open_incident: bool,
                today: date | None = None) -> Mapping[str, Any] | None:
        """The record as ``role`` may hold it: unchanged, projected, or None.

        A ``case`` or ``history`` record is projected by :mod:`.case_view` on the union of
        the role's purposes (``today`` decides which orders are in force)."""
        if entity in HEALTH_ENTITIES:
            return self.health.project(role, entity, data) if self.health is not None else None
        if entity in (ORDER_ENTITY, "incident") or is_aggressor_device(entity, data):
            if self.zones is None:
                return None
            return self.zones.project(role, entity, data, open_incident=open_incident)
        if entity in CASE_RECORDS:
            have = self.case_fields(role, open_incident)
            if entity == "history":
                return history_view(data, have)
            return case_wire_view(data, have, today or date.today())
        mapping = self.fields.get(entity)
        if mapping is None:
            return data
        have = self.case_fields(role, open_incident)
        if WHOLE_RECORD in mapping:
            return data if mapping[WHOLE_RECORD] & have else None
        contact_names = "trusted_contact_names" in have
        kept = {k for k, granting in mapping.items()
                if granting & have or (k == "trusted_contacts" and contact_names)}
        if not kept:
            return None
        if kept == set(mapping) and "trusted_contacts" in have and set(data) <= set(mapping) | {"id"}:
            return data
        shown: dict[str, Any] = {k: v for k, v in data.items() if k == "id" or k in kept}
        if "trusted_contacts" in kept and "trusted_contacts" not in have and shown["trusted_contacts"]:
            shown["trusted_contacts"] = [{k: c.get(k, "") for k in CONTACT_NAME_KEYS}
                                         for c in shown["trusted_contacts"]]
        return shown
