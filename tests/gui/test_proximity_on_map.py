"""A proximity alarm on the live map (a real QtWebEngine page): her place and his position
both drawn and linked, his marked as the aggressor's, her fresh position apart, and the
order's zones as a circle and a polygon — all gone when the incident closes."""

from __future__ import annotations

import itertools

from c4console.core.commands import Context
from c4console.core.enums import IncidentStatus
from c4console.core.models import Device, Incident
from c4console.core.zones.index import ZoneIndex
from c4console.core.zones.proximity import VictimFix, inside, proximity_step
from c4console.core.zones.records import CIRCLE, POLYGON, ExclusionOrder, Zone
from c4console.gui.map.payload import incident_payload
from c4console.resources import load_catalogue
from tests.gui.test_map_view import js, make_view, wait_ids  # noqa: F401  (make_view: fixture)

HOME = (32.63, -115.45)
HIS = (32.63, -115.4455)  # ≈ 420 m east of her home
HER = (32.6270, -115.4500)  # her panic device, fresh, ≈ 330 m south of home
SCHOOL = ((32.635, -115.455), (32.635, -115.452), (32.638, -115.452), (32.638, -115.455))


def _alarm(victim: VictimFix | None) -> Incident:
    """The incident the central's rules open for his position (through the wire)."""
    order = ExclusionOrder(
        id="zones-1", case_id="case-1", order_number="OP-1", beneficiary_id="B1",
        victim_device_ids=("her",), aggressor_device_ids=("his",), keep_away_m=100.0, updated_at=1.0,
        zones=(Zone("casa", CIRCLE, *HOME, 500.0, label="Casa"),
               Zone("escuela", POLYGON, 32.6365, -115.4535, 0.0, SCHOOL, "Escuela")))
    index = ZoneIndex()
    index.sync(order)
    counter = itertools.count(1)
    ctx = Context(now=100.0, actor="device:his", new_id=lambda: f"id{next(counter)}",
                  catalogue=load_catalogue(), next_folio=lambda: "C4-PROX-1")
    keys = inside(index, order, "his", *HIS, victim)
    decision = proximity_step(Device("his", "aggressor", order_id=order.id), order, keys, *HIS, 100.0,
                              victim, None, None, ctx)
    (inc,) = decision.incidents
    return Incident.from_wire(inc.to_wire())


def test_payload_carries_the_zones_and_her_position():
    p = incident_payload(_alarm(VictimFix("her", *HER, 90.0)))
    assert p["pos"] == list(HER) and p["live"] == list(HIS)  # her fresh position, and him
    assert [z["kind"] for z in p["proximity"]["zones"]] == ["circle", "polygon"]
    assert p["proximity"]["zones"][0]["inside"] is True and p["proximity"]["zones"][1]["inside"] is False
    assert p["proximity"]["victim"] is None  # the incident's marker is her position already
    p = incident_payload(_alarm(None))
    assert p["pos"] == list(HOME) and p["proximity"]["victim"] is None


def test_proximity_alarm_draws_both_positions_and_the_zones(qtbot, make_view):  # noqa: F811
    view = make_view()
    inc = _alarm(None)
    # Her fresh position arrives after the alarm (the incident follows it).
    inc = inc.evolve(proximity={**inc.proximity, "victim": [*HER, 120.0]})
    view.upsert_incidents([inc])
    wait_ids(qtbot, view, {inc.id}, set())
    info = js(qtbot, view, f"window.c4map.markerInfo('incident', '{inc.id}')")
    assert (info["lat"], info["lon"]) == HOME  # her home: where the patrol goes
    assert info["live"] == {"lat": HIS[0], "lon": HIS[1]} and info["line"] is True
    assert info["aggressor"] is True and info["victim"] == {"lat": HER[0], "lon": HER[1]}
    circle, polygon = info["zones"]
    assert (circle["kind"], circle["lat"], circle["lon"], circle["radius"]) == ("circle", *HOME, 500)
    assert polygon["kind"] == "polygon" and [tuple(p) for p in polygon["points"]] == list(SCHOOL)
    assert js(qtbot, view, "document.querySelectorAll('.c4-zone').length") == 2
    marked = js(qtbot, view, f"!!document.querySelector('[data-c4-id=\"{inc.id}\"][data-c4-role=\"live\"]"
                             ".c4-aggressor, [data-c4-id=\"{inc.id}\"][data-c4-role=\"live\"].c4-aggressor')")
    assert marked is True

    view.upsert_incidents([inc.evolve(status=IncidentStatus.CLOSED)])
    wait_ids(qtbot, view, set(), set())
    qtbot.waitUntil(lambda: js(qtbot, view, "document.querySelectorAll('.c4-zone, .c4-victim').length") == 0,
                    timeout=5000)
