"""The proximity rules (pure): the zone index against a brute force, set_exclusion_zones'
refusals, and what his positions open or record (enter, stay, leave, come back)."""

from __future__ import annotations

import itertools
import random

import pytest

from c4console.core.cases.records import Address, Case, PersonProfile, ProtectionOrder
from c4console.core.cases.vocabulary import AddressKind
from c4console.core.commands import Context, decide
from c4console.core.domain_events import ProximityAlarm
from c4console.core.enums import Channel, Priority
from c4console.core.models import Device
from c4console.core.zones.geometry import point_in_polygon, within_m
from c4console.core.zones.index import ZoneIndex
from c4console.core.zones.proximity import VICTIM_KEY, VictimFix, fresh_victim, inside, proximity_step
from c4console.core.zones.records import CIRCLE, POLYGON, ExclusionOrder, Zone
from c4console.resources import load_catalogue

CAT = load_catalogue()
HOME = (32.6245, -115.4523)
SCHOOL = [(32.630, -115.440), (32.630, -115.436), (32.634, -115.436), (32.634, -115.440)]
HIS = "AGR-1"
HERS = "861234560000042"


def ctx(now: float = 10_000.0, **kw) -> Context:
    counter = itertools.count(1)
    return Context(now=now, actor="supervisora1", new_id=lambda: f"id{next(counter)}",
                   catalogue=CAT, next_folio=lambda: "C4-TEST-00001", **kw)


def order(**kw) -> ExclusionOrder:
    base = dict(id="zones-1", case_id="case-B0042", order_number="OP-1/2026",
                beneficiary_id="B0042", victim_device_ids=(HERS,), aggressor_device_ids=(HIS,),
                keep_away_m=200.0, updated_at=1.0,
                zones=(Zone("home", CIRCLE, *HOME, 500.0, label="Casa"),
                       Zone("school", POLYGON, 32.632, -115.438, 0.0, tuple(SCHOOL), "Escuela",
                            traccar_geofence_id="7")))
    base.update(kw)
    return ExclusionOrder(**base)


# --- the index --------------------------------------------------------------------------

def test_index_agrees_with_brute_force():
    rng = random.Random(17)
    idx = ZoneIndex()
    orders = []
    for n in range(300):
        lat, lon = 32.55 + rng.random() * 0.15, -115.55 + rng.random() * 0.15
        if n % 3:
            zones = (Zone(f"z{n}", CIRCLE, lat, lon, rng.uniform(50, 3000)),)
        else:
            d = rng.uniform(0.001, 0.02)
            ring = ((lat, lon), (lat + d, lon + d / 3), (lat + d / 2, lon + d), (lat - d / 4, lon + d / 2))
            zones = (Zone(f"z{n}", POLYGON, lat, lon, 0.0, ring),)
        o = order(id=f"o{n}", aggressor_device_ids=(f"d{n % 7}",), zones=zones)
        orders.append(o)
        idx.put(o)
    for _ in range(3000):
        lat, lon = 32.55 + rng.random() * 0.17, -115.55 + rng.random() * 0.17
        device = f"d{rng.randrange(7)}"
        expected = sorted(
            o.id for o in orders if device in o.aggressor_device_ids for z in o.zones
            if (within_m(lat, lon, z.lat, z.lon, z.radius_m) if z.kind == CIRCLE
                else point_in_polygon(lat, lon, z.points)))
        assert sorted(oid for oid, _ in idx.zones_at(lat, lon, device)) == expected


def test_index_follows_an_order_changed_or_lifted():
    idx = ZoneIndex()
    idx.sync(order())
    assert [z.id for _, z in idx.zones_at(*HOME, HIS)] == ["home"]
    assert idx.zones_at(*HOME, "someone-else") == []
    idx.sync(order(updated_at=2.0, zones=()))
    assert idx.zones_at(*HOME, HIS) == [] and len(idx) == 0
    idx.sync(order(updated_at=3.0, active=False))
    assert idx.zones_at(*HOME, HIS) == []


