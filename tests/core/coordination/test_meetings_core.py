"""Coordination meetings in the core (pure): what a liaison receives of a meeting and a task,
and the chair's signature closing the minutes."""

from __future__ import annotations

from datetime import date

from c4console.core.command_kit import Context
from c4console.core.coordination.access import (
    liaison_meeting,
    liaison_task,
    liaison_timeline_entry,
)
from c4console.core.coordination.commands import record_agreement, sign_minutes
from c4console.core.coordination.records import Meeting
from c4console.core.refused import Refused
from c4console.resources import load_catalogue

MEETING = Meeting(
    id="m1", date="2026-12-01", time="10:00", place="C4", chair="supervisora1",
    agencies=("dif", "fge"),
    cases=({"case_id": "case-1", "ref": "CM-20261201-01", "view": "reducido"},),
    agreements=({"id": "a1", "case_id": "case-1", "text": "todos", "agency_id": ""},
                {"id": "a2", "case_id": "case-1", "text": "dif", "agency_id": "dif"},
                {"id": "a3", "case_id": "case-1", "text": "fge", "agency_id": "fge"}))


def shared_with_dif(agency: str, case_id: str) -> bool:
    return agency == "dif" and case_id == "case-1"


def test_a_liaison_reads_her_agencys_part_of_a_meeting():
    dif = liaison_meeting(MEETING.to_wire(), "dif", shared_with_dif)
    assert dif["cases"][0]["case_id"] == "case-1"
    assert [a["text"] for a in dif["agreements"]] == ["todos", "dif"]
    fge = liaison_meeting(MEETING.to_wire(), "fge", shared_with_dif)
    assert fge["cases"] == [{"case_id": "", "ref": "CM-20261201-01", "view": "reducido"}]
    assert [(a["text"], a["case_id"], a["ref"]) for a in fge["agreements"]] == [
        ("fge", "", "CM-20261201-01")]
    assert liaison_meeting(MEETING.to_wire(), "imm", shared_with_dif) is None


def test_a_liaison_reads_only_her_agencys_tasks():
    task = {"id": "t1", "agency_id": "fge", "case_id": "case-1", "case_ref": "CM-20261201-01"}
    assert liaison_task(task, "dif", shared_with_dif) is None
    assert liaison_task(task, "fge", shared_with_dif)["case_id"] == ""
    assert liaison_task({**task, "agency_id": "dif"}, "dif", shared_with_dif)["case_id"] == "case-1"


def ctx(actor: str) -> Context:
    return Context(now=1.0, actor=actor, new_id=lambda: "x", catalogue=load_catalogue(),
                   today=date(2026, 12, 1),
                   record=lambda entity, rid: MEETING if rid == "m1" else None)


def refusal(handler, cmd, context) -> str:
    try:
        handler(cmd, {}, {}, context)
    except Refused as e:
        return e.reason
    return ""


def test_only_the_chair_signs_once_and_signed_minutes_do_not_change():
    assert refusal(sign_minutes, {"meeting_id": "m1"}, ctx("otra")) == "not_chair"
    (signed,) = sign_minutes({"meeting_id": "m1"}, {}, {}, ctx("supervisora1")).records
    assert (signed.signed_by, signed.signed_at) == ("supervisora1", 1.0)
    after = Context(now=2.0, actor="supervisora1", new_id=lambda: "y", catalogue=load_catalogue(),
                    record=lambda entity, rid: signed)
    assert refusal(sign_minutes, {"meeting_id": "m1"}, after) == "signed"
    assert refusal(record_agreement, {"meeting_id": "m1", "case_id": "case-1", "text": "x"},
                   after) == "signed"


def test_a_liaison_reads_only_her_own_agencys_task_completion_on_the_timeline():
    done = {"kind": "coordination_task_done", "group": "history",
            "data": {"task_id": "t1", "agency_id": "dif"}}
    assert liaison_timeline_entry(done, "dif")
    assert not liaison_timeline_entry(done, "fge")
    assert liaison_timeline_entry({"kind": "risk_assessed", "group": "history"}, "fge")
