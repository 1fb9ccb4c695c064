"""What a liaison of another agency (role ``enlace``) receives of the feed (pure).

The feed is per reader here, not only per role: a liaison holds her agency's shares and the
cases shared with her agency *while a share is in force*, projected to the share's level
(``resources/cases/access.toml``: ``coordination_summary`` on ``share:resumen``,
``coordination_full`` on ``share:completo``), and at completo her case timeline's entries of
the groups shared (history, interventions; psychological notes only after
``share_psych_notes``; never the ``sharing`` entries, which name the agencies holding her
case). Every other change goes to her as a ``delete``
at the same seq (the cursor stays gap-free; her cache never holds a queue, a patrol or an
incident). A share revoked or ended: her case goes as a delete the next time it is
published (the sharing commands re-publish it right after the share record).

:class:`AgencyShares` keeps the share records in feed order, as
:class:`c4console.core.need_to_know.OpenCases` keeps the open incidents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from c4console.core.agencies.records import share_in_force
from c4console.core.agencies.timeline import GROUP as SHARING
from c4console.core.cases.case_view import case_wire_view
from c4console.core.cases.need_to_know import AccessPolicy, Grounds
from c4console.core.changes import Change
from c4console.core.coordination.access import ENTITIES as COORDINATION
from c4console.core.coordination.access import liaison_record, liaison_timeline_entry

SHARE_ENTITY = "case_share"
TIMELINE_ENTITY = "case_timeline"
PSYCH_NOTES = "psych_notes"
LIAISON = "enlace"

class AgencyShares:
    """The share records by agency and case, from ``case_share`` snapshots in feed order."""

    def __init__(self) -> None:
        # agency id → case id → share id → the share's wire dict
        self._by_agency: dict[str, dict[str, dict[str, Mapping[str, Any]]]] = {}

    def see(self, share: Mapping[str, Any]) -> None:
        """Take one share snapshot (wire form, whole) into account."""
        agency = str(share.get("agency_id", ""))
        case = str(share.get("case_id", ""))
        self._by_agency.setdefault(agency, {}).setdefault(case, {})[str(share.get("id", ""))] = share

    def see_changes(self, changes: Iterable[Change]) -> None:
        """Take the share changes of a batch into account, in order."""
        for ch in changes:
            if ch.entity == SHARE_ENTITY and ch.op == "upsert":
                self.see(ch.data)

    def level(self, agency: str, case_id: str, today: date) -> str:
        """The level her case is shared at with ``agency`` today: "completo", "resumen" or ""."""
        best = ""
        for share in self._by_agency.get(agency, {}).get(case_id, {}).values():
            if share_in_force(dict(share), today):
                if share.get("level") == "completo":
                    return "completo"
                best = "resumen"
        return best

    def psych_notes(self, agency: str, case_id: str, today: date) -> bool:
        """True while a completo share in force carries the explicit psych-notes step."""
        return any(s.get("psych_notes") and s.get("level") == "completo"
                   and share_in_force(dict(s), today)
                   for s in self._by_agency.get(agency, {}).get(case_id, {}).values())

    def cases_of(self, agency: str, today: date) -> list[str]:
        """The ids of the cases shared with ``agency`` today."""
        return [c for c in self._by_agency.get(agency, {}) if self.level(agency, c, today)]

    def copy(self) -> AgencyShares:
        """An independent copy (to look ahead through a page without changing this one)."""
        other = AgencyShares()
        other._by_agency = {a: {c: dict(s) for c, s in cases.items()}
                            for a, cases in self._by_agency.items()}
        return other

class CaseLevels:
    """The case fields a liaison has at each share level (from access.toml, computed once)."""

    def __init__(self, policy: AccessPolicy | None) -> None:
        """``policy`` None: no level gives anything (a gate built without the case table)."""
        self._fields: dict[str, frozenset[str]] = {}
        self._groups: dict[str, frozenset[str]] = {}
        for level in ("resumen", "completo") if policy is not None else ():
            grounds = Grounds(share_level=level)
            given: set[str] = set()
            for purpose in policy.purposes_of(LIAISON):
                given |= policy.allowed_groups(LIAISON, purpose, grounds) or frozenset()
            # Her timeline's sharing entries name every agency holding her case: never a
            # liaison's, even if an edited table gave the group (its invariant refuses that).
            given.discard(SHARING)
            self._groups[level] = frozenset(given)
            self._fields[level] = policy.fields_of(given)

    def fields(self, level: str) -> frozenset[str]:
        """The case fields of a share level ("" → none)."""
        return self._fields.get(level, frozenset())

    def timeline_groups(self, level: str, psych_notes: bool) -> frozenset[str]:
        """The timeline groups a liaison reads at ``level`` (history and interventions at
        completo); ``psych_notes`` only with the psychologist's explicit step on the share —
        never from the table (its invariant keeps them to psicologa and especialista)."""
        groups = self._groups.get(level, frozenset())
        return groups | {PSYCH_NOTES} if psych_notes and groups else groups

    def project(self, data: Mapping[str, Any], level: str, today: date) -> dict[str, Any] | None:
        """Her case's wire dict as a liaison with a share at ``level`` sees it (None: nothing)."""
        have = self.fields(level)
        if not have:
            return None
        shown = case_wire_view(data, have, today)
        if shown is not None:
            shown["share_level"] = level
        return shown

