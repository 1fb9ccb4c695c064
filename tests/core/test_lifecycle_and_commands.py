"""Core rules: lifecycle transitions, command decisions, catalogue, timers, ranking."""

from __future__ import annotations

import itertools

import pytest

from c4console.core.catalogue import Catalogue, CatalogueError
from c4console.core.commands import Context, decide
from c4console.core.enums import Channel, IncidentStatus, Priority, UnitStatus
from c4console.core.lifecycle import TransitionRefused, check_transition
from c4console.core.models import Incident, Unit
from c4console.core.overlay import apply_pending
from c4console.core.recommend import GreatCircleRouter, rank_units
from c4console.core.timers import TimerState, breaches, read_timers
from c4console.resources import load_catalogue

CAT = load_catalogue()


def ctx(now: float = 1000.0, actor: str = "op1") -> Context:
    counter = itertools.count(1)
    return Context(now=now, actor=actor, new_id=lambda: f"id{next(counter)}", catalogue=CAT,
                   next_folio=lambda: "C4-TEST-00001")


def incident(status=IncidentStatus.NEW, **kw) -> Incident:
    base = dict(id="i1", folio="F1", type_code="30903", priority=Priority.ALTA,
                channel=Channel.PANIC_BUTTON, status=status, created_at=1000.0,
                lat=32.62, lon=-115.45)
    base.update(kw)
    return Incident(**base)


def unit(uid="P01", status=UnitStatus.AVAILABLE, lat=32.63, lon=-115.45, **kw) -> Unit:
    return Unit(id=uid, callsign=f"PM-{uid}", status=status, lat=lat, lon=lon, **kw)


def test_shipped_catalogue_files_panic_as_alta_never_silent_call():
    panic = CAT.default_for(Channel.PANIC_BUTTON)
    assert panic.priority is Priority.ALTA
    assert panic.code != "70104"
    assert CAT.get("70104").priority is Priority.BAJA
    assert CAT.get("30702").priority is Priority.MEDIA


def test_catalogue_refuses_panic_default_below_alta():
    csv = "code,name,priority,category\n70104,Llamada muda,BAJA,x\n"
    defaults = {c.value: "70104" for c in Channel}
    with pytest.raises(CatalogueError, match="panic activations must be ALTA"):
        Catalogue.parse(csv, defaults)


def test_catalogue_names_the_bad_line():
    with pytest.raises(CatalogueError, match="line 2: code '123'"):
        Catalogue.parse("code,name,priority,category\n123,x,ALTA,y\n", {})
    with pytest.raises(CatalogueError, match="line 2: priority 'URGENTE'"):
        Catalogue.parse("code,name,priority,category\n12345,x,URGENTE,y\n", {})


@pytest.mark.parametrize(("a", "b"), [
    (IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED),
    (IncidentStatus.ACKNOWLEDGED, IncidentStatus.DISPATCHED),
    (IncidentStatus.DISPATCHED, IncidentStatus.EN_ROUTE),
    (IncidentStatus.EN_ROUTE, IncidentStatus.ON_SCENE),
    (IncidentStatus.ON_SCENE, IncidentStatus.CLOSED),
    (IncidentStatus.NEW, IncidentStatus.FALSE_ALARM),
    (IncidentStatus.NEW, IncidentStatus.TEST),
])
def test_legal_transitions(a, b):
    check_transition(a, b)


@pytest.mark.parametrize(("a", "b", "reason"), [
    (IncidentStatus.NEW, IncidentStatus.ON_SCENE, "illegal_transition"),
    (IncidentStatus.NEW, IncidentStatus.CLOSED, "illegal_transition"),
    (IncidentStatus.CLOSED, IncidentStatus.NEW, "terminal"),
    (IncidentStatus.ON_SCENE, IncidentStatus.DISPATCHED, "illegal_transition"),
    (IncidentStatus.NEW, IncidentStatus.NEW, "no_change"),
])
def test_illegal_transitions_are_refused_with_reason(a, b, reason):
    with pytest.raises(TransitionRefused) as e:
        check_transition(a, b)
    assert e.value.reason == reason
    assert a.value in str(e.value)


def test_acknowledge_then_second_acknowledge_is_refused():
    incs = {"i1": incident()}
    d = decide({"type": "acknowledge", "incident_id": "i1"}, incs, {}, ctx())
    assert d.accepted and d.incidents[0].status is IncidentStatus.ACKNOWLEDGED
    assert d.incidents[0].acknowledged_at == 1000.0
    assert d.events[0].kind == "acknowledged" and d.events[0].actor == "op1"
    d2 = decide({"type": "acknowledge", "incident_id": "i1"}, {"i1": d.incidents[0]}, {}, ctx())
    assert not d2.accepted and d2.reason == "already_acknowledged"


