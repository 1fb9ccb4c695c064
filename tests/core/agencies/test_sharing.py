"""Sharing her case with another agency (issue 15), pure: the commands' refusals, the share in
force (end date, revocation), and what a liaison's feed holds — her agency's shares and the
cases shared with it at the level shared, deletes at the same seqs for everything else."""

from __future__ import annotations

from datetime import date

import pytest

from c4console.core.access import may_send
from c4console.core.agencies.feed import AgencyShares, CaseLevels, liaison_view
from c4console.core.agencies.records import Agency, CaseShare
from c4console.core.cases.records import Case, CaseTimelineEntry, PersonProfile
from c4console.core.changes import Change
from c4console.core.command_kit import Context
from c4console.core.commands import decide
from c4console.resources import load_case_catalogues, load_catalogue

T0 = 1_780_000_000.0
TODAY = date(2026, 12, 5)
AGENCIES = {"dif": Agency("dif", "DIF", "dif"), "c4": Agency("c4", "C4", "c4")}


def her_case() -> Case:
    return Case(id="case-1", person=PersonProfile(name="María López", date_of_birth="1990-04-02"),
                created_at=T0, phones=("6861234567",))


def ctx(records: dict | None = None) -> Context:
    case = her_case()
    return Context(now=T0, actor="supervisora1", new_id=lambda: "new", catalogue=load_catalogue(),
                   case=lambda cid: case if cid == case.id else None, today=TODAY,
                   agency=AGENCIES.get,
                   record=lambda entity, rid: (records or {}).get((entity, rid)))


def share_cmd(**fields):
    return {"type": "share_case", "case_id": "case-1", "agency_id": "dif", "level": "resumen",
            "reason": "Mesa de coordinación", **fields}


@pytest.mark.parametrize("fields,reason", [
    ({"agency_id": "nadie"}, "unknown_agency"),
    ({"agency_id": "c4"}, "own_agency"),
    ({"ends_on": "2026-12-04"}, "in_the_past"),
    ({"ends_on": "2026-02-30"}, "bad_command"),
    ({"reason": "  "}, "bad_command"),
    ({"level": "todo"}, "bad_command"),
    ({"case_id": "case-x"}, "not_found"),
])
def test_a_bad_share_is_refused_with_a_reason(fields, reason):
    d = decide(share_cmd(**fields), {}, {}, ctx())
    assert (d.accepted, d.reason) == (False, reason)


def test_a_share_records_who_why_and_until_when_and_republishes_her_case():
    d = decide(share_cmd(ends_on="2026-12-05", share_id="sh-1"), {}, {}, ctx())
    assert d.accepted
    share, case, entry = d.records
    assert isinstance(share, CaseShare) and case.id == "case-1"  # the case after the share
    assert isinstance(entry, CaseTimelineEntry) and entry.group == "sharing"  # her timeline
    assert (share.level, share.created_by, share.ends_on) == ("resumen", "supervisora1", "2026-12-05")
    assert share.in_force(TODAY) and not share.in_force(date(2026, 12, 6))
    revoked = decide({"type": "revoke_case_share", "share_id": "sh-1", "reason": "fin"}, {}, {},
                     ctx({("case_share", "sh-1"): share}))
    assert revoked.accepted and not revoked.records[0].in_force(TODAY)
    assert revoked.records[0].revoked_by == "supervisora1"


def test_psych_notes_need_a_psychologist_a_completo_share_and_a_reason():
    assert may_send("psicologa", "share_psych_notes") and may_send("especialista", "share_psych_notes")
    for role in ("supervisor", "abogada", "enlace", "operator"):
        assert not may_send(role, "share_psych_notes")
    for role in ("supervisor", "psicologa", "abogada", "especialista"):
        assert may_send(role, "share_case") and may_send(role, "revoke_case_share")
    for role in ("operator", "shift_lead", "admin", "enlace"):
        assert not may_send(role, "share_case")
    resumen = CaseShare("sh-1", "case-1", "dif", "resumen", "r", "s", T0)
    d = decide({"type": "share_psych_notes", "share_id": "sh-1", "reason": "x"}, {}, {},
               ctx({("case_share", "sh-1"): resumen}))
    assert (d.accepted, d.reason) == (False, "level")
    full = resumen.evolve(level="completo")
    d = decide({"type": "share_psych_notes", "share_id": "sh-1"}, {}, {},
               ctx({("case_share", "sh-1"): full}))
    assert (d.accepted, d.reason) == (False, "bad_command")
    d = decide({"type": "share_psych_notes", "share_id": "sh-1", "reason": "Mesa"}, {}, {},
               ctx({("case_share", "sh-1"): full}))
    assert d.accepted and d.records[0].psych_notes and d.records[0].psych_reason == "Mesa"


