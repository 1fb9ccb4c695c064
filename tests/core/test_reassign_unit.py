"""Core rule of ``reassign_unit``: a shift lead moves an idle patrol to another sector."""

from __future__ import annotations

import dataclasses

import pytest

from c4console.core.commands import COMMAND_TYPES, decide
from c4console.core.enums import UnitStatus
from tests.core.test_lifecycle_and_commands import ctx, unit

SECTORS = frozenset({"S1", "S2", "S3"})


def _ctx(sectors=SECTORS):
    return dataclasses.replace(ctx(), sectors=sectors)


def _cmd(**kw):
    return {"type": "reassign_unit", "unit_id": "P01", "sector": "S2", **kw}


def test_reassign_unit_is_a_command_type():
    assert "reassign_unit" in COMMAND_TYPES


@pytest.mark.parametrize("status", [UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE])
def test_idle_unit_moves_to_the_new_sector_and_only_its_record_changes(status):
    u = unit(status=status, sector="S1", status_since=50.0)
    d = decide(_cmd(reason="refuerzo"), {}, {"P01": u}, _ctx())
    assert d.accepted, d.message
    assert d.incidents == [] and d.events == []
    [moved] = d.units
    assert moved.sector == "S2" and moved.status is status and moved.status_since == 50.0


@pytest.mark.parametrize("status", [UnitStatus.ASSIGNED, UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE])
def test_unit_on_an_assignment_is_refused_busy(status):
    u = unit(status=status, sector="S1", incident_id="i1")
    d = decide(_cmd(), {}, {"P01": u}, _ctx())
    assert not d.accepted and d.reason == "unit_busy"


def test_same_sector_unknown_unit_empty_and_unknown_sector_are_refused():
    units = {"P01": unit(sector="S1")}
    assert decide(_cmd(sector="S1"), {}, units, _ctx()).reason == "no_change"
    assert decide(_cmd(unit_id="P99"), {}, units, _ctx()).reason == "not_found"
    assert decide(_cmd(sector="  "), {}, units, _ctx()).reason == "bad_command"
    assert decide(_cmd(sector=None), {}, units, _ctx()).reason == "bad_command"
    assert decide(_cmd(sector="S9"), {}, units, _ctx()).reason == "unknown_sector"
    assert decide(_cmd(reason=5), {}, units, _ctx()).reason == "bad_command"


def test_without_a_known_jurisdiction_any_sector_is_accepted():
    d = decide(_cmd(sector="S9"), {}, {"P01": unit(sector="S1")}, _ctx(sectors=None))
    assert d.accepted and d.units[0].sector == "S9"
