"""The specialist desk's pure rules: the timing category proposed for an intervention,
the desk's queue (risk first, then the oldest; follow-ups due today, missed ones flagged),
who may record which kind, and what each role receives of an intervention."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from c4console.core.access import Role, command_refusal
from c4console.core.calls.records import Referral
from c4console.core.catalogue import CatalogueError
from c4console.core.specialists.access import DeskAccess
from c4console.core.specialists.queue import desk_queue
from c4console.core.specialists.records import CONTENT_FIELDS, DeskFollowUp, Intervention
from c4console.core.specialists.timing import propose_timing
from c4console.resources import RESOURCES, load_feed_policy

TZ = ZoneInfo("America/Tijuana")
H = 3600.0
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=TZ).timestamp()


def test_timing_rule_in_its_order():
    episode = NOW - 20 * H
    assert propose_timing(episode, [], NOW) == "12_48h"
    assert propose_timing(NOW - 12 * H, [], NOW) == "12_48h"
    assert propose_timing(NOW - 48 * H, [], NOW) == "12_48h"
    assert propose_timing(NOW - 11 * H, [], NOW) == "previa"
    assert propose_timing(NOW - 49 * H, [], NOW) == "previa"
    assert propose_timing(None, [], NOW) == "previa"
    assert propose_timing(episode, ["earlier"], NOW) == "subsecuente"
    assert propose_timing(episode, ["earlier"], NOW, follow_up="due") == "seguimiento"


def _referral(rid, handed_at, case_id, status="waiting", desks=("psicologica",)):
    return Referral(rid, desks, "operadora1", handed_at, case_id=case_id, status=status)


def _follow_up(fid, due_at, case_id, status="scheduled"):
    return DeskFollowUp(fid, case_id, due_at, "whatsapp", "psi1", NOW - 86400, status=status)


def test_desk_queue_highest_risk_first_then_oldest_and_missed_follow_ups():
    risk = {"c-alto": 3, "c-bajo": 1}
    referrals = [_referral("r-old-low", NOW - 3 * H, "c-bajo"),
                 _referral("r-new-high", NOW - 1 * H, "c-alto"),
                 _referral("r-unknown", NOW - 5 * H, None),
                 _referral("r-done", NOW - 9 * H, "c-alto", status="attended")]
    tomorrow = NOW + 24 * H
    follow_ups = [_follow_up("f-today", NOW - 2 * H, "c-bajo"),
                  _follow_up("f-yesterday", NOW - 24 * H, "c-bajo"),
                  _follow_up("f-tomorrow", tomorrow, "c-alto"),
                  _follow_up("f-done", NOW - 2 * H, "c-alto", status="done")]
    rows = desk_queue(referrals, follow_ups, lambda cid: risk.get(cid or "", -1), NOW, TZ)
    assert [r.record.id for r in rows] == ["r-new-high", "f-yesterday", "r-old-low", "f-today",
                                           "r-unknown"]
    by_id = {r.record.id: r for r in rows}
    assert by_id["f-yesterday"].missed and not by_id["f-today"].missed
    assert by_id["r-old-low"].waiting_s == pytest.approx(3 * H)
    # Tomorrow's follow-up shows on its day, and is missed the day after.
    on_its_day = desk_queue([], follow_ups, lambda cid: 0, tomorrow + H, TZ)
    assert [(r.record.id, r.missed) for r in on_its_day if r.record.id == "f-tomorrow"] == [
        ("f-tomorrow", False)]
    day_after = desk_queue([], follow_ups, lambda cid: 0, tomorrow + 24 * H, TZ)
    assert ("f-tomorrow", True) in [(r.record.id, r.missed) for r in day_after]


def test_a_referral_to_both_desks_stays_on_the_desk_that_has_not_answered():
    both = _referral("r-both", NOW - H, "c-1", desks=("psicologica", "juridica"))
    assert both.pending_desks == ("psicologica", "juridica")
    half = both.evolve(attended_desks=("psicologica",))
    assert half.pending_desks == ("juridica",)

    def ids(desks):
        return [r.record.id for r in desk_queue([half], [], lambda cid: 0, NOW, TZ, desks)]
    assert ids({"psicologica"}) == []  # the psychologist answered her part
    assert ids({"juridica"}) == ["r-both"]  # the lawyer still has it
    assert ids({"psicologica", "juridica"}) == ["r-both"]  # one account holding both desks
    assert ids(None) == ["r-both"]  # a supervisor reads every row


@pytest.mark.parametrize("role, kind, allowed", [
    (Role.PSICOLOGA, "psicologica", True), (Role.PSICOLOGA, "juridica", False),
    (Role.PSICOLOGA, "ambas", False), (Role.ABOGADA, "juridica", True),
    (Role.ABOGADA, "psicologica", False), (Role.ABOGADA, "ambas", False),
    (Role.ESPECIALISTA, "psicologica", True), (Role.ESPECIALISTA, "juridica", True),
    (Role.ESPECIALISTA, "ambas", True), (Role.OPERATOR, "psicologica", False),
    (Role.SUPERVISOR, "juridica", False), (Role.ADMIN, "juridica", False)])
def test_who_records_which_kind(role, kind, allowed):
    refusal = command_refusal(role, {"type": "record_intervention", "kind": kind})
    assert (refusal is None) == allowed
    if refusal is not None and role in (Role.PSICOLOGA, Role.ABOGADA, Role.ESPECIALISTA):
        assert f"kind={kind}" in refusal.message and "especialista" in refusal.message


def _intervention(kind: str) -> dict:
    return Intervention("i1", "c1", kind, "llamada_911", "12_48h", NOW - H, NOW - 0.5 * H,
                        1800.0, "psi1", NOW, notes="Refiere miedo", next_steps="Llamar mañana",
                        outcome="Contenida", video_link="https://meet.example/x").to_wire()


HAPPENED = {"id", "case_id", "kind", "channel", "timing", "started_at", "ended_at",
            "duration_s", "by", "recorded_at"}


@pytest.mark.parametrize("role, ground, psych_keys, legal_keys", [
    ("psicologa", False, "whole", "whole"), ("especialista", False, "whole", "whole"),
    ("abogada", False, "no_content", "whole"), ("supervisor", False, "no_content", "whole"),
    ("operator", True, "happened", "happened"), ("operator", False, None, None),
    ("shift_lead", True, "happened", "happened"), ("shift_lead", False, None, None),
    ("admin", True, None, None), ("admin", False, None, None), ("enlace", True, None, None)])
def test_what_each_role_receives_of_an_intervention(role, ground, psych_keys, legal_keys):
    policy = load_feed_policy()
    for kind, expected in (("psicologica", psych_keys), ("ambas", psych_keys),
                           ("juridica", legal_keys)):
        data = _intervention(kind)
        shown = policy.project(role, "intervention", data, open_incident=ground)
        if expected is None:
            assert shown is None, (role, kind)
        elif expected == "whole":
            assert shown == data
        elif expected == "no_content":
            assert shown is not None and not set(CONTENT_FIELDS) & set(shown)
            assert set(shown) == set(data) - set(CONTENT_FIELDS)
        else:
            assert shown is not None and set(shown) == HAPPENED
            Intervention.from_wire(dict(shown))  # the console can still hold it


@pytest.mark.parametrize("role, sees", [
    ("psicologa", True), ("abogada", True), ("especialista", True), ("supervisor", True),
    ("operator", False), ("shift_lead", False), ("admin", False)])
def test_follow_ups_go_to_specialists_and_supervisors(role, sees):
    data = _follow_up("f1", NOW, "c1").to_wire()
    for ground in (False, True):
        shown = load_feed_policy().project(role, "desk_follow_up", data, open_incident=ground)
        assert (shown == data) if sees else shown is None


def test_intervention_timeline_entry_to_the_interventions_group_readers():
    entry = {"id": "e1", "case_id": "c1", "at": NOW, "kind": "intervention", "actor": "psi1",
             "text": "", "group": "interventions", "data": {"intervention_id": "i1"}}
    policy = load_feed_policy()
    readers = [r for r in ("operator", "shift_lead", "supervisor", "admin", "psicologa", "abogada",
                           "especialista", "enlace")
               if policy.project(r, "case_timeline", entry, open_incident=True) is not None]
    assert readers == ["supervisor", "psicologa", "abogada", "especialista"]


def test_interventions_table_refuses_unknown_roles_and_keys():
    text = (RESOURCES / "cases" / "access.toml").read_text(encoding="utf-8")
    with pytest.raises(CatalogueError, match="not in roles"):
        DeskAccess.parse(text.replace('whole = ["psicologa"', 'whole = ["astrologa"'))
    with pytest.raises(CatalogueError, match="unknown keys"):
        DeskAccess.parse(text.replace("[interventions]\n", "[interventions]\neveryone = []\n"))
    with pytest.raises(CatalogueError, match="two lists"):
        DeskAccess.parse(text.replace('legal = ["abogada"', 'legal = ["psicologa", "abogada"'))
