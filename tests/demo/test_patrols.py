"""Patrol movement maths: bearings, steps, driving to a point, wandering a sector."""

from __future__ import annotations

import random

import pytest

from c4console.core.geo import haversine_m
from c4console.demo.patrols import (
    RESPONSE_KMH,
    Area,
    Mode,
    PatrolMotion,
    destination,
    initial_bearing,
    step_toward,
)
from c4console.resources import load_jurisdiction

CENTRE = (32.6245, -115.4523)


def sector_area(sector: str) -> Area:
    return Area([c for c in load_jurisdiction().cuadrantes if c.sector == sector])


@pytest.mark.parametrize("bearing", [0.0, 45.0, 90.0, 180.0, 271.5])
def test_destination_goes_the_distance_along_the_bearing(bearing):
    lat, lon = destination(*CENTRE, bearing, 1234.0)
    assert haversine_m(*CENTRE, lat, lon) == pytest.approx(1234.0, rel=1e-6)
    turn = (initial_bearing(*CENTRE, lat, lon) - bearing + 180.0) % 360.0 - 180.0
    assert turn == pytest.approx(0.0, abs=1e-6)


def test_step_toward_stops_at_the_target():
    target = destination(*CENTRE, 60.0, 500.0)
    lat, lon, arrived = step_toward(*CENTRE, *target, 200.0)
    assert not arrived
    assert haversine_m(*CENTRE, lat, lon) == pytest.approx(200.0, rel=1e-6)
    assert haversine_m(lat, lon, *target) == pytest.approx(300.0, rel=1e-4)
    assert step_toward(lat, lon, *target, 300.5) == (*target, True)


def test_driving_reaches_the_target_at_response_speed():
    motion = PatrolMotion(*CENTRE, sector_area("S2"), random.Random(1))
    target = destination(*CENTRE, 200.0, 3000.0)  # out of its sector: a response goes anywhere
    motion.drive_to(*target)
    ticks = 0
    while not motion.arrived:
        fix = motion.advance(2.0, speedup=10)
        ticks += 1
        assert ticks < 100
    # 3 km at 50 km/h ×10 is 21.6 s of wall time: 11 ticks of 2 s.
    assert ticks == 11
    assert (motion.lat, motion.lon) == target
    assert fix.speed_kmh == RESPONSE_KMH
    assert motion.advance(2.0).speed_kmh == 0.0  # parked on arrival


def test_holding_does_not_move():
    motion = PatrolMotion(*CENTRE, sector_area("S2"), random.Random(1))
    motion.hold()
    fix = motion.advance(60.0, speedup=100)
    assert (fix.lat, fix.lon, fix.speed_kmh) == (*CENTRE, 0.0)


@pytest.mark.parametrize("sector", ["S1", "S2", "S3", "S4", "S5", "S6"])
def test_wandering_stays_inside_the_sector_and_covers_it(sector):
    area = sector_area(sector)
    rng = random.Random(sector)
    motion = PatrolMotion(*area.random_point(rng), area, rng)
    seen = set()
    moved = 0.0
    for _ in range(2000):
        before = (motion.lat, motion.lon)
        fix = motion.advance(2.0, speedup=5)
        assert area.contains(fix.lat, fix.lon), f"left {sector} at {fix}"
        moved += haversine_m(*before, fix.lat, fix.lon)
        seen.add(next(c.cuadrante for c in area.cuadrantes if c.contains(fix.lat, fix.lon)))
    assert motion.mode is Mode.WANDER
    assert moved > 20_000  # it really patrols (2000 ticks at up to 30 km/h ×5)
    assert seen == {c.cuadrante for c in area.cuadrantes}


def test_wandering_after_an_incident_elsewhere_drives_back_into_the_sector():
    area = sector_area("S1")
    outside = (32.59, -115.39)  # in S6
    assert not area.contains(*outside)
    motion = PatrolMotion(*outside, area, random.Random(3))
    for _ in range(200):
        motion.advance(2.0, speedup=10)
        if area.contains(motion.lat, motion.lon):
            break
    assert area.contains(motion.lat, motion.lon)
    for _ in range(300):  # and, once back, it stays
        fix = motion.advance(2.0, speedup=10)
        assert area.contains(fix.lat, fix.lon)


def test_area_needs_a_cuadrante():
    with pytest.raises(ValueError):
        Area([])