def test_dispatch_assigns_unit_and_refuses_busy_unit():
    incs = {"i1": incident(IncidentStatus.ACKNOWLEDGED), "i2": incident(IncidentStatus.ACKNOWLEDGED, id="i2")}
    units = {"P01": unit()}
    d = decide({"type": "dispatch", "incident_id": "i1", "unit_id": "P01"}, incs, units, ctx())
    assert d.accepted
    assert d.incidents[0].unit_id == "P01" and d.incidents[0].status is IncidentStatus.DISPATCHED
    assert d.units[0].status is UnitStatus.ASSIGNED and d.units[0].incident_id == "i1"
    d2 = decide({"type": "dispatch", "incident_id": "i2", "unit_id": "P01"}, incs,
                {"P01": d.units[0]}, ctx())
    assert not d2.accepted and d2.reason == "unit_unavailable"


def test_dispatch_of_new_incident_needs_acknowledgement():
    d = decide({"type": "dispatch", "incident_id": "i1", "unit_id": "P01"},
               {"i1": incident()}, {"P01": unit()}, ctx())
    assert not d.accepted and d.reason == "not_acknowledged"


def test_close_frees_the_unit_and_needs_disposition():
    inc = incident(IncidentStatus.ON_SCENE, unit_id="P01")
    u = unit(status=UnitStatus.ON_SCENE, incident_id="i1")
    bad = decide({"type": "close", "incident_id": "i1", "status": "closed"}, {"i1": inc},
                 {"P01": u}, ctx())
    assert not bad.accepted and bad.reason == "bad_command"
    d = decide({"type": "close", "incident_id": "i1", "status": "closed",
                "disposition": "Atendido"}, {"i1": inc}, {"P01": u}, ctx())
    assert d.accepted and d.incidents[0].status is IncidentStatus.CLOSED
    assert d.units[0].status is UnitStatus.AVAILABLE and d.units[0].incident_id is None


def test_panic_incident_cannot_be_classified_as_silent_call():
    d = decide({"type": "classify", "incident_id": "i1", "type_code": "70104"},
               {"i1": incident()}, {}, ctx())
    assert not d.accepted and d.reason == "panic_is_not_silent_call"


def test_unknown_and_malformed_commands_are_refused_not_raised():
    for cmd in ({"type": "explode"}, {}, {"type": "acknowledge"},
                {"type": "acknowledge", "incident_id": 5},
                {"type": "create_incident", "incident_id": "x", "channel": "call_911", "lat": "a",
                 "lon": 1}):
        d = decide(cmd, {}, {}, ctx())
        assert not d.accepted and d.reason in ("unknown_command", "bad_command")


def test_unit_reports_drive_incident_status():
    inc = incident(IncidentStatus.DISPATCHED, unit_id="P01")
    u = unit(status=UnitStatus.ASSIGNED, incident_id="i1")
    d = decide({"type": "unit_status", "unit_id": "P01", "status": "en_route"}, {"i1": inc},
               {"P01": u}, ctx())
    assert d.accepted and d.incidents[0].status is IncidentStatus.EN_ROUTE
    assert d.incidents[0].en_route_at == 1000.0


def test_timers_against_norma_tecnica_911():
    inc = incident(created_at=0.0)
    r = {x.target.name: x for x in read_timers(inc, now=60.0)}
    assert r["minimum_data"].state is TimerState.RUNNING
    assert breaches(inc, 91.0) == ["minimum_data"]
    assert set(breaches(inc, 121.0)) == {"minimum_data", "unit_assigned"}
    done = inc.evolve(acknowledged_at=30.0, dispatched_at=100.0, on_scene_at=400.0)
    states = {x.target.name: x.state for x in read_timers(done, now=5000.0)}
    assert states == {"minimum_data": TimerState.MET, "unit_assigned": TimerState.MET,
                      "on_scene": TimerState.MET}
    late = inc.evolve(acknowledged_at=95.0)
    assert read_timers(late, 96.0)[0].state is TimerState.BREACHED


def test_recommendation_picks_the_nearest_available_unit():
    units = [
        unit("P01", lat=32.70, lon=-115.45),  # ~9 km north
        unit("P02", lat=32.625, lon=-115.452),  # ~500 m
        unit("P03", status=UnitStatus.ASSIGNED, lat=32.6201, lon=-115.4501),  # nearest but busy
        unit("P04", lat=None, lon=None),  # no position
    ]
    ranked = rank_units(units, 32.62, -115.45, GreatCircleRouter(40.0))
    assert [r.unit.id for r in ranked] == ["P02", "P01"]
    assert 400 < ranked[0].distance_m < 700
    assert ranked[0].eta_s == pytest.approx(ranked[0].distance_m / (40 / 3.6))


def test_overlay_shows_pending_commands_on_top_of_central_state():
    incs = {"i1": incident()}
    ov = apply_pending(incs, {"P01": unit()}, [
        {"key": "k1", "type": "acknowledge", "incident_id": "i1"},
        {"key": "k2", "type": "dispatch", "incident_id": "i1", "unit_id": "P01"},
    ], ctx())
    assert ov.incidents["i1"].status is IncidentStatus.DISPATCHED
    assert ov.units["P01"].status is UnitStatus.ASSIGNED
    assert ov.pending_by_incident == {"i1": 2}
    assert incs["i1"].status is IncidentStatus.NEW  # the central's record is untouched
