"""Her case timeline tells the C4 of each share, revocation, psych-notes step and end date
reached (issue 15), pure: one entry per step with who, when and the share's own facts; the
entries' group (``sharing``) goes to exactly the roles that read the shares, never to a
liaison — not of the agency named, not at completo, not with the psych-notes step — and a
table that gives it to one is refused."""

from __future__ import annotations

import itertools

import pytest

from c4console.core.access_sections import section_readers
from c4console.core.agencies.feed import AgencyShares, CaseLevels, liaison_view
from c4console.core.agencies.records import CaseShare
from c4console.core.agencies.timeline import EXPIRED, EXPIRY_ACTOR, sharing_entry
from c4console.core.cases.need_to_know import AccessPolicy
from c4console.core.cases.records import CaseTimelineEntry
from c4console.core.catalogue import CatalogueError
from c4console.core.changes import Change
from c4console.core.commands import decide
from c4console.resources import RESOURCES, load_case_catalogues, load_feed_policy
from tests.core.agencies.test_sharing import T0, TODAY, ctx, share_cmd

ROLES = ["operator", "shift_lead", "supervisor", "admin", "psicologa", "abogada", "especialista",
         "enlace"]
SHIPPED = (RESOURCES / "cases" / "access.toml").read_text(encoding="utf-8")
FIELDS = {"share_id", "agency_id", "agency_name", "level", "reason", "ends_on"}


def _entry(records) -> CaseTimelineEntry:
    (entry,) = [r for r in records if isinstance(r, CaseTimelineEntry)]
    return entry


def test_each_sharing_command_writes_one_entry_with_who_when_and_the_shares_facts():
    d = decide(share_cmd(share_id="sh-1", ends_on="2026-12-31", reason="Mesa: seguimiento"),
               {}, {}, ctx())
    assert d.accepted
    share, shared = d.records[0], _entry(d.records)
    assert (shared.kind, shared.group, shared.case_id, shared.actor, shared.at) == (
        "case_shared", "sharing", "case-1", "supervisora1", T0)
    assert shared.data == {"share_id": "sh-1", "agency_id": "dif", "agency_name": "DIF",
                           "level": "resumen", "reason": "Mesa: seguimiento",
                           "ends_on": "2026-12-31"}
    assert "María" not in repr(shared)  # nothing of her own record

    full = share.evolve(level="completo")
    d = decide({"type": "share_psych_notes", "share_id": "sh-1", "reason": "Atención en el DIF"},
               {}, {}, ctx({("case_share", "sh-1"): full}))
    psych = _entry(d.records)
    assert (psych.kind, psych.group, psych.data["reason"], psych.data["level"]) == (
        "case_share_psych_notes", "sharing", "Atención en el DIF", "completo")

    d = decide({"type": "revoke_case_share", "share_id": "sh-1", "reason": "Cerró la atención"},
               {}, {}, ctx({("case_share", "sh-1"): share}))
    revoked = _entry(d.records)
    assert (revoked.kind, revoked.actor, revoked.data["reason"], revoked.data["agency_name"]) == (
        "case_share_revoked", "supervisora1", "Cerró la atención", "DIF")
    assert set(revoked.data) == set(psych.data) == FIELDS

    ended = sharing_entry(share, EXPIRED, agency_name="", reason="", actor=EXPIRY_ACTOR,
                          at=T0 + 9, new_id=lambda: "e9")
    assert (ended.kind, ended.actor, ended.data["agency_name"], ended.data["ends_on"]) == (
        "case_share_expired", "central", "dif", "2026-12-31")  # the id when the name is unknown
    with pytest.raises(ValueError):
        sharing_entry(share, "chisme", agency_name="", reason="", actor="x", at=T0,
                      new_id=lambda: "e")


def test_the_sharing_group_goes_to_exactly_the_share_readers_on_the_feed():
    readers = sorted(section_readers(SHIPPED, "case_share"))
    entry = sharing_entry(CaseShare("sh-1", "case-1", "dif", "completo", "r", "s", T0),
                          "case_shared", agency_name="DIF", reason="r", actor="s", at=T0,
                          new_id=lambda: "e1").to_wire()
    policy = load_feed_policy()
    for ground in (False, True):
        got = sorted(r for r in ROLES
                     if policy.project(r, "case_timeline", entry, open_incident=ground) is not None)
        assert got == readers == ["abogada", "especialista", "psicologa", "supervisor"]
    # The table: only case work rules give it, and its invariant names the same roles.
    access = load_case_catalogues().access
    given = sorted(r.role for r in access.rules.values() if "sharing" in r.groups)
    assert given == readers and all(not r.requires for r in access.rules.values()
                                    if "sharing" in r.groups)


def test_no_liaison_ever_receives_a_sharing_entry():
    levels = CaseLevels(load_case_catalogues().access)
    for level, psych in itertools.product(("", "resumen", "completo"), (False, True)):
        assert "sharing" not in levels.timeline_groups(level, psych)
    share = CaseShare("sh-1", "case-1", "dif", "completo", "r", "s", T0).evolve(
        psych_notes=True, psych_reason="Mesa", psych_by="psicologa1")
    other = CaseShare("sh-2", "case-1", "fge", "completo", "r", "s", T0)
    changes = [Change(1, T0, "case_share", s.id, "upsert", s.to_wire()) for s in (share, other)]
    for n, (s, kind) in enumerate(itertools.product((share, other), (
            "case_shared", "case_share_psych_notes", "case_share_revoked", "case_share_expired")),
            start=3):
        e = sharing_entry(s, kind, agency_name=s.agency_id, reason="r", actor="s", at=T0,
                          new_id=lambda n=n: f"e{n}")
        changes.append(Change(n, T0, "case_timeline", e.id, "upsert", e.to_wire()))
    history = CaseTimelineEntry("h1", "case-1", T0, "x", "a", group="history")
    changes.append(Change(len(changes) + 1, T0, "case_timeline", "h1", "upsert", history.to_wire()))
    for agency in ("dif", "fge", "ong"):
        seen = liaison_view(changes, agency, AgencyShares(), levels, TODAY, looked_ahead_to=0)
        held = [c.id for c in seen if c.entity == "case_timeline" and c.op == "upsert"]
        assert held == ([] if agency == "ong" else ["h1"]), agency  # her history, no sharing


def test_a_table_giving_the_sharing_group_to_a_liaison_or_an_operator_is_refused():
    full = ('purpose = "coordination_full"\nrequires = "share:completo"\n'
            'groups = ["identity",')
    assert full in SHIPPED
    with pytest.raises(CatalogueError, match="sharing, which only"):
        AccessPolicy.parse(SHIPPED.replace(full, full.replace('["identity",',
                                                              '["sharing", "identity",'), 1))
    with pytest.raises(CatalogueError, match="sharing, which only"):
        AccessPolicy.parse(SHIPPED.replace('groups = ["dispatch"]', 'groups = ["dispatch", "sharing"]',
                                           1))
    # Even a table edited without the invariant gives no liaison the group.
    loose = SHIPPED.replace('sharing = ["supervisor", "psicologa", "abogada", "especialista"]\n', "")
    loose = loose.replace(full, full.replace('["identity",', '["sharing", "identity",'), 1)
    levels = CaseLevels(AccessPolicy.parse(loose))
    assert "sharing" not in levels.timeline_groups("completo", True)
