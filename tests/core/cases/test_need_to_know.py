"""Need-to-know, exhaustively: every role × purpose × ground gets exactly its row's field
groups (or nothing), and a policy that breaks the rules is refused when it is loaded."""

from __future__ import annotations

import itertools
import json

import pytest

from c4console.core.cases import CaseTimelineEntry, Grounds, project_timeline
from c4console.core.cases.case_fields import FIELDS
from c4console.core.cases.need_to_know import NO_GROUNDS, AccessPolicy
from c4console.core.catalogue import CatalogueError
from c4console.resources import RESOURCES
from tests.core.cases.builders import TODAY, case

ROLES = ["operator", "shift_lead", "supervisor", "admin", "psicologa", "abogada", "especialista",
         "enlace"]
PURPOSES = ["dispatch", "follow_up", "case_work", "registry", "coordination_summary",
            "coordination_full", "curiosity"]
CASE_WORK = {"identity", "contact", "address", "orders", "risk", "aggressor", "trusted_contacts",
             "history", "interventions"}
# The C4's case work also reads her timeline's sharing entries (which agencies hold her case):
# a liaison's coordination_full never does.
C4_CASE_WORK = CASE_WORK | {"sharing"}
# What each (role, purpose) may see, and on which ground. Anything not here: nothing.
EXPECTED: dict[tuple[str, str], tuple[str, set[str]]] = {
    ("operator", "dispatch"): ("open_incident", {"dispatch"}),
    ("shift_lead", "dispatch"): ("open_incident", {"dispatch"}),
    ("shift_lead", "follow_up"): ("", {"summary", "address"}),
    ("supervisor", "dispatch"): ("open_incident", {"dispatch"}),
    ("supervisor", "follow_up"): ("", {"summary", "address", "contact", "orders", "risk"}),
    ("supervisor", "case_work"): ("", C4_CASE_WORK),
    ("admin", "registry"): ("", {"identity", "contact", "address", "orders", "aggressor",
                                 "trusted_contacts", "devices"}),
    ("psicologa", "case_work"): ("", C4_CASE_WORK | {"psych_notes"}),
    ("abogada", "case_work"): ("", C4_CASE_WORK),
    ("especialista", "case_work"): ("", C4_CASE_WORK | {"psych_notes"}),
    ("enlace", "coordination_summary"): ("share:resumen", {"summary"}),
    ("enlace", "coordination_full"): ("share:completo", CASE_WORK),
}
GROUNDS = [Grounds(), Grounds(open_incident=True), Grounds(share_level="resumen"),
           Grounds(share_level="completo"), Grounds(open_incident=True, share_level="completo")]


def _expected_groups(role: str, purpose: str, grounds: Grounds) -> set[str] | None:
    row = EXPECTED.get((role, purpose))
    if row is None:
        return None
    requires, groups = row
    return groups if not requires or requires in grounds.tokens() else None


@pytest.mark.parametrize("role, purpose", list(itertools.product(ROLES, PURPOSES)))
def test_each_reader_gets_exactly_the_groups_of_its_row(cats, role, purpose):
    her = case()
    for grounds in GROUNDS:
        seen = cats.project(her, role, purpose, TODAY, grounds)
        expected = _expected_groups(role, purpose, grounds)
        if expected is None:
            assert seen is None, f"{role}/{purpose} on {grounds} sees her case"
            continue
        assert seen is not None and set(seen["groups"]) == expected
        allowed_fields = {f for g in expected for f in cats.access.groups[g]}
        assert set(seen) == allowed_fields | {"id", "groups"}, f"{role}/{purpose} on {grounds}"
        json.dumps(seen)  # ready for the wire


def test_the_operator_gets_only_what_dispatch_needs_while_her_incident_is_open(cats):
    her = case()
    assert cats.project(her, "operator", "dispatch", TODAY) is None  # no open incident: nothing
    seen = cats.project(her, "operator", "dispatch", TODAY, Grounds(open_incident=True))
    assert seen == {
        "id": "C1", "groups": ["dispatch"], "name": "Martha Leyva Rivera",
        "addresses": [a.to_wire() for a in her.addresses],
        "orders_in_force": [her.orders[0].to_wire()],  # the expired order is not sent
        "risk_level": "alto", "aggressor_names": ["Sergio Ramírez Rivera"],
        "trusted_contact_names": ["Leticia Meza Valenzuela"],
        "prior_incidents": ["I-old-1"],  # her other incidents, listed in the new one's history
    }
    text = json.dumps(seen, ensure_ascii=False)
    for secret in ("686 122 7574", "1988-03-14", "699 3671", "celos", "estrangulamiento"):
        assert secret not in text