# --- set_exclusion_zones ------------------------------------------------------------------

def her_case(**kw) -> Case:
    base = dict(id="case-B0042", person=PersonProfile("María López"), created_at=1.0,
                beneficiary_id="B0042", device_ids=(HERS,),
                addresses=(Address(AddressKind.HOME, "Calle Uno 12", "", *HOME),),
                orders=(ProtectionOrder("OP-1/2026", "Juzgado 3"),))
    base.update(kw)
    return Case(**base)


def _decide(cmd, devices=None, records=None):
    devices = devices or {}
    records = records or {}
    c = ctx(case=lambda cid: her_case() if cid == "case-B0042" else None,
            device=devices.get, record=lambda entity, rid: records.get((entity, rid)))
    return decide({"key": "k", "type": "set_exclusion_zones", "id": "zones-1",
                   "case_id": "case-B0042", "order_number": "OP-1/2026",
                   "aggressor_device_id": HIS, **cmd}, {}, {}, c)


def test_set_exclusion_zones_registers_his_tracker_and_takes_her_home():
    d = _decide({"zones": [{"place": "home", "label": "Casa"},
                           {"kind": "polygon", "points": [list(p) for p in SCHOOL], "label": "Escuela"}],
                 "keep_away_m": 300, "aggressor_model": "tobillera"})
    assert d.accepted, d.message
    (o,) = d.records
    assert (o.zones[0].lat, o.zones[0].lon, o.zones[0].radius_m) == (*HOME, 500.0)
    assert o.zones[1].kind == POLYGON and len(o.zones[1].points) == 4
    assert o.victim_device_ids == (HERS,) and o.keep_away_m == 300.0
    (dev,) = d.devices
    assert (dev.id, dev.kind, dev.order_id, dev.model) == (HIS, "aggressor", "zones-1", "tobillera")


@pytest.mark.parametrize(("cmd", "reason", "words"), [
    ({"zones": [{"lat": 32.6, "lon": -115.4, "radius_m": 30}]}, "radius_out_of_range",
     "under the minimum of 50 m"),
    ({"zones": [{"lat": 32.6, "lon": -115.4, "radius_m": 10_001}]}, "radius_out_of_range",
     "over the maximum"),
    ({"zones": [{"kind": "polygon", "label": "Escuela",
                 "points": [[0, 0], [1, 1], [1, 0], [0, 1]]}]}, "polygon_self_intersects",
     "zone 'Escuela': the polygon crosses itself"),
    ({"zones": [{"kind": "polygon", "points": [[0, 0], [1, 1]]}]}, "bad_zone", "3 to 200 corners"),
    ({"zones": [{"place": "work"}]}, "bad_zone", "addresses placed on the map (home)"),
    ({"keep_away_m": 20}, "distance_out_of_range", "between 50 m and 10000 m"),
    ({"aggressor_device_id": HERS}, "aggressor_device_is_hers", "her own panic device"),
    ({"order_number": "OP-9"}, "unknown_order", "no protection order OP-9"),
    ({"aggressor_device_id": None, "zones": [{"place": "home"}]}, "no_aggressor_device",
     "aggressor's tracker"),
])
def test_bad_zones_are_refused_with_reasons(cmd, reason, words):
    d = _decide(cmd)
    assert (d.accepted, d.reason) == (False, reason), d.message
    assert words in d.message


def test_a_device_of_someone_else_is_refused():
    devices = {"TRK07": Device("TRK07", "unit", unit_id="P07"),
               "OTHER": Device("OTHER", "aggressor", order_id="zones-2")}
    for device_id in devices:
        d = _decide({"aggressor_device_id": device_id}, devices=devices)
        assert (d.accepted, d.reason) == (False, "device_in_use"), d.message
    her_other = {"P2": Device("P2", "panic", beneficiary_id="B0042")}
    d = _decide({"aggressor_device_id": "P2"}, devices=her_other)
    assert d.reason == "aggressor_device_is_hers"


# --- his positions --------------------------------------------------------------------------