def _feed(*shares: CaseShare) -> list[Change]:
    out = [Change(1, T0, "unit", "U1", "upsert", {"id": "U1"}),
           Change(2, T0, "incident", "I1", "upsert", {"id": "I1"})]
    for n, share in enumerate(shares, start=3):
        out.append(Change(n, T0, "case_share", share.id, "upsert", share.to_wire()))
    out.append(Change(len(out) + 1, T0, "case", "case-1", "upsert", her_case().to_wire()))
    return out


def test_a_liaison_holds_only_her_agencys_shares_and_cases_at_the_level_shared():
    levels = CaseLevels(load_case_catalogues().access)
    share = CaseShare("sh-1", "case-1", "dif", "resumen", "r", "s", T0)
    other = CaseShare("sh-2", "case-1", "fge", "completo", "r", "s", T0)
    changes = _feed(share, other)
    dif = liaison_view(changes, "dif", AgencyShares(), levels, TODAY, looked_ahead_to=0)
    assert [c.seq for c in dif] == [c.seq for c in changes]  # gap-free
    assert [(c.entity, c.op) for c in dif] == [("unit", "delete"), ("incident", "delete"),
                                               ("case_share", "upsert"), ("case_share", "delete"),
                                               ("case", "upsert")]
    case = dif[-1].data
    assert case["person"]["name"] == "María López" and "phones" not in case
    assert case["share_level"] == "resumen"
    fge = liaison_view(changes, "fge", AgencyShares(), levels, TODAY, looked_ahead_to=0)
    assert fge[-1].data["phones"] == ["6861234567"] and fge[-1].data["share_level"] == "completo"
    ong = liaison_view(changes, "ong", AgencyShares(), levels, TODAY, looked_ahead_to=0)
    assert all(c.op == "delete" for c in ong)
    # Live (seen before): revoked or past its end date, her case goes as a delete.
    for ended in (share.evolve(revoked_at=T0 + 1), share.evolve(ends_on="2026-12-04")):
        state = AgencyShares()
        state.see(ended.to_wire())
        (out,) = liaison_view(changes[-1:], "dif", state, levels, TODAY)
        assert out.op == "delete"


def test_her_timeline_goes_at_completo_and_psych_notes_only_after_the_explicit_step():
    levels = CaseLevels(load_case_catalogues().access)
    entries = [CaseTimelineEntry(id=f"t-{g}", case_id="case-1", at=T0, kind="x", actor="a", group=g)
               for g in ("history", "interventions", "psych_notes")]
    changes = [Change(n, T0, "case_timeline", e.id, "upsert", e.to_wire())
               for n, e in enumerate(entries, start=1)]

    def held(share: CaseShare) -> list[str]:
        state = AgencyShares()
        state.see(share.to_wire())
        return [c.id for c in liaison_view(changes, "dif", state, levels, TODAY) if c.op == "upsert"]

    share = CaseShare("sh-1", "case-1", "dif", "resumen", "r", "s", T0)
    assert held(share) == []
    full = share.evolve(level="completo")
    assert held(full) == ["t-history", "t-interventions"]
    assert held(full.evolve(psych_notes=True, psych_reason="Mesa", psych_by="psicologa1")) == [
        "t-history", "t-interventions", "t-psych_notes"]
    assert held(full.evolve(revoked_at=T0 + 1)) == []
    # The commands put her timeline again after the share (withdrawn on revoke).
    d = decide(share_cmd(share_id="sh-1"), {}, {},
               Context(now=T0, actor="s", new_id=lambda: "n", catalogue=load_catalogue(),
                       case=lambda cid: her_case(), today=TODAY, agency=AGENCIES.get,
                       timeline_of=lambda cid: entries))
    assert [type(r).__name__ for r in d.records] == ["CaseShare", "Case", *["CaseTimelineEntry"] * 4]
    assert d.records[-1].kind == "case_shared"  # the share's own entry, after the rest
