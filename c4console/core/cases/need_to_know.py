"""Need-to-know for cases: the policy table (``resources/cases/access.toml``) and the one
function that applies it, Primero-style — access is data, field groups instead of
per-field ifs.

A rule gives a (role, purpose) some field groups, sometimes only on a *ground* the
central establishes before asking: ``open_incident`` (she has an open incident the
reader is handling), ``share:resumen`` / ``share:completo`` (her case is shared with the
reader's agency at that level; completo includes resumen). No rule, or a missing
ground: nothing (``None``). The central calls :func:`project_case` for every read and
for the change feed, and :func:`project_timeline` for the case's timeline.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from c4console.core.cases.age import AgeGroups
from c4console.core.cases.case_fields import FIELDS, FieldContext
from c4console.core.cases.records import Case, CaseTimelineEntry
from c4console.core.catalogue import CatalogueError

GROUNDS = frozenset({"open_incident", "share:resumen", "share:completo"})


@dataclass(frozen=True, slots=True)
class Grounds:
    """Why this reader may be reading her case now, as the central established it."""

    open_incident: bool = False  # she has an open incident this reader handles
    share_level: str = ""  # "", "resumen" or "completo": her case shared with the reader's agency

    def tokens(self) -> frozenset[str]:
        """The grounds as the policy's ``requires`` values."""
        out = set()
        if self.open_incident:
            out.add("open_incident")
        if self.share_level in {"resumen", "completo"}:
            out.add("share:resumen")
        if self.share_level == "completo":
            out.add("share:completo")
        return frozenset(out)


NO_GROUNDS = Grounds()


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the table: (role, purpose) → field groups, on a ground or always."""

    role: str
    purpose: str
    groups: frozenset[str]
    requires: str = ""


@dataclass(frozen=True, slots=True)
class AccessPolicy:
    """The roles, purposes, field groups and rules of access.toml."""

    roles: tuple[str, ...]
    purposes: Mapping[str, str]
    groups: Mapping[str, tuple[str, ...]]
    rules: Mapping[tuple[str, str], Rule]

    @classmethod
    def parse(cls, text: str) -> AccessPolicy:
        """Parse access.toml. Refuses unknown roles, purposes, groups, fields or
        grounds, a repeated (role, purpose), and a rule breaking an invariant (a group
        given to a role its invariant does not list)."""
        try:
            conf = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"access policy: {e}") from None
        roles = tuple(conf.get("roles", []))
        purposes = dict(conf.get("purposes", {}))
        groups = {name: tuple(fields) for name, fields in conf.get("groups", {}).items()}
        for name, fields in groups.items():
            unknown = [f for f in fields if f not in FIELDS]
            if unknown:
                raise CatalogueError(f"access policy: group {name} names unknown fields {unknown}")
        rules: dict[tuple[str, str], Rule] = {}
        for n, row in enumerate(conf.get("rules", []), start=1):
            rule = Rule(row.get("role", ""), row.get("purpose", ""), frozenset(row.get("groups", [])),
                        row.get("requires", ""))
            where = f"access policy, rule {n} ({rule.role}/{rule.purpose})"
            if rule.role not in roles:
                raise CatalogueError(f"{where}: role not in roles")
            if rule.purpose not in purposes:
                raise CatalogueError(f"{where}: purpose not in purposes")
            if rule.requires and rule.requires not in GROUNDS:
                raise CatalogueError(f"{where}: requires {rule.requires!r} is not one of {sorted(GROUNDS)}")
            if not rule.groups or not rule.groups <= groups.keys():
                raise CatalogueError(f"{where}: unknown or no groups {sorted(rule.groups - groups.keys())}")
            if (rule.role, rule.purpose) in rules:
                raise CatalogueError(f"{where}: repeated")
            rules[(rule.role, rule.purpose)] = rule
        for group, only in conf.get("invariants", {}).items():
            for rule in rules.values():
                if group in rule.groups and rule.role not in only:
                    raise CatalogueError(
                        f"access policy: {rule.role}/{rule.purpose} is given {group}, "
                        f"which only {', '.join(only)} may have")
        return cls(roles, purposes, groups, rules)

    def allowed_groups(self, role: str, purpose: str, grounds: Grounds = NO_GROUNDS
                       ) -> frozenset[str] | None:
        """The field groups this reader gets now; None for no access at all."""
        rule = self.rules.get((role, purpose))
        if rule is None or (rule.requires and rule.requires not in grounds.tokens()):
            return None
        return rule.groups

    def fields_of(self, groups: Iterable[str]) -> frozenset[str]:
        """The case fields that these groups carry."""
        return frozenset(f for g in groups for f in self.groups[g])

    def purposes_of(self, role: str) -> list[str]:
        """The purposes this role has a rule for (for the GUI's menus and the docs)."""
        return [p for (r, p) in self.rules if r == role]


def project_case(case: Case, role: str, purpose: str, *, policy: AccessPolicy, ages: AgeGroups,
                 today: date, grounds: Grounds = NO_GROUNDS) -> dict[str, Any] | None:
    """Her case as this reader may see it: ``id``, ``groups`` (what was allowed) and
    only the fields of those groups; None if the reader may not see her case at all."""
    allowed = policy.allowed_groups(role, purpose, grounds)
    if allowed is None:
        return None
    ctx = FieldContext(today, ages)
    out: dict[str, Any] = {"id": case.id, "groups": sorted(allowed)}
    for name in sorted(policy.fields_of(allowed)):
        out[name] = FIELDS[name](case, ctx)
    return out


def project_timeline(entries: Iterable[CaseTimelineEntry], role: str, purpose: str, *,
                     policy: AccessPolicy, grounds: Grounds = NO_GROUNDS) -> list[dict[str, Any]]:
    """The timeline entries whose group this reader is allowed, oldest first."""
    allowed = policy.allowed_groups(role, purpose, grounds) or frozenset()
    return [e.to_wire() for e in sorted(entries, key=lambda e: e.at) if e.group in allowed]
