"""Core rules of the shift roster (``set_shift``), incident ownership, the operator's
"mine" (core.shifts) and the central's patrol check (permissions.patrol_refusal, pure)."""

from __future__ import annotations

import dataclasses

import pytest

from c4console.central.permissions import patrol_refusal
from c4console.core.commands import COMMAND_TYPES, decide
from c4console.core.enums import IncidentStatus, UnitStatus
from c4console.core.models import Shift
from c4console.core.shifts import Desk, current_and_next, shift_of
from tests.core.test_lifecycle_and_commands import ctx, incident, unit

SECTORS = frozenset({"S1", "S2", "S3"})
H = 3600.0


def _ctx(owner="op1", sectors=SECTORS, **kw):
    return dataclasses.replace(ctx(**kw), owner=owner, sectors=sectors)


def _shift(**kw):
    return {"type": "set_shift", "shift_id": "T1", "name": "Matutino", "starts_at": 1000.0,
            "ends_at": 1000.0 + 8 * H, "lead": "jefe1", "operators": ["op1", "op2"],
            "units": ["P01"], "sectors": ["S1", "S2"], **kw}


# --- ownership ---------------------------------------------------------------------

def test_acknowledge_dispatch_and_create_set_the_owner_once():
    d = decide({"type": "acknowledge", "incident_id": "i1"}, {"i1": incident()}, {}, _ctx("op1"))
    assert d.accepted and d.incidents[0].owner == "op1"
    acked = incident(IncidentStatus.ACKNOWLEDGED, acknowledged_at=1.0, owner="op1")
    d = decide({"type": "dispatch", "incident_id": "i1", "unit_id": "P01"}, {"i1": acked},
               {"P01": unit()}, _ctx("op2", actor="op2"))
    assert d.accepted and d.incidents[0].owner == "op1"  # the first one keeps it
    nobody = incident(IncidentStatus.ACKNOWLEDGED, acknowledged_at=1.0)
    d = decide({"type": "dispatch", "incident_id": "i1", "unit_id": "P01"}, {"i1": nobody},
               {"P01": unit()}, _ctx("op2", actor="op2"))
    assert d.incidents[0].owner == "op2"  # acknowledged by a gateway: the dispatcher takes it
    d = decide({"type": "create_incident", "incident_id": "n1", "channel": "call_911"}, {}, {},
               _ctx("op3", actor="op3"))
    assert d.accepted and d.incidents[0].owner == "op3"


def test_gateways_and_devices_never_own():
    d = decide({"type": "create_incident", "incident_id": "n1", "channel": "whatsapp"}, {}, {},
               _ctx("", actor="gateway:whatsapp"))
    assert d.accepted and d.incidents[0].owner == ""


def _busy(owner="op1", status=IncidentStatus.DISPATCHED):
    inc = incident(status, acknowledged_at=1.0, dispatched_at=2.0, unit_id="P01", owner=owner)
    return {"i1": inc}, {"P01": unit(status=UnitStatus.ASSIGNED, incident_id="i1"),
                         "P02": unit("P02")}


@pytest.mark.parametrize("cmd", [
    {"type": "unit_status", "unit_id": "P01", "status": "available", "reason": "otra"},
    {"type": "unit_status", "unit_id": "P01", "status": "out_of_service", "reason": "x"},
    {"type": "dispatch", "incident_id": "i2", "unit_id": "P01"},
    {"type": "reassign_unit", "unit_id": "P01", "sector": "S2"},
])
def test_an_operator_may_not_take_another_operators_patrol(cmd):
    incidents, units = _busy()
    refusal = patrol_refusal("operator", "op2", cmd, incidents, units)
    assert refusal is not None and refusal.reason == "forbidden"
    assert "F1" in refusal.message and "op1" in refusal.message and "PM-P01" in refusal.message
    # Her own, a lead's, a closed incident's, an unowned one's, another unit: allowed.
    assert patrol_refusal("operator", "op1", cmd, incidents, units) is None
    for role in ("shift_lead", "supervisor", "admin"):
        assert patrol_refusal(role, "op2", cmd, incidents, units) is None
    assert patrol_refusal("operator", "op2", cmd, *_busy(owner="")) is None
    assert patrol_refusal("operator", "op2", cmd, *_busy(status=IncidentStatus.CLOSED)) is None
    assert patrol_refusal("operator", "op2", {**cmd, "unit_id": "P02"}, incidents, units) is None