def _delete(ch: Change) -> Change:
    return ch if ch.op != "upsert" else Change(ch.seq, ch.at, ch.entity, ch.id, "delete", {})

def liaison_view(changes: list[Change], agency: str, shares: AgencyShares, levels: CaseLevels,
                 today: date, *, looked_ahead_to: int | None = None) -> list[Change]:
    """The changes as a liaison of ``agency`` may receive them (same seqs, same order): her
    agency's shares, the cases shared with it (projected to the level) and, at completo, their
    timeline entries of the groups shared (psychological notes only with the explicit step; an
    other agency's coordination task completion never), deletes for the rest.
    ``looked_ahead_to``: the last seq ``shares`` has seen (a page read ahead of the live feed
    is judged on the share changes it carries)."""
    state = shares
    ahead = looked_ahead_to if looked_ahead_to is not None else float("inf")
    out: list[Change] = []
    for ch in changes:
        entity = ch.entity
        if entity == SHARE_ENTITY:
            if ch.seq > ahead and ch.op == "upsert":
                if state is shares:
                    state = shares.copy()
                state.see(ch.data)
            out.append(ch if ch.data.get("agency_id") == agency else _delete(ch))
        elif entity == "case" and ch.op == "upsert":
            shown = levels.project(ch.data, state.level(agency, ch.id, today), today)
            out.append(_delete(ch) if shown is None
                       else Change(ch.seq, ch.at, ch.entity, ch.id, ch.op, shown))
        elif entity == TIMELINE_ENTITY and ch.op == "upsert":
            case_id = str(ch.data.get("case_id", ""))
            groups = levels.timeline_groups(state.level(agency, case_id, today),
                                            state.psych_notes(agency, case_id, today))
            shown = ch.data.get("group") in groups and liaison_timeline_entry(ch.data, agency)
            out.append(ch if shown else _delete(ch))
        elif entity in COORDINATION and ch.op == "upsert":
            # Meetings her agency attended, her agency's tasks (core/coordination/access.py).
            shown = liaison_record(entity, ch.data, agency,
                                   lambda a, case_id, s=state: bool(s.level(a, case_id, today)))
            out.append(_delete(ch) if shown is None
                       else Change(ch.seq, ch.at, ch.entity, ch.id, ch.op, shown))
        else:
            out.append(_delete(ch))
    return out

def liaison_case(data: Mapping[str, Any], agency: str, shares: AgencyShares, levels: CaseLevels,
                 today: date) -> dict[str, Any] | None:
    """One case (wire dict) as a liaison of ``agency`` may read it by id, or None."""
    return levels.project(data, shares.level(agency, str(data.get("id", "")), today), today)