def _step(dev, o, idx, pos, now, open_incident=None, victim=None, geofence=None):
    keys = inside(idx, o, dev.id, *pos, victim, geofence)
    return proximity_step(dev, o, keys, *pos, now, victim, open_incident, None, ctx(now))


def test_enter_stay_leave_and_come_back_is_one_incident():
    o, idx = order(), ZoneIndex()
    idx.sync(o)
    dev = Device(HIS, "aggressor", order_id=o.id)
    far = (32.6245, -115.4300)  # ≈ 2 km east of her home
    d = _step(dev, o, idx, far, 100.0)
    assert d.incidents == [] and d.domain_events == [] and d.devices == []

    near = (32.6245, -115.4480)  # ≈ 400 m from her home
    d = _step(dev, o, idx, near, 160.0)
    (inc,) = d.incidents
    assert (inc.channel, inc.priority, inc.type_code) == (Channel.AGGRESSOR_TRACKER, Priority.ALTA, "30908")
    assert (inc.lat, inc.lon) == HOME and (inc.live_lat, inc.live_lon) == near  # the place, and him
    assert inc.device_id == HIS and inc.beneficiary_id == "B0042"
    assert inc.proximity["inside"] == ["home"] and len(inc.proximity["zones"]) == 2
    (alarm,) = d.domain_events
    assert isinstance(alarm, ProximityAlarm) and alarm.zone_label == "Casa"
    assert [e.kind for e in d.events] == ["created", "proximity_breach", "specialist_desk"]
    dev = d.devices[0]
    assert dev.zone_inside == ("home",) and dev.breach_incident_id == inc.id

    closer = (32.6245, -115.4500)
    d = _step(dev, o, idx, closer, 170.0, open_incident=inc)
    assert d.events == [] and d.domain_events == []
    inc = d.incidents[0]
    assert (inc.live_lat, inc.live_lon) == closer and len(inc.trail) == 2

    d = _step(dev, o, idx, far, 200.0, open_incident=inc)
    assert [e.kind for e in d.events] == ["proximity_left"]
    dev, inc = d.devices[0], d.incidents[0]
    assert dev.zone_inside == () and dev.zone_left_at == 200.0

    d = _step(dev, o, idx, near, 500.0, open_incident=inc)  # back after 5 minutes
    assert d.domain_events == [] and [e.kind for e in d.events] == ["proximity_reentered"]
    assert d.events[0].data["within_window"] is True and d.events[0].data["minutes_away"] == 5.0


def test_distance_to_her_counts_only_when_her_position_is_fresh():
    o, idx = order(zones=()), ZoneIndex()
    idx.sync(o)
    dev = Device(HIS, "aggressor", order_id=o.id)
    her = Device(HERS, "panic", last_lat=32.6000, last_lon=-115.4000, last_at=1000.0)
    pos = (32.6010, -115.4000)  # ≈ 111 m from her
    assert fresh_victim(o, [her], 1000.0 + 301) is None
    victim = fresh_victim(o, [her], 1000.0 + 60)
    assert victim == VictimFix(HERS, 32.6, -115.4, 1000.0)
    assert inside(idx, o, HIS, *pos, None) == ()
    d = _step(dev, o, idx, pos, 1060.0, victim=victim)
    (inc,) = d.incidents
    assert inc.proximity["breach"] == "distance" and inc.proximity["inside"] == [VICTIM_KEY]
    assert (inc.lat, inc.lon) == (32.6, -115.4) and (inc.live_lat, inc.live_lon) == pos


def test_traccar_geofence_events_count_as_inside_and_outside():
    o, idx = order(), ZoneIndex()
    idx.sync(o)
    outside_school = (32.640, -115.438)
    assert inside(idx, o, HIS, *outside_school, None, ("enter", "7")) == ("school",)
    assert inside(idx, o, HIS, 32.632, -115.438, None, ("exit", "7")) == ()
    assert inside(idx, o, HIS, 32.632, -115.438, None, ("enter", "99")) == ("school",)