def test_notes_and_the_crews_progress_are_not_taking_the_patrol():
    assert patrol_refusal("operator", "op2", {"type": "add_note", "incident_id": "i1",
                                              "unit_id": "P01"}, *_busy()) is None
    for status in ("en_route", "on_scene"):  # the crew reports on the same incident
        assert patrol_refusal("operator", "op2", {"type": "unit_status", "unit_id": "P01",
                                                  "status": status}, *_busy()) is None


# --- set_shift -------------------------------------------------------------------------

def test_set_shift_is_a_command_and_stores_the_roster():
    assert "set_shift" in COMMAND_TYPES
    d = decide(_shift(operators=["op1", "op2", "op1"]), {}, {"P01": unit()}, _ctx(actor="jefe1"))
    assert d.accepted, d.message
    [s] = d.shifts
    assert (s.id, s.name, s.starts_at, s.ends_at, s.lead) == ("T1", "Matutino", 1000.0,
                                                             1000.0 + 8 * H, "jefe1")
    assert s.operators == ("op1", "op2") and s.units == ("P01",) and s.sectors == ("S1", "S2")
    assert s.updated_by == "jefe1" and s.updated_at == 1000.0
    assert Shift.from_wire(s.to_wire()) == s


@pytest.mark.parametrize(("change", "reason", "words"), [
    ({"ends_at": 1000.0}, "bad_period", "ends before it starts"),
    ({"ends_at": 500.0}, "bad_period", "ends before it starts"),
    ({"ends_at": 1000.0 + 25 * H}, "bad_period", "at most 24 h"),
    ({"units": ["P01", "P99"]}, "not_found", "unit P99"),
    ({"sectors": ["S9"]}, "unknown_sector", "sector S9"),
    ({"starts_at": "mañana"}, "bad_command", "starts_at"),
    ({"starts_at": True}, "bad_command", "starts_at"),
    ({"ends_at": None}, "bad_command", "ends_at"),
    ({"operators": "op1"}, "bad_command", "operators"),
    ({"operators": ["op1", 7]}, "bad_command", "operators"),
    ({"units": [""]}, "bad_command", "units"),
    ({"name": " "}, "bad_command", "name"),
    ({"lead": 3}, "bad_command", "lead"),
    ({"shift_id": None}, "bad_command", "shift_id"),
])
def test_set_shift_refusals_say_what_is_wrong(change, reason, words):
    d = decide(_shift(**change), {}, {"P01": unit()}, _ctx())
    assert (d.accepted, d.reason) == (False, reason) and words in d.message, d.message


def test_set_shift_without_a_known_jurisdiction_takes_any_sector():
    d = decide(_shift(sectors=["S9"]), {}, {"P01": unit()}, _ctx(sectors=None))
    assert d.accepted and d.shifts[0].sectors == ("S9",)


# --- her shift and her incidents -------------------------------------------------------

def _roster():
    return [Shift("night", "Nocturno", 0.0, 10 * H, lead="jefe1", operators=("op1",),
                  sectors=("S3",)),
            Shift("day", "Matutino", 8 * H, 16 * H, lead="jefe2", operators=("op1", "op2"),
                  sectors=("S1",)),
            Shift("later", "Vespertino", 16 * H, 24 * H, operators=("op2",))]


def test_her_shift_is_the_one_covering_now_that_lists_her_latest_start_wins():
    shifts = _roster()
    assert shift_of(shifts, "op1", 2 * H).id == "night"
    assert shift_of(shifts, "op1", 9 * H).id == "day"  # the overlap: the newer shift
    assert shift_of(shifts, "jefe1", 2 * H).id == "night"  # the lead, too
    assert shift_of(shifts, "op1", 17 * H) is None
    assert shift_of(shifts, "op2", 16 * H).id == "later"  # the end is exclusive
    assert [s.id for s in current_and_next(shifts, 12 * H)] == ["day", "later"]


def test_mine_is_her_shifts_sectors_or_owned_by_her():
    desk = Desk.of(_roster(), "op2", 12 * H)
    assert desk.sectors == frozenset({"S1"})
    assert desk.is_mine(incident(sector="S1"))
    assert desk.is_mine(incident(sector="S3", owner="op2"))
    assert not desk.is_mine(incident(sector="S3", owner="op1"))
    assert not desk.is_mine(incident(sector=""))
    off = Desk.of(_roster(), "op9", 12 * H)
    assert not off.is_mine(incident(sector="S1")) and off.is_mine(incident(owner="op9"))
    assert not Desk().is_mine(incident())
