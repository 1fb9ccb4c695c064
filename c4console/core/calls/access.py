"""Need-to-know for the call intake's records (pure): who receives a ``call`` (the caller's
number, the carrier's location, her history for them) and a ``referral`` (the specialist
desk's queue), from the ``[[records]]`` rules of ``resources/cases/access.toml``.

A rule names an entity, a role and, optionally, a ground: ``open_call`` holds while the
call is open or the incident it became (or was linked to) is open — an operator holds
a caller's number only while she is handling the emergency. The history inside a call is
projected like an incident's history record, with the case fields the role has on that
ground (``core/cases/case_view.history_view``). The feed and the read endpoints apply it
through :class:`IntakePolicy`, which passes every other record to the case table.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from c4console.core.cases.case_view import history_view
from c4console.core.cases.record_access import RecordAccess
from c4console.core.catalogue import CatalogueError

# issue 12: a case's BANAVIM folio, and referrals of her case to institutions: whole
# records to the roles named, or nothing.
INTAKE_ENTITIES = frozenset({"call", "referral", "banavim_registration", "institution_referral"})
INTAKE_GROUNDS = frozenset({"", "open_call"})


@dataclass(frozen=True, slots=True)
class IntakeRule:
    """One ``[[records]]`` row: ``role`` receives ``entity`` records, on ``requires``."""

    entity: str
    role: str
    requires: str = ""


@dataclass(frozen=True)
class IntakePolicy:
    """The feed's record policy: the intake's rules, then the case table for the rest."""

    cases: RecordAccess
    rules: Mapping[tuple[str, str], IntakeRule]

    @classmethod
    def parse(cls, access_toml: str, cases: RecordAccess) -> IntakePolicy:
        """The ``[[records]]`` rules of access.toml; refuses unknown entities, roles
        (not in ``roles``), grounds and repeated rows."""
        try:
            conf = tomllib.loads(access_toml)
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"access policy: {e}") from None
        roles = set(conf.get("roles", []))
        rules: dict[tuple[str, str], IntakeRule] = {}
        for n, row in enumerate(conf.get("records", []), start=1):
            rule = IntakeRule(row.get("entity", ""), row.get("role", ""), row.get("requires", ""))
            where = f"access policy, records rule {n} ({rule.entity}/{rule.role})"
            if rule.entity not in INTAKE_ENTITIES:
                raise CatalogueError(f"{where}: entity not one of {sorted(INTAKE_ENTITIES)}")
            if rule.role not in roles:
                raise CatalogueError(f"{where}: role not in roles")
            if rule.requires not in INTAKE_GROUNDS:
                raise CatalogueError(f"{where}: requires {rule.requires!r} is not 'open_call'")
            if (rule.entity, rule.role) in rules:
                raise CatalogueError(f"{where}: repeated")
            rules[(rule.entity, rule.role)] = rule
        return cls(cases, rules)

    def readers(self, entity: str) -> list[str]:
        """The roles that may receive ``entity`` records (on some ground)."""
        return sorted(role for (e, role) in self.rules if e == entity)

    def project(self, role: str, entity: str, data: Mapping[str, Any], *, open_incident: bool,
                today: date | None = None) -> Mapping[str, Any] | None:
        """The record as ``role`` may hold it (``open_incident`` is the record's ground:
        for a call, ``open_call``), or None."""
        if entity not in INTAKE_ENTITIES:
            return self.cases.project(role, entity, data, open_incident=open_incident, today=today)
        rule = self.rules.get((entity, role))
        if rule is None or (rule.requires == "open_call" and not open_incident):
            return None
        if entity != "call" or not data.get("history"):
            return data
        have = self.cases.case_fields(role, open_incident)
        shown = history_view({"id": data["id"], **data["history"]}, have)
        if shown is not None:
            shown.pop("id", None)
        return {**data, "history": shown}