def test_specialist_computed_fields_age_and_age_group(cats):
    seen = cats.project(case(born="1960-01-01"), "psicologa", "case_work", TODAY)
    assert seen is not None and (seen["age"], seen["age_group"]) == (66, "adulta_mayor")


def test_timeline_entries_are_shown_by_their_group_and_psych_notes_only_to_the_psychologist(cats):
    entries = [CaseTimelineEntry("E1", "C1", 1.0, "created", "sup1"),
               CaseTimelineEntry("E2", "C1", 2.0, "legal_advice", "abo1", group="interventions"),
               CaseTimelineEntry("E3", "C1", 3.0, "session", "psi1", "notas", group="psych_notes"),
               CaseTimelineEntry("E4", "C1", 4.0, "case_shared", "sup1", group="sharing")]
    policy = cats.access

    def ids(role, purpose, grounds=NO_GROUNDS):
        return [e["id"] for e in project_timeline(entries, role, purpose, policy=policy, grounds=grounds)]

    assert ids("psicologa", "case_work") == ["E1", "E2", "E3", "E4"]
    assert ids("especialista", "case_work") == ["E1", "E2", "E3", "E4"]
    assert ids("supervisor", "case_work") == ["E1", "E2", "E4"]
    assert ids("abogada", "case_work") == ["E1", "E2", "E4"]
    assert ids("enlace", "coordination_full", Grounds(share_level="completo")) == ["E1", "E2"]
    assert ids("operator", "dispatch", Grounds(open_incident=True)) == []
    for role, purpose in itertools.product(ROLES, PURPOSES):
        if role not in ("psicologa", "especialista"):
            for grounds in GROUNDS:
                assert "E3" not in ids(role, purpose, grounds)


# The fields of each group, pinned: widening a group is a decision, made here too.
GROUP_FIELDS = {
    "dispatch": {"name", "addresses", "orders_in_force", "risk_level", "aggressor_names",
                 "trusted_contact_names", "prior_incidents"},
    "summary": {"name", "risk_level", "orders_in_force"},
    "identity": {"name", "sex", "date_of_birth", "age", "age_group", "place_of_birth",
                 "indigenous_language", "disability", "beneficiary_id"},
    "contact": {"phones", "whatsapp"},
    "address": {"addresses"},
    "orders": {"orders", "orders_in_force"},
    "risk": {"risk_level", "risk_assessments", "reassess_on"},
    "aggressor": {"aggressors"},
    "trusted_contacts": {"trusted_contacts"},
    "history": {"incident_ids", "device_ids", "episodes", "created_at", "updated_at"},
    "interventions": set(),
    "psych_notes": set(),
    "sharing": set(),
    "devices": {"device_ids"},
}


def test_every_field_a_group_names_exists_and_the_shipped_table_has_every_planned_role(cats):
    assert set(cats.access.roles) == set(ROLES)
    assert {g: set(f) for g, f in cats.access.groups.items()} == GROUP_FIELDS
    for fields in cats.access.groups.values():
        assert set(fields) <= set(FIELDS)
    assert {(r.role, r.purpose) for r in cats.access.rules.values()} == set(EXPECTED)


SHIPPED = (RESOURCES / "cases" / "access.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("edit, complaint", [
    (('groups = ["identity", "contact", "address", "orders", "risk", "aggressor", "trusted_contacts",\n'
      '          "history", "interventions", "sharing"]\n\n[[rules]]\nrole = "admin"',
      'groups = ["identity", "psych_notes"]\n\n[[rules]]\nrole = "admin"'), "which only psicologa"),
    (('summary = ["name",', 'summary = ["shoe_size", "name",'), "unknown fields"),
    (('role = "operator"', 'role = "visitor"'), "role not in roles"),
    (('purpose = "registry"', 'purpose = "gossip"'), "purpose not in purposes"),
    (('requires = "open_incident"', 'requires = "a_hunch"'), "requires 'a_hunch'"),
    (('groups = ["dispatch"]', 'groups = ["dispatch", "diary"]'), "unknown or no groups"),
    (('role = "shift_lead"\npurpose = "follow_up"', 'role = "shift_lead"\npurpose = "dispatch"'),
     "repeated"),
])
def test_a_policy_that_breaks_the_rules_is_refused_on_load(edit, complaint):
    old, new = edit
    assert old in SHIPPED
    with pytest.raises(CatalogueError, match=complaint):
        AccessPolicy.parse(SHIPPED.replace(old, new, 1))
